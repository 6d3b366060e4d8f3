/**
 * The SQL of the yearly confirmation (workflow.ts): applications, their steps and objections, and
 * the enrolment an approval creates. Run inside the caller's transaction, under its row-level
 * security.
 */
import type { ApplicationState, Step } from '../../core/benefits/applicationStates.ts';
import type { BenefitCategory, ProgrammeId, ProgrammeResult } from '../../core/benefits/types.ts';
import { AppError } from '../../core/errors.ts';
import type { Queryable, SqlParam } from '../../db/types.ts';
import { Where } from '../../db/where.ts';

export interface ApplicationRow {
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
  category: BenefitCategory | null;
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

export interface ApplicationFilter {
  year?: number | undefined;
  state?: ApplicationState | undefined;
  programme?: ProgrammeId | undefined;
  township?: string | undefined;
  village?: string | undefined;
  page: number;
  pageSize: number;
}

/** A page of applications, most recently changed first, and how many match. */
export async function applicationRows(tx: Queryable, f: ApplicationFilter): Promise<{ rows: ApplicationRow[]; total: number }> {
  const where = new Where();
  if (f.year !== undefined) where.add('a.year = ?', f.year);
  if (f.state !== undefined) where.add('a.state = ?', f.state);
  if (f.programme !== undefined) where.add('a.programme = ?', f.programme);
  if (f.township !== undefined) where.add('a.township_code = ?', f.township);
  if (f.village !== undefined) where.add('a.village_code = ?', f.village);
  const { clause, args } = where;
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM benefit_application a ${clause}`, args);
  const { rows } = await tx.query<ApplicationRow>(
    `${applicationSelect} ${clause} ORDER BY a.updated_at DESC, a.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    args,
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/** One application (locked for the rest of the transaction when `lock`); not found when out of scope. */
export async function applicationRow(tx: Queryable, id: string, lock = false): Promise<ApplicationRow> {
  if (lock) await tx.query('SELECT 1 FROM benefit_application WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await tx.query<ApplicationRow>(`${applicationSelect} WHERE a.id = $1`, [id]);
  const row = rows[0];
  if (row === undefined) throw new AppError('not_found');
  return row;
}

/** The applications a notice list shows: in a state, of a year, in a place; by place and name. */
export async function noticeListRows(
  tx: Queryable,
  f: { state: ApplicationState; year: number; township?: string | undefined; village?: string | undefined },
): Promise<ApplicationRow[]> {
  const args: SqlParam[] = [f.year, f.state];
  let clause = 'WHERE a.year = $1 AND a.state = $2';
  if (f.township !== undefined) {
    args.push(f.township);
    clause += ` AND a.township_code = $${args.length}`;
  }
  if (f.village !== undefined) {
    args.push(f.village);
    clause += ` AND a.village_code = $${args.length}`;
  }
  const { rows } = await tx.query<ApplicationRow>(`${applicationSelect} ${clause} ORDER BY a.township_code, a.village_code, p.name_pinyin, a.id`, args);
  return rows;
}

/** Where a register person lives, for entering an application. */
export async function personPlace(tx: Queryable, personId: string) {
  const { rows } = await tx.query<{ household_id: string; township_code: string; village_code: string; name: string }>(
    'SELECT household_id, township_code, village_code, name FROM person WHERE id = $1',
    [personId],
  );
  return rows[0];
}

export async function activelyEnrolled(tx: Queryable, programme: ProgrammeId, personId: string): Promise<boolean> {
  const enrolled = await tx.query('SELECT 1 FROM benefit_enrolment WHERE programme = $1 AND person_id = $2 AND last_month IS NULL', [programme, personId]);
  return enrolled.rows.length > 0;
}

export interface NewApplicationRow {
  district: string;
  programme: ProgrammeId;
  year: number;
  personId: string;
  householdId: string;
  township: string;
  village: string;
  category: BenefitCategory | null;
  appliedOn: string;
  evaluation: ProgrammeResult;
  amount: number;
  bankAccountEnc: string;
  bankAccountMasked: string;
  bankName: string;
  note: string | null;
  by: string;
}

/** Inserts an application; undefined when the person already has one for the programme and year. */
export async function insertApplication(tx: Queryable, a: NewApplicationRow): Promise<string | undefined> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO benefit_application (district_code, programme, year, person_id, household_id, township_code, village_code, category, applied_on,
                                      evaluation, monthly_amount, bank_account_enc, bank_account_masked, bank_name, note, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $16)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      a.district,
      a.programme,
      a.year,
      a.personId,
      a.householdId,
      a.township,
      a.village,
      a.category,
      a.appliedOn,
      JSON.stringify(a.evaluation),
      a.amount,
      a.bankAccountEnc,
      a.bankAccountMasked,
      a.bankName,
      a.note,
      a.by,
    ],
  );
  return inserted.rows[0]?.id;
}

/** Records a step of an application: from which state to which, by whom, when (the business time) and why. */
export async function insertStep(
  tx: Queryable,
  district: string,
  id: string,
  from: ApplicationState | null,
  to: ApplicationState,
  by: string,
  note: string | null,
  at: Date,
): Promise<void> {
  await tx.query(
    'INSERT INTO benefit_application_step (district_code, application_id, from_state, to_state, acted_by, note, acted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [district, id, from, to, by, note, at],
  );
}

export async function applicationSteps(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ fromState: ApplicationState | null; toState: ApplicationState; actedBy: string; actedAt: Date; note: string | null }>(
    `SELECT from_state AS "fromState", to_state AS "toState", acted_by AS "actedBy", acted_at AS "actedAt", note
       FROM benefit_application_step WHERE application_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

/** Puts an application on its village or township notice, from and until the days given. */
export async function startNotice(tx: Queryable, id: string, level: 'village' | 'township', from: string, until: string, by: string): Promise<void> {
  const sql =
    level === 'village'
      ? `UPDATE benefit_application SET state = 'village_notice', village_notice_from = $2, village_notice_until = $3, updated_by = $4 WHERE id = $1`
      : `UPDATE benefit_application SET state = 'township_notice', township_notice_from = $2, township_notice_until = $3, updated_by = $4 WHERE id = $1`;
  await tx.query(sql, [id, from, until, by]);
}

export async function approveApplication(tx: Queryable, id: string, decidedOn: string, startMonth: string, by: string): Promise<void> {
  await tx.query(`UPDATE benefit_application SET state = 'approved', decided_on = $2, start_month = $3, updated_by = $4 WHERE id = $1`, [
    id,
    decidedOn,
    startMonth,
    by,
  ]);
}

export async function closeApplication(
  tx: Queryable,
  id: string,
  state: 'rejected' | 'withdrawn',
  reason: string,
  decidedOn: string,
  by: string,
): Promise<void> {
  await tx.query('UPDATE benefit_application SET state = $2, closing_reason = $3, decided_on = $4, updated_by = $5 WHERE id = $1', [
    id,
    state,
    reason,
    decidedOn,
    by,
  ]);
}

export interface NewEnrolmentRow {
  district: string;
  application: ApplicationRow;
  category: BenefitCategory | null;
  startMonth: string;
  approvedOn: string;
  by: string;
}

/** The enrolment an approval creates; false when the person is already enrolled in the programme. */
export async function insertEnrolment(tx: Queryable, e: NewEnrolmentRow): Promise<boolean> {
  const a = e.application;
  const enrolled = await tx.query(
    `INSERT INTO benefit_enrolment (district_code, programme, person_id, household_id, township_code, village_code, category, application_id,
                                    start_month, approved_on, approved_by, bank_account_enc, bank_account_masked, bank_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING RETURNING id`,
    [
      e.district,
      a.programme,
      a.person_id,
      a.household_id,
      a.township_code,
      a.village_code,
      e.category,
      a.id,
      e.startMonth,
      e.approvedOn,
      e.by,
      a.bank_account_enc,
      a.bank_account_masked,
      a.bank_name,
    ],
  );
  return enrolled.rows.length > 0;
}

export interface ObjectionRow {
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

const objectionColumns = 'id, stage, received_on::text AS received_on, objector, content, recorded_by, upheld, resolution, resolved_by, resolved_at';

export async function objectionsOf(tx: Queryable, applicationId: string): Promise<ObjectionRow[]> {
  const { rows } = await tx.query<ObjectionRow>(
    `SELECT ${objectionColumns} FROM benefit_objection WHERE application_id = $1 ORDER BY received_on, recorded_at`,
    [applicationId],
  );
  return rows;
}

export async function insertObjection(
  tx: Queryable,
  o: { district: string; applicationId: string; stage: Exclude<Step, 'district'>; receivedOn: string; objector: string; content: string; by: string },
): Promise<ObjectionRow> {
  const { rows } = await tx.query<ObjectionRow>(
    `INSERT INTO benefit_objection (district_code, application_id, stage, received_on, objector, content, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${objectionColumns}`,
    [o.district, o.applicationId, o.stage, o.receivedOn, o.objector, o.content, o.by],
  );
  return rows[0] as ObjectionRow;
}

/** An objection's application and whether it is resolved, locked for the rest of the transaction. */
export async function objectionForUpdate(tx: Queryable, id: string) {
  const found = await tx.query<{ application_id: string; upheld: boolean | null }>(
    'SELECT application_id, upheld FROM benefit_objection WHERE id = $1 FOR UPDATE',
    [id],
  );
  return found.rows[0];
}

export async function resolveObjectionRow(tx: Queryable, id: string, upheld: boolean, resolution: string, by: string): Promise<ObjectionRow> {
  const { rows } = await tx.query<ObjectionRow>(
    `UPDATE benefit_objection SET upheld = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1
     RETURNING ${objectionColumns}`,
    [id, upheld, resolution, by],
  );
  return rows[0] as ObjectionRow;
}
