import type { Counter, Counters, LockoutPolicy } from '../../core/auth/lockout.ts';
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
  created_at: Date;
  last_seen_at: Date;
  idle_timeout_minutes: number;
}

const userColumns = `district_code, id, username, display_name, password_hash, password_changed_at,
  must_change_password, disabled, locked_until, totp_secret, totp_enabled, demo`;

export async function findUsersByUsername(db: Queryable, username: string, district: string | null): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${userColumns} FROM app_user WHERE username = $1 AND ($2::text IS NULL OR district_code = $2) LIMIT 2`, [
    username,
    district,
  ]);
  return rows;
}

export async function findUser(db: Queryable, district: string, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${userColumns} FROM app_user WHERE district_code = $1 AND id = $2`, [district, id]);
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
  /** In effect; false while it awaits the security administrator's confirmation (see core/auth/separation.ts). */
  confirmed: boolean;
}

/** A grant row with its scope's names (the `g` of grantJoins). */
const grantColumns = `g.role, g.township_code, t.name AS township_name, g.village_code, v.name AS village_name,
            g.department_code, d.name AS department_name, g.confirmed_at IS NOT NULL AS confirmed`;
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
    confirmed: g.confirmed,
    township: named(g.township_code, g.township_name),
    village: named(g.village_code, g.village_name),
    department: named(g.department_code, g.department_name),
  };
}

export function toGrant(row: GrantRow): Grant {
  return { role: row.role, township: row.township_code, village: row.village_code, department: row.department_code };
}

/** The counters of one sign-in attempt: the name from anywhere, the name from this address, and the address. */
export interface AttemptKey {
  district: string;
  username: string;
  address: string;
}

/** Where an address is counted: one row for the whole instance, under a code that is no district's. */
export const INSTANCE_DISTRICT = '000000';

/**
 * The district a sign-in is counted and audited in (the account's, else the one named, else the
 * instance's first) and its lockout policy; whether that district exists (a named one may not).
 */
export async function findLockoutPolicy(db: Queryable, district: string | null): Promise<{ district: string; exists: boolean; policy: LockoutPolicy }> {
  const { rows } = await db.query<{ district: string; exists: boolean; threshold: number; minutes: number }>(
    `SELECT k.district_code AS district, d.district_code IS NOT NULL AS exists,
            coalesce(p.lockout_threshold, 5) AS threshold, coalesce(p.lockout_minutes, 15) AS minutes
       FROM (SELECT coalesce($1::text, (SELECT min(district_code) FROM district), $2) AS district_code) k
       LEFT JOIN district d ON d.district_code = k.district_code
       LEFT JOIN security_policy p ON p.district_code = k.district_code`,
    [district, INSTANCE_DISTRICT],
  );
  const r = rows[0];
  if (!r) throw new Error('no lockout policy row');
  return { district: r.district, exists: r.exists, policy: { threshold: r.threshold, minutes: r.minutes } };
}

/** The attempt's three keys as keyParams sends them, in the order every transaction locks them. */
const counterKeys = `(VALUES ($1::text, ''::text, $3::text), ($2::text, $4::text, ''::text), ($2::text, $4::text, $3::text))`;
const keyParams = (k: AttemptKey) => [INSTANCE_DISTRICT, k.district, k.address, k.username];

/**
 * Locks an attempt's three counters until the end of the transaction, creating those missing, and
 * reads them with the database's time. Every transaction locks them in the same order (the
 * address, the name, the name from the address), so concurrent sign-ins wait for each other and
 * never deadlock; the no-op update is what takes the lock and reads the latest committed values.
 */
export async function lockCounters(tx: Queryable, key: AttemptKey): Promise<{ counters: Counters; now: Date }> {
  type Row = { username: string; address: string; claims: number; window_ends: Date; known_until: Date | null; now: Date };
  const { rows } = await tx.query<Row>(
    `INSERT INTO signin_counter AS c (district_code, username, address)
     SELECT * FROM ${counterKeys} k
     ON CONFLICT (district_code, username, address) DO UPDATE SET claims = c.claims
     RETURNING c.username, c.address, c.claims, c.window_ends, c.known_until, now() AS now`,
    keyParams(key),
  );
  const pick = (username: string, address: string): Counter => {
    const r = rows.find((x) => x.username === username && x.address === address);
    if (!r) throw new Error('sign-in counter missing');
    return { claims: r.claims, windowEnds: r.window_ends, knownUntil: r.known_until };
  };
  const now = rows[0]?.now;
  if (!now) throw new Error('sign-in counters missing');
  return { counters: { address: pick('', key.address), account: pick(key.username, ''), pair: pick(key.username, key.address) }, now };
}

/** Writes an attempt's counters (locked by lockCounters in the same transaction). */
export async function saveCounters(tx: Queryable, key: AttemptKey, c: Counters): Promise<void> {
  await tx.query(
    `UPDATE signin_counter c SET claims = v.claims, window_ends = v.window_ends, known_until = v.known_until
       FROM (VALUES ($1::text, ''::text, $3::text, $5::int, $6::timestamptz, $7::timestamptz),
                    ($2, $4, '', $8, $9, $10),
                    ($2, $4, $3, $11, $12, $13)) v (district_code, username, address, claims, window_ends, known_until)
      WHERE (c.district_code, c.username, c.address) = (v.district_code, v.username, v.address)`,
    [...keyParams(key), ...[c.address, c.account, c.pair].flatMap((x) => [x.claims, x.windowEnds, x.knownUntil])],
  );
}

/**
 * Shows the account's administrators its latest lock, from one address or from all (nothing
 * happens for a name without an account). `locked_until` is only written when it changes.
 */
export async function reportLock(tx: Queryable, key: AttemptKey, limits: { account: number; pair: number }): Promise<void> {
  await tx.query(
    `UPDATE app_user u SET locked_until = l.until
       FROM (SELECT max(window_ends) FILTER (WHERE window_ends > now() AND claims >= CASE WHEN address = '' THEN $3::int ELSE $4::int END) AS until
               FROM signin_counter WHERE district_code = $1 AND username = $2) l
      WHERE u.district_code = $1 AND u.username = $2 AND u.locked_until IS DISTINCT FROM l.until`,
    [key.district, key.username, limits.account, limits.pair],
  );
}

/**
 * Forgets counters whose window has ended and whose address is no longer known. Rows a sign-in
 * holds are skipped (the sweep never waits, so it cannot deadlock with one).
 */
export async function deleteStaleCounters(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM signin_counter c USING (
       SELECT district_code, username, address FROM signin_counter
        WHERE window_ends < now() AND (known_until IS NULL OR known_until < now())
        FOR UPDATE SKIP LOCKED) s
      WHERE c.district_code = s.district_code AND c.username = s.username AND c.address = s.address`,
  );
  return rowCount;
}

export async function recordSuccessfulLogin(db: Queryable, user: UserRow): Promise<void> {
  await db.query('UPDATE app_user SET last_login_at = now() WHERE district_code = $1 AND id = $2', [user.district_code, user.id]);
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
  /** The grants in effect (confirmed). */
  grants: GrantRow[];
  policy: PolicyRow;
}

export async function findSessionContext(db: Queryable, district: string, tokenHash: string): Promise<SessionContext | null> {
  type UserJson = Omit<UserRow, 'password_changed_at' | 'locked_until'> & { password_changed_at: string; locked_until: string | null };
  const { rows } = await db.query<SessionRow & PolicyRow & { user: UserJson | null; grants: GrantRow[] }>(
    `SELECT s.district_code, s.user_id, s.csrf_token, s.state, s.created_at, s.last_seen_at,
            p.min_password_length, p.password_expiry_days, p.lockout_threshold, p.lockout_minutes, p.idle_timeout_minutes, p.require_totp_for_privileged,
            (SELECT row_to_json(u) FROM (SELECT ${userColumns} FROM app_user WHERE district_code = s.district_code AND id = s.user_id) u) AS user,
            (SELECT coalesce(json_agg(g ORDER BY ${grantOrder}), '[]') FROM (SELECT ${grantColumns} FROM ${grantJoins}
              WHERE g.district_code = s.district_code AND g.user_id = s.user_id AND g.confirmed_at IS NOT NULL) g) AS grants
       FROM session s JOIN security_policy p ON p.district_code = s.district_code
      WHERE s.district_code = $1 AND s.token_hash = $2`,
    [district, tokenHash],
  );
  const r = rows[0];
  if (r === undefined) return null;
  return {
    session: {
      district_code: r.district_code,
      user_id: r.user_id,
      csrf_token: r.csrf_token,
      state: r.state,
      created_at: r.created_at,
      last_seen_at: r.last_seen_at,
      idle_timeout_minutes: r.idle_timeout_minutes,
    },
    // JSON carries the user's timestamps as text.
    user:
      r.user === null
        ? null
        : {
            ...r.user,
            password_changed_at: new Date(r.user.password_changed_at),
            locked_until: r.user.locked_until === null ? null : new Date(r.user.locked_until),
          },
    grants: r.grants,
    policy: {
      min_password_length: r.min_password_length,
      password_expiry_days: r.password_expiry_days,
      lockout_threshold: r.lockout_threshold,
      lockout_minutes: r.lockout_minutes,
      idle_timeout_minutes: r.idle_timeout_minutes,
      require_totp_for_privileged: r.require_totp_for_privileged,
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
  await db.query(`UPDATE session SET state = 'active', last_seen_at = now() WHERE district_code = $1 AND token_hash = $2`, [district, tokenHash]);
}

export async function deleteSession(db: Queryable, district: string, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM session WHERE district_code = $1 AND token_hash = $2', [district, tokenHash]);
}

export async function deleteUserSessions(db: Queryable, district: string, userId: string, except: string | null = null): Promise<void> {
  await db.query('DELETE FROM session WHERE district_code = $1 AND user_id = $2 AND token_hash IS DISTINCT FROM $3', [district, userId, except]);
}

/** Deletes the sessions past their idle timeout or their absolute lifetime. */
export async function deleteIdleSessions(db: Queryable, lifetimeHours: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM session s USING security_policy p
      WHERE p.district_code = s.district_code
        AND (s.last_seen_at < now() - make_interval(mins => p.idle_timeout_minutes) OR s.created_at < now() - make_interval(hours => $1))`,
    [lifetimeHours],
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
  await db.query('UPDATE app_user SET totp_secret = $3, totp_enabled = $4, updated_at = now() WHERE district_code = $1 AND id = $2', [
    district,
    userId,
    secret,
    enabled,
  ]);
}

/** The name of a district; null when there is no such district. */
export async function districtName(db: Queryable, district: string): Promise<string | null> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM district WHERE district_code = $1', [district]);
  return rows[0]?.name ?? null;
}
