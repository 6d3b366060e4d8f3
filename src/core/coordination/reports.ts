/**
 * The rules of a monthly report's life: which moves its status allows, what the audit log calls
 * them, when a department-month counts as on time, and who may still edit it.
 */
import { AppError } from '../errors.ts';
import type { Cell } from './completeness.ts';
import type { ReportAction, ReportStatus } from './states.ts';

/**
 * Refuses a move the report's status does not allow: an accepted report is locked whatever the
 * move (report_locked); any other status outside `allowed` is invalid_transition. null: no report yet.
 */
export function checkMove(status: ReportStatus | null, allowed: readonly (ReportStatus | null)[]): void {
  if (status === 'accepted') throw new AppError('report_locked');
  if (!allowed.includes(status)) throw new AppError('invalid_transition');
}

/** The audit log's verb of a move in the report's history: coord.report_submit and the like. */
export function auditVerb(action: Exclude<ReportAction, 'saved'>): 'submit' | 'return' | 'accept' {
  return action === 'resubmitted' || action === 'submitted' ? 'submit' : action === 'returned' ? 'return' : 'accept';
}

/** Submitted by the due day; false once late; null while nothing is submitted and it is not yet due. */
export function onTimeOf(cell: Pick<Cell, 'received' | 'onTime' | 'late'>): boolean | null {
  return cell.received ? cell.onTime : cell.late ? false : null;
}

/**
 * A report the caller may still save and submit: the department a member that month, the month
 * not in the future, the caller filing for the department, and the report a draft, returned or
 * not yet begun.
 */
export function editable(input: { active: boolean; month: string; currentMonth: string; files: boolean; status: ReportStatus | null }): boolean {
  const { status } = input;
  return input.active && input.month <= input.currentMonth && input.files && (status === null || status === 'draft' || status === 'returned');
}
