/**
 * The SQL of the data-key rotation (rotation.ts): the sealed columns' rows read and written by
 * primary key. A table's name and its columns come from the list of sealed tables, never from input.
 */
import type { Queryable } from '../../db/types.ts';

/** A sealed table's row as the rotation reads it: its key and its sealed values. */
export type SealedRow = Record<string, string | null> & { district_code: string; id: string };

const due = (columns: readonly string[]) => columns.map((c) => `(${c} IS NOT NULL AND NOT starts_with(${c}, $1))`).join(' OR ');

export async function districtCodes(db: Queryable): Promise<string[]> {
  return (await db.query<{ district_code: string }>('SELECT district_code FROM district ORDER BY district_code')).rows.map((r) => r.district_code);
}

/** Marks the transaction's writes as a re-encryption, not a change to the record (migration 0024). */
export async function markRekey(tx: Queryable): Promise<void> {
  await tx.query(`SELECT set_config('xingfu.rekey', 'on', true)`);
}

/**
 * Up to `size` rows of a table, after the key `after` in primary-key order, with a sealed value
 * not under `prefix` (the current key and cipher), locked for the caller's transaction.
 */
export async function rowsToRotate(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  prefix: string,
  after: readonly [string, string],
  size: number,
): Promise<SealedRow[]> {
  const { rows } = await tx.query<SealedRow>(
    `SELECT district_code, id::text AS id, ${columns.join(', ')} FROM ${table}
      WHERE (district_code, id) > ($2, $3::uuid) AND (${due(columns)})
      ORDER BY district_code, id LIMIT $4 FOR UPDATE`,
    [prefix, after[0], after[1], size],
  );
  return rows;
}

/** Writes new values of the named columns into the rows given by their keys, in one statement; `values` holds one array per name. */
export async function writeSealed(
  tx: Queryable,
  table: string,
  names: readonly string[],
  keys: { districts: string[]; ids: string[] },
  values: (string | null)[][],
): Promise<void> {
  await tx.query(
    `UPDATE ${table} AS t SET ${names.map((n) => `${n} = v.${n}`).join(', ')}
       FROM unnest($1::text[], $2::uuid[], ${names.map((_, i) => `$${i + 3}::text[]`).join(', ')}) AS v(district_code, id, ${names.join(', ')})
      WHERE t.district_code = v.district_code AND t.id = v.id`,
    [keys.districts, keys.ids, ...values],
  );
}

/** How many values of a sealed column are under each form (`v1`, `v2:<cipher>:<key id>`, or null when unrecognised). */
export async function sealedForms(db: Queryable, table: string, column: string): Promise<{ form: string | null; n: number }[]> {
  const { rows } = await db.query<{ form: string | null; n: number }>(
    `SELECT substring(${column} from '^(v1|v2:[a-z0-9]+:[0-9a-f]{8}):') AS form, count(*)::int AS n FROM ${table} WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return rows;
}
