/**
 * The SQL of the payment rolls (rolls.ts): staging and writing lines, reading rolls, lines and
 * what planning needs besides the enrolments. Run inside the caller's transaction, under its
 * row-level security.
 */
import type { LineKind, NewLine, Stop } from '../../core/benefits/rollPlan.ts';
import type { RollState } from '../../core/benefits/rollStates.ts';
import type { BenefitCategory, FundingBody, ProgrammeId } from '../../core/benefits/types.ts';
import { monthStart } from '../../core/calendar.ts';
import { copyLine } from '../../db/copy.ts';
import type { Queryable, SqlParam } from '../../db/types.ts';

/** The columns of a new line as planned, loaded into the transaction's roll_line_in table by COPY. */
const newLineColumns = ['enrolment_id', 'person_id', 'township_code', 'village_code', 'paid_month', 'kind', 'amount', 'category', 'note'] as const;

/**
 * Where the lines of a roll being generated wait to be written: a temporary table of the
 * transaction, loaded by COPY, from which each batch goes into payment_line under row-level
 * security (COPY and INSERT … SELECT take 0.6 s for 50,000 lines on the server, where the same
 * lines as array parameters of one INSERT took 0.84 s). The application role needs the
 * TEMPORARY privilege on the database, which PostgreSQL grants to every role by default.
 */
export async function createLineStaging(tx: Queryable): Promise<void> {
  await tx.exec(`CREATE TEMPORARY TABLE IF NOT EXISTS roll_line_in (enrolment_id uuid, person_id uuid, township_code text, village_code text,
                   paid_month date, kind text, amount numeric(10, 2), category text, note text) ON COMMIT DROP;
                 TRUNCATE roll_line_in`);
}

/**
 * Writes one batch of lines in one statement, in person order: the unique index on (programme,
 * person, month) is then filled leaf after leaf rather than at random (a tenth less time for a
 * district's roll).
 */
export async function insertLines(
  tx: Queryable,
  district: string,
  rollId: string,
  programme: string,
  fundedBy: FundingBody,
  lines: readonly NewLine[],
): Promise<void> {
  let text = '';
  for (const l of lines) text += copyLine([l.enrolmentId, l.personId, l.township, l.village, monthStart(l.paidMonth), l.kind, l.amount, l.category, l.note]);
  await tx.copyIn('roll_line_in', newLineColumns, text);
  await tx.query(
    `INSERT INTO payment_line (district_code, roll_id, programme, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, funded_by, category, note)
     SELECT $1, $2, $3, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, $4, category, note
       FROM roll_line_in ORDER BY person_id, paid_month`,
    [district, rollId, programme, fundedBy],
  );
  await tx.exec('TRUNCATE roll_line_in');
}

export interface RollRow {
  id: string;
  programme: ProgrammeId;
  period: string;
  state: RollState;
  line_count: number;
  total_amount: string;
  stops: Stop[];
  generated_by: string;
  generated_at: Date;
  checked_by: string | null;
  checked_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  exported_by: string | null;
  exported_at: Date | null;
  paid_by: string | null;
  paid_at: Date | null;
}

export const rollColumns = `id, programme, period::text AS period, state, line_count, total_amount::text AS total_amount, stops, generated_by, generated_at,
  checked_by, checked_at, approved_by, approved_at, exported_by, exported_at, paid_by, paid_at`;

export async function rollById(tx: Queryable, id: string): Promise<RollRow | undefined> {
  const { rows } = await tx.query<RollRow>(`SELECT ${rollColumns} FROM payment_roll WHERE id = $1`, [id]);
  return rows[0];
}

/** The lines of a programme paid for the months from `from` to `to` (first days), in any roll. */
export async function paidLines(tx: Queryable, programme: ProgrammeId, from: string, to: string) {
  const { rows } = await tx.query<{ person_id: string; month: string; kind: string; amount: string }>(
    `SELECT person_id, paid_month::text AS month, kind, amount::text AS amount FROM payment_line
      WHERE programme = $1 AND paid_month >= $2 AND paid_month <= $3`,
    [programme, from, to],
  );
  return rows;
}

/** When the programme's last approved (or exported, or paid) roll was generated; null before the first. */
export async function lastApprovedGeneration(tx: Queryable, programme: ProgrammeId): Promise<Date | null> {
  const last = await tx.query<{ at: Date | null }>(
    `SELECT max(generated_at) AS at FROM payment_roll WHERE programme = $1 AND state IN ('approved', 'exported', 'paid')`,
    [programme],
  );
  return last.rows[0]?.at ?? null;
}

/** Whether any parameter row was entered after `since`. */
export async function parametersEnteredSince(tx: Queryable, since: Date): Promise<boolean> {
  const params = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM programme_parameter WHERE created_at > $1', [since]);
  return (params.rows[0]?.n ?? 0) > 0;
}

/** The households whose register entries (persons, life events, assessments, exits) changed after `since`. */
export async function householdsChangedSince(tx: Queryable, since: Date): Promise<Set<string>> {
  const { rows: touched } = await tx.query<{ household_id: string }>(
    `SELECT household_id FROM person WHERE updated_at > $1
     UNION SELECT household_id FROM life_event WHERE entered_at > $1
     UNION SELECT p.household_id FROM disability_assessment d JOIN person p ON p.district_code = d.district_code AND p.id = d.person_id WHERE d.created_at > $1
     UNION SELECT household_id FROM benefit_enrolment WHERE exited_at > $1`,
    [since],
  );
  return new Set(touched.map((t) => t.household_id));
}

export interface LineRow {
  id: string;
  name: string;
  id_number_masked: string;
  township_code: string;
  village_code: string;
  paid_month: string;
  kind: LineKind;
  amount: string;
  funded_by: FundingBody;
  category: BenefitCategory | null;
  note: string | null;
}

// Township and village names are looked up from small maps (placeNames), not joined: a join per
// line re-checks the organisation's row-level security thousands of times over.
export const lineSelect = `SELECT l.id, p.name, p.id_number_masked, l.township_code, l.village_code,
    l.paid_month::text AS paid_month, l.kind, l.amount::text AS amount, l.funded_by, l.category, l.note
  FROM payment_line l
  JOIN person p ON p.district_code = l.district_code AND p.id = l.person_id`;

export async function placeNames(tx: Queryable): Promise<{ township: (code: string) => string; village: (code: string) => string }> {
  const townships = new Map((await tx.query<{ code: string; name: string }>('SELECT code, name FROM township')).rows.map((r) => [r.code, r.name]));
  const villages = new Map((await tx.query<{ code: string; name: string }>('SELECT code, name FROM village')).rows.map((r) => [r.code, r.name]));
  return { township: (code) => townships.get(code) ?? code, village: (code) => villages.get(code) ?? code };
}

/** The lines and amount of each roll within the caller's scope (row-level security keeps the rest out). */
export async function scopedRollTotals(tx: Queryable, rollIds: readonly string[]) {
  const { rows } = await tx.query<{ roll_id: string; lines: number; amount: string }>(
    'SELECT roll_id, count(*)::int AS lines, sum(amount)::text AS amount FROM payment_line WHERE roll_id = ANY ($1::uuid[]) GROUP BY roll_id',
    [rollIds],
  );
  return rows;
}

/** The names of the villages given, or else of the townships given, in the district's order. */
export async function reachPlaceNames(tx: Queryable, reach: { villages: readonly string[]; townships: readonly string[] }): Promise<string[]> {
  const places =
    reach.villages.length > 0
      ? await tx.query<{ name: string }>('SELECT name FROM village WHERE code = ANY ($1::text[]) ORDER BY code', [reach.villages])
      : await tx.query<{ name: string }>('SELECT name FROM township WHERE code = ANY ($1::text[]) ORDER BY sort_order', [reach.townships]);
  return places.rows.map((r) => r.name);
}

/** The month (first day) of a roll of the programme still a draft or checked, other than `periodStart`'s; undefined when none. */
export async function pendingRollPeriod(tx: Queryable, programme: ProgrammeId, periodStart: string): Promise<string | undefined> {
  const pending = await tx.query<{ period: string }>(
    `SELECT period::text AS period FROM payment_roll WHERE programme = $1 AND state IN ('draft', 'checked') AND period <> $2`,
    [programme, periodStart],
  );
  return pending.rows[0]?.period;
}

/** Creates the roll of a programme and month; undefined when it exists (a concurrent call waits here, then finds it). */
export async function createRoll(tx: Queryable, district: string, programme: ProgrammeId, periodStart: string, by: string): Promise<string | undefined> {
  const created = await tx.query<{ id: string }>(
    `INSERT INTO payment_roll (district_code, programme, period, generated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (district_code, programme, period) DO NOTHING RETURNING id`,
    [district, programme, periodStart, by],
  );
  return created.rows[0]?.id;
}

/** The roll of a programme and month, locked for the rest of the transaction. */
export async function rollOfMonthForUpdate(tx: Queryable, programme: ProgrammeId, periodStart: string) {
  const existing = await tx.query<{ id: string; state: RollState }>('SELECT id, state FROM payment_roll WHERE programme = $1 AND period = $2 FOR UPDATE', [
    programme,
    periodStart,
  ]);
  return existing.rows[0];
}

export async function deleteRollLines(tx: Queryable, rollId: string): Promise<void> {
  await tx.query('DELETE FROM payment_line WHERE roll_id = $1', [rollId]);
}

/** A generated roll's figures and stops, by whom and when; a regenerated roll is to be checked again. */
export async function finishRoll(
  tx: Queryable,
  id: string,
  r: { lineCount: number; total: number; stops: readonly Stop[]; by: string; at: Date },
): Promise<void> {
  await tx.query(
    `UPDATE payment_roll SET line_count = $2, total_amount = $3, stops = $4::jsonb, generated_by = $5, generated_at = $6,
            checked_by = NULL, checked_at = NULL WHERE id = $1`,
    [id, r.lineCount, r.total, JSON.stringify(r.stops), r.by, r.at],
  );
}

const dueEnrolments = 'FROM benefit_enrolment WHERE programme = $1 AND start_month <= $2 AND (last_month IS NULL OR last_month >= $3)';

/** Whether more than 5,000 enrolments of the programme are due from `windowStart` to `periodStart` (first days of months). */
export async function manyDueEnrolments(tx: Queryable, programme: ProgrammeId, periodStart: string, windowStart: string): Promise<boolean> {
  const { rows } = await tx.query<{ many: boolean }>(`SELECT count(*) > 5000 AS many FROM (SELECT 1 ${dueEnrolments} LIMIT 5001) e`, [
    programme,
    periodStart,
    windowStart,
  ]);
  return rows[0]?.many === true;
}

/**
 * The enrolments due, one packed text each (ids, codes, the category and months, comma-separated):
 * a district has hundreds of thousands. The statement is sent at once (the promise is the query's).
 */
export function dueEnrolmentTexts(tx: Queryable, programme: ProgrammeId, periodStart: string, windowStart: string) {
  return tx.query<{ f: string }>(
    `SELECT concat(id, ',', person_id, ',', household_id, ',', township_code, ',', village_code, ',', category, ',', start_month, ',', last_month) AS f
       ${dueEnrolments} ORDER BY township_code, village_code, id`,
    [programme, periodStart, windowStart],
  );
}

/** A page of rolls, newest month first, and how many there are. */
export async function rollRows(
  tx: Queryable,
  f: { programme?: ProgrammeId | undefined; page: number; pageSize: number },
): Promise<{ rows: RollRow[]; total: number }> {
  const where = f.programme === undefined ? '' : 'WHERE programme = $1';
  const args = f.programme === undefined ? [] : [f.programme];
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment_roll ${where}`, args);
  const { rows } = await tx.query<RollRow>(
    `SELECT ${rollColumns} FROM payment_roll ${where} ORDER BY period DESC, programme LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    args,
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/**
 * A roll's totals by township, funding body and kind. The lines are summed per township first, and
 * only the sums meet the township table: joined line by line, the township's row-level security was
 * evaluated once per line (1.4 s for a district's roll, whose line count the planner does not know yet).
 */
export async function rollTotals(tx: Queryable, id: string) {
  const byTownship = await tx.query<{ township: string; townshipName: string; lines: number; amount: string }>(
    `SELECT l.township_code AS township, t.name AS "townshipName", l.lines, l.amount::text AS amount
       FROM (SELECT district_code, township_code, count(*)::int AS lines, sum(amount) AS amount FROM payment_line
              WHERE roll_id = $1 GROUP BY district_code, township_code) l
       JOIN township t ON t.district_code = l.district_code AND t.code = l.township_code
      ORDER BY t.sort_order`,
    [id],
  );
  const byFunding = await tx.query<{ fundedBy: FundingBody; amount: string }>(
    `SELECT funded_by AS "fundedBy", sum(amount)::text AS amount FROM payment_line WHERE roll_id = $1 GROUP BY funded_by ORDER BY funded_by`,
    [id],
  );
  const byKind = await tx.query<{ kind: LineKind; lines: number; amount: string }>(
    `SELECT kind, count(*)::int AS lines, sum(amount)::text AS amount FROM payment_line WHERE roll_id = $1 GROUP BY kind ORDER BY kind DESC`,
    [id],
  );
  return { byTownship: byTownship.rows, byFunding: byFunding.rows, byKind: byKind.rows };
}

/** Persons' names and their townships' names, by person id. */
export async function personsWithTownship(tx: Queryable, personIds: readonly string[]) {
  const names = await tx.query<{ id: string; name: string; township_name: string }>(
    `SELECT p.id, p.name, t.name AS township_name FROM person p JOIN township t ON t.district_code = p.district_code AND t.code = p.township_code WHERE p.id = ANY ($1::uuid[])`,
    [personIds],
  );
  return new Map(names.rows.map((n) => [n.id, n]));
}

/** A page of a roll's lines, by place and person, and how many match. */
export async function rollLineRows(tx: Queryable, id: string, f: { township?: string | undefined; kind?: string | undefined; page: number; pageSize: number }) {
  const args: SqlParam[] = [id];
  let clause = 'WHERE l.roll_id = $1';
  if (f.township !== undefined) {
    args.push(f.township);
    clause += ` AND l.township_code = $${args.length}`;
  }
  if (f.kind !== undefined) {
    args.push(f.kind);
    clause += ` AND l.kind = $${args.length}`;
  }
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment_line l ${clause}`, args);
  // The page is cut from the roll's own lines first; only its twenty rows meet the register.
  const { rows } = await tx.query<LineRow>(
    `WITH page AS (SELECT * FROM payment_line l ${clause} ORDER BY l.township_code, l.village_code, l.person_id, l.paid_month, l.id
                    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize})
     ${lineSelect.replace('FROM payment_line l', 'FROM page l')} ORDER BY l.township_code, l.village_code, l.person_id, l.paid_month, l.id`,
    args,
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/** Every line of a roll, by place and person (the workbook). */
export async function allRollLines(tx: Queryable, id: string): Promise<LineRow[]> {
  const { rows } = await tx.query<LineRow>(
    `WITH lines AS MATERIALIZED (SELECT * FROM payment_line WHERE roll_id = $1)
     ${lineSelect.replace('FROM payment_line l', 'FROM lines l')} ORDER BY l.township_code, l.village_code, l.person_id, l.paid_month, l.id`,
    [id],
  );
  return rows;
}

export async function lockRoll(tx: Queryable, id: string): Promise<void> {
  await tx.query('SELECT 1 FROM payment_roll WHERE id = $1 FOR UPDATE', [id]);
}

/** Moves a roll to its next state: the step's who and when recorded, or, reopened, the check cleared. */
export async function setRollState(tx: Queryable, id: string, to: RollState, step: { column: string; by: string; at: Date } | 'reopen'): Promise<void> {
  if (step === 'reopen') await tx.query('UPDATE payment_roll SET state = $2, checked_by = NULL, checked_at = NULL WHERE id = $1', [id, to]);
  else await tx.query(`UPDATE payment_roll SET state = $2, ${step.column}_by = $3, ${step.column}_at = $4 WHERE id = $1`, [id, to, step.by, step.at]);
}

/**
 * The bank file's payments: a roll's lines netted per enrolment, only positive nets, by place and
 * name, with the sealed account number.
 */
export async function bankPayments(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ enrolment_id: string; name: string; bank_account_enc: string; amount: string }>(
    `SELECT l.enrolment_id, p.name, e.bank_account_enc, sum(l.amount)::text AS amount
       FROM payment_line l
       JOIN benefit_enrolment e ON e.district_code = l.district_code AND e.id = l.enrolment_id
       JOIN person p ON p.district_code = l.district_code AND p.id = l.person_id
      WHERE l.roll_id = $1 GROUP BY l.enrolment_id, p.name, e.bank_account_enc, l.township_code, l.village_code, p.name_pinyin
     HAVING sum(l.amount) > 0 ORDER BY l.township_code, l.village_code, p.name_pinyin, l.enrolment_id`,
    [id],
  );
  return rows;
}
