/**
 * The SQL of the centre's children, their consent, guardians and growth measurements: rows in,
 * rows out. Row-level security decides which children a caller sees (a parent: their own).
 */
import type { GrowthZScores } from '../../core/growth/zscore.ts';
import type { Queryable } from '../../db/types.ts';
import type { Enrolment, GrowthStatus, MeasurementInput, Position } from './schemas.ts';

export interface ChildRow {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  enrolled_on: string;
  consent_by: string;
  consent_relation: string;
  consent_at: Date;
  consent_purpose: string;
  consent_withdrawn_at: Date | null;
}

/** A child as the centre's classes and milestones need it. */
export interface ChildLite {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  consent_withdrawn_at: Date | null;
}

export interface MeasurementRow {
  id: string;
  measured_on: string;
  weight_kg: string | null;
  length_height_cm: string | null;
  position: Position | null;
  head_cm: string | null;
  oedema: boolean;
  zscores: GrowthZScores;
  statuses: GrowthStatus[];
  note: string | null;
  entered_by: string;
}

const childColumns = `id, name, sex, birth_date::text AS birth_date, enrolled_on::text AS enrolled_on, consent_by, consent_relation, consent_at,
  consent_purpose, consent_withdrawn_at`;

export async function childRows(tx: Queryable): Promise<ChildRow[]> {
  return (await tx.query<ChildRow>(`SELECT ${childColumns} FROM ecd_child ORDER BY enrolled_on DESC, name`)).rows;
}

export async function childRow(tx: Queryable, id: string): Promise<ChildRow | undefined> {
  return (await tx.query<ChildRow>(`SELECT ${childColumns} FROM ecd_child WHERE id = $1`, [id])).rows[0];
}

export async function childLite(tx: Queryable, id: string): Promise<ChildLite | undefined> {
  return (await tx.query<ChildLite>('SELECT id, name, sex, birth_date::text AS birth_date, consent_withdrawn_at FROM ecd_child WHERE id = $1', [id])).rows[0];
}

/** The children of `ids` the caller sees. */
export async function childrenLite(tx: Queryable, ids: string[]): Promise<ChildLite[]> {
  return (
    await tx.query<ChildLite>('SELECT id, name, sex, birth_date::text AS birth_date, consent_withdrawn_at FROM ecd_child WHERE id = ANY($1::uuid[])', [ids])
  ).rows;
}

/** Enrols a child with the guardian's consent given at `consentAt`; answers its id. */
export async function insertChild(tx: Queryable, district: string, by: string, input: Enrolment, consentAt: Date): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ecd_child (district_code, name, sex, birth_date, enrolled_on, consent_by, consent_relation, consent_at, consent_purpose, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $10, $8, $9) RETURNING id`,
    [district, input.name, input.sex, input.birthDate, input.enrolledOn, input.consent.by, input.consent.relation, input.consent.purpose, by, consentAt],
  );
  return rows[0]?.id as string;
}

/** Marks the consent withdrawn at `at`; false when the child is unseen or already withdrawn. */
export async function withdrawConsent(tx: Queryable, id: string, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query('UPDATE ecd_child SET consent_withdrawn_at = $2 WHERE id = $1 AND consent_withdrawn_at IS NULL', [id, at]);
  return rowCount > 0;
}

/** The id of a parent's account by username, or null. */
export async function parentAccountId(tx: Queryable, username: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>('SELECT xingfu_parent_account($1) AS id', [username]);
  return rows[0]?.id ?? null;
}

export async function insertGuardian(tx: Queryable, district: string, childId: string, userId: string, relation: string): Promise<void> {
  await tx.query('INSERT INTO ecd_guardian (district_code, child_id, user_id, relation) VALUES ($1, $2, $3, $4)', [district, childId, userId, relation]);
}

/** A child's measurements, oldest first. */
export async function measurementRows(tx: Queryable, childId: string): Promise<MeasurementRow[]> {
  const { rows } = await tx.query<MeasurementRow>(
    `SELECT id, measured_on::text AS measured_on, weight_kg::text AS weight_kg, length_height_cm::text AS length_height_cm, position, head_cm::text AS head_cm,
                oedema, zscores, statuses, note, entered_by FROM ecd_measurement WHERE child_id = $1 ORDER BY measured_on`,
    [childId],
  );
  return rows;
}

/** Stores a measurement with its z-scores and flags; answers its id. */
export async function insertMeasurement(
  tx: Queryable,
  district: string,
  by: string,
  childId: string,
  m: MeasurementInput,
  scores: GrowthZScores,
  statuses: readonly unknown[],
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ecd_measurement (district_code, child_id, measured_on, weight_kg, length_height_cm, position, head_cm, arm_cm, triceps_mm, subscapular_mm,
                                      oedema, zscores, statuses, note, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15) RETURNING id`,
    [
      district,
      childId,
      m.date,
      m.weightKg ?? null,
      m.lengthHeightCm ?? null,
      m.position ?? null,
      m.headCircumferenceCm ?? null,
      m.armCircumferenceCm ?? null,
      m.tricepsSkinfoldMm ?? null,
      m.subscapularSkinfoldMm ?? null,
      m.oedema ?? false,
      JSON.stringify(scores),
      JSON.stringify(statuses),
      m.note ?? null,
      by,
    ],
  );
  return rows[0]?.id as string;
}
