import { describe, expect, it } from 'vitest';
import { defaultParameterRows } from './defaults.ts';
import rawRows from './parameters.default.json' with { type: 'json' };
import {
  describeParameter,
  ParameterMissingError,
  ParameterSnapshot,
  parameterAt,
  parameterRowSchema,
  parameterRowsSchema,
  type ParameterRow,
} from './parameters.ts';

const rows = defaultParameterRows;

describe('parameters.default.json', () => {
  it('is a valid parameter table with a legal reference on every row', () => {
    expect(parameterRowsSchema.safeParse(rawRows).success).toBe(true);
    for (const row of rows) expect(row.reference).toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('holds the standards of the brief', () => {
    const at = (programme: string, name: string, date: string) => parameterAt(rows, programme, name, date)?.value;
    expect(at('reward-assistance', 'amount', '2010-12-31')).toBe(60);
    expect(at('reward-assistance', 'amount', '2011-01-01')).toBe(80);
    expect(at('reward-assistance', 'amount', '2012-01-01')).toBe(80);
    expect(parameterAt(rows, 'reward-assistance', 'amount', '2012-01-01')?.effectiveFrom).toBe('2012-01-01');
    expect(at('special-assistance', 'amountDeath', '2011-12-31')).toBe(200);
    expect(at('special-assistance', 'amountDisability', '2011-12-31')).toBe(160);
    expect(at('special-assistance', 'amountDeath', '2012-01-01')).toBe(270);
    expect(at('special-assistance', 'amountDisability', '2012-01-01')).toBe(220);
    expect(at('special-assistance', 'womanMinimumAge', '2011-06-15')).toBe(49);
    expect(at('special-assistance', 'disabilityGradeThreshold', '2011-06-15')).toBe(3);
    expect(at('reward-assistance', 'minimumAge', '2011-06-15')).toBe(60);
    expect(at('reward-assistance', 'bornOnOrAfter', '2011-06-15')).toBe('1933-01-01');
    // The 1973–2001 window of out-of-policy births is the rule's own (the register keeps one flag for it), not a parameter.
    expect(at('reward-assistance', 'outOfPolicyWindowFrom', '2011-06-15')).toBeUndefined();
    expect(at('reward-assistance', 'outOfPolicyWindowTo', '2011-06-15')).toBeUndefined();
    expect(at('one-child-parent-reward', 'township', '2011-06-15')).toBe('120114002');
    expect(at('one-child-parent-reward', 'amount', '2011-06-15')).toBe(100);
    expect(at('one-child-parent-reward', 'womanMinimumAge', '2011-06-15')).toBe(45);
    expect(at('top-up-dahuangbao', 'township', '2011-06-15')).toBe('120114207');
    expect(at('top-up-dahuangbao', 'shareOfRewardAssistance', '2011-06-15')).toBe(100);
    expect(at('delivery-subsidy', 'amount', '2010-12-31')).toBeUndefined();
    expect(at('delivery-subsidy', 'amount', '2011-01-01')).toBe(100);
    expect(parameterAt(rows, 'delivery-subsidy', 'amount', '2011-01-01')?.unit).toBe('yuan/once');
    expect(parameterAt(rows, 'delivery-subsidy', 'amount', '2011-01-01')?.reference).toContain('待区卫生局补录');
    expect(at('pension-insurance', 'premium', '2008-12-31')).toBeUndefined();
    expect(at('pension-insurance', 'premium', '2009-01-01')).toBe(950);
    expect(parameterAt(rows, 'pension-insurance', 'premium', '2011-06-15')?.unit).toBe('yuan/once');
    expect(parameterAt(rows, 'pension-insurance', 'premium', '2011-06-15')?.reference).toMatch(/8438.*800/);
    expect(at('pension-insurance', 'maximumAge', '2011-06-15')).toBe(60);
    for (const programme of ['reward-assistance', 'special-assistance', 'one-child-parent-reward', 'pension-insurance']) {
      expect(at(programme, 'birthdayCountsFromFollowingMonth', '2011-06-15')).toBe(true);
    }
  });
});

describe('parameterAt', () => {
  const table: ParameterRow[] = [
    { programme: 'p', name: 'x', value: 2, unit: 'yuan/month', effectiveFrom: '2012-01-01', reference: 'b' },
    { programme: 'p', name: 'x', value: 1, unit: 'yuan/month', effectiveFrom: '2010-01-01', reference: 'a' },
    { programme: 'q', name: 'x', value: 9, unit: 'yuan/month', effectiveFrom: '2000-01-01', reference: 'c' },
  ];

  it('picks the latest row in force on the date, whatever the row order', () => {
    expect(parameterAt(table, 'p', 'x', '2009-12-31')).toBeUndefined();
    expect(parameterAt(table, 'p', 'x', '2010-01-01')?.value).toBe(1);
    expect(parameterAt(table, 'p', 'x', '2011-12-31')?.value).toBe(1);
    expect(parameterAt(table, 'p', 'x', '2012-01-01')?.value).toBe(2);
    expect(parameterAt(table, 'p', 'y', '2012-01-01')).toBeUndefined();
  });

  it('agrees with the snapshot the engine uses', () => {
    for (const date of ['2009-12-31', '2010-01-01', '2011-12-31', '2012-01-01', '2030-01-01']) {
      const snapshot = new ParameterSnapshot(table, date);
      const expected = parameterAt(table, 'p', 'x', date);
      if (expected === undefined) expect(() => snapshot.row('reward-assistance', 'x')).toThrow(ParameterMissingError);
      else
        expect(
          new ParameterSnapshot(
            table.map((r) => ({ ...r, programme: r.programme === 'p' ? 'reward-assistance' : r.programme })),
            date,
          ).row('reward-assistance', 'x').value,
        ).toBe(expected.value);
    }
  });
});

describe('parameterRowSchema', () => {
  const good: ParameterRow = { programme: 'reward-assistance', name: 'amount', value: 80, unit: 'yuan/month', effectiveFrom: '2011-01-01', reference: '依据' };

  it.each([
    ['an impossible effectiveFrom', { ...good, effectiveFrom: '2011-02-29' }, 'effectiveFrom'],
    ['an amount in a string', { ...good, value: '80' }, 'value'],
    ['a negative amount', { ...good, value: -1 }, 'value'],
    ['an amount below one fen', { ...good, value: 80.001 }, 'value'],
    ['an age that is not whole', { ...good, name: 'minimumAge', unit: 'years', value: 60.5 }, 'value'],
    ['a boolean given as a number', { ...good, name: 'birthdayCountsFromFollowingMonth', unit: 'boolean', value: 1 }, 'value'],
    ['a grade of 5', { ...good, name: 'disabilityGradeThreshold', unit: 'grade', value: 5 }, 'value'],
    ['a township code of 6 digits', { ...good, name: 'township', unit: 'division-code', value: '120114' }, 'value'],
    ['an empty reference', { ...good, reference: ' ' }, 'reference'],
    ['an unknown unit', { ...good, unit: 'yuan/year' }, 'unit'],
  ])('rejects %s', (_name, row, path) => {
    const parsed = parameterRowSchema.safeParse(row);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts a one-off amount in yuan (yuan/once) and describes it as such', () => {
    const once = { ...good, programme: 'delivery-subsidy', value: 100, unit: 'yuan/once' };
    expect(parameterRowSchema.safeParse(once).success).toBe(true);
    expect(parameterRowSchema.safeParse({ ...once, value: 100.005 }).success).toBe(false);
    expect(parameterRowSchema.safeParse({ ...once, value: -100 }).success).toBe(false);
    expect(describeParameter(once as ParameterRow)).toBe('100 元（一次性）（自 2011-01-01 起；依据：依据）');
  });

  it('rejects two rows for the same programme, name and date', () => {
    const parsed = parameterRowsSchema.safeParse([good, { ...good, value: 81 }]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([1, 'effectiveFrom']);
  });
});
