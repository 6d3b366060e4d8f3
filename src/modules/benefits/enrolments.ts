/**
 * Enrolments (享受对象): who a programme pays from which month, and exits with their reason and
 * last paid month. An exit never deletes: the enrolment keeps its history and later rolls stop
 * paying (or recover what was paid past the last month, as an adjustment).
 */
import { programmeName } from '../../core/benefits/catalog.ts';
import { AppError } from '../../core/errors.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { addMonths, monthOf, monthStart } from '../../core/calendar.ts';
import { enrolmentById, enrolmentRows, exitEnrolmentRow, lockEnrolment, type EnrolmentFilter, type EnrolmentRow } from './enrolmentQueries.ts';

export type { EnrolmentFilter } from './enrolmentQueries.ts';

const present = (e: EnrolmentRow) => ({
  id: e.id,
  programme: e.programme,
  programmeName: programmeName(e.programme),
  personId: e.person_id,
  personName: e.name,
  idNumberMasked: e.id_number_masked,
  township: e.township_code,
  townshipName: e.township_name,
  village: e.village_code,
  villageName: e.village_name,
  category: e.category,
  startMonth: monthOf(e.start_month),
  lastMonth: e.last_month === null ? null : monthOf(e.last_month),
  exitReason: e.exit_reason,
  bankName: e.bank_name,
  bankAccountMasked: e.bank_account_masked,
  approvedOn: e.approved_on,
});

export async function listEnrolments(db: Database, actor: Actor, f: EnrolmentFilter) {
  return withScope(db, actor, async (tx) => {
    const { rows, total } = await enrolmentRows(tx, f);
    return { items: rows.map(present), total };
  });
}

async function one(tx: Queryable, id: string): Promise<EnrolmentRow> {
  const row = await enrolmentById(tx, id);
  if (row === undefined) throw new AppError('not_found');
  return row;
}

export async function exitEnrolment(db: Database, actor: Actor, id: string, input: { lastMonth: string; reason: string }) {
  return withScope(db, actor, async (tx) => {
    await lockEnrolment(tx, id);
    const e = await one(tx, id);
    if (e.last_month !== null) throw new AppError('invalid_transition', { zh: '该对象已办理退出', en: 'The enrolment has already exited' });
    // The month before the start month means the enrolment never pays.
    if (input.lastMonth < addMonths(monthOf(e.start_month), -1)) {
      throw new AppError('validation_failed', {
        zh: '最后发放月份不能早于开始发放月份的前一个月',
        en: 'The last month cannot be before the month before the start',
        details: { field: 'lastMonth' },
      });
    }
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('validation_failed', { zh: '请填写退出原因', en: 'A reason is required', details: { field: 'reason' } });
    await exitEnrolmentRow(tx, id, monthStart(input.lastMonth), reason, actor.username);
    await auditBy(tx, actor, {
      action: 'benefits.enrolment_exit',
      entityType: 'benefit_enrolment',
      entityId: id,
      detail: { lastMonth: input.lastMonth, reason },
    });
    return present(await one(tx, id));
  });
}
