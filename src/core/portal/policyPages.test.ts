import { describe, expect, it } from 'vitest';
import { describeProgrammes } from '../benefits/catalog.ts';
import { defaultParameterRows } from '../benefits/defaults.ts';
import type { ParameterRow } from '../benefits/parameters.ts';
import { amountLines, plainWords, policiesMain, policyMain, type PolicyView } from './policyPages.ts';

const rows = defaultParameterRows;
const row = (programme: string, name: string, value: number, effectiveFrom: string): ParameterRow => ({
  programme,
  name,
  value,
  unit: 'yuan/month',
  effectiveFrom,
  reference: '测试',
});

function view(date: string, parameterRows: readonly ParameterRow[] = rows, id = 'special-assistance'): PolicyView {
  const programme = describeProgrammes(parameterRows, date).find((p) => p.id === id);
  if (programme === undefined) throw new Error(id);
  return { programme, amounts: amountLines(parameterRows, programme.id, date), date, noticeDays: { village: 7, township: 7 } };
}

describe('policy pages', () => {
  it('gives the amount in force with the day it took effect, and each change already decided', () => {
    expect(amountLines(rows, 'special-assistance', '2011-11-30')).toEqual([
      { name: 'amountDeath', unit: 'yuan/month', current: { value: 200, from: '2009-01-01' }, coming: [{ value: 270, from: '2012-01-01' }] },
      { name: 'amountDisability', unit: 'yuan/month', current: { value: 160, from: '2009-01-01' }, coming: [{ value: 220, from: '2012-01-01' }] },
    ]);
    expect(amountLines(rows, 'special-assistance', '2012-01-01')[0]).toEqual({
      name: 'amountDeath',
      unit: 'yuan/month',
      current: { value: 270, from: '2012-01-01' },
      coming: [],
    });
    const main = policyMain(view('2011-11-30'), 'hans');
    expect(main).toContain('独生子女死亡家庭：每人每月 200 元（自2009年1月1日起执行）');
    expect(main).toContain('自2012年1月1日起调整为每人每月 270 元');
    expect(main).toContain('自2012年1月1日起调整为每人每月 220 元');
    expect(policyMain(view('2012-02-01'), 'hans')).not.toContain('调整为');
  });

  it('says a standard that stays the same is kept, and shows a raise decided later on top of it', () => {
    const raised = [...rows, row('reward-assistance', 'amount', 100, '2012-07-01')];
    const main = policyMain(view('2011-11-30', raised, 'reward-assistance'), 'hans');
    expect(main).toContain('每人每月 80 元（自2011年1月1日起执行）');
    expect(main).toContain('自2012年1月1日起继续按每人每月 80 元执行');
    expect(main).toContain('自2012年7月1日起调整为每人每月 100 元');
  });

  it('lists every condition, who pays, how it is paid, the basis and how to apply', () => {
    const main = policyMain(view('2011-11-30'), 'hant');
    expect(main).toContain('<h1>计划生育家庭特别扶助</h1>');
    expect(main).toContain('区级财政');
    expect(main).toContain('按月发放');
    expect(main).toContain('国人口发〔2007〕78号');
    expect(main).toContain('女方年满 49 周岁');
    expect(main).toContain('在村内公示 7 天');
    expect(main).toContain('href="/portal/self-check?script=hant"');
    expect(main.match(/<h[1-3]/g)).toEqual(['<h1', '<h2', '<h2', '<h2']);
  });

  it('lists the programmes with a line each', () => {
    const main = policiesMain(describeProgrammes(rows, '2011-11-30'), 'hans');
    expect(main).toContain('<a href="/portal/policies/reward-assistance">农村部分计划生育家庭奖励扶助</a>');
    expect(main.match(/<li>/g)).toHaveLength(6);
  });

  it('writes townships by name and dates as readers write them', () => {
    const names = new Map([['120114002', '下朱庄街道']]);
    expect(plainWords('户籍在实施乡镇街（120114002）', names)).toBe('户籍在实施乡镇街（下朱庄街道）');
    expect(plainWords('1933-01-01 以后出生，自 2010-04 起满足；120114999', names)).toBe('1933年1月1日 以后出生，自 2010年4月 起满足；120114999');
  });
});
