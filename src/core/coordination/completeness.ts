/**
 * Completeness and timeliness of the departments' monthly reports, as DHIS2 computes them for
 * data sets: expected = department-months in which the department was a member and the report was
 * due (or already arrived); received = submitted or accepted; on time = first submitted by the end
 * of the due day. A department created or closed mid-year is expected only in its active months, so
 * neither rate can exceed 100%.
 */
import { monthEnd, monthStart } from '../calendar.ts';
import { dueDateOf, dueInstant } from './periods.ts';
import type { CellState, ReportStatus } from './states.ts';

export type { CellState, ReportStatus } from './states.ts';

export interface DepartmentSpan {
  code: string;
  activeFrom: string;
  activeTo: string | null;
}

export interface ReportFact {
  department: string;
  period: string;
  status: ReportStatus;
  /** The first submission (ISO instant); a resubmission does not change it. */
  firstSubmittedAt: string | null;
}

export interface Rate {
  expected: number;
  received: number;
  onTime: number;
  completeness: number;
  timeliness: number;
}

export interface Cell {
  period: string;
  state: CellState;
  expected: boolean;
  received: boolean;
  onTime: boolean;
  late: boolean;
  dueOn: string;
  submittedAt: string | null;
}

export interface DepartmentCompleteness extends Rate {
  department: string;
  cells: Cell[];
}

export interface CompletenessResult {
  rows: DepartmentCompleteness[];
  overall: Rate;
}

/** The department was a member during at least part of the month. */
export function activeIn(department: DepartmentSpan, month: string): boolean {
  return department.activeFrom <= monthEnd(month) && (department.activeTo === null || department.activeTo >= monthStart(month));
}

export function rate(expected: number, received: number, onTime: number): Rate {
  return {
    expected,
    received,
    onTime,
    completeness: expected === 0 ? 1 : received / expected,
    timeliness: expected === 0 ? 1 : onTime / expected,
  };
}

/** One department-month as the grid shows it, judged at the instant `asOf` (ms since epoch). */
export function judgeCell(department: DepartmentSpan, month: string, report: ReportFact | undefined, dueDay: number, asOf: number): Cell {
  const dueOn = dueDateOf(month, dueDay);
  const deadline = dueInstant(dueOn);
  const submittedAt = report?.firstSubmittedAt ?? null;
  const base = { period: month, dueOn, submittedAt };
  if (!activeIn(department, month)) {
    return { ...base, state: 'inactive', expected: false, received: false, onTime: false, late: false };
  }
  const received = report?.status === 'submitted' || report?.status === 'accepted';
  const due = asOf >= deadline;
  const expected = due || received;
  const firstInTime = submittedAt !== null && Date.parse(submittedAt) < deadline;
  const onTime = received && firstInTime;
  const state: CellState = report ? report.status : due ? 'missing' : 'not_due';
  // Late: due and not first submitted by the end of the due day. A report submitted in time and
  // then returned for correction is not late: it is listed as returned (and not yet received).
  const late = expected && !firstInTime;
  return { ...base, state, expected, received, onTime, late };
}

/** Completeness and timeliness per department and overall over `months`. */
export function computeCompleteness(input: {
  departments: readonly DepartmentSpan[];
  months: readonly string[];
  reports: readonly ReportFact[];
  dueDay: number;
  asOf: number;
}): CompletenessResult {
  const byKey = new Map(input.reports.map((r) => [`${r.department}|${r.period}`, r]));
  let expected = 0;
  let received = 0;
  let onTime = 0;
  const rows = input.departments.map((d) => {
    const cells = input.months.map((m) => judgeCell(d, m, byKey.get(`${d.code}|${m}`), input.dueDay, input.asOf));
    const e = cells.filter((c) => c.expected).length;
    const r = cells.filter((c) => c.received).length;
    const o = cells.filter((c) => c.onTime).length;
    expected += e;
    received += r;
    onTime += o;
    return { department: d.code, cells, ...rate(e, r, o) };
  });
  return { rows, overall: rate(expected, received, onTime) };
}
