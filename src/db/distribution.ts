import type { Queryable } from './types.ts';

/** Tables that hold no district data: the migration ledger only. */
const instanceTables = new Set(['schema_migrations']);

/**
 * The rule a distributed PostgreSQL (Citus) needs to shard every table by district and co-locate
 * them: each table holds district_code, has a primary key, and every primary key, unique
 * constraint, unique index and foreign key (on both sides) includes district_code.
 * Returns one line per violation; none means the schema shards without change.
 */
export async function distributionViolations(db: Queryable): Promise<string[]> {
  const violations: string[] = [];
  const tables = (
    await db.query<{ table: string; has_district: boolean; has_pk: boolean }>(
      `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'district_code' AND NOT a.attisdropped) AS has_district,
            EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS has_pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
    )
  ).rows.filter((t) => !instanceTables.has(t.table));
  for (const t of tables) {
    if (!t.has_district) violations.push(`${t.table}: no district_code column`);
    if (!t.has_pk) violations.push(`${t.table}: no primary key`);
  }
  const constraints = (
    await db.query<{ table: string; name: string; type: string; columns: string[]; ref_columns: string[] | null }>(
      `SELECT cl.relname AS table, co.conname AS name, co.contype AS type,
            array(SELECT a.attname::text FROM unnest(co.conkey) k JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k) AS columns,
            CASE WHEN co.confrelid = 0 THEN NULL ELSE
              array(SELECT a.attname::text FROM unnest(co.confkey) k JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k) END AS ref_columns
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = current_schema() AND co.contype IN ('p', 'u', 'f')`,
    )
  ).rows.filter((c) => !instanceTables.has(c.table));
  for (const c of constraints) {
    if (!c.columns.includes('district_code')) violations.push(`${c.table}.${c.name}: key without district_code`);
    if (c.type === 'f' && !(c.ref_columns ?? []).includes('district_code')) {
      violations.push(`${c.table}.${c.name}: foreign key does not reference district_code`);
    }
  }
  const indexes = (
    await db.query<{ index: string; table: string; columns: string[] }>(
      `SELECT i.relname AS index, t.relname AS table,
            array(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) k JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k) AS columns
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND ix.indisunique`,
    )
  ).rows.filter((r) => !instanceTables.has(r.table));
  for (const ix of indexes) {
    if (!ix.columns.includes('district_code')) violations.push(`${ix.table}.${ix.index}: unique index without district_code`);
  }
  return violations;
}
