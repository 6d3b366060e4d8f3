import { describe, expect, it } from 'vitest';
import { actionStatus, remindersOf, type DueReport } from './desk.ts';

describe('the desk', () => {
  it('calls an action item done once closed, overdue after its due day, open until then', () => {
    expect(actionStatus('2011-11-30', null, '2011-11-30')).toBe('open');
    expect(actionStatus('2011-11-29', null, '2011-11-30')).toBe('overdue');
    expect(actionStatus('2011-11-29', undefined, '2011-11-30')).toBe('overdue');
    expect(actionStatus('2011-11-29', '2011-11-28T08:00:00Z', '2011-11-30')).toBe('done');
  });

  it('reminds of reports still to file that are overdue or due within the window, soonest first', () => {
    const report = (department: string, period: string, dueOn: string, status: DueReport['status']): DueReport => ({
      department,
      departmentName: department,
      period,
      dueOn,
      status,
    });
    const reminders = remindersOf(
      [
        report('health', '2011-11', '2011-12-05', null),
        report('forestry', '2011-10', '2011-11-05', 'draft'),
        report('civil', '2011-10', '2011-11-05', 'returned'),
        report('women', '2011-10', '2011-11-05', 'submitted'),
        report('police', '2011-11', '2011-12-02', null),
      ],
      '2011-11-30',
      3,
    );
    expect(reminders.map((r) => [r.department, r.daysLeft, r.overdue])).toEqual([
      ['civil', -25, true],
      ['forestry', -25, true],
      ['police', 2, false],
    ]);
  });
});
