import { grantShapeProblem, roles, type Grant } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { appendAudit } from '../audit/log.ts';
import { findGrants, findPolicy, presentGrant, type GrantRow } from '../auth/queries.ts';
import { assertStrongPassword, hashPassword } from '../auth/passwords.ts';
import type { AuthContext } from '../auth/service.ts';
import * as q from './queries.ts';
import type { GrantInput, ListQuery, UserView } from './schemas.ts';

/** The administrator roles of MLPS level 3 (三权分立): each held alone, never with another role. */
const administratorRoles = new Set(['sysadmin', 'secadmin', 'auditor']);

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
    grants: grants.map(presentGrant),
  };
}

export class UserService {
  constructor(private readonly db: Database) {}

  async list(actor: AuthContext, query: ListQuery): Promise<{ items: UserView[]; total: number }> {
    return withScope(this.db, actor, async (tx) => {
      const { rows, total } = await q.listUsers(tx, query);
      const grants = await findGrants(tx, actor.district, rows.map((r) => r.id));
      return { items: rows.map((r) => present(r, grants.get(r.id) ?? [])), total };
    });
  }

  async create(actor: AuthContext, input: { username: string; displayName: string; password: string; grants: GrantInput[] }): Promise<UserView> {
    const policy = await findPolicy(this.db, actor.district);
    assertStrongPassword(input.password, input.username, policy.min_password_length);
    const passwordHash = await hashPassword(input.password);
    return withScope(this.db, actor, async (tx) => {
      if (await q.usernameExists(tx, actor.district, input.username)) throw new AppError('username_taken');
      const grants = await this.resolveGrants(tx, input.grants);
      const id = await q.insertUser(tx, { district: actor.district, username: input.username, displayName: input.displayName, passwordHash, mustChange: true });
      await q.replaceGrants(tx, actor.district, id, grants);
      const created = await this.load(tx, actor, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.create', id), after: created });
      return created;
    });
  }

  async update(actor: AuthContext, id: string, patch: { displayName?: string | undefined; disabled?: boolean | undefined; grants?: GrantInput[] | undefined }): Promise<UserView> {
    if (id === actor.userId && (patch.disabled === true || patch.grants !== undefined)) {
      throw new AppError(patch.disabled === true ? 'self_lockout' : 'forbidden', {
        ...(patch.grants !== undefined ? { zh: '不能修改自己的角色', en: 'You cannot change your own roles' } : {}),
      });
    }
    return withScope(this.db, actor, async (tx) => {
      const before = await this.load(tx, actor, id);
      await q.updateUser(tx, id, patch);
      if (patch.grants) await q.replaceGrants(tx, actor.district, id, await this.resolveGrants(tx, patch.grants));
      if (patch.disabled === true || patch.grants) await q.endSessions(tx, id);
      const after = await this.load(tx, actor, id);
      await appendAudit(tx, { ...this.audit(actor, 'user.update', id), before, after });
      return after;
    });
  }

  async resetPassword(actor: AuthContext, id: string, password: string): Promise<void> {
    const policy = await findPolicy(this.db, actor.district);
    const target = await withScope(this.db, actor, (tx) => this.load(tx, actor, id));
    assertStrongPassword(password, target.username, policy.min_password_length);
    const hash = await hashPassword(password);
    await withScope(this.db, actor, async (tx) => {
      await q.setPassword(tx, id, hash);
      await q.endSessions(tx, id);
      await appendAudit(tx, this.audit(actor, 'user.reset_password', id));
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

  /** Checks each grant's scope against the organisation and the separation of duties. */
  private async resolveGrants(tx: Queryable, inputs: GrantInput[]): Promise<Grant[]> {
    const grants: Grant[] = [];
    for (const input of inputs) {
      const units = await q.scopeUnits(tx, input);
      const missing =
        (input.township !== undefined && units.township === null) ||
        (input.village !== undefined && units.villageTownship === null) ||
        (input.department !== undefined && units.department === null);
      if (missing) throw invalidGrant(`${input.role}: unknown township, village or department`, `${roles[input.role].label['zh-CN']}：乡镇街、村居或成员单位不存在`);
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
    if (grants.some((g) => administratorRoles.has(g.role)) && grants.length > 1) {
      throw invalidGrant(
        'the system, security and audit administrator roles are each held alone (separation of duties)',
        '系统管理员、安全管理员、审计管理员须三权分立，不能与其他角色兼任',
      );
    }
    return grants;
  }

  private audit(actor: AuthContext, action: string, id: string) {
    return { district: actor.district, actorId: actor.userId, actorUsername: actor.username, action, entityType: 'user', entityId: id, ip: actor.ip };
  }
}

function invalidGrant(en: string, zh: string): AppError {
  return new AppError('invalid_grant', { en: `Invalid role grant: ${en}`, zh: `角色授权不正确：${zh}` });
}
