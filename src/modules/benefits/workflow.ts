/**
 * The yearly confirmation: 申请 → 村审议并公示 → 乡镇审核并公示 → 区审批并公布.
 *
 * An application is entered for a register person who, by the engine, meets the programme's
 * conditions on the day of application. The village worker of the person's village records the
 * village deliberation and the day its notice went up; after the notice period (a parameter)
 * and with every objection resolved, the township worker records the township review and its
 * notice; after that notice the office approves with a start month, which creates the
 * enrolment the payment rolls pay. Every step is kept (benefit_application_step) and audited;
 * each step belongs to one level of the organisation (src/core/benefits/applicationStates.ts),
 * checked against the actor's own grants and again by row-level security. The SQL is in
 * applicationQueries.ts, the answers' shape in applicationView.ts.
 */
import {
  judgedOn,
  mayEnter,
  mayTakeStep,
  noticeLevelOf,
  noticeListState,
  stepName,
  stepNameEn,
  stepOf,
  type ApplicationState,
  type Step,
} from '../../core/benefits/applicationStates.ts';
import type { ParameterRow } from '../../core/benefits/parameters.ts';
import type { ProgrammeId } from '../../core/benefits/types.ts';
import { programmeName } from '../../core/benefits/catalog.ts';
import { AppError } from '../../core/errors.ts';
import { checkBankAccount } from '../../core/ids/bankAccount.ts';
import { maskBankAccount } from '../../core/privacy/mask.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { auditBy } from '../audit/log.ts';
import { displayNames } from '../users/names.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import { addDays, monthStart } from '../../core/calendar.ts';
import {
  activelyEnrolled,
  applicationRow,
  applicationRows,
  applicationSteps,
  approveApplication,
  closeApplication,
  insertApplication,
  insertEnrolment,
  insertObjection,
  insertStep,
  noticeListRows,
  objectionForUpdate,
  objectionsOf,
  personPlace,
  resolveObjectionRow,
  startNotice,
  type ApplicationFilter,
  type ApplicationRow,
} from './applicationQueries.ts';
import {
  failedConditions,
  noticeDateError,
  noticeDays,
  presentApplication,
  presentObjection,
  requireDay,
  requireReason,
  type Application,
} from './applicationView.ts';
import { evaluatePerson } from './person.ts';
import { parameterRows } from './parameterQueries.ts';

// The states and steps, as the home page and earlier callers take them from here.
export { applicationStates, stepOf, type ApplicationState, type Step } from '../../core/benefits/applicationStates.ts';
export type { Application } from './applicationView.ts';
export type { ApplicationFilter } from './applicationQueries.ts';

export interface NewApplication {
  programme: ProgrammeId;
  personId: string;
  year: number;
  appliedOn: string;
  bankName: string;
  bankAccount: string;
  note?: string | undefined;
}

export interface Decision {
  action: 'pass' | 'reject' | 'withdraw';
  version: number;
  noticeFrom?: string | undefined;
  startMonth?: string | undefined;
  reason?: string | undefined;
}

/** Checks a new application's date (not in the future, within a year of the confirmation year) and bank account; answers the account. */
function checkedAccount(input: NewApplication, today: string): string {
  if (input.appliedOn > today)
    throw new AppError('validation_failed', { zh: '申请日期不能晚于今天', en: 'The application date is in the future', details: { field: 'appliedOn' } });
  if (Number(input.appliedOn.slice(0, 4)) > input.year + 1 || Number(input.appliedOn.slice(0, 4)) < input.year - 1) {
    throw new AppError('validation_failed', {
      zh: '申请日期与确认年度不符',
      en: 'The application date does not fit the confirmation year',
      details: { field: 'appliedOn' },
    });
  }
  const bank = checkBankAccount(input.bankAccount);
  if (!bank.ok) {
    throw new AppError(
      'validation_failed',
      bank.problem === 'check_digit'
        ? {
            zh: '银行卡号校验位不符（可能有数字输错或前后颠倒），请对照银行卡核对',
            en: 'The card number’s check digit does not match (a digit mistyped or two swapped): check it against the card',
            details: { field: 'bankAccount', problem: bank.problem },
          }
        : { zh: '银行账号应为 12 至 30 位数字', en: 'Bank account: 12 to 30 digits', details: { field: 'bankAccount', problem: bank.problem } },
    );
  }
  return bank.account;
}

/** Enters an application for a person who qualifies on the day of application; audited. */
export async function createApplication(db: Database, actor: Actor, secrets: Secrets, input: NewApplication): Promise<Application> {
  const today = businessToday();
  const account = checkedAccount(input, today);
  return withScope(db, actor, async (tx) => {
    const rows = await parameterRows(tx);
    const evaluation = await evaluatePerson(tx, rows, input.personId, judgedOn(input));
    const p = await personPlace(tx, input.personId);
    if (p === undefined) throw new AppError('not_found');
    if (!mayEnter(actor.reach, p.township_code, p.village_code))
      throw new AppError('step_not_allowed', {
        zh: '只能为本村（本乡镇街）的居民登记申请',
        en: 'Applications are entered within your own village or township',
      });
    const result = evaluation.results.find((r) => r.programme === input.programme);
    if (result === undefined) throw new AppError('unknown_programme');
    if (await activelyEnrolled(tx, input.programme, input.personId))
      throw new AppError('already_enrolled', {
        zh: `${p.name}已在享受${programmeName(input.programme)}，无需再次申请`,
        en: 'Already enrolled in this programme',
      });
    if (!result.eligible) {
      throw new AppError('not_eligible', {
        zh: `${p.name}在 ${input.appliedOn} 不符合${programmeName(input.programme)}的条件：${failedConditions(result)
          .map((c) => c.label)
          .join('；')}`,
        en: `${input.programme}: conditions not met on ${input.appliedOn}: ${failedConditions(result)
          .map((c) => c.id)
          .join(', ')}`,
        details: failedConditions(result),
      });
    }
    const amount = result.period === 'once' ? (result.onceAmount ?? 0) : result.monthlyAmount;
    const id = await insertApplication(tx, {
      district: actor.district,
      programme: input.programme,
      year: input.year,
      personId: input.personId,
      householdId: p.household_id,
      township: p.township_code,
      village: p.village_code,
      category: result.category ?? null,
      appliedOn: input.appliedOn,
      evaluation: result,
      amount,
      bankAccountEnc: secrets.encrypt(account),
      bankAccountMasked: maskBankAccount(account),
      bankName: input.bankName.trim(),
      note: input.note?.trim() || null,
      by: actor.username,
    });
    if (id === undefined) throw new AppError('duplicate_application');
    await addStep(tx, actor, id, null, 'applied', input.note?.trim() || null);
    await auditBy(tx, actor, {
      action: 'benefits.application_create',
      entityType: 'benefit_application',
      entityId: id,
      after: { programme: input.programme, person: input.personId, year: input.year, appliedOn: input.appliedOn, bankAccount: maskBankAccount(account) },
    });
    return load(tx, actor, id, today);
  });
}

/** A page of the applications in scope, newest first. */
export async function listApplications(db: Database, actor: Actor, f: ApplicationFilter): Promise<{ items: Application[]; total: number }> {
  const today = businessToday();
  return withScope(db, actor, async (tx) => {
    const { rows, total } = await applicationRows(tx, f);
    return { items: rows.map((r) => presentApplication(r, actor, today)), total };
  });
}

/** An application with its explained evaluation, its steps and its objections. */
export async function applicationDetail(db: Database, actor: Actor, id: string) {
  const today = businessToday();
  return withScope(db, actor, async (tx) => {
    const application = await load(tx, actor, id, today);
    const row = await applicationRow(tx, id);
    const steps = await applicationSteps(tx, id);
    const objections = await objectionsOf(tx, id);
    const nameOf = await displayNames(tx, [...steps.map((s) => s.actedBy), ...objections.flatMap((o) => [o.recorded_by, o.resolved_by])]);
    return {
      ...application,
      evaluation: row.evaluation,
      steps: steps.map((s) => ({ ...s, actedByName: nameOf(s.actedBy), actedAt: s.actedAt.toISOString() })),
      objections: objections.map((o) => presentObjection(o, nameOf)),
    };
  });
}

/** Takes the application's next step (village → township → district), rejects or withdraws it; audited. */
export async function decideApplication(db: Database, actor: Actor, id: string, d: Decision): Promise<Application> {
  const today = businessToday();
  return withScope(db, actor, async (tx) => {
    const a = await applicationRow(tx, id, true);
    if (a.version !== d.version) throw new AppError('stale_version');
    const step = stepOf[a.state];
    if (step === undefined)
      throw new AppError('invalid_transition', { zh: `申请已${a.state === 'approved' ? '批准' : '结束'}，不能再办理`, en: `The application is ${a.state}` });
    if (d.action === 'withdraw') {
      if (!mayEnter(actor.reach, a.township_code, a.village_code)) throw new AppError('step_not_allowed');
      return close(tx, actor, a, 'withdrawn', requireReason(d), today);
    }
    if (!mayTakeStep(actor.reach, step, a.township_code, a.village_code)) {
      throw new AppError('step_not_allowed', {
        zh: `当前环节为${stepName[step]}，不由您办理`,
        en: `The next step (${stepNameEn[step]}) is not yours to take`,
      });
    }
    if (d.action === 'reject') return close(tx, actor, a, 'rejected', requireReason(d), today);
    if (a.open_objections > 0) throw new AppError('objection_open');
    const rows = await parameterRows(tx);
    if (step === 'village') {
      const from = requireDay(d.noticeFrom, 'noticeFrom');
      if (from < a.applied_on || from > today)
        throw noticeDateError('公示开始日期应在申请日期之后、不晚于今天', 'The notice date must be between the application date and today');
      const until = addDays(from, noticeDays(rows, 'village', from) - 1);
      await startNotice(tx, id, 'village', from, until, actor.username);
      await addStep(tx, actor, id, a.state, 'village_notice', `村级公示 ${from} 至 ${until}${d.reason ? `;${d.reason}` : ''}`);
    } else if (step === 'township') {
      if ((a.village_notice_until ?? '') >= today)
        throw new AppError('notice_running', {
          zh: `村级公示期至 ${a.village_notice_until} 结束，之后方可乡镇审核`,
          en: `The village notice runs until ${a.village_notice_until}`,
        });
      const from = requireDay(d.noticeFrom, 'noticeFrom');
      if (from <= (a.village_notice_until ?? '') || from > today)
        throw noticeDateError(
          '乡镇公示开始日期应在村级公示结束之后、不晚于今天',
          'The township notice must start after the village notice and not after today',
        );
      const until = addDays(from, noticeDays(rows, 'township', from) - 1);
      await startNotice(tx, id, 'township', from, until, actor.username);
      await addStep(tx, actor, id, a.state, 'township_notice', `乡镇公示 ${from} 至 ${until}${d.reason ? `;${d.reason}` : ''}`);
    } else {
      if ((a.township_notice_until ?? '') >= today)
        throw new AppError('notice_running', {
          zh: `乡镇公示期至 ${a.township_notice_until} 结束，之后方可区级审批`,
          en: `The township notice runs until ${a.township_notice_until}`,
        });
      await approve(tx, actor, a, rows, d, today);
    }
    await auditBy(tx, actor, {
      action: `benefits.application_${step}_pass`,
      entityType: 'benefit_application',
      entityId: id,
      before: { state: a.state },
      detail: { noticeFrom: d.noticeFrom ?? null, startMonth: d.startMonth ?? null },
    });
    return load(tx, actor, id, today);
  });
}

/** District approval: the person must still qualify in the start month; the enrolment starts then. */
async function approve(tx: Queryable, actor: Actor, a: ApplicationRow, rows: readonly ParameterRow[], d: Decision, today: string): Promise<void> {
  const start = d.startMonth;
  if (start === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) {
    throw new AppError('validation_failed', {
      zh: '请填写开始发放月份（YYYY-MM）',
      en: 'startMonth (YYYY-MM) is required',
      details: { field: 'startMonth' },
    });
  }
  if (Number(start.slice(0, 4)) !== a.year && Number(start.slice(0, 4)) !== a.year + 1) {
    throw new AppError('validation_failed', {
      zh: `开始发放月份应在 ${a.year} 或 ${a.year + 1} 年`,
      en: 'The start month must fall in the confirmation year or the next',
      details: { field: 'startMonth' },
    });
  }
  const evaluation = await evaluatePerson(tx, rows, a.person_id, monthStart(start));
  const result = evaluation.results.find((r) => r.programme === a.programme);
  if (result === undefined || (!result.eligible && result.period !== 'once')) {
    throw new AppError('not_eligible', {
      zh: `${a.person_name}在 ${start} 不符合条件：${
        result
          ? failedConditions(result)
              .map((c) => c.label)
              .join('；')
          : ''
      }`,
      en: `Not eligible in ${start}`,
      details: result ? failedConditions(result) : [],
    });
  }
  const enrolled = await insertEnrolment(tx, {
    district: actor.district,
    application: a,
    category: result.category ?? a.category,
    startMonth: monthStart(start),
    approvedOn: today,
    by: actor.username,
  });
  if (!enrolled) throw new AppError('already_enrolled');
  await approveApplication(tx, a.id, today, monthStart(start), actor.username);
  await addStep(tx, actor, a.id, a.state, 'approved', `区级审批通过，自 ${start} 起发放${d.reason ? `;${d.reason}` : ''}`);
}

async function close(tx: Queryable, actor: Actor, a: ApplicationRow, state: 'rejected' | 'withdrawn', reason: string, today: string): Promise<Application> {
  await closeApplication(tx, a.id, state, reason, today, actor.username);
  await addStep(tx, actor, a.id, a.state, state, reason);
  await auditBy(tx, actor, {
    action: `benefits.application_${state === 'rejected' ? 'reject' : 'withdraw'}`,
    entityType: 'benefit_application',
    entityId: a.id,
    before: { state: a.state },
    detail: { reason },
  });
  return load(tx, actor, a.id, today);
}

/** Records an objection received during a notice; audited. */
export async function addObjection(db: Database, actor: Actor, applicationId: string, input: { receivedOn: string; objector: string; content: string }) {
  const today = businessToday();
  return withScope(db, actor, async (tx) => {
    const a = await applicationRow(tx, applicationId, true);
    const level = noticeLevelOf(a.state);
    const notice =
      level === 'village'
        ? { stage: level, from: a.village_notice_from, until: a.village_notice_until }
        : level === 'township'
          ? { stage: level, from: a.township_notice_from, until: a.township_notice_until }
          : null;
    if (notice === null) throw new AppError('notice_closed');
    if (!mayEnter(actor.reach, a.township_code, a.village_code)) throw new AppError('step_not_allowed');
    if (input.receivedOn < (notice.from ?? '') || input.receivedOn > (notice.until ?? '') || input.receivedOn > today) {
      throw new AppError('notice_closed', {
        zh: `异议须在公示期（${notice.from} 至 ${notice.until}）内收到`,
        en: `Objections are received during the notice (${notice.from} to ${notice.until})`,
        details: { field: 'receivedOn' },
      });
    }
    const objection = await insertObjection(tx, {
      district: actor.district,
      applicationId,
      stage: notice.stage,
      receivedOn: input.receivedOn,
      objector: input.objector.trim(),
      content: input.content.trim(),
      by: actor.username,
    });
    await auditBy(tx, actor, {
      action: 'benefits.objection_record',
      entityType: 'benefit_application',
      entityId: applicationId,
      after: { objection: objection.id, stage: notice.stage, receivedOn: input.receivedOn },
    });
    return presentObjection(objection, await displayNames(tx, [objection.recorded_by]));
  });
}

/** Resolves an objection; an upheld one rejects the application. Audited. */
export async function resolveObjection(db: Database, actor: Actor, objectionId: string, input: { upheld: boolean; resolution: string }) {
  const today = businessToday();
  return withScope(db, actor, async (tx) => {
    const o = await objectionForUpdate(tx, objectionId);
    if (o === undefined) throw new AppError('not_found');
    if (o.upheld !== null) throw new AppError('invalid_transition', { zh: '该异议已处理', en: 'The objection is already resolved' });
    const a = await applicationRow(tx, o.application_id, true);
    const step = stepOf[a.state];
    const level = noticeLevelOf(a.state) ?? undefined;
    if (step === undefined || level === undefined || !mayTakeStep(actor.reach, level, a.township_code, a.village_code)) throw new AppError('step_not_allowed');
    const objection = await resolveObjectionRow(tx, objectionId, input.upheld, input.resolution.trim(), actor.username);
    await auditBy(tx, actor, {
      action: 'benefits.objection_resolve',
      entityType: 'benefit_application',
      entityId: a.id,
      detail: { objection: objectionId, upheld: input.upheld },
    });
    if (input.upheld) {
      await closeApplication(tx, a.id, 'rejected', `异议成立：${input.resolution.trim()}`, today, actor.username);
      await addStep(tx, actor, a.id, a.state, 'rejected', `异议成立：${input.resolution.trim()}`);
    }
    return presentObjection(objection, await displayNames(tx, [objection.recorded_by, objection.resolved_by]));
  });
}

/** The persons of a notice list: applications at (or past) a stage, for a year and place. */
export async function publicNoticePersons(
  db: Database,
  actor: Actor,
  f: { stage: Step; year: number; township?: string | undefined; village?: string | undefined },
) {
  return withScope(db, actor, async (tx) => {
    const rows = await noticeListRows(tx, { state: noticeListState(f.stage), year: f.year, township: f.township, village: f.village });
    await auditBy(tx, actor, {
      action: 'benefits.notice_print',
      entityType: 'benefit_application',
      detail: { stage: f.stage, year: f.year, township: f.township ?? null, village: f.village ?? null, persons: rows.length },
    });
    return rows.map((a) => presentApplication(a, actor, '9999-12-31'));
  });
}

async function addStep(tx: Queryable, actor: Actor, id: string, from: ApplicationState | null, to: ApplicationState, note: string | null): Promise<void> {
  // Shown beside each step (办理进度): when it was done, on the business date.
  await insertStep(tx, actor.district, id, from, to, actor.username, note, businessNow());
}

async function load(tx: Queryable, actor: Actor, id: string, today: string): Promise<Application> {
  return presentApplication(await applicationRow(tx, id), actor, today);
}
