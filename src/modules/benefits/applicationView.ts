/**
 * Applications and objections as the API answers them, and the checks of a decision's input
 * that need no database (reasons, notice dates, the notice days in force).
 */
import { mayTakeStep, stepOf } from '../../core/benefits/applicationStates.ts';
import { programmeName } from '../../core/benefits/catalog.ts';
import { parameterAt, ParameterMissingError, type ParameterRow } from '../../core/benefits/parameters.ts';
import type { ProgrammeResult } from '../../core/benefits/types.ts';
import { monthOf } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../db/scope.ts';
import type { NameOf } from '../users/names.ts';
import type { ApplicationRow, ObjectionRow } from './applicationQueries.ts';

export function presentApplication(a: ApplicationRow, actor: Actor, today: string) {
  const nextStep = stepOf[a.state] ?? null;
  const runningUntil = a.state === 'village_notice' ? a.village_notice_until : a.state === 'township_notice' ? a.township_notice_until : null;
  const waitUntil = runningUntil !== null && runningUntil >= today ? runningUntil : null;
  return {
    id: a.id,
    programme: a.programme,
    programmeName: programmeName(a.programme),
    year: a.year,
    personId: a.person_id,
    personName: a.person_name,
    sex: a.sex,
    birthDate: a.birth_date,
    idNumberMasked: a.id_number_masked,
    householdId: a.household_id,
    township: a.township_code,
    townshipName: a.township_name,
    village: a.village_code,
    villageName: a.village_name,
    category: a.category,
    appliedOn: a.applied_on,
    state: a.state,
    monthlyAmount: Number(a.monthly_amount),
    bankName: a.bank_name,
    bankAccountMasked: a.bank_account_masked,
    note: a.note,
    villageNotice: a.village_notice_from === null ? null : { from: a.village_notice_from, until: a.village_notice_until as string },
    townshipNotice: a.township_notice_from === null ? null : { from: a.township_notice_from, until: a.township_notice_until as string },
    decidedOn: a.decided_on,
    startMonth: a.start_month === null ? null : monthOf(a.start_month),
    closingReason: a.closing_reason,
    openObjections: a.open_objections,
    nextStep,
    canAct: nextStep !== null && mayTakeStep(actor.reach, nextStep, a.township_code, a.village_code),
    waitUntil,
    version: a.version,
  };
}

export type Application = ReturnType<typeof presentApplication>;

/** Who recorded and who resolved an objection: usernames, and the people's names to show. */
export const presentObjection = (o: ObjectionRow, nameOf: NameOf) => ({
  id: o.id,
  stage: o.stage,
  receivedOn: o.received_on,
  objector: o.objector,
  content: o.content,
  recordedBy: o.recorded_by,
  recordedByName: nameOf(o.recorded_by),
  upheld: o.upheld,
  resolution: o.resolution,
  resolvedBy: o.resolved_by,
  resolvedByName: nameOf(o.resolved_by),
  resolvedAt: o.resolved_at?.toISOString() ?? null,
});

export const failedConditions = (r: ProgrammeResult) => r.conditions.filter((c) => !c.met).map((c) => ({ id: c.id, label: c.label, detail: c.detail }));

/** Notice days of a level, from the parameters in force on the day the notice went up. */
export function noticeDays(rows: readonly ParameterRow[], level: 'village' | 'township', on: string): number {
  const name = level === 'village' ? 'villageNoticeDays' : 'townshipNoticeDays';
  const row = parameterAt(rows, 'confirmation', name, on);
  if (row === undefined || typeof row.value !== 'number') throw new ParameterMissingError('confirmation', name, on);
  return row.value;
}

export function requireReason(d: { reason?: string | undefined }): string {
  const reason = d.reason?.trim();
  if (!reason) throw new AppError('validation_failed', { zh: '请填写原因', en: 'A reason is required', details: { field: 'reason' } });
  return reason;
}

export function requireDay(value: string | undefined, field: string): string {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new AppError('validation_failed', { zh: '请填写公示开始日期', en: `${field} (YYYY-MM-DD) is required`, details: { field } });
  }
  return value;
}

export const noticeDateError = (zh: string, en: string) => new AppError('validation_failed', { zh, en, details: { field: 'noticeFrom' } });
