/**
 * WHO gross motor milestones and their windows of achievement. Pure: no I/O.
 *
 * Source: WHO Multicentre Growth Reference Study Group. WHO Motor Development Study: Windows of
 * achievement for six gross motor development milestones. Acta Paediatrica 2006; Suppl 450: 86–95,
 * Table 2 (and Figure 2): the 1st and 99th percentiles, in months, of the age at which healthy
 * children of Ghana, India, Norway, Oman and the USA achieved each milestone. A window spans from
 * the 1st to the 99th percentile. In the study 4.3% of the children never crawled on hands and knees
 * before walking: crawling is a milestone healthy children may skip, so it is `skippable` and its
 * 'late' reads as an observation, not as a reason for referral.
 */
import { daysBetween } from '../calendar.ts';

export const MILESTONE_CODES = ['sitting', 'crawling', 'standing_assisted', 'walking_assisted', 'standing_alone', 'walking_alone'] as const;
export type MilestoneCode = (typeof MILESTONE_CODES)[number];

/**
 * achieved (on or before the window's end) · achieved_late (after it) · in_window (not yet, the
 * window is open) · not_yet (the window has not opened) · late (not achieved, the window has closed).
 */
export const MILESTONE_STATES = ['achieved', 'achieved_late', 'in_window', 'not_yet', 'late'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export interface MilestoneDefinition {
  code: MilestoneCode;
  label: string;
  labelEn: string;
  /** 1st and 99th percentile of the age of achievement, in months. */
  window: { fromMonths: number; toMonths: number };
  /** Healthy children may never show it (crawling): a missing tick is no cause for alarm. */
  skippable: boolean;
}

export const MILESTONES: readonly MilestoneDefinition[] = [
  { code: 'sitting', label: '独坐', labelEn: 'Sitting without support', window: { fromMonths: 3.8, toMonths: 9.2 }, skippable: false },
  { code: 'crawling', label: '手膝爬行', labelEn: 'Hands-and-knees crawling', window: { fromMonths: 5.2, toMonths: 13.5 }, skippable: true },
  { code: 'standing_assisted', label: '扶站', labelEn: 'Standing with assistance', window: { fromMonths: 4.8, toMonths: 11.4 }, skippable: false },
  { code: 'walking_assisted', label: '扶走', labelEn: 'Walking with assistance', window: { fromMonths: 5.9, toMonths: 13.7 }, skippable: false },
  { code: 'standing_alone', label: '独站', labelEn: 'Standing alone', window: { fromMonths: 6.9, toMonths: 16.9 }, skippable: false },
  { code: 'walking_alone', label: '独走', labelEn: 'Walking alone', window: { fromMonths: 8.2, toMonths: 17.6 }, skippable: false },
];

export function milestoneDefinition(code: MilestoneCode): MilestoneDefinition {
  const found = MILESTONES.find((m) => m.code === code);
  if (!found) throw new Error(`unknown milestone ${code}`);
  return found;
}

/** Average days in a month (365.25 / 12), as WHO counts age in months. */
export const DAYS_PER_MONTH = 30.4375;

/** Age in months on a day: days / 30.4375, to one decimal. */
export function ageInMonths(birthDate: string, on: string): number {
  return Math.round((daysBetween(birthDate, on) / DAYS_PER_MONTH) * 10) / 10;
}

/**
 * Where a child stands on one milestone. Ages are compared as shown, to one decimal, against the
 * window's bounds (themselves one decimal): a child shown at 9.2 months is inside a window ending
 * at 9.2.
 */
export function milestoneStatus(code: MilestoneCode, birthDate: string, today: string, achievedOn?: string | null): MilestoneState {
  const { window } = milestoneDefinition(code);
  if (achievedOn) return ageInMonths(birthDate, achievedOn) <= window.toMonths ? 'achieved' : 'achieved_late';
  const age = ageInMonths(birthDate, today);
  if (age < window.fromMonths) return 'not_yet';
  return age <= window.toMonths ? 'in_window' : 'late';
}

/** Why an achievement date cannot be right, or null. */
export function achievedOnProblem(birthDate: string, today: string, achievedOn: string): 'before_birth' | 'future' | null {
  if (achievedOn < birthDate) return 'before_birth';
  if (achievedOn > today) return 'future';
  return null;
}

/** A short reading of a state for people (zh-CN, en); a skipped crawl is not alarming. */
export function stateText(code: MilestoneCode, state: MilestoneState): { zh: string; en: string } {
  const def = milestoneDefinition(code);
  if (state === 'late' && def.skippable) {
    return { zh: '尚未观察到（部分健康儿童不经过此阶段）', en: 'Not observed (some healthy children skip it)' };
  }
  const texts: Record<MilestoneState, { zh: string; en: string }> = {
    achieved: { zh: '已达成', en: 'Achieved' },
    achieved_late: { zh: '达成晚于参考窗口', en: 'Achieved after the window' },
    in_window: { zh: '在参考窗口内，尚未达成', en: 'Not yet; within the window' },
    not_yet: { zh: '尚未到参考窗口', en: 'Window not yet open' },
    late: { zh: '已过参考窗口仍未达成，建议转介评估', en: 'Window passed without it: refer for assessment' },
  };
  return texts[state];
}
