/**
 * The SQL of enrolments (enrolments.ts): the list with its filters, one enrolment, and an exit.
 * Run inside the caller's transaction, under its row-level security.
 */
import type { BenefitCategory, ProgrammeId } from '../../core/benefits/types.ts';
import type { Queryable } from '../../db/types.ts';
import { Where } from '../../db/where.ts';

export interface EnrolmentRow {
  id: string;
  programme: ProgrammeId;
  person_id: string;
  name: string;
  id_number_masked: string;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  category: BenefitCategory | null;
  start_month: string;
  last_month: string | null;
  exit_reason: string | null;
  bank_name: string;
  bank_account_masked: string;
  approved_on: string;
}

const select = `SELECT e.id, e.programme, e.person_id, p.name, p.id_number_masked, e.township_code, t.name AS township_name, e.village_code,
    v.name AS village_name, e.category, e.start_month::text AS start_month, e.last_month::text AS last_month, e.exit_reason, e.bank_name,
    e.bank_account_masked, e.approved_on::text AS approved_on
  FROM benefit_enrolment e
  JOIN person p ON p.district_code = e.district_code AND p.id = e.person_id
  JOIN township t ON t.district_code = e.district_code AND t.code = e.township_code
  JOIN village v ON v.district_code = e.district_code AND v.code = e.village_code`;

export interface EnrolmentFilter {
  programme?: ProgrammeId | undefined;
  township?: string | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** A page of enrolments by place and name, and how many match. */
export async function enrolmentRows(tx: Queryable, f: EnrolmentFilter): Promise<{ rows: EnrolmentRow[]; total: number }> {
  const where = new Where();
  if (f.programme !== undefined) where.add('e.programme = ?', f.programme);
  if (f.township !== undefined) where.add('e.township_code = ?', f.township);
  if (f.active === true) where.push('e.last_month IS NULL');
  if (f.active === false) where.push('e.last_month IS NOT NULL');
  if (f.q !== undefined && f.q.trim() !== '') where.add("(p.name LIKE ? || '%' OR p.name_initials LIKE lower(?) || '%')", f.q.trim());
  const { clause, args } = where;
  const total = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM benefit_enrolment e JOIN person p ON p.district_code = e.district_code AND p.id = e.person_id ${clause}`,
    args,
  );
  const { rows } = await tx.query<EnrolmentRow>(
    `${select} ${clause} ORDER BY t.sort_order, e.village_code, p.name_pinyin, e.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    args,
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/** One enrolment; undefined when it does not exist or is out of scope. */
export async function enrolmentById(tx: Queryable, id: string): Promise<EnrolmentRow | undefined> {
  const { rows } = await tx.query<EnrolmentRow>(`${select} WHERE e.id = $1`, [id]);
  return rows[0];
}

export async function lockEnrolment(tx: Queryable, id: string): Promise<void> {
  await tx.query('SELECT 1 FROM benefit_enrolment WHERE id = $1 FOR UPDATE', [id]);
}

/** Ends an enrolment after its last paid month (the first day of that month), with the reason. */
export async function exitEnrolmentRow(tx: Queryable, id: string, lastMonthStart: string, reason: string, by: string): Promise<void> {
  await tx.query('UPDATE benefit_enrolment SET last_month = $2, exit_reason = $3, exited_by = $4, exited_at = now() WHERE id = $1', [
    id,
    lastMonthStart,
    reason,
    by,
  ]);
}
