/**
 * The states of an application in the yearly confirmation and who takes each step:
 *
 *   applied → village_notice → township_notice → approved
 *   (village review)  (township review)  (district approval)
 *
 * Before approval an application may be rejected (by whoever takes the next step) or withdrawn
 * (by anyone who may enter applications for the person's place); approved, rejected and
 * withdrawn are final. The village worker of the person's village takes the village step, the
 * township worker of the person's township the township step, the office the district step.
 */
import type { ReachMap } from '../auth/roles.ts';

export const applicationStates = ['applied', 'village_notice', 'township_notice', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationState = (typeof applicationStates)[number];

/** The levels of the organisation that take a step. */
export const workflowSteps = ['village', 'township', 'district'] as const;
export type Step = (typeof workflowSteps)[number];

/** The step due next in each open state; the final states have none. */
export const stepOf: Partial<Record<ApplicationState, Step>> = { applied: 'village', village_notice: 'township', township_notice: 'district' };

/** The state a passed step leads to. */
export const passedTo: Record<Step, ApplicationState> = { village: 'village_notice', township: 'township_notice', district: 'approved' };

export const stepName: Record<Step, string> = { village: '村级审议', township: '乡镇审核', district: '区级审批' };
export const stepNameEn: Record<Step, string> = { village: 'village review', township: 'township review', district: 'district approval' };

/** The notice running in a state (objections are received during it), or null. */
export function noticeLevelOf(state: ApplicationState): 'village' | 'township' | null {
  return state === 'village_notice' ? 'village' : state === 'township_notice' ? 'township' : null;
}

/** The state of the applications a notice list of a stage shows. */
export function noticeListState(stage: Step): ApplicationState {
  return stage === 'village' ? 'village_notice' : stage === 'township' ? 'township_notice' : 'approved';
}

/** Whether grants reaching this far put this step of an application of this place in the holder's hands. */
export function mayTakeStep(reach: ReachMap, step: Step, township: string, village: string): boolean {
  const confirm = reach['benefits.confirm'];
  if (step === 'village') return confirm?.villages.includes(village) ?? false;
  if (step === 'township') return confirm?.townships.includes(township) ?? false;
  return reach['benefits.manage']?.all ?? false;
}

/** Whether grants reaching this far may enter (or withdraw, or record an objection to) an application of this place. */
export function mayEnter(reach: ReachMap, township: string, village: string): boolean {
  const confirm = reach['benefits.confirm'];
  return (reach['benefits.manage']?.all ?? false) || (confirm?.townships.includes(township) ?? false) || (confirm?.villages.includes(village) ?? false);
}

/**
 * The day an application is judged on: the day it was made, or — made in advance, in the autumn
 * before the confirmation year (年度资格确认) — the first day of that year.
 */
export function judgedOn(input: { appliedOn: string; year: number }): string {
  const yearStart = `${input.year}-01-01`;
  return input.appliedOn > yearStart ? input.appliedOn : yearStart;
}
