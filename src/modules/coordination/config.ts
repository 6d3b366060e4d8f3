/**
 * The coordination's configuration, edited by the office: settings (due day, reminders, the
 * bulletin's issuer and number prefix), the indicators and their validation rules, and the yearly
 * implementation plan with its responsibilities. Every change is audit-logged.
 */
import type { IndicatorSpec, RuleSpec } from '../../core/coordination/indicators.ts';
import type { ContentArea, ResponsibilityStatus } from '../../core/coordination/states.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { today as businessToday } from '../../core/clock.ts';

export interface Settings {
  dueDay: number;
  reminderDays: number;
  documentPrefix: string;
  issuer: string;
}

export const defaultSettings: Settings = {
  dueDay: 5,
  reminderDays: 3,
  documentPrefix: '幸福家庭办',
  issuer: '创建幸福家庭活动领导小组办公室',
};

export interface Indicator extends IndicatorSpec {
  departments: string[];
  active: boolean;
  sortOrder: number;
}

export interface DepartmentRow {
  code: string;
  name: string;
  shortName: string;
  activeFrom: string;
  activeTo: string | null;
}

export const audit = (
  tx: Queryable,
  actor: Actor,
  action: string,
  entityType: string,
  entityId: string | null,
  data: { before?: unknown; after?: unknown; detail?: unknown } = {},
) => auditBy(tx, actor, { action, entityType, entityId, ...data });

/** The acting user's display name, for the histories kept beside the audit log. */
export async function actorName(tx: Queryable, actor: Actor): Promise<string> {
  const { rows } = await tx.query<{ display_name: string }>('SELECT display_name FROM app_user WHERE id = $1', [actor.userId]);
  return rows[0]?.display_name ?? actor.username;
}

export async function readSettings(tx: Queryable): Promise<Settings> {
  const { rows } = await tx.query<{ due_day: number; reminder_days: number; document_prefix: string; issuer: string }>(
    'SELECT due_day, reminder_days, document_prefix, issuer FROM coord_setting',
  );
  const row = rows[0];
  return row ? { dueDay: row.due_day, reminderDays: row.reminder_days, documentPrefix: row.document_prefix, issuer: row.issuer } : defaultSettings;
}

export async function writeSettings(tx: Queryable, actor: Actor, settings: Settings): Promise<Settings> {
  const before = await readSettings(tx);
  await tx.query(
    `INSERT INTO coord_setting (district_code, due_day, reminder_days, document_prefix, issuer) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (district_code) DO UPDATE SET due_day = $2, reminder_days = $3, document_prefix = $4, issuer = $5, updated_at = now()`,
    [actor.district, settings.dueDay, settings.reminderDays, settings.documentPrefix, settings.issuer],
  );
  await audit(tx, actor, 'coord.settings_update', 'coord_setting', actor.district, { before, after: settings });
  return settings;
}

export async function readDepartments(tx: Queryable): Promise<DepartmentRow[]> {
  const { rows } = await tx.query<{ code: string; name: string; short_name: string; active_from: string; active_to: string | null }>(
    'SELECT code, name, short_name, active_from::text, active_to::text FROM department ORDER BY sort_order, code',
  );
  return rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name, activeFrom: r.active_from, activeTo: r.active_to }));
}

/**
 * When a member department joined or left the leading group. Refused while the department has
 * reports outside the new span: they would silently drop out of completeness and the bulletins.
 */
export async function setDepartmentMembership(tx: Queryable, actor: Actor, code: string, span: { activeFrom: string; activeTo: string | null }): Promise<void> {
  if (span.activeTo !== null && span.activeTo < span.activeFrom) {
    throw new AppError('validation_failed', { zh: '撤销日期不能早于加入日期', en: 'The department cannot leave before it joined' });
  }
  const before = (await readDepartments(tx)).find((d) => d.code === code);
  if (!before) throw new AppError('not_found');
  const { rows } = await tx.query<{ period: string }>(
    `SELECT to_char(period, 'YYYY-MM') AS period FROM coord_report
      WHERE department_code = $1 AND (period + interval '1 month' - interval '1 day' < $2::date OR ($3::date IS NOT NULL AND period > $3::date))
      ORDER BY period`,
    [code, span.activeFrom, span.activeTo],
  );
  if (rows.length > 0) {
    const months = rows.map((r) => r.period).join('、');
    throw new AppError('department_inactive', {
      zh: `${before.name}在 ${months} 已有月报，成员期限须包含这些月份`,
      en: `${before.name} has reports for ${rows.map((r) => r.period).join(', ')}; the span must include them`,
      details: { periods: rows.map((r) => r.period) },
    });
  }
  const { rowCount } = await tx.query('UPDATE department SET active_from = $2, active_to = $3 WHERE code = $1', [code, span.activeFrom, span.activeTo]);
  if (rowCount === 0) throw new AppError('forbidden');
  await audit(tx, actor, 'org.department_membership', 'department', code, {
    before: { activeFrom: before.activeFrom, activeTo: before.activeTo },
    after: span,
  });
}

export async function readIndicators(tx: Queryable, options: { department?: string; activeOnly?: boolean } = {}): Promise<Indicator[]> {
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
  return rows
    .map((r) => ({
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
    }))
    .filter((i) => (options.activeOnly ? i.active : true) && (options.department === undefined || i.departments.includes(options.department)));
}

export async function readRules(tx: Queryable, indicatorCodes?: ReadonlySet<string>): Promise<RuleSpec[]> {
  const { rows } = await tx.query<{ id: string; left_code: string; operator: RuleSpec['operator']; right_code: string; factor: string; message: string }>(
    'SELECT id, left_code, operator, right_code, factor::text, message FROM coord_rule ORDER BY left_code, right_code, id',
  );
  return rows
    .map((r) => ({ id: r.id, left: r.left_code, operator: r.operator, right: r.right_code, factor: Number(r.factor), message: r.message }))
    .filter((r) => indicatorCodes === undefined || (indicatorCodes.has(r.left) && indicatorCodes.has(r.right)));
}

export async function writeIndicator(tx: Queryable, actor: Actor, code: string, input: Omit<Indicator, 'code'>): Promise<Indicator> {
  if (input.max !== null && input.max < (input.min ?? 0)) {
    throw new AppError('validation_failed', { zh: '上限不能小于下限', en: 'The maximum is below the minimum' });
  }
  const known = new Set((await readDepartments(tx)).map((d) => d.code));
  const unknown = input.departments.filter((d) => !known.has(d));
  if (unknown.length > 0)
    throw new AppError('validation_failed', { zh: `没有这些成员单位：${unknown.join('、')}`, en: `Unknown departments: ${unknown.join(', ')}` });
  if (new Set(input.departments).size !== input.departments.length)
    throw new AppError('validation_failed', { zh: '成员单位重复', en: 'A department is listed twice' });
  const before = (await readIndicators(tx)).find((i) => i.code === code) ?? null;
  const taken = await tx.query('SELECT 1 FROM coord_indicator WHERE name = $1 AND code <> $2', [input.name, code]);
  if (taken.rows.length > 0) throw new AppError('validation_failed', { zh: `已有名为“${input.name}”的指标`, en: `An indicator named ${input.name} exists` });
  await tx.query(
    `INSERT INTO coord_indicator (district_code, code, name, unit, aggregation, integer_only, min_value, max_value, active, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (district_code, code) DO UPDATE SET name = $3, unit = $4, aggregation = $5, integer_only = $6, min_value = $7,
       max_value = $8, active = $9, sort_order = $10`,
    [actor.district, code, input.name, input.unit, input.aggregation, input.integer, input.min ?? 0, input.max, input.active, input.sortOrder],
  );
  await tx.query('DELETE FROM coord_indicator_department WHERE indicator_code = $1', [code]);
  for (const department of input.departments) {
    await tx.query('INSERT INTO coord_indicator_department (district_code, indicator_code, department_code) VALUES ($1, $2, $3)', [
      actor.district,
      code,
      department,
    ]);
  }
  const after = (await readIndicators(tx)).find((i) => i.code === code) as Indicator;
  await audit(tx, actor, before ? 'coord.indicator_update' : 'coord.indicator_create', 'coord_indicator', code, { before, after });
  return after;
}

export async function addRule(tx: Queryable, actor: Actor, input: Omit<RuleSpec, 'id'>): Promise<RuleSpec> {
  const codes = new Set((await readIndicators(tx)).map((i) => i.code));
  for (const code of [input.left, input.right]) {
    if (!codes.has(code)) throw new AppError('validation_failed', { zh: `没有指标 ${code}`, en: `Unknown indicator ${code}` });
  }
  if (input.left === input.right) throw new AppError('validation_failed', { zh: '规则两边须是不同的指标', en: 'A rule compares two different indicators' });
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO coord_rule (district_code, left_code, operator, right_code, factor, message) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [actor.district, input.left, input.operator, input.right, input.factor, input.message],
  );
  const rule = { id: (rows[0] as { id: string }).id, ...input };
  await audit(tx, actor, 'coord.rule_create', 'coord_rule', rule.id, { after: rule });
  return rule;
}

export async function deleteRule(tx: Queryable, actor: Actor, id: string): Promise<void> {
  const before = (await readRules(tx)).find((r) => r.id === id);
  if (!before) throw new AppError('not_found');
  await tx.query('DELETE FROM coord_rule WHERE id = $1', [id]);
  await audit(tx, actor, 'coord.rule_delete', 'coord_rule', id, { before });
}

// ---------------------------------------------------------------------------------------------
// Plan and responsibilities

export type Area = ContentArea;
export type { ResponsibilityStatus } from '../../core/coordination/states.ts';

export interface Responsibility {
  id: string;
  area: Area;
  title: string;
  description: string;
  status: ResponsibilityStatus;
  departments: { code: string; name: string; shortName: string; lead: boolean }[];
  version: number;
}

export async function readResponsibilities(tx: Queryable, filter: { year?: number; department?: string; id?: string }): Promise<Responsibility[]> {
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

/** The plan of a year, or the latest one (not later than this year when there is one), with the years that have a plan. */
export async function readPlan(tx: Queryable, year?: number) {
  const { rows: years } = await tx.query<{ year: number }>('SELECT year FROM coord_plan ORDER BY year DESC');
  const thisYear = Number(businessToday().slice(0, 4));
  const wanted = year ?? years.find((y) => y.year <= thisYear)?.year ?? years[0]?.year;
  const { rows } = await tx.query<{ year: number; title: string; doc_number: string; issued_on: string; goals: string; measures: string }>(
    'SELECT year, title, doc_number, issued_on::text, goals, measures FROM coord_plan WHERE year = $1',
    [wanted ?? 0],
  );
  const plan = rows[0];
  if (!plan) throw new AppError('not_found', { zh: `${year ?? thisYear} 年尚无实施方案`, en: `No implementation plan for ${year ?? thisYear}` });
  return {
    year: plan.year,
    title: plan.title,
    docNumber: plan.doc_number,
    issuedOn: plan.issued_on,
    goals: plan.goals,
    measures: plan.measures,
    years: years.map((y) => y.year),
    responsibilities: await readResponsibilities(tx, { year: plan.year }),
  };
}

async function setResponsibilityDepartments(tx: Queryable, district: string, id: string, departments: readonly string[]): Promise<void> {
  if (departments.length === 0) throw new AppError('validation_failed', { zh: '至少指定一个责任单位', en: 'Assign at least one department' });
  if (new Set(departments).size !== departments.length) throw new AppError('validation_failed', { zh: '责任单位重复', en: 'A department is listed twice' });
  await tx.query('DELETE FROM coord_responsibility_department WHERE responsibility_id = $1', [id]);
  for (const [position, code] of departments.entries()) {
    await tx
      .query('INSERT INTO coord_responsibility_department (district_code, responsibility_id, department_code, lead, position) VALUES ($1, $2, $3, $4, $5)', [
        district,
        id,
        code,
        position === 0,
        position,
      ])
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23503')
          throw new AppError('validation_failed', { zh: `没有成员单位 ${code}`, en: `Unknown department ${code}` });
        throw error;
      });
  }
}

export async function createResponsibility(
  tx: Queryable,
  actor: Actor,
  input: { year: number; area: Area; title: string; description: string; departments: string[] },
): Promise<Responsibility> {
  const plan = await tx.query('SELECT 1 FROM coord_plan WHERE year = $1', [input.year]);
  if (plan.rows.length === 0) throw new AppError('not_found', { zh: `${input.year} 年尚无实施方案`, en: `No implementation plan for ${input.year}` });
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO coord_responsibility (district_code, year, area, title, description, sort_order, updated_by)
     VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(sort_order), 0) + 1 FROM coord_responsibility WHERE year = $2), $6) RETURNING id`,
    [actor.district, input.year, input.area, input.title, input.description, actor.username],
  );
  const id = (rows[0] as { id: string }).id;
  await setResponsibilityDepartments(tx, actor.district, id, input.departments);
  const created = (await readResponsibilities(tx, { id }))[0] as Responsibility;
  await audit(tx, actor, 'coord.responsibility_create', 'coord_responsibility', id, { after: created });
  return created;
}

/**
 * Changes a responsibility. The office may change anything; the liaison of an assigned department
 * only its status (row-level security lets the liaison update only responsibilities of the own
 * department).
 */
export async function patchResponsibility(
  tx: Queryable,
  actor: Actor & { permissions: readonly string[] },
  id: string,
  patch: { version: number; status?: ResponsibilityStatus; title?: string; description?: string; area?: Area; departments?: string[] },
): Promise<Responsibility> {
  const before = (await readResponsibilities(tx, { id }))[0];
  if (!before) throw new AppError('not_found');
  const manages = actor.permissions.includes('coord.manage');
  const onlyStatus = patch.title === undefined && patch.description === undefined && patch.area === undefined && patch.departments === undefined;
  if (!manages) {
    const own = actor.reach['coord.report']?.departments ?? [];
    if (!onlyStatus || !before.departments.some((d) => own.includes(d.code))) throw new AppError('forbidden');
  }
  const { rowCount } = await tx.query(
    `UPDATE coord_responsibility SET status = coalesce($2, status), title = coalesce($3, title), description = coalesce($4, description),
            area = coalesce($5, area), version = version + 1, updated_by = $6, updated_at = now()
      WHERE id = $1 AND version = $7`,
    [id, patch.status ?? null, patch.title ?? null, patch.description ?? null, patch.area ?? null, actor.username, patch.version],
  );
  if (rowCount === 0) throw new AppError('stale_version');
  if (patch.departments) await setResponsibilityDepartments(tx, actor.district, id, patch.departments);
  const after = (await readResponsibilities(tx, { id }))[0] as Responsibility;
  await audit(tx, actor, 'coord.responsibility_update', 'coord_responsibility', id, { before, after });
  return after;
}
