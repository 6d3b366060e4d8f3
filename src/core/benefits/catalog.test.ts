import { describe, expect, it } from 'vitest';
import { describeProgrammes, programmeName } from './catalog.ts';
import { defaultParameterRows } from './defaults.ts';
import { evaluate, programmes } from './engine.ts';
import type { ParameterRow } from './parameters.ts';
import { parseSituation, programmeIds, type Situation } from './types.ts';

const rows = defaultParameterRows;

function conditionsOf(catalog: ReturnType<typeof describeProgrammes>, id: string) {
  const programme = catalog.find((p) => p.id === id);
  if (programme === undefined) throw new Error(`no ${id} in the catalog`);
  return programme.conditions;
}

describe('describeProgrammes', () => {
  it('lists every programme in the engine order with its name, funding body, period and basis', () => {
    const catalog = describeProgrammes(rows, '2011-06-15');
    expect(catalog.map((p) => p.id)).toEqual([...programmeIds]);
    expect(catalog.map((p) => [p.id, p.fundedBy, p.period])).toEqual([
      ['reward-assistance', 'district', 'month'],
      ['special-assistance', 'district', 'month'],
      ['one-child-parent-reward', 'township', 'month'],
      ['top-up-dahuangbao', 'township', 'month'],
      ['delivery-subsidy', 'health-bureau', 'once'],
      ['pension-insurance', 'district', 'once'],
    ]);
    for (const p of catalog) {
      expect(p.name).toMatch(/[\u4e00-\u9fff]/);
      expect(p.basis).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(p).sort()).toEqual(['basis', 'conditions', 'fundedBy', 'id', 'name', 'period']);
      for (const c of p.conditions) {
        expect(Object.keys(c).sort()).toEqual(['basis', 'id', 'label']);
        expect(c.label).toMatch(/[\u4e00-\u9fff]/);
        expect(c.basis).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('gives every condition of each module, in order, with the module basis', () => {
    const catalog = describeProgrammes(rows, '2011-06-15');
    for (const module of programmes) {
      const described = catalog.find((p) => p.id === module.id);
      expect(described?.name).toBe(module.name);
      expect(described?.basis).toBe(module.basis);
      expect(described?.conditions.map((c) => [c.id, c.basis])).toEqual(module.conditions.map((c) => [c.id, c.basis]));
    }
    expect(conditionsOf(catalog, 'delivery-subsidy').map((c) => c.id)).toEqual([
      'recipient-mother',
      'rural-hukou',
      'hospital-delivery-in-month',
      'family-planning-family',
    ]);
    expect(conditionsOf(catalog, 'delivery-subsidy').find((c) => c.id === 'family-planning-family')?.label).toBe('计划生育家庭（无政策外生育）');
    expect(conditionsOf(catalog, 'pension-insurance').map((c) => c.id)).toEqual([
      'parent-alive',
      'rural-hukou',
      'second-child-quota-waived',
      'no-further-child',
      'below-maximum-age',
    ]);
  });

  it('words the labels with the parameters in force on the date', () => {
    const raised: ParameterRow[] = [
      ...rows,
      { programme: 'reward-assistance', name: 'minimumAge', value: 62, unit: 'years', effectiveFrom: '2012-01-01', reference: '测试' },
      { programme: 'pension-insurance', name: 'maximumAge', value: 55, unit: 'years', effectiveFrom: '2012-01-01', reference: '测试' },
    ];
    const label = (date: string, programme: string, condition: string) =>
      conditionsOf(describeProgrammes(raised, date), programme).find((c) => c.id === condition)?.label;
    expect(label('2011-12-31', 'reward-assistance', 'minimum-age')).toBe('年满 60 周岁');
    expect(label('2012-01-01', 'reward-assistance', 'minimum-age')).toBe('年满 62 周岁');
    expect(label('2011-12-31', 'pension-insurance', 'below-maximum-age')).toBe('未满 60 周岁');
    expect(label('2012-01-01', 'pension-insurance', 'below-maximum-age')).toBe('未满 55 周岁');
    expect(label('2011-06-15', 'top-up-dahuangbao', 'township')).toBe('户籍在实施乡镇街（120114207）');
  });

  it('gives the same labels as the engine on the date', () => {
    const input = {
      date: '2011-06-15',
      township: '120114207',
      family: {
        parents: [
          { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true },
          { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: true },
        ],
        children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
        outOfPolicyBirth1973to2001: false,
        oneChildCertificate: true,
      },
    };
    const parsed = parseSituation(input);
    if (!parsed.ok) throw new Error('invalid example');
    const situation: Situation = parsed.situation;
    const results = evaluate(situation, rows).results.filter((r) => r.parent === 0);
    const catalog = describeProgrammes(rows, situation.date);
    expect(catalog.map((p) => [p.id, p.conditions.map((c) => [c.id, c.label])])).toEqual(
      results.map((r) => [r.programme, r.conditions.map((c) => [c.id, c.label])]),
    );
  });

  it('uses the earliest effective date for a programme not in force on the date', () => {
    // delivery-subsidy starts 2011-01-01; in 2010 it is described with its 2011 parameters
    const shifted: ParameterRow[] = [
      ...rows.filter((r) => r.programme !== 'pension-insurance'),
      { programme: 'pension-insurance', name: 'premium', value: 950, unit: 'yuan/once', effectiveFrom: '2013-01-01', reference: '测试' },
      { programme: 'pension-insurance', name: 'maximumAge', value: 58, unit: 'years', effectiveFrom: '2013-01-01', reference: '测试' },
      { programme: 'pension-insurance', name: 'maximumAge', value: 57, unit: 'years', effectiveFrom: '2014-01-01', reference: '测试' },
      {
        programme: 'pension-insurance',
        name: 'birthdayCountsFromFollowingMonth',
        value: true,
        unit: 'boolean',
        effectiveFrom: '2013-01-01',
        reference: '测试',
      },
    ];
    const catalog = describeProgrammes(shifted, '2010-06-15');
    expect(conditionsOf(catalog, 'delivery-subsidy').map((c) => c.label)).toEqual(
      conditionsOf(describeProgrammes(shifted, '2011-01-01'), 'delivery-subsidy').map((c) => c.label),
    );
    expect(conditionsOf(catalog, 'pension-insurance').find((c) => c.id === 'below-maximum-age')?.label).toBe('未满 58 周岁');
    // the earlier programmes are in force and keep their 2010 wording
    expect(conditionsOf(catalog, 'reward-assistance').find((c) => c.id === 'minimum-age')?.label).toBe('年满 60 周岁');
  });

  it('labels with the condition ids a programme that has no parameter rows at all', () => {
    const catalog = describeProgrammes(
      rows.filter((r) => r.programme !== 'pension-insurance'),
      '2011-06-15',
    );
    const pension = conditionsOf(catalog, 'pension-insurance');
    expect(pension.map((c) => c.label)).toEqual(pension.map((c) => c.id));
    expect(pension.every((c) => /[\u4e00-\u9fff]/.test(c.basis))).toBe(true);
    expect(conditionsOf(catalog, 'delivery-subsidy').every((c) => c.label !== c.id)).toBe(true);
  });

  it('describes all programmes from an empty parameter table with ids as labels', () => {
    const catalog = describeProgrammes([], '2011-06-15');
    expect(catalog.map((p) => p.id)).toEqual([...programmeIds]);
    for (const p of catalog) expect(p.conditions.map((c) => c.label)).toEqual(p.conditions.map((c) => c.id));
  });

  it('throws parameter_missing, as the engine does, when a started programme lacks a parameter on the date', () => {
    const incomplete = rows.filter((r) => !(r.programme === 'pension-insurance' && r.name === 'maximumAge'));
    expect(() => describeProgrammes(incomplete, '2011-06-15')).toThrow(
      expect.objectContaining({ code: 'parameter_missing', programme: 'pension-insurance', parameter: 'maximumAge' }),
    );
  });

  it('rejects a date that is not a calendar date', () => {
    expect(() => describeProgrammes(rows, '2011-02-30')).toThrow(RangeError);
    expect(() => describeProgrammes(rows, '2011-6-15')).toThrow(RangeError);
  });
});

describe('programmeName', () => {
  it('gives the Chinese name of every programme', () => {
    expect(programmeName('delivery-subsidy')).toBe('住院分娩补助');
    expect(programmeName('pension-insurance')).toBe('计划生育养老保险');
    expect(programmeName('reward-assistance')).toBe('农村部分计划生育家庭奖励扶助');
    for (const id of programmeIds) expect(programmeName(id)).toBe(programmes.find((p) => p.id === id)?.name);
  });

  it('returns an id that is not a programme unchanged', () => {
    expect(programmeName('no-such-programme' as never)).toBe('no-such-programme');
  });
});
