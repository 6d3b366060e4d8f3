import type { MilestoneState, MilestoneStatus } from '../../api/ecdCentreTypes.ts';

/** The months the milestone bars span: at least 0–20, enough to show the child's age, at most 60. */
export function milestoneAxis(ageMonths: number, items: readonly MilestoneStatus[]): number {
  const furthest = Math.max(ageMonths, ...items.map((i) => i.window.toMonths), ...items.map((i) => i.achievedAtMonths ?? 0));
  const even = Math.ceil((furthest + 1) / 2) * 2;
  return Math.min(60, Math.max(20, even));
}

/** A position on the axis as a CSS percentage, clamped to the bar. */
export function percentOf(months: number, axis: number): number {
  return Math.round(Math.min(100, Math.max(0, (months / axis) * 100)) * 100) / 100;
}

/** Axis ticks every 3 months (every 6 past 30). */
export function axisTicks(axis: number): number[] {
  const step = axis > 30 ? 6 : 3;
  const ticks: number[] = [];
  for (let m = 0; m <= axis; m += step) ticks.push(m);
  return ticks;
}

export const MILESTONE_STATE_COLORS: Record<MilestoneState, string> = {
  achieved: 'green',
  achieved_late: 'gold',
  in_window: 'blue',
  not_yet: 'default',
  late: 'red',
};
