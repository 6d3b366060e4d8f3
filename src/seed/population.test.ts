import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../core/ids/idNumber.ts';
import { defaultParameterRows } from '../core/benefits/defaults.ts';
import { createEvaluator } from '../core/benefits/engine.ts';
import type { Situation } from '../core/benefits/types.ts';
import { situationOn } from '../core/benefits/registerFamily.ts';
import { familyOf, generatePopulation, type SyntheticHousehold } from './population.ts';

/** The household as the register holds it for the programmes, read the same way as a registered family. */
function situationOf(h: SyntheticHousehold, date: string): Situation {
  return situationOn(familyOf(h), date);
}

describe('the synthetic Wuqing population', () => {
  const households = generatePopulation();

  it('is the same for the same seed, and different for another', () => {
    expect(generatePopulation().slice(0, 50)).toEqual(households.slice(0, 50));
    expect(generatePopulation(7).slice(0, 5)).not.toEqual(households.slice(0, 5));
  });

  it('carries valid, unique ID numbers that agree with sex and birth date', () => {
    const people = households.flatMap((h) => [...h.parents, ...h.children]);
    expect(people.length).toBeGreaterThan(25_000);
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
    for (const p of people.slice(0, 5000)) {
      const id = checkIdNumber(p.idNumber, new Date('2026-11-29T00:00:00Z'));
      expect(id).toMatchObject({ valid: true, birthDate: p.birthDate, sex: p.sex === 'M' ? 'male' : 'female' });
    }
    const rural = people.filter((p) => p.hukou === 'rural').length / people.length;
    expect(rural).toBeGreaterThan(0.7);
  });

  it('gives the report’s 2011 beneficiaries when the benefit rules run over it, in every month of the year', () => {
    const evaluator = createEvaluator(defaultParameterRows);
    for (const date of ['2011-01-01', '2011-06-15', '2011-12-31']) {
      const counts = new Map<string, number>();
      for (const h of households) {
        for (const r of evaluator.evaluate(situationOf(h, date), { explain: false }).results) {
          if (!r.eligible) continue;
          const key = r.programme === 'special-assistance' ? `${r.programme}:${r.category}` : r.programme;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          if (r.programme === 'reward-assistance') expect(r.monthlyAmount).toBe(80);
        }
      }
      expect(Object.fromEntries(counts), date).toEqual({
        'reward-assistance': 5467,
        'special-assistance:death': 312,
        'special-assistance:disability': 236,
        'one-child-parent-reward': 1250,
        'top-up-dahuangbao': expect.any(Number),
      });
    }
  });

  it('pays what the report says for 2011: 6.45 million yuan of reward and special assistance, 1.5 million in 下朱庄', () => {
    const evaluator = createEvaluator(defaultParameterRows);
    const paid = new Map<string, number>();
    for (let month = 1; month <= 12; month++) {
      const date = `2011-${String(month).padStart(2, '0')}-01`;
      for (const h of households) {
        for (const r of evaluator.evaluate(situationOf(h, date), { explain: false }).results) {
          if (r.eligible) paid.set(r.programme, (paid.get(r.programme) ?? 0) + r.monthlyAmount);
        }
      }
    }
    const assistance = (paid.get('reward-assistance') ?? 0) + (paid.get('special-assistance') ?? 0);
    expect(Math.round(assistance / 10_000) * 10_000).toBe(6_450_000);
    expect(paid.get('reward-assistance')).toBe(5467 * 80 * 12);
    expect(paid.get('one-child-parent-reward')).toBe(1_500_000);
  });
});
