/**
 * The SQL of the programmes' parameters as the office edits them (parameters.ts): who entered
 * each row, the months locked by approved rolls, and setting a row. The engine's own reading of
 * the rows is parameterRows, below. Run inside the caller's transaction.
 */
import { parameterRowsSchema, type ParameterRow } from '../../core/benefits/parameters.ts';
import type { Queryable } from '../../db/types.ts';

/** Who entered each stored row, and when. */
export async function parameterEntries(tx: Queryable) {
  const { rows } = await tx.query<{ programme: string; name: string; effective_from: string; created_by: string; created_at: Date }>(
    'SELECT programme, name, effective_from::text AS effective_from, created_by, created_at FROM programme_parameter',
  );
  return rows;
}

/** The last month of an approved (or exported, or paid) roll in or after the month of `from`, YYYY-MM-DD; null when none. */
export async function lastApprovedPeriodFrom(tx: Queryable, from: string): Promise<string | null> {
  const locked = await tx.query<{ period: string | null }>(
    `SELECT max(period)::text AS period FROM payment_roll WHERE state IN ('approved', 'exported', 'paid') AND period >= date_trunc('month', $1::date)`,
    [from],
  );
  return locked.rows[0]?.period ?? null;
}

/** Sets the row of a programme, name and effective date (a new row, or the one of that date replaced). */
export async function upsertParameter(tx: Queryable, district: string, row: ParameterRow, by: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO programme_parameter (district_code, programme, name, effective_from, value, unit, reference, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)
     ON CONFLICT (district_code, programme, name, effective_from)
     DO UPDATE SET value = EXCLUDED.value, reference = EXCLUDED.reference, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at`,
    [district, row.programme, row.name, row.effectiveFrom, JSON.stringify(row.value), row.unit, row.reference, by, at],
  );
}

/** The parameter rows in force for the district (all dates), as the engine takes them. */
export async function parameterRows(tx: Queryable): Promise<ParameterRow[]> {
  const { rows } = await tx.query<{ programme: string; name: string; value: unknown; unit: string; effective_from: string; reference: string }>(
    'SELECT programme, name, value, unit, effective_from::text AS effective_from, reference FROM programme_parameter ORDER BY programme, name, effective_from',
  );
  return parameterRowsSchema.parse(
    rows.map((r) => ({ programme: r.programme, name: r.name, value: r.value, unit: r.unit, effectiveFrom: r.effective_from, reference: r.reference })),
  );
}
