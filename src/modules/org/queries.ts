import type { Queryable } from '../../db/types.ts';

export interface TownshipRow {
  code: string;
  name: string;
  kind: 'subdistrict' | 'town' | 'township';
}
export interface VillageRow {
  code: string;
  township_code: string;
  name: string;
  kind: 'village' | 'community';
}

// Every query here runs under row-level security: rows outside the caller's reach do not exist.

export async function visibleTownships(tx: Queryable): Promise<TownshipRow[]> {
  return (await tx.query<TownshipRow>('SELECT code, name, kind FROM township ORDER BY sort_order, code')).rows;
}

export async function visibleVillages(tx: Queryable, townshipCode: string | null = null): Promise<VillageRow[]> {
  const { rows } = await tx.query<VillageRow>(
    'SELECT code, township_code, name, kind FROM village WHERE $1::text IS NULL OR township_code = $1 ORDER BY code',
    [townshipCode],
  );
  return rows;
}

export async function visibleTownship(tx: Queryable, code: string): Promise<TownshipRow | null> {
  return (await tx.query<TownshipRow>('SELECT code, name, kind FROM township WHERE code = $1', [code])).rows[0] ?? null;
}

export async function districtName(tx: Queryable): Promise<{ code: string; name: string } | null> {
  const { rows } = await tx.query<{ code: string; name: string }>('SELECT district_code AS code, name FROM district');
  return rows[0] ?? null;
}

export async function countUsersInTownship(tx: Queryable, code: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(DISTINCT user_id)::int AS n FROM user_grant
      WHERE township_code = $1 OR left(village_code, 9) = $1`,
    [code],
  );
  return rows[0]?.n ?? 0;
}

export interface DepartmentRow {
  code: string;
  name: string;
  short_name: string;
  active_from: string;
  active_to: string | null;
  liaison_count: number;
}

export async function visibleDepartments(tx: Queryable): Promise<DepartmentRow[]> {
  const { rows } = await tx.query<DepartmentRow>(
    `SELECT d.code, d.name, d.short_name, d.active_from::text, d.active_to::text,
            (SELECT count(*)::int FROM user_grant g WHERE g.department_code = d.code AND g.role = 'liaison') AS liaison_count
       FROM department d ORDER BY d.sort_order, d.code`,
  );
  return rows;
}

/** Every district's code, in order (the owner's connection sees them all). */
export async function districtCodes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ district_code: string }>('SELECT district_code FROM district ORDER BY district_code');
  return rows.map((r) => r.district_code);
}

/** The district a township belongs to; undefined for an unknown township. */
export async function districtOfTownship(db: Queryable, township: string): Promise<string | undefined> {
  const { rows } = await db.query<{ district_code: string }>('SELECT district_code FROM township WHERE code = $1', [township]);
  return rows[0]?.district_code;
}

/** The township of a district's village; undefined for an unknown village. */
export async function townshipOfVillage(tx: Queryable, district: string, village: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ township_code: string }>('SELECT township_code FROM village WHERE district_code = $1 AND code = $2', [district, village]);
  return rows[0]?.township_code;
}
