/**
 * The desk's reckoning: whether an action item is open, overdue or done, and which reports to
 * remind a department of (overdue, or due within the reminder window), soonest first.
 */
import { daysBetween } from '../calendar.ts';
import type { ActionStatus, ReportStatus } from './states.ts';

/** Done once closed; otherwise overdue after its due day (YYYY-MM-DD, compared with `today`). */
export function actionStatus(dueOn: string, doneAt: unknown, today: string): ActionStatus {
  if (doneAt !== null && doneAt !== undefined) return 'done';
  return dueOn < today ? 'overdue' : 'open';
}

export interface DueReport {
  department: string;
  departmentName: string;
  period: string;
  dueOn: string;
  status: ReportStatus | null;
}

/**
 * The reports still to file (not begun, draft or returned) that are overdue or due within
 * `reminderDays`, with the days left (negative when overdue), by due day then department.
 */
export function remindersOf(reports: readonly DueReport[], today: string, reminderDays: number) {
  return reports
    .filter((r) => r.status === null || r.status === 'draft' || r.status === 'returned')
    .map((r) => ({
      department: r.department,
      departmentName: r.departmentName,
      period: r.period,
      dueOn: r.dueOn,
      daysLeft: daysBetween(today, r.dueOn),
      status: r.status,
    }))
    .filter((r) => r.daysLeft <= reminderDays)
    .map((r) => ({ ...r, overdue: r.daysLeft < 0 }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.department.localeCompare(b.department));
}
