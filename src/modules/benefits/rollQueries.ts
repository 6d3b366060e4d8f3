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
import type { Queryable } from '../../db/types.ts';

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
export async function insertLines(tx: Queryable, district: string, rollId: string, programme: string, fundedBy: FundingBody, lines: readonly NewLine[]): Promise<void> {
  let text = '';
  for (const l of lines) text += copyLine([l.enrolmentId, l.personId, l.township, l.village, monthStart(l.paidMonth), l.kind, l.amount, l.category, l.note]);
  await tx.copyIn('roll_line_in', newLineColumns, text);
  await tx.query(
    `INSERT INTO payment_line (district_code, roll_id, programme, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, funded_by, category, note)
     SELECT $1, $2, $3, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, $4, category, note
       FROM roll_line_in ORDER BY person_id, paid_month`,
    [district, rollId, programme, fundedBy]);
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
      WHERE programme = $1 AND paid_month >= $2 AND paid_month <= $3`, [programme, from, to]);
  return rows;
}

/** When the programme's last approved (or exported, or paid) roll was generated; null before the first. */
export async function lastApprovedGeneration(tx: Queryable, programme: ProgrammeId): Promise<Date | null> {
  const last = await tx.query<{ at: Date | null }>(`SELECT max(generated_at) AS at FROM payment_roll WHERE programme = $1 AND state IN ('approved', 'exported', 'paid')`, [programme]);
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
     UNION SELECT household_id FROM benefit_enrolment WHERE exited_at > $1`, [since]);
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
