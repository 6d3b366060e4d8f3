/**
 * The SQL of the coordination's configuration: settings, departments' membership, indicators and
 * their rules, the yearly plan and its responsibilities. Rows in, plain objects out; the checks,
 * the audit entries and the presentation stay in config.ts. Row-level security limits every
 * statement to the actor's district and reach.
 */
import type { RuleSpec } from '../../core/coordination/indicators.ts';
import type { Queryable } from '../../db/types.ts';
import type { Area, DepartmentRow, Indicator, Responsibility, ResponsibilityStatus, Settings } from './config.ts';

/** The display name of a user, if the user exists. */
export async function userDisplayName(tx: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ display_name: string }>('SELECT display_name FROM app_user WHERE id = $1', [userId]);
  return rows[0]?.display_name;
}

// -- settings and departments ------------------------------------------------------------------

/** The district's settings, or null when none are stored. */
export async function settingsRow(tx: Queryable): Promise<Settings | null> {
  const { rows } = await tx.query<{ due_day: number; reminder_days: number; document_prefix: string; issuer: string }>(
    'SELECT due_day, reminder_days, document_prefix, issuer FROM coord_setting',
  );
  const row = rows[0];
  return row ? { dueDay: row.due_day, reminderDays: row.reminder_days, documentPrefix: row.document_prefix, issuer: row.issuer } : null;
}

export async function upsertSettings(tx: Queryable, district: string, settings: Settings): Promise<void> {
  await tx.query(
    `INSERT INTO coord_setting (district_code, due_day, reminder_days, document_prefix, issuer) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (district_code) DO UPDATE SET due_day = $2, reminder_days = $3, document_prefix = $4, issuer = $5, updated_at = now()`,
    [district, settings.dueDay, settings.reminderDays, settings.documentPrefix, settings.issuer],
  );
}

export async function departmentRows(tx: Queryable): Promise<DepartmentRow[]> {
  const { rows } = await tx.query<{ code: string; name: string; short_name: string; active_from: string; active_to: string | null }>(
    'SELECT code, name, short_name, active_from::text, active_to::text FROM department ORDER BY sort_order, code',
  );
  return rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name, activeFrom: r.active_from, activeTo: r.active_to }));
}

/** The months ('YYYY-MM') a department has reports for outside the span, in order. */
export async function reportPeriodsOutside(tx: Queryable, code: string, activeFrom: string, activeTo: string | null): Promise<string[]> {
  const { rows } = await tx.query<{ period: string }>(
    `SELECT to_char(period, 'YYYY-MM') AS period FROM coord_report
      WHERE department_code = $1 AND (period + interval '1 month' - interval '1 day' < $2::date OR ($3::date IS NOT NULL AND period > $3::date))
      ORDER BY period`,
    [code, activeFrom, activeTo],
  );
  return rows.map((r) => r.period);
}

/** Sets a department's membership span; the number of rows changed (0 when row-level security hides it). */
export async function updateDepartmentSpan(tx: Queryable, code: string, activeFrom: string, activeTo: string | null): Promise<number> {
  const { rowCount } = await tx.query('UPDATE department SET active_from = $2, active_to = $3 WHERE code = $1', [code, activeFrom, activeTo]);
  return rowCount;
}

// -- indicators and rules ----------------------------------------------------------------------

/** Every indicator with its departments, by sort order and code. */
export async function indicatorRows(tx: Queryable): Promise<Indicator[]> {
  const { rows } = await tx.query<{
    code: string;
    name: string;
    unit: string;
    aggregation: Indicator['aggregation'];
    integer_only: boolean;
    min_value: string | null;
    max_value: string | null;
    active: boolean;
    sort_order: number;
    departments: string[];
  }>(
    `SELECT i.code, i.name, i.unit, i.aggregation, i.integer_only, i.min_value::text, i.max_value::text, i.active, i.sort_order,
            coalesce(array_agg(d.department_code ORDER BY d.department_code) FILTER (WHERE d.department_code IS NOT NULL), '{}') AS departments
       FROM coord_indicator i LEFT JOIN coord_indicator_department d ON d.district_code = i.district_code AND d.indicator_code = i.code
      GROUP BY i.district_code, i.code ORDER BY i.sort_order, i.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    unit: r.unit,
    aggregation: r.aggregation,
    integer: r.integer_only,
    min: r.min_value === null ? null : Number(r.min_value),
    max: r.max_value === null ? null : Number(r.max_value),
    active: r.active,
    sortOrder: r.sort_order,
    departments: r.departments,
  }));
}

export async function ruleRows(tx: Queryable): Promise<RuleSpec[]> {
  const { rows } = await tx.query<{ id: string; left_code: string; operator: RuleSpec['operator']; right_code: string; factor: string; message: string }>(
    'SELECT id, left_code, operator, right_code, factor::text, message FROM coord_rule ORDER BY left_code, right_code, id',
  );
  return rows.map((r) => ({ id: r.id, left: r.left_code, operator: r.operator, right: r.right_code, factor: Number(r.factor), message: r.message }));
}

/** Whether another indicator than `code` already has that name. */
export async function indicatorNameTaken(tx: Queryable, name: string, code: string): Promise<boolean> {
  const taken = await tx.query('SELECT 1 FROM coord_indicator WHERE name = $1 AND code <> $2', [name, code]);
  return taken.rows.length > 0;
}

export async function upsertIndicator(tx: Queryable, district: string, code: string, input: Omit<Indicator, 'code' | 'departments'>): Promise<void> {
  await tx.query(
    `INSERT INTO coord_indicator (district_code, code, name, unit, aggregation, integer_only, min_value, max_value, active, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (district_code, code) DO UPDATE SET name = $3, unit = $4, aggregation = $5, integer_only = $6, min_value = $7,
       max_value = $8, active = $9, sort_order = $10`,
    [district, code, input.name, input.unit, input.aggregation, input.integer, input.min ?? 0, input.max, input.active, input.sortOrder],
  );
}

/** Replaces the departments that report an indicator. */
export async function replaceIndicatorDepartments(tx: Queryable, district: string, code: string, departments: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM coord_indicator_department WHERE indicator_code = $1', [code]);
  for (const department of departments) {
    await tx.query('INSERT INTO coord_indicator_department (district_code, indicator_code, department_code) VALUES ($1, $2, $3)', [district, code, department]);
  }
}

/** Inserts a rule; its new id. */
export async function insertRule(tx: Queryable, district: string, input: Omit<RuleSpec, 'id'>): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO coord_rule (district_code, left_code, operator, right_code, factor, message) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [district, input.left, input.operator, input.right, input.factor, input.message],
  );
  return (rows[0] as { id: string }).id;
}

export async function deleteRuleRow(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM coord_rule WHERE id = $1', [id]);
}

// -- plan and responsibilities -----------------------------------------------------------------

export async function responsibilityRows(tx: Queryable, filter: { year?: number; department?: string; id?: string }): Promise<Responsibility[]> {
  const { rows } = await tx.query<{
    id: string;
    area: Area;
    title: string;
    description: string;
    status: ResponsibilityStatus;
    version: number;
    departments: { code: string; name: string; shortName: string; lead: boolean }[];
  }>(
    `SELECT r.id, r.area, r.title, r.description, r.status, r.version,
            coalesce((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'shortName', d.short_name, 'lead', rd.lead)
                                      ORDER BY rd.lead DESC, rd.position, d.sort_order)
                        FROM coord_responsibility_department rd JOIN department d ON d.district_code = rd.district_code AND d.code = rd.department_code
                       WHERE rd.district_code = r.district_code AND rd.responsibility_id = r.id), '[]') AS departments
       FROM coord_responsibility r
      WHERE ($1::int IS NULL OR r.year = $1) AND ($2::uuid IS NULL OR r.id = $2)
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM coord_responsibility_department x
                                          WHERE x.district_code = r.district_code AND x.responsibility_id = r.id AND x.department_code = $3))
      ORDER BY array_position(ARRAY['civility', 'health', 'eugenics', 'prosperity', 'dedication'], r.area), r.sort_order, r.title`,
    [filter.year ?? null, filter.id ?? null, filter.department ?? null],
  );
  return rows;
}

/** The years that have a plan, latest first. */
export async function planYears(tx: Queryable): Promise<number[]> {
  const { rows } = await tx.query<{ year: number }>('SELECT year FROM coord_plan ORDER BY year DESC');
  return rows.map((y) => y.year);
}

export interface PlanRow {
  year: number;
  title: string;
  docNumber: string;
  issuedOn: string;
  goals: string;
  measures: string;
}

export async function planOfYear(tx: Queryable, year: number): Promise<PlanRow | null> {
  const { rows } = await tx.query<{ year: number; title: string; doc_number: string; issued_on: string; goals: string; measures: string }>(
    'SELECT year, title, doc_number, issued_on::text, goals, measures FROM coord_plan WHERE year = $1',
    [year],
  );
  const plan = rows[0];
  return plan ? { year: plan.year, title: plan.title, docNumber: plan.doc_number, issuedOn: plan.issued_on, goals: plan.goals, measures: plan.measures } : null;
}

export async function planExists(tx: Queryable, year: number): Promise<boolean> {
  const plan = await tx.query('SELECT 1 FROM coord_plan WHERE year = $1', [year]);
  return plan.rows.length > 0;
}

export async function deleteResponsibilityDepartments(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM coord_responsibility_department WHERE responsibility_id = $1', [id]);
}

export async function insertResponsibilityDepartment(tx: Queryable, district: string, id: string, code: string, position: number): Promise<void> {
  await tx.query(
    'INSERT INTO coord_responsibility_department (district_code, responsibility_id, department_code, lead, position) VALUES ($1, $2, $3, $4, $5)',
    [district, id, code, position === 0, position],
  );
}

/** Inserts a responsibility at the end of its year's list; its new id. */
export async function insertResponsibility(
  tx: Queryable,
  district: string,
  username: string,
  input: { year: number; area: Area; title: string; description: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO coord_responsibility (district_code, year, area, title, description, sort_order, updated_by)
     VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(sort_order), 0) + 1 FROM coord_responsibility WHERE year = $2), $6) RETURNING id`,
    [district, input.year, input.area, input.title, input.description, username],
  );
  return (rows[0] as { id: string }).id;
}

/** Updates a responsibility at the given version; the number of rows changed (0: stale or hidden). */
export async function updateResponsibility(
  tx: Queryable,
  id: string,
  username: string,
  patch: { version: number; status?: ResponsibilityStatus; title?: string; description?: string; area?: Area },
): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE coord_responsibility SET status = coalesce($2, status), title = coalesce($3, title), description = coalesce($4, description),
            area = coalesce($5, area), version = version + 1, updated_by = $6, updated_at = now()
      WHERE id = $1 AND version = $7`,
    [id, patch.status ?? null, patch.title ?? null, patch.description ?? null, patch.area ?? null, username, patch.version],
  );
  return rowCount;
}
