/**
 * Enrolments (享受对象): who a programme pays from which month, and exits with their reason and
 * last paid month. An exit never deletes: the enrolment keeps its history and later rolls stop
 * paying (or recover what was paid past the last month, as an adjustment).
 */
import { programmeName } from '../../core/benefits/catalog.ts';
import type { BenefitCategory, ProgrammeId } from '../../core/benefits/types.ts';
import { AppError } from '../../core/errors.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable, SqlParam } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { addMonths, monthOf, monthStart } from '../../core/calendar.ts';

interface EnrolmentRow {
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

const present = (e: EnrolmentRow) => ({
  id: e.id, programme: e.programme, programmeName: programmeName(e.programme), personId: e.person_id, personName: e.name, idNumberMasked: e.id_number_masked,
  township: e.township_code, townshipName: e.township_name, village: e.village_code, villageName: e.village_name, category: e.category,
  startMonth: monthOf(e.start_month), lastMonth: e.last_month === null ? null : monthOf(e.last_month), exitReason: e.exit_reason,
  bankName: e.bank_name, bankAccountMasked: e.bank_account_masked, approvedOn: e.approved_on,
});

export interface EnrolmentFilter {
  programme?: ProgrammeId | undefined;
  township?: string | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listEnrolments(db: Database, actor: Actor, f: EnrolmentFilter) {
  return withScope(db, actor, async (tx) => {
    const where: string[] = [];
    const args: SqlParam[] = [];
    const add = (sql: string, value: SqlParam) => { args.push(value); where.push(sql.replaceAll('?', `$${args.length}`)); };
    if (f.programme !== undefined) add('e.programme = ?', f.programme);
    if (f.township !== undefined) add('e.township_code = ?', f.township);
    if (f.active === true) where.push('e.last_month IS NULL');
    if (f.active === false) where.push('e.last_month IS NOT NULL');
    if (f.q !== undefined && f.q.trim() !== '') add("(p.name LIKE ? || '%' OR p.name_initials LIKE lower(?) || '%')", f.q.trim());
    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM benefit_enrolment e JOIN person p ON p.district_code = e.district_code AND p.id = e.person_id ${clause}`, args);
    const { rows } = await tx.query<EnrolmentRow>(`${select} ${clause} ORDER BY t.sort_order, e.village_code, p.name_pinyin, e.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, args);
    return { items: rows.map(present), total: total.rows[0]?.n ?? 0 };
  });
}

async function one(tx: Queryable, id: string): Promise<EnrolmentRow> {
  const { rows } = await tx.query<EnrolmentRow>(`${select} WHERE e.id = $1`, [id]);
  if (rows[0] === undefined) throw new AppError('not_found');
  return rows[0];
}

export async function exitEnrolment(db: Database, actor: Actor, id: string, input: { lastMonth: string; reason: string }) {
  return withScope(db, actor, async (tx) => {
    await tx.query('SELECT 1 FROM benefit_enrolment WHERE id = $1 FOR UPDATE', [id]);
    const e = await one(tx, id);
    if (e.last_month !== null) throw new AppError('invalid_transition', { zh: '该对象已办理退出', en: 'The enrolment has already exited' });
    // The month before the start month means the enrolment never pays.
    if (input.lastMonth < addMonths(monthOf(e.start_month), -1)) {
      throw new AppError('validation_failed', { zh: '最后发放月份不能早于开始发放月份的前一个月', en: 'The last month cannot be before the month before the start', details: { field: 'lastMonth' } });
    }
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('validation_failed', { zh: '请填写退出原因', en: 'A reason is required', details: { field: 'reason' } });
    await tx.query('UPDATE benefit_enrolment SET last_month = $2, exit_reason = $3, exited_by = $4, exited_at = now() WHERE id = $1',
      [id, monthStart(input.lastMonth), reason, actor.username]);
    await auditBy(tx, actor, {
      action: 'benefits.enrolment_exit',
      entityType: 'benefit_enrolment', entityId: id, detail: { lastMonth: input.lastMonth, reason },
    });
    return present(await one(tx, id));
  });
}
