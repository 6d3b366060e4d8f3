import { describe, expect, it } from 'vitest';
import { auditVerb, checkMove, editable, onTimeOf } from './reports.ts';

describe('a report’s moves', () => {
  it('locks an accepted report whatever the move, and refuses moves its status does not allow', () => {
    expect(() => checkMove('accepted', ['submitted'])).toThrow(expect.objectContaining({ code: 'report_locked' }));
    expect(() => checkMove('accepted', [null, 'draft', 'returned', 'accepted'])).toThrow(expect.objectContaining({ code: 'report_locked' }));
    expect(() => checkMove('submitted', [null, 'draft', 'returned'])).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    expect(() => checkMove(null, ['draft', 'returned'])).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    expect(() => checkMove(null, [null, 'draft'])).not.toThrow();
    expect(() => checkMove('returned', ['draft', 'returned'])).not.toThrow();
  });

  it('logs a resubmission as a submission', () => {
    expect(auditVerb('submitted')).toBe('submit');
    expect(auditVerb('resubmitted')).toBe('submit');
    expect(auditVerb('returned')).toBe('return');
    expect(auditVerb('accepted')).toBe('accept');
  });

  it('is on time when received in time, not when late, and undecided before it is due', () => {
    expect(onTimeOf({ received: true, onTime: true, late: false })).toBe(true);
    expect(onTimeOf({ received: true, onTime: false, late: true })).toBe(false);
    expect(onTimeOf({ received: false, onTime: false, late: true })).toBe(false);
    expect(onTimeOf({ received: false, onTime: false, late: false })).toBeNull();
  });

  it('may be edited by its department while a member, for a month begun, until submitted', () => {
    const base = { active: true, month: '2011-10', currentMonth: '2011-11', files: true, status: null };
    expect(editable(base)).toBe(true);
    expect(editable({ ...base, status: 'returned' })).toBe(true);
    expect(editable({ ...base, status: 'submitted' })).toBe(false);
    expect(editable({ ...base, status: 'accepted' })).toBe(false);
    expect(editable({ ...base, files: false })).toBe(false);
    expect(editable({ ...base, active: false })).toBe(false);
    expect(editable({ ...base, month: '2011-12' })).toBe(false);
  });
});
