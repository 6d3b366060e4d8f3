/**
 * The yearly confirmation: 申请 → 村审议并公示 → 乡镇审核并公示 → 区审批并公布.
 *
 * An application is entered for a register person who, by the engine, meets the programme's
 * conditions on the day of application. The village worker of the person's village records the
 * village deliberation and the day its notice went up; after the notice period (a parameter)
 * and with every objection resolved, the township worker records the township review and its
 * notice; after that notice the office approves with a start month, which creates the
 * enrolment the payment rolls pay. Every step is kept (benefit_application_step) and audited;
 * each step belongs to one level of the organisation, checked against the actor's own grants and
 * again by row-level security.
 */
import type { PermissionReach } from '../../core/auth/roles.ts';
import { parameterAt, ParameterMissingError, type ParameterRow } from '../../core/benefits/parameters.ts';
import type { ProgrammeId, ProgrammeResult } from '../../core/benefits/types.ts';
import { programmeName } from '../../core/benefits/catalog.ts';
import { AppError } from '../../core/errors.ts';
import { checkBankAccount } from '../../core/ids/bankAccount.ts';
import { maskBankAccount } from '../../core/privacy/mask.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable, SqlParam } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { auditBy } from '../audit/log.ts';
import { displayNames, type NameOf } from '../users/names.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import { addDays, monthOf, monthStart } from '../../core/calendar.ts';
import { evaluatePerson } from './person.ts';
import { parameterRows } from './register.ts';

export const applicationStates = ['applied', 'village_notice', 'township_notice', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationState = (typeof applicationStates)[number];
export type Step = 'village' | 'township' | 'district';

export const stepOf: Partial<Record<ApplicationState, Step>> = { applied: 'village', village_notice: 'township', township_notice: 'district' };
const stepName: Record<Step, string> = { village: '村级审议', township: '乡镇审核', district: '区级审批' };
const stepNameEn: Record<Step, string> = { village: 'village review', township: 'township review', district: 'district approval' };

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

interface ApplicationRow {
  id: string;
  programme: ProgrammeId;
  year: number;
  person_id: string;
  person_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  id_number_masked: string;
  household_id: string;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  category: 'death' | 'disability' | null;
  applied_on: string;
  state: ApplicationState;
  evaluation: ProgrammeResult;
  monthly_amount: string;
  bank_account_enc: string;
  bank_account_masked: string;
  bank_name: string;
  note: string | null;
  village_notice_from: string | null;
  village_notice_until: string | null;
  township_notice_from: string | null;
  township_notice_until: string | null;
  decided_on: string | null;
  start_month: string | null;
  closing_reason: string | null;
  open_objections: number;
  version: number;
}

const applicationSelect = `
  SELECT a.id, a.programme, a.year, a.person_id, p.name AS person_name, p.sex, p.birth_date::text AS birth_date, p.id_number_masked,
         a.household_id, a.township_code, t.name AS township_name, a.village_code, v.name AS village_name, a.category,
         a.applied_on::text AS applied_on, a.state, a.evaluation, a.monthly_amount::text AS monthly_amount, a.bank_account_enc,
         a.bank_account_masked, a.bank_name, a.note, a.village_notice_from::text AS village_notice_from,
         a.village_notice_until::text AS village_notice_until, a.township_notice_from::text AS township_notice_from,
         a.township_notice_until::text AS township_notice_until, a.decided_on::text AS decided_on, a.start_month::text AS start_month,
         a.closing_reason, a.version,
         (SELECT count(*)::int FROM benefit_objection o WHERE o.district_code = a.district_code AND o.application_id = a.id AND o.upheld IS NULL) AS open_objections
    FROM benefit_application a
    JOIN person p ON p.district_code = a.district_code AND p.id = a.person_id
    JOIN township t ON t.district_code = a.district_code AND t.code = a.township_code
    JOIN village v ON v.district_code = a.district_code AND v.code = a.village_code`;

/** Whether the actor's own grants put this step of this application in their hands. */
export function mayTakeStep(actor: Actor, step: Step, township: string, village: string): boolean {
  const confirm: PermissionReach | undefined = actor.reach['benefits.confirm'];
  if (step === 'village') return confirm?.villages.includes(village) ?? false;
  if (step === 'township') return confirm?.townships.includes(township) ?? false;
  return actor.reach['benefits.manage']?.all ?? false;
}

function mayEnter(actor: Actor, township: string, village: string): boolean {
  const confirm = actor.reach['benefits.confirm'];
  return (actor.reach['benefits.manage']?.all ?? false) || (confirm?.townships.includes(township) ?? false) || (confirm?.villages.includes(village) ?? false);
}

/** Notice days of a level, from the parameters in force on the day the notice went up. */
function noticeDays(rows: readonly ParameterRow[], level: 'village' | 'township', on: string): number {
  const name = level === 'village' ? 'villageNoticeDays' : 'townshipNoticeDays';
  const row = parameterAt(rows, 'confirmation', name, on);
  if (row === undefined || typeof row.value !== 'number') throw new ParameterMissingError('confirmation', name, on);
  return row.value;
}

function present(a: ApplicationRow, actor: Actor, today: string) {
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
    canAct: nextStep !== null && mayTakeStep(actor, nextStep, a.township_code, a.village_code),
    waitUntil,
    version: a.version,
  };
}

export type Application = ReturnType<typeof present>;

export interface ApplicationFilter {
  year?: number | undefined;
  state?: ApplicationState | undefined;
  programme?: ProgrammeId | undefined;
  township?: string | undefined;
  village?: string | undefined;
  page: number;
  pageSize: number;
}

const failedConditions = (r: ProgrammeResult) => r.conditions.filter((c) => !c.met).map((c) => ({ id: c.id, label: c.label, detail: c.detail }));

/**
 * The day an application is judged on: the day it was made, or — made in advance, in the autumn
 * before the confirmation year (年度资格确认) — the first day of that year.
 */
export function judgedOn(input: Pick<NewApplication, 'appliedOn' | 'year'>): string {
  const yearStart = `${input.year}-01-01`;
  return input.appliedOn > yearStart ? input.appliedOn : yearStart;
}

export class BenefitsWorkflow {
  constructor(private readonly db: Database, private readonly secrets: Secrets, private readonly today: () => string = businessToday) {}

  async create(actor: Actor, input: NewApplication): Promise<Application> {
    const today = this.today();
    if (input.appliedOn > today) throw new AppError('validation_failed', { zh: '申请日期不能晚于今天', en: 'The application date is in the future', details: { field: 'appliedOn' } });
    if (Number(input.appliedOn.slice(0, 4)) > input.year + 1 || Number(input.appliedOn.slice(0, 4)) < input.year - 1) {
      throw new AppError('validation_failed', { zh: '申请日期与确认年度不符', en: 'The application date does not fit the confirmation year', details: { field: 'appliedOn' } });
    }
    const bank = checkBankAccount(input.bankAccount);
    if (!bank.ok) {
      throw new AppError('validation_failed', bank.problem === 'check_digit'
        ? { zh: '银行卡号校验位不符（可能有数字输错或前后颠倒），请对照银行卡核对', en: 'The card number’s check digit does not match (a digit mistyped or two swapped): check it against the card', details: { field: 'bankAccount', problem: bank.problem } }
        : { zh: '银行账号应为 12 至 30 位数字', en: 'Bank account: 12 to 30 digits', details: { field: 'bankAccount', problem: bank.problem } });
    }
    const account = bank.account;
    return withScope(this.db, actor, async (tx) => {
      const rows = await parameterRows(tx);
      const evaluation = await evaluatePerson(tx, rows, input.personId, judgedOn(input));
      const person = await tx.query<{ household_id: string; township_code: string; village_code: string; name: string }>(
        'SELECT household_id, township_code, village_code, name FROM person WHERE id = $1', [input.personId]);
      const p = person.rows[0];
      if (p === undefined) throw new AppError('not_found');
      if (!mayEnter(actor, p.township_code, p.village_code)) throw new AppError('step_not_allowed', { zh: '只能为本村（本乡镇街）的居民登记申请', en: 'Applications are entered within your own village or township' });
      const result = evaluation.results.find((r) => r.programme === input.programme);
      if (result === undefined) throw new AppError('unknown_programme');
      const enrolled = await tx.query('SELECT 1 FROM benefit_enrolment WHERE programme = $1 AND person_id = $2 AND last_month IS NULL', [input.programme, input.personId]);
      if (enrolled.rows.length > 0) throw new AppError('already_enrolled', { zh: `${p.name}已在享受${programmeName(input.programme)}，无需再次申请`, en: 'Already enrolled in this programme' });
      if (!result.eligible) {
        throw new AppError('not_eligible', {
          zh: `${p.name}在 ${input.appliedOn} 不符合${programmeName(input.programme)}的条件：${failedConditions(result).map((c) => c.label).join('；')}`,
          en: `${input.programme}: conditions not met on ${input.appliedOn}: ${failedConditions(result).map((c) => c.id).join(', ')}`,
          details: failedConditions(result),
        });
      }
      const amount = result.period === 'once' ? (result.onceAmount ?? 0) : result.monthlyAmount;
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO benefit_application (district_code, programme, year, person_id, household_id, township_code, village_code, category, applied_on,
                                          evaluation, monthly_amount, bank_account_enc, bank_account_masked, bank_name, note, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $16)
         ON CONFLICT DO NOTHING RETURNING id`,
        [actor.district, input.programme, input.year, input.personId, p.household_id, p.township_code, p.village_code, result.category ?? null,
          input.appliedOn, JSON.stringify(result), amount, this.secrets.encrypt(account), maskBankAccount(account), input.bankName.trim(),
          input.note?.trim() || null, actor.username],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) throw new AppError('duplicate_application');
      await this.step(tx, actor, id, null, 'applied', input.note?.trim() || null);
      await auditBy(tx, actor, {
        action: 'benefits.application_create',
        entityType: 'benefit_application', entityId: id, after: { programme: input.programme, person: input.personId, year: input.year, appliedOn: input.appliedOn, bankAccount: maskBankAccount(account) },
      });
      return this.load(tx, actor, id, today);
    });
  }

  async list(actor: Actor, f: ApplicationFilter): Promise<{ items: Application[]; total: number }> {
    const today = this.today();
    return withScope(this.db, actor, async (tx) => {
      const where: string[] = [];
      const args: SqlParam[] = [];
      const add = (sql: string, value: SqlParam) => { args.push(value); where.push(sql.replace('?', `$${args.length}`)); };
      if (f.year !== undefined) add('a.year = ?', f.year);
      if (f.state !== undefined) add('a.state = ?', f.state);
      if (f.programme !== undefined) add('a.programme = ?', f.programme);
      if (f.township !== undefined) add('a.township_code = ?', f.township);
      if (f.village !== undefined) add('a.village_code = ?', f.village);
      const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
      const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM benefit_application a ${clause}`, args);
      const { rows } = await tx.query<ApplicationRow>(
        `${applicationSelect} ${clause} ORDER BY a.updated_at DESC, a.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, args);
      return { items: rows.map((r) => present(r, actor, today)), total: total.rows[0]?.n ?? 0 };
    });
  }

  async get(actor: Actor, id: string) {
    const today = this.today();
    return withScope(this.db, actor, async (tx) => {
      const application = await this.load(tx, actor, id, today);
      const row = await this.row(tx, id);
      const steps = await tx.query<{ fromState: string | null; toState: string; actedBy: string; actedAt: Date; note: string | null }>(
        `SELECT from_state AS "fromState", to_state AS "toState", acted_by AS "actedBy", acted_at AS "actedAt", note
           FROM benefit_application_step WHERE application_id = $1 ORDER BY id`, [id]);
      const objections = await tx.query<ObjectionRow>(`${objectionSelect} WHERE application_id = $1 ORDER BY received_on, recorded_at`, [id]);
      const nameOf = await displayNames(tx, [...steps.rows.map((s) => s.actedBy), ...objections.rows.flatMap((o) => [o.recorded_by, o.resolved_by])]);
      return {
        ...application,
        evaluation: row.evaluation,
        steps: steps.rows.map((s) => ({ ...s, actedByName: nameOf(s.actedBy), actedAt: s.actedAt.toISOString() })),
        objections: objections.rows.map((o) => presentObjection(o, nameOf)),
      };
    });
  }

  async decide(actor: Actor, id: string, d: Decision): Promise<Application> {
    const today = this.today();
    return withScope(this.db, actor, async (tx) => {
      const a = await this.row(tx, id, true);
      if (a.version !== d.version) throw new AppError('stale_version');
      const step = stepOf[a.state];
      if (step === undefined) throw new AppError('invalid_transition', { zh: `申请已${a.state === 'approved' ? '批准' : '结束'}，不能再办理`, en: `The application is ${a.state}` });
      if (d.action === 'withdraw') {
        if (!mayEnter(actor, a.township_code, a.village_code)) throw new AppError('step_not_allowed');
        return this.close(tx, actor, a, 'withdrawn', requireReason(d), today);
      }
      if (!mayTakeStep(actor, step, a.township_code, a.village_code)) {
        throw new AppError('step_not_allowed', { zh: `当前环节为${stepName[step]}，不由您办理`, en: `The next step (${stepNameEn[step]}) is not yours to take` });
      }
      if (d.action === 'reject') return this.close(tx, actor, a, 'rejected', requireReason(d), today);
      if (a.open_objections > 0) throw new AppError('objection_open');
      const rows = await parameterRows(tx);
      if (step === 'village') {
        const from = requireDay(d.noticeFrom, 'noticeFrom');
        if (from < a.applied_on || from > today) throw noticeDateError('公示开始日期应在申请日期之后、不晚于今天', 'The notice date must be between the application date and today');
        const until = addDays(from, noticeDays(rows, 'village', from) - 1);
        await tx.query(`UPDATE benefit_application SET state = 'village_notice', village_notice_from = $2, village_notice_until = $3, updated_by = $4 WHERE id = $1`, [id, from, until, actor.username]);
        await this.step(tx, actor, id, a.state, 'village_notice', `村级公示 ${from} 至 ${until}${d.reason ? `;${d.reason}` : ''}`);
      } else if (step === 'township') {
        if ((a.village_notice_until ?? '') >= today) throw new AppError('notice_running', { zh: `村级公示期至 ${a.village_notice_until} 结束，之后方可乡镇审核`, en: `The village notice runs until ${a.village_notice_until}` });
        const from = requireDay(d.noticeFrom, 'noticeFrom');
        if (from <= (a.village_notice_until ?? '') || from > today) throw noticeDateError('乡镇公示开始日期应在村级公示结束之后、不晚于今天', 'The township notice must start after the village notice and not after today');
        const until = addDays(from, noticeDays(rows, 'township', from) - 1);
        await tx.query(`UPDATE benefit_application SET state = 'township_notice', township_notice_from = $2, township_notice_until = $3, updated_by = $4 WHERE id = $1`, [id, from, until, actor.username]);
        await this.step(tx, actor, id, a.state, 'township_notice', `乡镇公示 ${from} 至 ${until}${d.reason ? `;${d.reason}` : ''}`);
      } else {
        if ((a.township_notice_until ?? '') >= today) throw new AppError('notice_running', { zh: `乡镇公示期至 ${a.township_notice_until} 结束，之后方可区级审批`, en: `The township notice runs until ${a.township_notice_until}` });
        await this.approve(tx, actor, a, rows, d, today);
      }
      await auditBy(tx, actor, {
        action: `benefits.application_${step}_pass`,
        entityType: 'benefit_application', entityId: id, before: { state: a.state }, detail: { noticeFrom: d.noticeFrom ?? null, startMonth: d.startMonth ?? null },
      });
      return this.load(tx, actor, id, today);
    });
  }

  /** District approval: the person must still qualify in the start month; the enrolment starts then. */
  private async approve(tx: Queryable, actor: Actor, a: ApplicationRow, rows: readonly ParameterRow[], d: Decision, today: string): Promise<void> {
    const start = d.startMonth;
    if (start === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) {
      throw new AppError('validation_failed', { zh: '请填写开始发放月份（YYYY-MM）', en: 'startMonth (YYYY-MM) is required', details: { field: 'startMonth' } });
    }
    if (Number(start.slice(0, 4)) !== a.year && Number(start.slice(0, 4)) !== a.year + 1) {
      throw new AppError('validation_failed', { zh: `开始发放月份应在 ${a.year} 或 ${a.year + 1} 年`, en: 'The start month must fall in the confirmation year or the next', details: { field: 'startMonth' } });
    }
    const evaluation = await evaluatePerson(tx, rows, a.person_id, monthStart(start));
    const result = evaluation.results.find((r) => r.programme === a.programme);
    if (result === undefined || (!result.eligible && result.period !== 'once')) {
      throw new AppError('not_eligible', {
        zh: `${a.person_name}在 ${start} 不符合条件：${result ? failedConditions(result).map((c) => c.label).join('；') : ''}`,
        en: `Not eligible in ${start}`, details: result ? failedConditions(result) : [],
      });
    }
    const enrolled = await tx.query(
      `INSERT INTO benefit_enrolment (district_code, programme, person_id, household_id, township_code, village_code, category, application_id,
                                      start_month, approved_on, approved_by, bank_account_enc, bank_account_masked, bank_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING RETURNING id`,
      [actor.district, a.programme, a.person_id, a.household_id, a.township_code, a.village_code, result.category ?? a.category, a.id,
        monthStart(start), today, actor.username, a.bank_account_enc, a.bank_account_masked, a.bank_name],
    );
    if (enrolled.rows.length === 0) throw new AppError('already_enrolled');
    await tx.query(`UPDATE benefit_application SET state = 'approved', decided_on = $2, start_month = $3, updated_by = $4 WHERE id = $1`,
      [a.id, today, monthStart(start), actor.username]);
    await this.step(tx, actor, a.id, a.state, 'approved', `区级审批通过，自 ${start} 起发放${d.reason ? `;${d.reason}` : ''}`);
  }

  private async close(tx: Queryable, actor: Actor, a: ApplicationRow, state: 'rejected' | 'withdrawn', reason: string, today: string): Promise<Application> {
    await tx.query('UPDATE benefit_application SET state = $2, closing_reason = $3, decided_on = $4, updated_by = $5 WHERE id = $1', [a.id, state, reason, today, actor.username]);
    await this.step(tx, actor, a.id, a.state, state, reason);
    await auditBy(tx, actor, {
      action: `benefits.application_${state === 'rejected' ? 'reject' : 'withdraw'}`,
      entityType: 'benefit_application', entityId: a.id, before: { state: a.state }, detail: { reason },
    });
    return this.load(tx, actor, a.id, today);
  }

  async addObjection(actor: Actor, applicationId: string, input: { receivedOn: string; objector: string; content: string }) {
    const today = this.today();
    return withScope(this.db, actor, async (tx) => {
      const a = await this.row(tx, applicationId, true);
      const notice = a.state === 'village_notice' ? { stage: 'village', from: a.village_notice_from, until: a.village_notice_until }
        : a.state === 'township_notice' ? { stage: 'township', from: a.township_notice_from, until: a.township_notice_until } : null;
      if (notice === null) throw new AppError('notice_closed');
      if (!mayEnter(actor, a.township_code, a.village_code)) throw new AppError('step_not_allowed');
      if (input.receivedOn < (notice.from ?? '') || input.receivedOn > (notice.until ?? '') || input.receivedOn > today) {
        throw new AppError('notice_closed', { zh: `异议须在公示期（${notice.from} 至 ${notice.until}）内收到`, en: `Objections are received during the notice (${notice.from} to ${notice.until})`, details: { field: 'receivedOn' } });
      }
      const { rows } = await tx.query<ObjectionRow>(
        `INSERT INTO benefit_objection (district_code, application_id, stage, received_on, objector, content, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, stage, received_on::text AS received_on, objector, content, recorded_by, upheld, resolution, resolved_by, resolved_at`,
        [actor.district, applicationId, notice.stage, input.receivedOn, input.objector.trim(), input.content.trim(), actor.username],
      );
      const objection = rows[0] as ObjectionRow;
      await auditBy(tx, actor, {
        action: 'benefits.objection_record',
        entityType: 'benefit_application', entityId: applicationId, after: { objection: objection.id, stage: notice.stage, receivedOn: input.receivedOn },
      });
      return presentObjection(objection, await displayNames(tx, [objection.recorded_by]));
    });
  }

  async resolveObjection(actor: Actor, objectionId: string, input: { upheld: boolean; resolution: string }) {
    const today = this.today();
    return withScope(this.db, actor, async (tx) => {
      const found = await tx.query<{ application_id: string; upheld: boolean | null }>('SELECT application_id, upheld FROM benefit_objection WHERE id = $1 FOR UPDATE', [objectionId]);
      const o = found.rows[0];
      if (o === undefined) throw new AppError('not_found');
      if (o.upheld !== null) throw new AppError('invalid_transition', { zh: '该异议已处理', en: 'The objection is already resolved' });
      const a = await this.row(tx, o.application_id, true);
      const step = stepOf[a.state];
      const level: Step | undefined = a.state === 'village_notice' ? 'village' : a.state === 'township_notice' ? 'township' : undefined;
      if (step === undefined || level === undefined || !mayTakeStep(actor, level, a.township_code, a.village_code)) throw new AppError('step_not_allowed');
      const { rows } = await tx.query<ObjectionRow>(
        `UPDATE benefit_objection SET upheld = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1
         RETURNING id, stage, received_on::text AS received_on, objector, content, recorded_by, upheld, resolution, resolved_by, resolved_at`,
        [objectionId, input.upheld, input.resolution.trim(), actor.username],
      );
      await auditBy(tx, actor, {
        action: 'benefits.objection_resolve',
        entityType: 'benefit_application', entityId: a.id, detail: { objection: objectionId, upheld: input.upheld },
      });
      if (input.upheld) {
        await tx.query(`UPDATE benefit_application SET state = 'rejected', closing_reason = $2, decided_on = $3, updated_by = $4 WHERE id = $1`,
          [a.id, `异议成立：${input.resolution.trim()}`, today, actor.username]);
        await this.step(tx, actor, a.id, a.state, 'rejected', `异议成立：${input.resolution.trim()}`);
      }
      const objection = rows[0] as ObjectionRow;
      return presentObjection(objection, await displayNames(tx, [objection.recorded_by, objection.resolved_by]));
    });
  }

  /** The persons of a notice list: applications at (or past) a stage, for a year and place. */
  async publicNoticePersons(actor: Actor, f: { stage: Step; year: number; township?: string | undefined; village?: string | undefined }) {
    return withScope(this.db, actor, async (tx) => {
      const state = f.stage === 'village' ? 'village_notice' : f.stage === 'township' ? 'township_notice' : 'approved';
      const args: SqlParam[] = [f.year, state];
      let clause = 'WHERE a.year = $1 AND a.state = $2';
      if (f.township !== undefined) { args.push(f.township); clause += ` AND a.township_code = $${args.length}`; }
      if (f.village !== undefined) { args.push(f.village); clause += ` AND a.village_code = $${args.length}`; }
      const { rows } = await tx.query<ApplicationRow>(`${applicationSelect} ${clause} ORDER BY a.township_code, a.village_code, p.name_pinyin, a.id`, args);
      await auditBy(tx, actor, {
        action: 'benefits.notice_print',
        entityType: 'benefit_application', detail: { stage: f.stage, year: f.year, township: f.township ?? null, village: f.village ?? null, persons: rows.length },
      });
      return rows.map((a) => present(a, actor, '9999-12-31'));
    });
  }

  private async step(tx: Queryable, actor: Actor, id: string, from: ApplicationState | null, to: ApplicationState, note: string | null): Promise<void> {
    // Shown beside each step (办理进度): when it was done, on the business date.
    await tx.query('INSERT INTO benefit_application_step (district_code, application_id, from_state, to_state, acted_by, note, acted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [actor.district, id, from, to, actor.username, note, businessNow()]);
  }

  private async row(tx: Queryable, id: string, lock = false): Promise<ApplicationRow> {
    if (lock) await tx.query('SELECT 1 FROM benefit_application WHERE id = $1 FOR UPDATE', [id]);
    const { rows } = await tx.query<ApplicationRow>(`${applicationSelect} WHERE a.id = $1`, [id]);
    const row = rows[0];
    if (row === undefined) throw new AppError('not_found');
    return row;
  }

  private async load(tx: Queryable, actor: Actor, id: string, today: string): Promise<Application> {
    return present(await this.row(tx, id), actor, today);
  }
}

interface ObjectionRow {
  id: string;
  stage: 'village' | 'township';
  received_on: string;
  objector: string;
  content: string;
  recorded_by: string;
  upheld: boolean | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

const objectionSelect = `SELECT id, stage, received_on::text AS received_on, objector, content, recorded_by, upheld, resolution, resolved_by, resolved_at FROM benefit_objection`;

/** Who recorded and who resolved an objection: usernames, and the people's names to show. */
const presentObjection = (o: ObjectionRow, nameOf: NameOf) => ({
  id: o.id, stage: o.stage, receivedOn: o.received_on, objector: o.objector, content: o.content,
  recordedBy: o.recorded_by, recordedByName: nameOf(o.recorded_by),
  upheld: o.upheld, resolution: o.resolution, resolvedBy: o.resolved_by, resolvedByName: nameOf(o.resolved_by), resolvedAt: o.resolved_at?.toISOString() ?? null,
});

function requireReason(d: Decision): string {
  const reason = d.reason?.trim();
  if (!reason) throw new AppError('validation_failed', { zh: '请填写原因', en: 'A reason is required', details: { field: 'reason' } });
  return reason;
}

function requireDay(value: string | undefined, field: string): string {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new AppError('validation_failed', { zh: '请填写公示开始日期', en: `${field} (YYYY-MM-DD) is required`, details: { field } });
  }
  return value;
}

const noticeDateError = (zh: string, en: string) => new AppError('validation_failed', { zh, en, details: { field: 'noticeFrom' } });
