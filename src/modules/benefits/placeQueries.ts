/** The SQL of places as the benefits module names them (a notice list's place, the townships of a what-if), under the caller's row-level security. */
import type { Queryable } from '../../db/types.ts';

export async function villageWithTownship(tx: Queryable, village: string): Promise<{ name: string; township: string } | undefined> {
  const { rows } = await tx.query<{ name: string; township: string }>(
    'SELECT v.name, t.name AS township FROM village v JOIN township t ON t.district_code = v.district_code AND t.code = v.township_code WHERE v.code = $1',
    [village],
  );
  return rows[0];
}

export async function townshipByCode(tx: Queryable, township: string): Promise<{ name: string } | undefined> {
  const { rows } = await tx.query<{ name: string }>('SELECT name FROM township WHERE code = $1', [township]);
  return rows[0];
}

/** Every township's code and name, in the district's order. */
export async function townshipsInOrder(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ code: string; name: string }>('SELECT code, name FROM township ORDER BY sort_order');
  return new Map(rows.map((t) => [t.code, t.name]));
}
