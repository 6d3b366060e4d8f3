import { grantShapeProblem, roles, type Grant } from '../../core/auth/roles.ts';
import { confirmProblem, grantChangeProblem, type SeparationProblem } from '../../core/auth/separation.ts';
import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { appendAudit } from '../audit/log.ts';
import { findGrants, findPolicy, presentGrant, type GrantRow } from '../auth/queries.ts';
import { assertStrongPassword, hashPassword } from '../auth/passwords.ts';
import type { AuthContext } from '../auth/service.ts';
import * as q from './queries.ts';
import type { GrantInput, ListQuery, UserView } from './schemas.ts';

function present(row: q.UserListRow, grants: GrantRow[]): UserView {
  const locked = row.locked_until !== null && row.locked_until.getTime() > Date.now();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    status: row.disabled ? 'disabled' : locked ? 'locked' : 'active',
    lockedUntil: locked && row.locked_until ? row.locked_until.toISOString() : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    totpEnabled: row.totp_enabled,
    temporaryPassword: row.must_change_password,
    grants: grants.map(presentGrant),
  };
}

/**
 * Accounts and their grants, under the separation of the three administrators' duties
 * (core/auth/separation.ts): the system administrator (user.manage) creates, renames, disables and
 * unlocks accounts and sets temporary passwords; the security administrator (user.grant) grants,
 * withdraws and confirms roles. The routes check the permission, the database's row-level security
 * checks it again, and every change is audit-logged.
 */
export class UserService {
  constructor(private readonly db: Database) {}

  async list(actor: AuthContext, query: ListQuery): Promise<{ items: UserView[]; total: number }> {
    return withScope(this.db, actor, async (tx) => {
      const { rows, total } = await q.listUsers(tx, query);
      const grants = await findGrants(
        tx,
        actor.district,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => present(r, grants.get(r.id) ?? [])), total };
    });
  }

  /** A new account has a temporary password and no role: nothing it can reach until granted and confirmed. */
  async create(actor: AuthContext, input: { username: string; displayName: string; password: string }): Promise<UserView> {
    const policy = await findPolicy(this.db, actor.district);
    assertStrongPassword(input.password, input.username, policy.min_password_length);
    const passwordHash = await hashPassword(input.password);
    return withScope(this.db, actor, async (tx) => {
      if (await q.usernameExists(tx, actor.district, input.username)) throw new AppError('username_taken');
      const id = await q.insertUser(tx, { district: actor.district, username: input.username, displayName: input.displayName, passwordHash, mustChange: true });
      const created = await this.load(tx, actor, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.create', id), after: created });
      return created;
    });
  }

  async update(actor: AuthContext, id: string, patch: { displayName?: string | undefined; disabled?: boolean | undefined }): Promise<UserView> {
    if (id === actor.userId && patch.disabled === true) throw new AppError('self_lockout');
    return withScope(this.db, actor, async (tx) => {
      const before = await this.load(tx, actor, id);
      await q.updateUser(tx, id, patch);
      if (patch.disabled === true) await q.endSessions(tx, id);
      const after = await this.load(tx, actor, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.update', id), before, after });
      return after;
    });
  }

  /**
   * The security administrator's grants of an account, replacing those it holds. They are in
   * effect at once when the account has its holder's own password; while it still has a
   * temporary one they await confirmation (confirmGrants, once the holder has changed it).
   */
  async setGrants(actor: AuthContext, id: string, inputs: GrantInput[]): Promise<UserView> {
    return withScope(this.db, actor, async (tx) => {
      const before = await this.load(tx, actor, id);
      const grants = await this.resolveGrants(tx, inputs);
      refuse(grantChangeProblem({ actorId: actor.userId, accountId: id, current: before.grants.map((g) => g.role), next: grants.map((g) => g.role) }));
      await q.replaceGrants(tx, actor.district, id, grants, { confirmed: !before.temporaryPassword });
      await q.endSessions(tx, id);
      const after = await this.load(tx, actor, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.grant', id), before: { grants: before.grants }, after: { grants: after.grants } });
      return after;
    });
  }

  /** Puts the grants awaiting confirmation (after a temporary password) in effect again. */
  async confirmGrants(actor: AuthContext, id: string): Promise<UserView> {
    return withScope(this.db, actor, async (tx) => {
      const before = await this.load(tx, actor, id);
      refuse(
        confirmProblem({
          actorId: actor.userId,
          accountId: id,
          temporaryPassword: before.temporaryPassword,
          pendingGrants: before.grants.filter((g) => !g.confirmed).length,
        }),
      );
      await q.confirmGrants(tx, actor.district, id);
      const after = await this.load(tx, actor, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.grants_confirm', id), after: { grants: after.grants } });
      return after;
    });
  }

  async resetPassword(actor: AuthContext, id: string, password: string): Promise<void> {
    if (id === actor.userId) {
      throw new AppError('forbidden', { zh: '请在“我的账户”中修改自己的密码', en: 'Change your own password under My account' });
    }
    const policy = await findPolicy(this.db, actor.district);
    const target = await withScope(this.db, actor, (tx) => this.load(tx, actor, id));
    assertStrongPassword(password, target.username, policy.min_password_length);
    const hash = await hashPassword(password);
    await withScope(this.db, actor, async (tx) => {
      // A temporary password suspends the account's grants (the database does it, whoever sets
      // one): whoever knows it reaches nothing until the holder has replaced it and the security
      // administrator has confirmed the grants again.
      await q.setPassword(tx, id, hash);
      await q.endSessions(tx, id);
      const suspended = target.grants.filter((g) => g.confirmed).length;
      await appendAudit(tx, { ...this.audit(actor, 'user.reset_password', id), detail: { grantsSuspended: suspended } });
    });
  }

  async unlock(actor: AuthContext, id: string): Promise<void> {
    await withScope(this.db, actor, async (tx) => {
      const before = await this.load(tx, actor, id);
      await q.unlock(tx, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.unlock', id), before: { status: before.status } });
    });
  }

  private async load(tx: Queryable, actor: AuthContext, id: string): Promise<UserView> {
    const row = await q.getUser(tx, id);
    if (!row) throw new AppError('not_found');
    const grants = await findGrants(tx, actor.district, [id]);
    return present(row, grants.get(id) ?? []);
  }

  /** Checks each grant's scope against the organisation. */
  private async resolveGrants(tx: Queryable, inputs: GrantInput[]): Promise<Grant[]> {
    const grants: Grant[] = [];
    for (const input of inputs) {
      const units = await q.scopeUnits(tx, input);
      const missing =
        (input.township !== undefined && units.township === null) ||
        (input.village !== undefined && units.villageTownship === null) ||
        (input.department !== undefined && units.department === null);
      if (missing)
        throw invalidGrant(`${input.role}: unknown township, village or department`, `${roles[input.role].label['zh-CN']}：乡镇街、村居或成员单位不存在`);
      const grant: Grant = {
        role: input.role,
        township: input.village !== undefined ? units.villageTownship : (input.township ?? null),
        village: input.village ?? null,
        department: input.department ?? null,
      };
      if (input.village !== undefined && input.township !== undefined && input.township !== units.villageTownship) {
        throw invalidGrant('the village is not in that township', '该村居不属于所选乡镇街');
      }
      const problem = grantShapeProblem(grant);
      if (problem) throw invalidGrant(problem, `${roles[input.role].label['zh-CN']}的授权范围不正确`);
      grants.push(grant);
    }
    return grants;
  }

  private audit(actor: AuthContext, action: string, id: string) {
    return { district: actor.district, actorId: actor.userId, actorUsername: actor.username, action, entityType: 'user', entityId: id, ip: actor.ip };
  }
}

function refuse(problem: SeparationProblem | null): void {
  if (problem === null) return;
  if (problem.code === 'invalid_grant' && problem.en !== undefined && problem.zh !== undefined) throw invalidGrant(problem.en, problem.zh);
  throw new AppError(problem.code, { ...(problem.en !== undefined ? { en: problem.en } : {}), ...(problem.zh !== undefined ? { zh: problem.zh } : {}) });
}

function invalidGrant(en: string, zh: string): AppError {
  return new AppError('invalid_grant', { en: `Invalid role grant: ${en}`, zh: `角色授权不正确：${zh}` });
}
