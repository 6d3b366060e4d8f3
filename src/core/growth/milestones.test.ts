import { describe, expect, it } from 'vitest';
import rawCases from './milestones.cases.json' with { type: 'json' };
import {
  MILESTONE_CODES,
  MILESTONES,
  achievedOnProblem,
  ageInMonths,
  milestoneDefinition,
  milestoneStatus,
  stateText,
  type MilestoneCode,
  type MilestoneState,
} from './milestones.ts';

interface ReferenceCase {
  note: string;
  milestone: MilestoneCode;
  birthDate: string;
  today: string;
  achievedOn: string | null;
  expected: MilestoneState;
}
const reference = rawCases as unknown as { source: string; cases: ReferenceCase[] };

describe('WHO motor milestones', () => {
  it('has the six milestones with the WHO windows (1st–99th percentile, months)', () => {
    expect(MILESTONES.map((m) => m.code)).toEqual([...MILESTONE_CODES]);
    expect(Object.fromEntries(MILESTONES.map((m) => [m.code, [m.window.fromMonths, m.window.toMonths]]))).toEqual({
      sitting: [3.8, 9.2],
      crawling: [5.2, 13.5],
      standing_assisted: [4.8, 11.4],
      walking_assisted: [5.9, 13.7],
      standing_alone: [6.9, 16.9],
      walking_alone: [8.2, 17.6],
    });
    expect(MILESTONES.map((m) => m.label)).toEqual(['独坐', '手膝爬行', '扶站', '扶走', '独站', '独走']);
    expect(MILESTONES.filter((m) => m.skippable).map((m) => m.code)).toEqual(['crawling']);
  });

  it('counts age in months as days / 30.4375 to one decimal', () => {
    expect(ageInMonths('2024-01-01', '2024-01-01')).toBe(0);
    expect(ageInMonths('2024-01-01', '2025-01-01')).toBe(12); // 366 days (leap year) = 12.02
    expect(ageInMonths('2023-01-01', '2024-01-01')).toBe(12); // 365 days = 11.99
    expect(ageInMonths('2024-02-29', '2024-05-29')).toBe(3); // 90 days = 2.96
  });

  it(`gives the expected state on every window edge (${reference.cases.length} reference cases)`, () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(15);
    for (const c of reference.cases) {
      expect(milestoneStatus(c.milestone, c.birthDate, c.today, c.achievedOn), `${c.milestone}: ${c.note}`).toBe(c.expected);
    }
  });

  it('refuses achievement dates before birth or after today', () => {
    expect(achievedOnProblem('2024-01-01', '2025-01-01', '2023-12-31')).toBe('before_birth');
    expect(achievedOnProblem('2024-01-01', '2025-01-01', '2025-01-02')).toBe('future');
    expect(achievedOnProblem('2024-01-01', '2025-01-01', '2025-01-01')).toBeNull();
    expect(achievedOnProblem('2024-01-01', '2025-01-01', '2024-01-01')).toBeNull();
  });

  it('does not alarm about a skipped crawl, but does about a late walk', () => {
    expect(stateText('crawling', 'late').zh).not.toContain('转介');
    expect(stateText('walking_alone', 'late').zh).toContain('转介');
    expect(milestoneDefinition('crawling').skippable).toBe(true);
  });
});
