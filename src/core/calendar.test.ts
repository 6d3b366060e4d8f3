import { describe, expect, it } from 'vitest';
import { chinaDateTime } from './calendar.ts';

describe('chinaDateTime', () => {
  it('writes an instant as a clock in China shows it, to the minute', () => {
    expect(chinaDateTime(new Date('2026-12-07T03:47:59.999Z'))).toBe('2026-12-07 11:47');
    // Past 16:00 UTC it is already the next day in China, and the next year on New Year's Eve.
    expect(chinaDateTime(new Date('2011-12-31T16:05:00Z'))).toBe('2012-01-01 00:05');
    expect(chinaDateTime(new Date('2011-06-30T15:59:00Z'))).toBe('2011-06-30 23:59');
  });
});
