import type { Grant, RoleCode } from '../../core/auth/roles.ts';
import type { Queryable } from '../../db/types.ts';

export interface UserRow {
  district_code: string;
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  demo: boolean;
}

export interface PolicyRow {
  min_password_length: number;
  password_expiry_days: number;
  lockout_threshold: number;
  lockout_minutes: number;
  idle_timeout_minutes: number;
  require_totp_for_privileged: boolean;
}

export interface SessionRow {
  district_code: string;
  user_id: string;
  csrf_token: string;
  state: 'pending_totp' | 'active';
  last_seen_at: Date;
  idle_timeout_minutes: number;
}

const userColumns = `district_code, id, username, display_name, password_hash, password_changed_at,
  must_change_password, disabled, failed_logins, locked_until, totp_secret, totp_enabled, demo`;

export async function findUsersByUsername(db: Queryable, username: string, district: string | null): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${userColumns} FROM app_user WHERE username = $1 AND ($2::text IS NULL OR district_code = $2) LIMIT 2`,
    [username, district],
  );
  return rows;
}

export async function findUser(db: Queryable, district: string, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${userColumns} FROM app_user WHERE district_code = $1 AND id = $2`, [
    district,
    id,
  ]);
  return rows[0] ?? null;
}

export async function findPolicy(db: Queryable, district: string): Promise<PolicyRow> {
  const { rows } = await db.query<PolicyRow>(
    `SELECT min_password_length, password_expiry_days, lockout_threshold, lockout_minutes, idle_timeout_minutes,
            require_totp_for_privileged
       FROM security_policy WHERE district_code = $1`,
    [district],
  );
  const row = rows[0];
  if (!row) throw new Error(`no security policy for district ${district}`);
  return row;
}

export interface GrantRow {
  role: RoleCode;
  township_code: string | null;
  township_name: string | null;
  village_code: string | null;
  village_name: string | null;
  department_code: string | null;
  department_name: string | null;
}

/** A grant row with its scope's names (the `g` of grantJoins). */
const grantColumns = `g.role, g.township_code, t.name AS township_name, g.village_code, v.name AS village_name,
            g.department_code, d.name AS department_name`;
const grantJoins = `user_grant g
       LEFT JOIN township t ON t.district_code = g.district_code AND t.code = g.township_code
       LEFT JOIN village v ON v.district_code = g.district_code AND v.code = g.village_code
       LEFT JOIN department d ON d.district_code = g.district_code AND d.code = g.department_code`;
const grantOrder = 'g.role, g.township_code, g.village_code, g.department_code';

export async function findGrants(db: Queryable, district: string, userIds: readonly string[]): Promise<Map<string, GrantRow[]>> {
  const { rows } = await db.query<GrantRow & { user_id: string }>(
    `SELECT g.user_id, ${grantColumns}
       FROM ${grantJoins}
      WHERE g.district_code = $1 AND g.user_id = ANY ($2::uuid[])
      ORDER BY ${grantOrder}`,
    [district, [...userIds]],
  );
  const map = new Map<string, GrantRow[]>();
  for (const row of rows) {
    const list = map.get(row.user_id) ?? [];
    list.push(row);
    map.set(row.user_id, list);
  }
  return map;
}

const named = (code: string | null, name: string | null) => (code === null ? null : { code, name: name ?? code });

/** A grant as the web app shows it: each scope with its code and name. */
export function presentGrant(g: GrantRow) {
  return {
    role: g.role,
    township: named(g.township_code, g.township_name),
    village: named(g.village_code, g.village_name),
    department: named(g.department_code, g.department_name),
  };
}

export function toGrant(row: GrantRow): Grant {
  return { role: row.role, township: row.township_code, village: row.village_code, department: row.department_code };
}

export async function recordFailedLogin(db: Queryable, user: UserRow, policy: PolicyRow): Promise<Date | null> {
  const { rows } = await db.query<{ locked_until: Date | null }>(
    `UPDATE app_user
        SET failed_logins = CASE WHEN failed_logins + 1 >= $3 THEN 0 ELSE failed_logins + 1 END,
            locked_until = CASE WHEN failed_logins + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE locked_until END
      WHERE district_code = $1 AND id = $2
      RETURNING locked_until`,
    [user.district_code, user.id, policy.lockout_threshold, policy.lockout_minutes],
  );
  const until = rows[0]?.locked_until ?? null;
  return until !== null && until.getTime() > Date.now() ? until : null;
}

export async function recordSuccessfulLogin(db: Queryable, user: UserRow): Promise<void> {
  await db.query(
    `UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE district_code = $1 AND id = $2`,
    [user.district_code, user.id],
  );
}

export async function insertSession(
  db: Queryable,
  s: { district: string; tokenHash: string; userId: string; csrfToken: string; state: SessionRow['state']; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO session (district_code, token_hash, user_id, csrf_token, state, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.district, s.tokenHash, s.userId, s.csrfToken, s.state, s.ip, s.userAgent],
  );
}

/** What every request needs to know of its session, read in one statement (a request pays one round trip for it). */
export interface SessionContext {
  session: SessionRow;
  /** Null when the user no longer exists. */
  user: UserRow | null;
  grants: GrantRow[];
  policy: PolicyRow;
}

export async function findSessionContext(db: Queryable, district: string, tokenHash: string): Promise<SessionContext | null> {
  type UserJson = Omit<UserRow, 'password_changed_at' | 'locked_until'> & { password_changed_at: string; locked_until: string | null };
  const { rows } = await db.query<SessionRow & PolicyRow & { user: UserJson | null; grants: GrantRow[] }>(
    `SELECT s.district_code, s.user_id, s.csrf_token, s.state, s.last_seen_at,
            p.min_password_length, p.password_expiry_days, p.lockout_threshold, p.lockout_minutes, p.idle_timeout_minutes, p.require_totp_for_privileged,
            (SELECT row_to_json(u) FROM (SELECT ${userColumns} FROM app_user WHERE district_code = s.district_code AND id = s.user_id) u) AS user,
            (SELECT coalesce(json_agg(g ORDER BY ${grantOrder}), '[]') FROM (SELECT ${grantColumns} FROM ${grantJoins}
              WHERE g.district_code = s.district_code AND g.user_id = s.user_id) g) AS grants
       FROM session s JOIN security_policy p ON p.district_code = s.district_code
      WHERE s.district_code = $1 AND s.token_hash = $2`,
    [district, tokenHash],
  );
  const r = rows[0];
  if (r === undefined) return null;
  return {
    session: { district_code: r.district_code, user_id: r.user_id, csrf_token: r.csrf_token, state: r.state, last_seen_at: r.last_seen_at, idle_timeout_minutes: r.idle_timeout_minutes },
    // JSON carries the user's timestamps as text.
    user: r.user === null ? null : { ...r.user, password_changed_at: new Date(r.user.password_changed_at), locked_until: r.user.locked_until === null ? null : new Date(r.user.locked_until) },
    grants: r.grants,
    policy: {
      min_password_length: r.min_password_length, password_expiry_days: r.password_expiry_days, lockout_threshold: r.lockout_threshold,
      lockout_minutes: r.lockout_minutes, idle_timeout_minutes: r.idle_timeout_minutes, require_totp_for_privileged: r.require_totp_for_privileged,
    },
  };
}

export async function touchSession(db: Queryable, district: string, tokenHash: string): Promise<void> {
  await db.query(
    `UPDATE session SET last_seen_at = now()
      WHERE district_code = $1 AND token_hash = $2 AND last_seen_at < now() - interval '15 seconds'`,
    [district, tokenHash],
  );
}

export async function activateSession(db: Queryable, district: string, tokenHash: string): Promise<void> {
  await db.query(`UPDATE session SET state = 'active', last_seen_at = now() WHERE district_code = $1 AND token_hash = $2`, [
    district,
    tokenHash,
  ]);
}

export async function deleteSession(db: Queryable, district: string, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM session WHERE district_code = $1 AND token_hash = $2', [district, tokenHash]);
}

export async function deleteUserSessions(db: Queryable, district: string, userId: string, except: string | null = null): Promise<void> {
  await db.query('DELETE FROM session WHERE district_code = $1 AND user_id = $2 AND token_hash IS DISTINCT FROM $3', [
    district,
    userId,
    except,
  ]);
}

export async function deleteIdleSessions(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM session s USING security_policy p
      WHERE p.district_code = s.district_code AND s.last_seen_at < now() - make_interval(mins => p.idle_timeout_minutes)`,
  );
  return rowCount;
}

export async function updatePassword(db: Queryable, district: string, userId: string, hash: string, mustChange: boolean): Promise<void> {
  await db.query(
    `UPDATE app_user SET password_hash = $3, password_changed_at = now(), must_change_password = $4, updated_at = now()
      WHERE district_code = $1 AND id = $2`,
    [district, userId, hash, mustChange],
  );
}

export async function setTotp(db: Queryable, district: string, userId: string, secret: string | null, enabled: boolean): Promise<void> {
  await db.query(
    'UPDATE app_user SET totp_secret = $3, totp_enabled = $4, updated_at = now() WHERE district_code = $1 AND id = $2',
    [district, userId, secret, enabled],
  );
}
