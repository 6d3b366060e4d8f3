import { describe, expect, it } from 'vitest';
import { assembleBulletin, bulletinNumber, type BulletinReport } from './bulletin.ts';
import { computeCompleteness, judgeCell, type DepartmentSpan } from './completeness.ts';
import { aggregate, checkSubmission, checkValues, describeRule, type IndicatorSpec } from './indicators.ts';
import { dueDateOf, dueInstant, parsePeriod } from './periods.ts';

const member: DepartmentSpan = { code: 'forestry', activeFrom: '2011-01-01', activeTo: null };
const at = (s: string) => Date.parse(s);

describe('periods', () => {
  it('reads months, quarters and years, and refuses anything else', () => {
    expect(parsePeriod('2011-10')).toMatchObject({ kind: 'month', months: ['2011-10'], label: '2011年10月' });
    expect(parsePeriod('2011-Q4')).toMatchObject({ kind: 'quarter', months: ['2011-10', '2011-11', '2011-12'], label: '2011年第四季度' });
    expect(parsePeriod('2011')?.months).toHaveLength(12);
    for (const bad of ['2011-13', '2011-00', '2011-Q5', '11-10', '2011-1', '2011Q4', '', '0000', '0000-01', '2101-Q1', '1799-12'])
      expect(parsePeriod(bad)).toBeNull();
  });

  it('puts the due day in the following month and ends it at midnight China time', () => {
    expect(dueDateOf('2011-12', 5)).toBe('2012-01-05');
    expect(new Date(dueInstant('2011-11-05')).toISOString()).toBe('2011-11-05T16:00:00.000Z');
  });
});

describe('completeness and timeliness', () => {
  it('judges a report on time by its first submission, up to the end of the due day in China time', () => {
    const report = (firstSubmittedAt: string) => ({ department: 'forestry', period: '2011-10', status: 'accepted' as const, firstSubmittedAt });
    const asOf = at('2012-01-01T00:00:00Z');
    expect(judgeCell(member, '2011-10', report('2011-11-05T23:59:00+08:00'), 5, asOf)).toMatchObject({ onTime: true, late: false });
    expect(judgeCell(member, '2011-10', report('2011-11-06T00:00:00+08:00'), 5, asOf)).toMatchObject({ onTime: false, late: true, received: true });
  });

  it('expects a month only once it is due, unless the report came early', () => {
    const before = at('2011-11-03T12:00:00+08:00');
    expect(judgeCell(member, '2011-10', undefined, 5, before)).toMatchObject({ state: 'not_due', expected: false, late: false });
    expect(judgeCell(member, '2011-10', undefined, 5, at('2011-11-06T00:00:00+08:00'))).toMatchObject({ state: 'missing', expected: true, late: true });
    const early = { department: 'forestry', period: '2011-10', status: 'submitted' as const, firstSubmittedAt: '2011-10-30T10:00:00+08:00' };
    expect(judgeCell(member, '2011-10', early, 5, before)).toMatchObject({ expected: true, received: true, onTime: true });
  });

  it('does not count a returned report as received until it is resubmitted, nor as late when it first came in time', () => {
    const returned = { department: 'forestry', period: '2011-10', status: 'returned' as const, firstSubmittedAt: '2011-11-05T16:00:00+08:00' };
    expect(judgeCell(member, '2011-10', returned, 5, at('2012-01-01T00:00:00Z'))).toMatchObject({
      state: 'returned',
      expected: true,
      received: false,
      onTime: false,
      late: false,
    });
    const lateAndReturned = { ...returned, firstSubmittedAt: '2011-11-07T09:00:00+08:00' };
    expect(judgeCell(member, '2011-10', lateAndReturned, 5, at('2012-01-01T00:00:00Z'))).toMatchObject({ state: 'returned', received: false, late: true });
  });

  it('counts a department created or closed mid-year only in its active months, so no rate exceeds 100%', () => {
    const joined: DepartmentSpan = { code: 'civilisation', activeFrom: '2011-07-15', activeTo: null };
    const closed: DepartmentSpan = { code: 'old', activeFrom: '2011-01-01', activeTo: '2011-03-31' };
    const months = ['2011-01', '2011-02', '2011-03', '2011-04', '2011-05', '2011-06', '2011-07', '2011-08'];
    const reports = months.flatMap((period) =>
      ['civilisation', 'old'].map((department) => ({ department, period, status: 'accepted' as const, firstSubmittedAt: `${period}-28T10:00:00+08:00` })),
    );
    const result = computeCompleteness({ departments: [joined, closed], months, reports, dueDay: 5, asOf: at('2012-01-01T00:00:00Z') });
    expect(result.rows.map((r) => [r.department, r.expected, r.received])).toEqual([
      ['civilisation', 2, 2],
      ['old', 3, 3],
    ]);
    expect(result.overall).toMatchObject({ expected: 5, received: 5, onTime: 5, completeness: 1, timeliness: 1 });
    expect(computeCompleteness({ departments: [], months, reports: [], dueDay: 5, asOf: 0 }).overall.completeness).toBe(1);
  });
});

describe('indicator values and rules', () => {
  const indicators: IndicatorSpec[] = [
    { code: 'consultations', name: '咨询', unit: '人次', aggregation: 'sum', integer: true, min: 0, max: null },
    { code: 'trainings', name: '培训', unit: '人次', aggregation: 'sum', integer: true, min: 0, max: 1_000_000 },
    { code: 'volunteers', name: '志愿者', unit: '人', aggregation: 'last', integer: true, min: 0, max: null },
  ];
  const rule = { id: 'r', left: 'trainings', operator: '<=' as const, right: 'consultations', factor: 100, message: '培训人次不应超过咨询人次的 100 倍' };
  const texts = { progress: 'p', work: 'w', effect: 'e' };

  it('names every bad value with its own code, and lets a draft leave values out', () => {
    const issues = checkValues(indicators, { consultations: -1, trainings: 2.5, volunteers: '12', unknown: 3 });
    expect(issues.map((i) => `${i.indicator}:${i.code}`)).toEqual([
      'consultations:negative',
      'trainings:not_integer',
      'volunteers:not_number',
      'unknown:unknown_indicator',
    ]);
    expect(checkValues(indicators, { consultations: null, trainings: 2_000_000 }).map((i) => i.code)).toEqual(['above_max']);
    expect(checkValues(indicators, { consultations: Number.NaN }).map((i) => i.code)).toEqual(['not_number']);
  });

  it('requires every value and the narrative on submission, then checks the rules', () => {
    expect(checkSubmission({ indicators, rules: [rule], values: { consultations: 5 }, texts: { ...texts, effect: ' ' } }).map((i) => i.code)).toEqual([
      'text_required',
      'required',
      'required',
    ]);
    expect(checkSubmission({ indicators, rules: [rule], values: { consultations: 5, trainings: 501, volunteers: 3 }, texts })).toEqual([
      expect.objectContaining({ indicator: 'trainings', code: 'rule', message: '培训人次不应超过咨询人次的 100 倍' }),
    ]);
    expect(checkSubmission({ indicators, rules: [rule], values: { consultations: 5, trainings: 500, volunteers: 3 }, texts })).toEqual([]);
    expect(
      describeRule(
        rule,
        new Map([
          ['trainings', '培训'],
          ['consultations', '咨询'],
        ]),
      ),
    ).toBe('培训 ≤ 咨询 × 100');
  });

  it('aggregates months by sum, last value or maximum', () => {
    expect(aggregate('sum', [3, 4, 5])).toBe(12);
    expect(aggregate('last', [3, 9, 5])).toBe(5);
    expect(aggregate('max', [3, 9, 5])).toBe(9);
    expect(aggregate('sum', [])).toBe(0);
  });
});

describe('bulletin content', () => {
  const departments = [
    { code: 'agri-tech', name: '区农业技术推广中心', shortName: '农技推广中心', activeFrom: '2011-01-01', activeTo: null },
    { code: 'forestry', name: '区林业局', shortName: '林业局', activeFrom: '2011-01-01', activeTo: null },
  ];
  const report = (
    department: string,
    period: string,
    status: BulletinReport['status'],
    values: Record<string, number>,
    submitted = `${period}-28T10:00:00+08:00`,
  ): BulletinReport => ({
    department,
    period,
    status,
    firstSubmittedAt: submitted,
    effect: `${department} ${period} 成效`,
    problems: '',
    returnComment: status === 'returned' ? '请核实后重新报送。' : null,
    values,
  });

  it('totals accepted values for the period and the year to date, and lists late and returned reports', () => {
    const reports = [
      report('agri-tech', '2011-09', 'accepted', { trainings: 100, volunteers: 7 }),
      report('agri-tech', '2011-10', 'accepted', { trainings: 40, volunteers: 9 }),
      report('agri-tech', '2011-11', 'accepted', { trainings: 60, volunteers: 8 }, '2011-12-08T10:00:00+08:00'),
      report('forestry', '2011-10', 'accepted', { trainings: 5 }),
      report('forestry', '2011-11', 'returned', { trainings: 1000 }),
    ];
    const content = assembleBulletin({
      period: parsePeriod('2011-Q4') as NonNullable<ReturnType<typeof parsePeriod>>,
      departments,
      reports,
      indicators: [
        { code: 'trainings', name: '培训', unit: '人次', aggregation: 'sum', departments: ['agri-tech', 'forestry'] },
        { code: 'volunteers', name: '志愿者', unit: '人', aggregation: 'last', departments: ['agri-tech'] },
      ],
      dueDay: 5,
      asOf: at('2012-01-10T00:00:00+08:00'),
    });
    expect(content.indicators).toEqual([
      expect.objectContaining({ code: 'trainings', period: 105, yearToDate: 205 }),
      expect.objectContaining({ code: 'volunteers', period: 8, yearToDate: 8 }),
    ]);
    // December is missing from both; agri-tech's November was late; forestry's November came in
    // time and is returned, so it is listed as returned and not as late.
    expect(content.late.map((l) => `${l.department} ${l.period}`).sort()).toEqual(['agri-tech 2011-11', 'agri-tech 2011-12', 'forestry 2011-12']);
    expect(content.returned).toEqual([{ department: 'forestry', departmentName: '区林业局', period: '2011-11', comment: '请核实后重新报送' }]); // its full stop would close the bracket twice
    expect(content.completeness).toMatchObject({ expected: 6, received: 3, onTime: 2 });
    expect(content.highlights[0]?.text).toBe('10月：agri-tech 2011-10 成效；11月：agri-tech 2011-11 成效');
    expect(bulletinNumber('武清幸福家庭办', 2011, 12)).toBe('武清幸福家庭办〔2011〕12号');
  });
});
