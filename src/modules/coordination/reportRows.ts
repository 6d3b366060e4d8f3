/**
 * What the report services share: who may read and file which department's reports, the checks of
 * a month, and a department-month as the lists show it.
 */
import { judgeCell, type Cell, type ReportFact } from '../../core/coordination/completeness.ts';
import { parsePeriod } from '../../core/coordination/periods.ts';
import { onTimeOf } from '../../core/coordination/reports.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow, thisMonth } from '../../core/clock.ts';
import { readDepartments, readSettings, type DepartmentRow } from './config.ts';
import type { ReportRow } from './reportQueries.ts';

export type CoordActor = Actor & { permissions: readonly string[] };

export const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
export const currentMonth = thisMonth;

export const manages = (actor: CoordActor): boolean => actor.permissions.includes('coord.manage');
export const filesFor = (actor: Actor, department: string): boolean => (actor.reach['coord.report']?.departments ?? []).includes(department);
/** The departments whose reports the actor may read: null for every department. */
export function readableDepartments(actor: Actor): string[] | null {
  const reach = actor.reach['coord.read'];
  if (!reach) return [];
  return reach.all ? null : reach.departments;
}

/** A month's code checked: well formed, and not in the future. */
export function checkMonth(month: string): string {
  if (parsePeriod(month)?.kind !== 'month') throw new AppError('period_invalid');
  if (month > currentMonth()) throw new AppError('period_future');
  return month;
}

export async function departmentOf(tx: Queryable, code: string): Promise<DepartmentRow> {
  const department = (await readDepartments(tx)).find((d) => d.code === code);
  if (!department) throw new AppError('not_found', { zh: `没有成员单位 ${code}`, en: `No department ${code}` });
  return department;
}

/** Checks that the caller may file this department-month, and that the department was a member then. */
export async function checkFiling(tx: Queryable, actor: CoordActor, departmentCode: string, month: string): Promise<DepartmentRow> {
  checkMonth(month);
  if (!filesFor(actor, departmentCode)) throw new AppError('forbidden', { zh: '只能填报本单位的月报', en: "You file your own department's reports only" });
  const department = await departmentOf(tx, departmentCode);
  const settings = await readSettings(tx);
  if (judgeCell(department, month, undefined, settings.dueDay, businessNow().getTime()).state === 'inactive') throw new AppError('department_inactive');
  return department;
}

/** The member departments whose reports the actor may read. */
export async function visibleDepartments(tx: Queryable, actor: CoordActor): Promise<DepartmentRow[]> {
  const readable = readableDepartments(actor);
  return (await readDepartments(tx)).filter((d) => readable === null || readable.includes(d.code));
}

export const fact = (row: ReportRow): ReportFact => ({
  department: row.department_code,
  period: row.period,
  status: row.status,
  firstSubmittedAt: iso(row.first_submitted_at),
});

export function summaryOf(department: DepartmentRow, month: string, row: ReportRow | undefined, cell: Cell) {
  return {
    id: row?.id ?? null,
    department: department.code,
    departmentName: department.name,
    period: month,
    status: row?.status ?? null,
    dueOn: cell.dueOn,
    submittedAt: cell.submittedAt,
    acceptedAt: iso(row?.accepted_at ?? null),
    onTime: onTimeOf(cell),
    late: cell.late,
    version: row?.version ?? 0,
  };
}
export type ReportSummary = ReturnType<typeof summaryOf>;
