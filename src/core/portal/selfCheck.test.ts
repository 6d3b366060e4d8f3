import { describe, expect, it } from 'vitest';
import { defaultParameterRows } from '../benefits/defaults.ts';
import { evaluate } from '../benefits/engine.ts';
import cases from './selfCheck.cases.json' with { type: 'json' };
import { defaultValues, formValues, parseSelfCheck, type SelfCheckValues } from './selfCheck.ts';
import { selfCheckFormMain, selfCheckResultMain } from './selfCheckPage.ts';

const TODAY = '2011-11-30';
const townships = [
  { code: '120114101', name: '梅厂镇' },
  { code: '120114002', name: '下朱庄街道' },
];
const couple: SelfCheckValues = cases.couple;

const errorsOf = (values: SelfCheckValues) => {
  const parsed = parseSelfCheck(values, TODAY, townships);
  return parsed.ok ? [] : parsed.errors;
};

describe('self-check form', () => {
  it('reads a rural couple with one daughter into the situation the engine takes', () => {
    const parsed = parseSelfCheck(couple, TODAY, townships);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.situation).toEqual({
      date: TODAY,
      township: '120114101',
      family: {
        parents: [
          { sex: 'M', birthDate: '1950-03-01', hukou: 'rural', alive: true },
          { sex: 'F', birthDate: '1951-05-10', hukou: 'rural', alive: true },
        ],
        children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null, hospitalDelivery: false }],
        outOfPolicyBirth1973to2001: false,
        oneChildCertificate: false,
        secondChildQuotaWaived: false,
      },
    });
  });

  it('asks about the last day of another month, and only months from 2009 to a year ahead', () => {
    const parsed = parseSelfCheck({ ...couple, month: '2011-02' }, TODAY, townships);
    expect(parsed.ok && parsed.situation.date).toBe('2011-02-28');
    expect(errorsOf({ ...couple, month: '2008-12' })).toHaveLength(1);
    expect(errorsOf({ ...couple, month: '2013-01' })).toHaveLength(1);
    expect(errorsOf({ ...couple, month: '2012-11' })).toEqual([]);
    expect(defaultValues(TODAY).month).toBe('2011-11');
  });

  it('says in words what to correct', () => {
    expect(errorsOf({ ...couple, birth: '1950-02-30' })).toEqual(['您的出生日期“1950-02-30”不是有效的日期，请按“1950-03-01”的格式填写。']);
    expect(errorsOf({ ...couple, c1Birth: '1950-01-01' })).toEqual(['第 1 个子女的出生日期早于（或等于）父母的出生日期，请检查。']);
    expect(errorsOf({ ...couple, c1Alive: 'no' })).toEqual(['第 1 个子女已去世，请填写去世日期。']);
    expect(errorsOf({ ...couple, c1Alive: 'no', c1Death: '1975-01-01' })).toEqual(['第 1 个子女的去世日期早于出生日期。']);
    expect(errorsOf({ ...couple, township: '999999999', sex: undefined as unknown as string })).toEqual(['请选择户籍所在的乡镇（街道）。', '请选择您的性别。']);
    expect(errorsOf({ ...couple, spouseBirth: undefined as unknown as string })).toEqual(['请填写配偶的出生日期。']);
    expect(errorsOf({ ...couple, marital: 'single', spouseBirth: undefined as unknown as string })).toEqual([]);
    expect(errorsOf({ ...couple, c2Birth: '2012-01-01', c2Sex: 'M' })).toEqual(['第 2 个子女的出生日期晚于所查询的月份。']);
    expect(errorsOf({ ...couple, c1Adopted: 'on', c1Hospital: 'on' })).toHaveLength(1);
  });

  it('keeps only the form fields, trimmed and bounded', () => {
    const values = formValues(new URLSearchParams({ birth: ' 1950-03-01 ', name: '张三', c1Sex: 'F', c9Sex: 'M', township: 'x'.repeat(500) }));
    expect(values).toEqual({ birth: '1950-03-01', c1Sex: 'F', township: 'x'.repeat(200) });
  });

  it('refills the form and lists what to correct above it', () => {
    const main = selfCheckFormMain({ ...couple, birth: '<x>' }, townships, ['请选择您的性别。'], 'hans');
    expect(main.indexOf('role="alert"')).toBeLessThan(main.indexOf('<form'));
    expect(main).toContain('value="&lt;x&gt;"');
    expect(main).toContain('<option value="120114101" selected>梅厂镇</option>');
    for (const id of main.match(/ id="f-[^"]+"/g) ?? []) expect(main).toContain(`for="${id.slice(5, -1)}"`);
  });

  it('shows the engine’s verdict for each programme, each condition in words, the amount and the policy page', () => {
    const parsed = parseSelfCheck({ ...couple, c2Sex: 'M', c2Birth: '1978-01-01', c3Sex: 'M', c3Birth: '1980-01-01' }, TODAY, townships);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const names = new Map([['reward-assistance', '农村部分计划生育家庭奖励扶助']]);
    const three = selfCheckResultMain(
      {
        date: TODAY,
        values: parsed.values,
        townshipList: townships,
        results: evaluate(parsed.situation, defaultParameterRows).results,
        names,
        townships: new Map(),
      },
      'hans',
    );
    expect(three).toContain('农村部分计划生育家庭奖励扶助：不符合');
    expect(three).toContain('✗ 不符合</span>：现存一个子女或两个女孩');
    const one = parseSelfCheck(couple, TODAY, townships);
    if (!one.ok) throw new Error('couple');
    const eligible = selfCheckResultMain(
      { date: TODAY, values: one.values, townshipList: townships, results: evaluate(one.situation, defaultParameterRows).results, names, townships: new Map() },
      'hans',
    );
    expect(eligible).toContain('农村部分计划生育家庭奖励扶助：可能符合');
    expect(eligible).toContain('您本人：<strong class="result-met">可能符合</strong>，每月 80 元');
    expect(eligible).toContain('href="/portal/policies/reward-assistance"');
    expect(eligible).toContain('1950年3月1日 出生');
    // The form again, as filled in, to change and check again.
    expect(eligible).toContain('<input type="date" id="f-birth" name="birth" value="1950-03-01">');
  });
});
