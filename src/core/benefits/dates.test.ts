import { describe, expect, it } from 'vitest';
import { ageReachedFrom, completedYears, dayNumber, formatDay, formatMonth, isCalendarDate, monthOfDay, reachesAge } from './dates.ts';

describe('dates', () => {
  it('recognises real calendar dates only', () => {
    expect(['2012-02-29', '2000-02-29', '1933-01-01', '2011-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2011-02-29', '1900-02-29', '2011-04-31', '2011-13-01', '2011-00-10', '2011-6-15', '1849-12-31', ' 2011-06-15'].some(isCalendarDate)).toBe(false);
  });

  it('turns dates into comparable integers and back', () => {
    expect(dayNumber('2011-06-15')).toBe(20110615);
    expect(formatDay(20110615)).toBe('2011-06-15');
    expect(formatMonth(monthOfDay(20111231) + 1)).toBe('2012-01');
  });

  it('counts completed years', () => {
    expect(completedYears(19510615, 20110615)).toBe(60);
    expect(completedYears(19510616, 20110615)).toBe(59);
    expect(completedYears(19600229, 20090228)).toBe(48);
    expect(completedYears(19600229, 20090301)).toBe(49);
  });

  it('applies the birthday-month rule: the birthday month does not count, the next one does', () => {
    expect(reachesAge(19510601, 20110630, 60, true)).toBe(false);
    expect(reachesAge(19510630, 20110701, 60, true)).toBe(true);
    expect(reachesAge(19511215, 20120101, 60, true)).toBe(true);
    expect(reachesAge(19511215, 20111231, 60, true)).toBe(false);
    expect(reachesAge(19510615, 20110615, 60, false)).toBe(true);
    expect(reachesAge(19510616, 20110615, 60, false)).toBe(false);
  });

  it('says from when an age is reached, for traces', () => {
    expect(ageReachedFrom(19511215, 60, true)).toBe('2012-01');
    expect(ageReachedFrom(19510615, 60, false)).toBe('2011-06-15');
    expect(ageReachedFrom(19600229, 49, false)).toBe('2009-03-01');
    expect(ageReachedFrom(19600229, 49, true)).toBe('2009-03');
  });
});
