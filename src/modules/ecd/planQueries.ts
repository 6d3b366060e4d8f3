/**
 * The SQL of the centre's activity-plan library (ecd_activity_plan), inside the caller's scoped
 * transaction: rows in, rows out.
 */
import type { Queryable } from '../../db/types.ts';
import type { ActivityPlanInput, Domain } from './schemas.ts';

export interface PlanRow {
  id: string;
  title: string;
  age_from_months: number;
  age_to_months: number;
  domain: Domain;
  goal: string;
  materials: string[];
  steps: string[];
  parent_guidance: string;
  minutes: number;
  version: number;
}

export interface PlanFilter {
  ageMonths?: number | undefined;
  domain?: Domain | undefined;
  q?: string | undefined;
}

const planColumns = 'id, title, age_from_months, age_to_months, domain, goal, materials, steps, parent_guidance, minutes, version';

/** The plans for an age (in months), a domain and a search text in the title or goal. */
export async function planRows(tx: Queryable, filter: PlanFilter): Promise<PlanRow[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.ageMonths !== undefined) {
    args.push(filter.ageMonths);
    where.push(`$${args.length} BETWEEN age_from_months AND age_to_months`);
  }
  if (filter.domain) {
    args.push(filter.domain);
    where.push(`domain = $${args.length}`);
  }
  if (filter.q) {
    args.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(title ILIKE $${args.length} OR goal ILIKE $${args.length})`);
  }
  const { rows } = await tx.query<PlanRow>(
    `SELECT ${planColumns} FROM ecd_activity_plan ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY age_from_months, age_to_months, title`,
    args,
  );
  return rows;
}

export async function planRow(tx: Queryable, id: string): Promise<PlanRow | undefined> {
  return (await tx.query<PlanRow>(`SELECT ${planColumns} FROM ecd_activity_plan WHERE id = $1`, [id])).rows[0];
}

/** Whether the caller sees an activity plan of this id. */
export async function planExists(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM ecd_activity_plan WHERE id = $1', [id])).rows.length > 0;
}

/** A plan's fields in the order of the columns title … minutes. */
const planValues = (input: ActivityPlanInput) => [
  input.title,
  input.ageFromMonths,
  input.ageToMonths,
  input.domain,
  input.goal,
  input.materials,
  input.steps,
  input.parentGuidance,
  input.minutes,
];

export async function insertPlan(tx: Queryable, district: string, username: string, input: ActivityPlanInput): Promise<PlanRow> {
  const { rows } = await tx.query<PlanRow>(
    `INSERT INTO ecd_activity_plan (district_code, title, age_from_months, age_to_months, domain, goal, materials, steps, parent_guidance, minutes, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${planColumns}`,
    [district, ...planValues(input), username],
  );
  return rows[0] as PlanRow;
}

/** Updates the plan at the version given; undefined when that version is no longer current. */
export async function updatePlan(tx: Queryable, id: string, username: string, input: ActivityPlanInput & { version: number }): Promise<PlanRow | undefined> {
  const { rows } = await tx.query<PlanRow>(
    `UPDATE ecd_activity_plan SET title = $3, age_from_months = $4, age_to_months = $5, domain = $6, goal = $7, materials = $8, steps = $9,
            parent_guidance = $10, minutes = $11, updated_by = $12, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 RETURNING ${planColumns}`,
    [id, input.version, ...planValues(input), username],
  );
  return rows[0];
}
