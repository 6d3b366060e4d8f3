/**
 * The reports as lists: one row per department-month a filter covers (missing ones too), and the
 * completeness and timeliness grid of a year, judged by the domain core from the first submissions.
 */
import { computeCompleteness, judgeCell, type ReportFact } from '../../core/coordination/completeness.ts';
import { monthsOfYear } from '../../core/coordination/periods.ts';
import type { ReportStatus } from '../../core/coordination/states.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow } from '../../core/clock.ts';
import { readSettings, type DepartmentRow } from './config.ts';
import { latestReportYear, reportFactsBetween, reportsBetween } from './reportQueries.ts';
import { checkMonth, currentMonth, fact, iso, summaryOf, visibleDepartments, type CoordActor, type ReportSummary } from './reportRows.ts';

/** The months of a year up to the current month (none for a future year). */
export function monthsSoFar(year: number): string[] {
  return monthsOfYear(year).filter((m) => m <= currentMonth());
}

export async function completeness(tx: Queryable, actor: CoordActor, asked?: number) {
  const year = asked ?? (await latestReportYear(tx, currentMonth())) ?? Number(currentMonth().slice(0, 4));
  const months = monthsSoFar(year);
  const departments = await visibleDepartments(tx, actor);
  const settings = await readSettings(tx);
  const facts: ReportFact[] = [];
  const ids = new Map<string, string>();
  if (months.length > 0) {
    for (const r of await reportFactsBetween(tx, months[0] as string, months[months.length - 1] as string)) {
      ids.set(`${r.department_code}|${r.period}`, r.id);
      facts.push({ department: r.department_code, period: r.period, status: r.status, firstSubmittedAt: iso(r.first_submitted_at) });
    }
  }
  const result = computeCompleteness({ departments, months, reports: facts, dueDay: settings.dueDay, asOf: businessNow().getTime() });
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const rows = result.rows.map((row) => {
    const d = byCode.get(row.department) as DepartmentRow;
    return {
      department: { code: d.code, name: d.name, shortName: d.shortName },
      expected: row.expected,
      received: row.received,
      onTime: row.onTime,
      completeness: row.completeness,
      timeliness: row.timeliness,
      cells: row.cells.map((c) => ({ period: c.period, state: c.state, late: c.late, reportId: ids.get(`${row.department}|${c.period}`) ?? null })),
    };
  });
  const late = result.rows.flatMap((row) =>
    row.cells
      .filter((c) => c.late)
      .map((c) => ({
        department: row.department,
        departmentName: (byCode.get(row.department) as DepartmentRow).name,
        period: c.period,
        dueOn: c.dueOn,
        submittedAt: c.submittedAt,
      })),
  );
  return { year, months, rows, overall: result.overall, late };
}

/** One row per department-month in the filter (missing ones too), newest first. */
export async function listReports(
  tx: Queryable,
  actor: CoordActor,
  filter: {
    year?: number | undefined;
    period?: string | undefined;
    department?: string | undefined;
    status?: ReportStatus | 'missing' | undefined;
    /** Consecutive months, oldest first (instead of a year or one period). */
    months?: readonly string[] | undefined;
  },
) {
  const months = filter.months ?? (filter.period ? [checkMonth(filter.period)] : monthsSoFar(filter.year ?? Number(currentMonth().slice(0, 4))));
  const departments = (await visibleDepartments(tx, actor)).filter((d) => filter.department === undefined || d.code === filter.department);
  if (months.length === 0) return { items: [] };
  const settings = await readSettings(tx);
  const rows = await reportsBetween(tx, months[0] as string, months[months.length - 1] as string);
  const byKey = new Map(rows.map((r) => [`${r.department_code}|${r.period}`, r]));
  const now = businessNow().getTime();
  const items: ReportSummary[] = [];
  for (const month of [...months].reverse()) {
    for (const d of departments) {
      const row = byKey.get(`${d.code}|${month}`);
      const cell = judgeCell(d, month, row ? fact(row) : undefined, settings.dueDay, now);
      if (cell.state === 'inactive') continue;
      if (!row && cell.state === 'not_due' && filter.status !== undefined) continue;
      const status = row?.status ?? (cell.state === 'missing' ? 'missing' : null);
      if (filter.status !== undefined && status !== filter.status) continue;
      items.push(summaryOf(d, month, row, cell));
    }
  }
  return { items };
}
