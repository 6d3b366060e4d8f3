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
import {
  deleteResponsibilityDepartments,
  deleteRuleRow,
  departmentRows,
  indicatorNameTaken,
  indicatorRows,
  insertResponsibility,
  insertResponsibilityDepartment,
  insertRule,
  planExists,
  planOfYear,
  planYears,
  replaceIndicatorDepartments,
  reportPeriodsOutside,
  responsibilityRows,
  ruleRows,
  settingsRow,
  updateDepartmentSpan,
  updateResponsibility,
  upsertIndicator,
  upsertSettings,
  userDisplayName,
} from './configQueries.ts';

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
  return (await userDisplayName(tx, actor.userId)) ?? actor.username;
}

export async function readSettings(tx: Queryable): Promise<Settings> {
  return (await settingsRow(tx)) ?? defaultSettings;
}

export async function writeSettings(tx: Queryable, actor: Actor, settings: Settings): Promise<Settings> {
  const before = await readSettings(tx);
  await upsertSettings(tx, actor.district, settings);
  await audit(tx, actor, 'coord.settings_update', 'coord_setting', actor.district, { before, after: settings });
  return settings;
}

export async function readDepartments(tx: Queryable): Promise<DepartmentRow[]> {
  return departmentRows(tx);
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
  const periods = await reportPeriodsOutside(tx, code, span.activeFrom, span.activeTo);
  if (periods.length > 0) {
    const months = periods.join('、');
    throw new AppError('department_inactive', {
      zh: `${before.name}在 ${months} 已有月报，成员期限须包含这些月份`,
      en: `${before.name} has reports for ${periods.join(', ')}; the span must include them`,
      details: { periods },
    });
  }
  const rowCount = await updateDepartmentSpan(tx, code, span.activeFrom, span.activeTo);
  if (rowCount === 0) throw new AppError('forbidden');
  await audit(tx, actor, 'org.department_membership', 'department', code, {
    before: { activeFrom: before.activeFrom, activeTo: before.activeTo },
    after: span,
  });
}

export async function readIndicators(tx: Queryable, options: { department?: string; activeOnly?: boolean } = {}): Promise<Indicator[]> {
  return (await indicatorRows(tx)).filter(
    (i) => (options.activeOnly ? i.active : true) && (options.department === undefined || i.departments.includes(options.department)),
  );
}

export async function readRules(tx: Queryable, indicatorCodes?: ReadonlySet<string>): Promise<RuleSpec[]> {
  return (await ruleRows(tx)).filter((r) => indicatorCodes === undefined || (indicatorCodes.has(r.left) && indicatorCodes.has(r.right)));
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
  if (await indicatorNameTaken(tx, input.name, code))
    throw new AppError('validation_failed', { zh: `已有名为“${input.name}”的指标`, en: `An indicator named ${input.name} exists` });
  await upsertIndicator(tx, actor.district, code, input);
  await replaceIndicatorDepartments(tx, actor.district, code, input.departments);
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
  const rule = { id: await insertRule(tx, actor.district, input), ...input };
  await audit(tx, actor, 'coord.rule_create', 'coord_rule', rule.id, { after: rule });
  return rule;
}

export async function deleteRule(tx: Queryable, actor: Actor, id: string): Promise<void> {
  const before = (await readRules(tx)).find((r) => r.id === id);
  if (!before) throw new AppError('not_found');
  await deleteRuleRow(tx, id);
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
  return responsibilityRows(tx, filter);
}

/** The plan of a year, or the latest one (not later than this year when there is one), with the years that have a plan. */
export async function readPlan(tx: Queryable, year?: number) {
  const years = await planYears(tx);
  const thisYear = Number(businessToday().slice(0, 4));
  const wanted = year ?? years.find((y) => y <= thisYear) ?? years[0];
  const plan = await planOfYear(tx, wanted ?? 0);
  if (!plan) throw new AppError('not_found', { zh: `${year ?? thisYear} 年尚无实施方案`, en: `No implementation plan for ${year ?? thisYear}` });
  return {
    ...plan,
    years,
    responsibilities: await readResponsibilities(tx, { year: plan.year }),
  };
}

async function setResponsibilityDepartments(tx: Queryable, district: string, id: string, departments: readonly string[]): Promise<void> {
  if (departments.length === 0) throw new AppError('validation_failed', { zh: '至少指定一个责任单位', en: 'Assign at least one department' });
  if (new Set(departments).size !== departments.length) throw new AppError('validation_failed', { zh: '责任单位重复', en: 'A department is listed twice' });
  await deleteResponsibilityDepartments(tx, id);
  for (const [position, code] of departments.entries()) {
    await insertResponsibilityDepartment(tx, district, id, code, position).catch((error: unknown) => {
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
  if (!(await planExists(tx, input.year)))
    throw new AppError('not_found', { zh: `${input.year} 年尚无实施方案`, en: `No implementation plan for ${input.year}` });
  const id = await insertResponsibility(tx, actor.district, actor.username, input);
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
  const rowCount = await updateResponsibility(tx, id, actor.username, patch);
  if (rowCount === 0) throw new AppError('stale_version');
  if (patch.departments) await setResponsibilityDepartments(tx, actor.district, id, patch.departments);
  const after = (await readResponsibilities(tx, { id }))[0] as Responsibility;
  await audit(tx, actor, 'coord.responsibility_update', 'coord_responsibility', id, { before, after });
  return after;
}
