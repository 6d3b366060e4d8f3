import type { Grant } from '../../core/auth/roles.ts';
import type { Queryable } from '../../db/types.ts';
import type { ListQuery } from './schemas.ts';

export interface UserListRow {
  id: string;
  username: string;
  display_name: string;
  disabled: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  totp_enabled: boolean;
  must_change_password: boolean;
}

const sortColumns: Record<ListQuery['sort'], string> = {
  username: 'username',
  displayName: 'display_name',
  lastLoginAt: 'last_login_at',
  createdAt: 'created_at',
};

const columns = 'id, username, display_name, disabled, locked_until, last_login_at, created_at, totp_enabled, must_change_password';

export async function listUsers(tx: Queryable, query: ListQuery): Promise<{ rows: UserListRow[]; total: number }> {
  const where = `($1::text IS NULL OR username ILIKE '%' || $1 || '%' OR display_name ILIKE '%' || $1 || '%')
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM user_grant g WHERE g.district_code = u.district_code AND g.user_id = u.id AND g.role = $2))
    AND ($3::text IS NULL
      OR ($3 = 'disabled' AND disabled)
      OR ($3 = 'locked' AND NOT disabled AND locked_until > now())
      OR ($3 = 'active' AND NOT disabled AND (locked_until IS NULL OR locked_until <= now())))`;
  const q = query.q?.replace(/[%_\\]/g, (c) => `\\${c}`) ?? null;
  const params = [q, query.role ?? null, query.status ?? null];
  const order = `${sortColumns[query.sort]} ${query.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, username`;
  const { rows } = await tx.query<UserListRow>(`SELECT ${columns} FROM app_user u WHERE ${where} ORDER BY ${order} LIMIT $4 OFFSET $5`, [
    ...params,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  ]);
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user u WHERE ${where}`, params);
  return { rows, total: total.rows[0]?.n ?? 0 };
}

export async function getUser(tx: Queryable, id: string): Promise<UserListRow | null> {
  return (await tx.query<UserListRow>(`SELECT ${columns} FROM app_user WHERE id = $1`, [id])).rows[0] ?? null;
}

export async function insertUser(
  tx: Queryable,
  u: { district: string; username: string; displayName: string; passwordHash: string; mustChange: boolean; demo?: boolean },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO app_user (district_code, username, display_name, password_hash, must_change_password, demo)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.district, u.username, u.displayName, u.passwordHash, u.mustChange, u.demo ?? false],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('insert returned no id');
  return id;
}

export async function usernameExists(tx: Queryable, district: string, username: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM app_user WHERE district_code = $1 AND username = $2', [district, username]);
  return rows.length > 0;
}

/**
 * Replaces the account's grants, in effect at once when confirmed, else awaiting confirmation
 * (the database refuses a confirmed grant on an account with a temporary password).
 */
export async function replaceGrants(tx: Queryable, district: string, userId: string, grants: readonly Grant[], o: { confirmed: boolean }): Promise<void> {
  await tx.query('DELETE FROM user_grant WHERE district_code = $1 AND user_id = $2', [district, userId]);
  for (const g of grants) {
    await tx.query(
      `INSERT INTO user_grant (district_code, user_id, role, township_code, village_code, department_code, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::boolean THEN now() END)`,
      [district, userId, g.role, g.township, g.village, g.department, o.confirmed],
    );
  }
}

/** Puts the account's grants awaiting confirmation in effect; how many. */
export async function confirmGrants(tx: Queryable, district: string, userId: string): Promise<number> {
  const { rowCount } = await tx.query('UPDATE user_grant SET confirmed_at = now() WHERE district_code = $1 AND user_id = $2 AND confirmed_at IS NULL', [
    district,
    userId,
  ]);
  return rowCount;
}

export async function updateUser(tx: Queryable, id: string, patch: { displayName?: string | undefined; disabled?: boolean | undefined }): Promise<void> {
  await tx.query(
    `UPDATE app_user SET display_name = coalesce($2, display_name), disabled = coalesce($3, disabled), updated_at = now()
      WHERE id = $1`,
    [id, patch.displayName ?? null, patch.disabled ?? null],
  );
}

/**
 * Sets a temporary password, to be changed at the next sign-in. The database then suspends the
 * account's grants until the security administrator confirms them again (migration 0023).
 */
export async function setPassword(tx: Queryable, id: string, hash: string): Promise<void> {
  await clearSignInCounts(tx, id);
  await tx.query(
    `UPDATE app_user SET password_hash = $2, password_changed_at = now(), must_change_password = true,
            locked_until = NULL, updated_at = now() WHERE id = $1`,
    [id, hash],
  );
}

export async function unlock(tx: Queryable, id: string): Promise<void> {
  await clearSignInCounts(tx, id);
  await tx.query('UPDATE app_user SET locked_until = NULL, updated_at = now() WHERE id = $1', [id]);
}

/**
 * The sign-in counts that lock the account are not visible to the application role; they are
 * cleared through a definer function (before the account's row, in the order sign-ins lock them).
 */
async function clearSignInCounts(tx: Queryable, id: string): Promise<void> {
  await tx.query('SELECT xingfu_signin_unlock($1::uuid)', [id]);
}

export async function endSessions(tx: Queryable, id: string): Promise<void> {
  // Sessions are not visible to the application role; this runs through a definer function.
  await tx.query('SELECT xingfu_end_sessions($1::uuid)', [id]);
}

export async function scopeUnits(
  tx: Queryable,
  g: { township?: string | undefined; village?: string | undefined; department?: string | undefined },
): Promise<{ township: string | null; villageTownship: string | null; department: string | null }> {
  const { rows } = await tx.query<{ township: string | null; village_township: string | null; department: string | null }>(
    `SELECT (SELECT code FROM township WHERE code = $1) AS township,
            (SELECT township_code FROM village WHERE code = $2) AS village_township,
            (SELECT code FROM department WHERE code = $3) AS department`,
    [g.township ?? null, g.village ?? null, g.department ?? null],
  );
  const row = rows[0];
  return { township: row?.township ?? null, villageTownship: row?.village_township ?? null, department: row?.department ?? null };
}

/** The display names of some usernames (those of accounts that still exist). */
export async function displayNameRows(tx: Queryable, usernames: readonly string[]): Promise<{ username: string; display_name: string }[]> {
  const { rows } = await tx.query<{ username: string; display_name: string }>('SELECT username, display_name FROM xingfu_display_names($1)', [usernames]);
  return rows;
}

/** Each district's first active office account (by creation), or only that of the district given. */
export async function firstOfficeAccounts(db: Queryable, district: string | null): Promise<{ username: string; district_code: string }[]> {
  const { rows } = await db.query<{ username: string; district_code: string }>(
    `SELECT DISTINCT ON (u.district_code) u.username, u.district_code FROM app_user u
       JOIN user_grant g ON g.district_code = u.district_code AND g.user_id = u.id AND g.role = 'office'
      WHERE NOT u.disabled AND ($1::text IS NULL OR u.district_code = $1)
      ORDER BY u.district_code, u.created_at, u.username`,
    [district],
  );
  return rows;
}
