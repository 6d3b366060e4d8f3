import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotpCode } from 'otplib';
import QRCode from 'qrcode';
import { addressKey } from '../../core/auth/lockout.ts';
import { isPrivileged, permissionsOf, reachOf, type Grant, type Permission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { appendAudit } from '../audit/log.ts';
import * as attempts from './attempts.ts';
import { assertStrongPassword, hashPassword, prepareDecoy, verifyDecoy, verifyPassword } from './passwords.ts';
import * as q from './queries.ts';
import type { SessionView } from './schemas.ts';

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The signed-in user as the rest of the server sees it. */
export interface AuthContext extends Actor {
  tokenHash: string;
  csrfToken: string;
  pendingTotp: boolean;
  displayName: string;
  mustChangePassword: boolean;
  mustEnrolTotp: boolean;
  totpEnabled: boolean;
  idleTimeoutMinutes: number;
  permissions: Permission[];
}

/** How often a session's last-seen time is written while it is in use (touchSession's own interval). */
const TOUCH_EVERY_MS = 15_000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The cookie value names the district, so the session is found on the district's shard. */
export function parseSessionCookie(value: string | undefined): { district: string; tokenHash: string } | null {
  const match = /^(\d{6})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  return match?.[1] && match[2] ? { district: match[1], tokenHash: hashToken(match[2]) } : null;
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface LoginOutcome {
  cookie: string;
  totpRequired: boolean;
  csrfToken: string;
}

export interface AuthOptions {
  /** Absolute session lifetime: a session ends this long after sign-in, however active. */
  sessionLifetimeHours: number;
}

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly secrets: Secrets,
    private readonly options: AuthOptions,
  ) {
    void prepareDecoy();
  }

  /**
   * Signs in with a password. Each check is first claimed under the lockout rules (attempts.ts),
   * so no more checks run than the limits allow, however many requests arrive at once. A name
   * without an account, a wrong password and a disabled account go through the same statements
   * and the same Argon2id work and get the same answers, locks included: only an active account
   * with its right password is told apart.
   */
  async login(input: { username: string; password: string; district?: string | undefined }, req: RequestInfo): Promise<LoginOutcome> {
    const username = input.username.trim().toLowerCase();
    const candidates = await q.findUsersByUsername(this.db, username, input.district ?? null);
    if (candidates.length > 1) throw new AppError('district_required');
    const user = candidates[0] ?? null;
    const attempt = await attempts.claim(this.db, {
      district: user?.district_code ?? input.district ?? null,
      username,
      address: addressKey(req.ip),
    });
    const audit = (action: string, result: 'success' | 'failure', detail?: unknown) => async (tx: Queryable) => {
      if (!attempt.auditable) return;
      await appendAudit(tx, {
        district: attempt.key.district,
        actorId: user?.id ?? null,
        actorUsername: user?.username ?? username,
        action,
        entityType: 'user',
        entityId: user?.id ?? null,
        result,
        ip: req.ip,
        detail,
      });
    };

    const { claim } = attempt;
    if (!claim.granted) {
      await this.db.transaction(audit('auth.login_failed', 'failure', { reason: claim.block.by === 'address' ? 'address_limit' : 'locked' }));
      throw attempts.blockedError(claim.block);
    }
    const right = user ? await verifyPassword(user.password_hash, input.password) : await verifyDecoy(input.password);
    if (!user || !right || user.disabled) {
      const reason = !user ? 'unknown_user' : !right ? 'password' : 'disabled';
      await this.db.transaction(audit('auth.login_failed', 'failure', { reason, locked: claim.next?.by === 'account' }));
      throw claim.next?.by === 'account' ? attempts.blockedError(claim.next) : new AppError('invalid_credentials');
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const totpRequired = user.totp_enabled;
    await this.db.transaction(async (tx) => {
      // With a second factor to come, the sign-in is not complete: the code's guesses stay counted.
      await attempts.giveBack(tx, attempt, !totpRequired);
      await q.recordSuccessfulLogin(tx, user);
      await q.insertSession(tx, {
        district: user.district_code,
        tokenHash: hashToken(token),
        userId: user.id,
        csrfToken,
        state: totpRequired ? 'pending_totp' : 'active',
        ip: req.ip,
        userAgent: req.userAgent,
      });
      await audit(totpRequired ? 'auth.password_ok' : 'auth.login', 'success')(tx);
    });
    return { cookie: `${user.district_code}.${token}`, totpRequired, csrfToken };
  }

  /** Second step of a sign-in with a second factor; its guesses are claimed like passwords. */
  async verifyTotp(ctx: AuthContext, code: string): Promise<void> {
    if (!ctx.pendingTotp) throw new AppError('totp_not_pending');
    const attempt = await attempts.claim(this.db, { district: ctx.district, username: ctx.username, address: addressKey(ctx.ip) });
    const { claim } = attempt;
    if (!claim.granted) {
      // A locked sign-in starts again from the password, once the lock has run out.
      await this.db.transaction(async (tx) => {
        await q.deleteSession(tx, ctx.district, ctx.tokenHash);
        await appendAudit(tx, this.auditOf(ctx, 'auth.totp_failed', 'failure', { reason: 'locked' }));
      });
      throw attempts.blockedError(claim.block);
    }
    const user = await q.findUser(this.db, ctx.district, ctx.userId);
    const ok = user?.totp_secret != null && (await this.checkCode(user.totp_secret, code));
    if (!ok) {
      await this.db.transaction(async (tx) => appendAudit(tx, this.auditOf(ctx, 'auth.totp_failed', 'failure')));
      throw new AppError('totp_invalid');
    }
    await this.db.transaction(async (tx) => {
      await attempts.giveBack(tx, attempt, true);
      await q.activateSession(tx, ctx.district, ctx.tokenHash);
      await appendAudit(tx, this.auditOf(ctx, 'auth.login', 'success', { secondFactor: 'totp' }));
    });
  }

  async logout(ctx: AuthContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      await q.deleteSession(tx, ctx.district, ctx.tokenHash);
      await appendAudit(tx, this.auditOf(ctx, 'auth.logout', 'success'));
    });
  }

  /**
   * Finds the session of a cookie; a session idle past the policy's timeout, or older than the
   * absolute lifetime however active, is ended and reported as expired.
   */
  async resolve(cookie: string | undefined): Promise<AuthContext | 'expired' | null> {
    const parsed = parseSessionCookie(cookie);
    if (!parsed) return null;
    // Every request resolves its session: the session, its user, their grants and the district's
    // policy come in one statement.
    const context = await q.findSessionContext(this.db, parsed.district, parsed.tokenHash);
    if (!context) return null;
    const { session, user, policy } = context;
    const idleMs = session.idle_timeout_minutes * 60_000;
    const idle = Date.now() - session.last_seen_at.getTime();
    const age = Date.now() - session.created_at.getTime();
    if (!user || user.disabled || idle > idleMs || age > this.options.sessionLifetimeHours * 3_600_000) {
      await q.deleteSession(this.db, parsed.district, parsed.tokenHash);
      return 'expired';
    }
    // The last-seen time moves at most every TOUCH_EVERY_MS (touchSession checks it again on the server).
    if (idle > TOUCH_EVERY_MS) await q.touchSession(this.db, parsed.district, parsed.tokenHash);
    const grants: Grant[] = context.grants.map(q.toGrant);
    const expired = policy.password_expiry_days > 0 && Date.now() - user.password_changed_at.getTime() > policy.password_expiry_days * 86_400_000;
    return {
      district: user.district_code,
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      grants,
      reach: reachOf(grants),
      permissions: permissionsOf(grants),
      ip: null,
      tokenHash: parsed.tokenHash,
      csrfToken: session.csrf_token,
      pendingTotp: session.state === 'pending_totp',
      mustChangePassword: user.must_change_password || expired,
      mustEnrolTotp: policy.require_totp_for_privileged && isPrivileged(grants) && !user.totp_enabled && !user.demo,
      totpEnabled: user.totp_enabled,
      idleTimeoutMinutes: policy.idle_timeout_minutes,
    };
  }

  async changePassword(ctx: AuthContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await q.findUser(this.db, ctx.district, ctx.userId);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError('wrong_password');
    }
    const policy = await q.findPolicy(this.db, ctx.district);
    assertStrongPassword(newPassword, user.username, policy.min_password_length);
    if (await verifyPassword(user.password_hash, newPassword)) {
      throw new AppError('weak_password', { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
    }
    const hash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await q.updatePassword(tx, ctx.district, ctx.userId, hash, false);
      await q.deleteUserSessions(tx, ctx.district, ctx.userId, ctx.tokenHash);
      await appendAudit(tx, this.auditOf(ctx, 'auth.password_change', 'success'));
    });
  }

  async setupTotp(ctx: AuthContext): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    if (ctx.totpEnabled) {
      throw new AppError('totp_not_pending', { zh: '已绑定动态验证码', en: 'A second factor is already enrolled' });
    }
    const secret = generateSecret();
    const otpauthUrl = generateURI({ issuer: 'Xingfu 幸福', label: `${ctx.username}@${ctx.district}`, secret });
    await q.setTotp(this.db, ctx.district, ctx.userId, this.secrets.encrypt(secret), false);
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 200 }) };
  }

  async enableTotp(ctx: AuthContext, code: string): Promise<void> {
    const user = await q.findUser(this.db, ctx.district, ctx.userId);
    if (!user?.totp_secret) throw new AppError('totp_not_set_up');
    if (user.totp_enabled) throw new AppError('totp_not_pending');
    if (!(await this.checkCode(user.totp_secret, code))) throw new AppError('totp_code_wrong');
    await this.db.transaction(async (tx) => {
      await q.setTotp(tx, ctx.district, ctx.userId, user.totp_secret, true);
      await appendAudit(tx, this.auditOf(ctx, 'auth.totp_enable', 'success'));
    });
  }

  private async checkCode(sealedSecret: string, code: string): Promise<boolean> {
    const secret = this.secrets.decrypt(sealedSecret);
    const result = await verifyTotpCode({ secret, token: code, epochTolerance: 30 });
    return result.valid;
  }

  private auditOf(ctx: AuthContext, action: string, result: 'success' | 'failure', detail?: unknown) {
    return {
      district: ctx.district,
      actorId: ctx.userId,
      actorUsername: ctx.username,
      action,
      entityType: 'user',
      entityId: ctx.userId,
      result,
      ip: ctx.ip,
      detail,
    };
  }
}

/**
 * The session as the web app sees it: names resolved, nothing secret; the grants in effect, and
 * whether others await the security administrator's confirmation.
 */
export async function presentSession(db: Database, ctx: AuthContext): Promise<SessionView> {
  const districtName = await q.districtName(db, ctx.district);
  const grants = (await q.findGrants(db, ctx.district, [ctx.userId])).get(ctx.userId) ?? [];
  return {
    user: {
      id: ctx.userId,
      username: ctx.username,
      displayName: ctx.displayName,
      district: { code: ctx.district, name: districtName ?? ctx.district },
      totpEnabled: ctx.totpEnabled,
      mustChangePassword: ctx.mustChangePassword,
      mustEnrolTotp: ctx.mustEnrolTotp,
      grantsPending: grants.some((g) => !g.confirmed),
    },
    grants: grants.filter((g) => g.confirmed).map(q.presentGrant),
    permissions: ctx.permissions,
    csrfToken: ctx.csrfToken,
    idleTimeoutMinutes: ctx.idleTimeoutMinutes,
  };
}
