import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEvaluator, evaluate, NOT_IN_FORCE, programmes } from './engine.ts';
import { defaultParameterRows } from './defaults.ts';
import { parameterRowsSchema, type ParameterRow } from './parameters.ts';
import { parseSituation, programmeIds, type ProgrammeResult, type Situation } from './types.ts';

/** One reference case (cases/*.json): a situation, optional extra parameter rows, the expected results. */
interface ReferenceCase {
  name: string;
  situation: unknown;
  /** Rows appended to the default parameters for this case (e.g. a rule switched off). */
  parameters?: unknown;
  expected: {
    programme: string;
    parent: number;
    eligible: boolean;
    monthlyAmount?: number;
    /** Only for a programme paid once. */
    onceAmount?: number;
    category?: string;
    /** Exactly the ids of the conditions that fail, in any order. */
    failedConditions?: string[];
  }[];
}

const casesDir = new URL('./cases/', import.meta.url);
const files = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const suites = files.map((file) => ({
  file,
  cases: JSON.parse(readFileSync(new URL(file, casesDir), 'utf8')) as ReferenceCase[],
}));
const allCases = suites.flatMap((s) => s.cases);

function situationOf(c: ReferenceCase): Situation {
  const parsed = parseSituation(c.situation);
  if (!parsed.ok) throw new Error(`case "${c.name}" has an invalid situation: ${JSON.stringify(parsed.issues)}`);
  return parsed.situation;
}

function rowsOf(c: ReferenceCase): readonly ParameterRow[] {
  if (c.parameters === undefined) return defaultParameterRows;
  return [...defaultParameterRows, ...parameterRowsSchema.parse(c.parameters)];
}

function failedIds(r: ProgrammeResult): string[] {
  return r.conditions
    .filter((c) => !c.met)
    .map((c) => c.id)
    .sort();
}

describe('reference cases', () => {
  it('has at least 40 cases with distinct names', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(allCases.map((c) => c.name)).size).toBe(allCases.length);
  });

  for (const { file, cases } of suites) {
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          const situation = situationOf(c);
          const { results } = evaluate(situation, rowsOf(c));
          for (const e of c.expected) {
            const r = results.find((x) => x.programme === e.programme && x.parent === e.parent);
            expect(r, `${e.programme} parent ${e.parent}`).toBeDefined();
            if (r === undefined) continue;
            const at = `${e.programme} parent ${e.parent}`;
            expect(r.eligible, `${at} eligible; failed: ${failedIds(r).join(', ')}`).toBe(e.eligible);
            if (e.monthlyAmount !== undefined) expect(r.monthlyAmount, `${at} amount`).toBe(e.monthlyAmount);
            if (e.onceAmount !== undefined) {
              expect(r.period, `${at} period`).toBe('once');
              expect(r.onceAmount, `${at} once amount`).toBe(e.onceAmount);
            }
            if (e.category !== undefined) expect(r.category, `${at} category`).toBe(e.category);
            if (e.failedConditions !== undefined) expect(failedIds(r), `${at} failed conditions`).toEqual([...e.failedConditions].sort());
            if (e.eligible) expect(failedIds(r), `${at} failed conditions`).toEqual([]);
          }
        });
      }
    });
  }
});

describe('evaluate: shape of every result', () => {
  const evaluations = allCases.map((c) => ({ c, situation: situationOf(c), rows: rowsOf(c) }));

  it('returns one result per programme per parent, in programme then parent order', () => {
    for (const { situation, rows } of evaluations) {
      const { results } = evaluate(situation, rows);
      const parents = situation.family.parents.length;
      expect(results.map((r) => `${r.programme}/${r.parent}`)).toEqual(programmeIds.flatMap((id) => Array.from({ length: parents }, (_, i) => `${id}/${i}`)));
    }
  });

  it('pays 0 when not eligible, a positive amount when eligible; every condition explained in Chinese', () => {
    for (const { situation, rows } of evaluations) {
      for (const r of evaluate(situation, rows).results) {
        const amount = r.period === 'once' ? r.onceAmount : r.monthlyAmount;
        if (r.eligible) {
          expect(amount).toBeGreaterThan(0);
          expect(r.amountDetail).toMatch(/依据/);
        } else {
          expect(amount).toBe(0);
          expect(r.conditions.some((c) => !c.met)).toBe(true);
        }
        for (const c of r.conditions) {
          expect(c.label).toMatch(/[\u4e00-\u9fff]/);
          expect(c.detail).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });

  it('records the funding body: district for reward and special assistance and pension insurance, township for the township top-ups, the health bureau for delivery', () => {
    const { results } = evaluate(situationOf(allCases[0] as ReferenceCase), defaultParameterRows);
    const fundedBy = Object.fromEntries(results.map((r) => [r.programme, r.fundedBy]));
    expect(fundedBy).toEqual({
      'reward-assistance': 'district',
      'special-assistance': 'district',
      'one-child-parent-reward': 'township',
      'top-up-dahuangbao': 'township',
      'delivery-subsidy': 'health-bureau',
      'pension-insurance': 'district',
    });
  });

  it('gives monthly programmes a monthlyAmount and no onceAmount, one-off programmes onceAmount with monthlyAmount 0', () => {
    const period = Object.fromEntries(programmes.map((p) => [p.id, p.period]));
    for (const { situation, rows } of evaluations) {
      for (const explain of [true, false]) {
        for (const r of evaluate(situation, rows, { explain }).results) {
          expect(r.period).toBe(period[r.programme]);
          if (r.period === 'once') {
            expect(r.monthlyAmount).toBe(0);
            expect(typeof r.onceAmount).toBe('number');
          } else {
            expect('onceAmount' in r).toBe(false);
          }
        }
      }
    }
  });

  it('gives the same decisions and failed conditions without explanation (the fast path)', () => {
    for (const { situation, rows } of evaluations) {
      const full = evaluate(situation, rows).results;
      const fast = evaluate(situation, rows, { explain: false }).results;
      const decision = (r: ProgrammeResult) => [r.programme, r.parent, r.eligible, r.period, r.monthlyAmount, r.onceAmount, r.category, failedIds(r)];
      expect(fast.map(decision)).toEqual(full.map(decision));
      for (const r of fast) {
        expect(r.conditions.every((c) => !c.met && c.detail === '')).toBe(true);
        expect(r.amountDetail).toBeUndefined();
      }
    }
  });

  it('shares one frozen result between evaluations that fail the same conditions (the fast path)', () => {
    const evaluator = createEvaluator(defaultParameterRows);
    // Parents of 41: too young for reward assistance, whenever their daughter was born.
    const young = (daughter: string) => {
      const parsed = parseSituation({
        date: '2011-06-15',
        township: '120114002',
        family: {
          parents: [
            { sex: 'F', birthDate: '1970-03-02', hukou: 'rural', alive: true },
            { sex: 'M', birthDate: '1969-10-01', hukou: 'rural', alive: true },
          ],
          children: [{ sex: 'F', birthDate: daughter, adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
          outOfPolicyBirth1973to2001: false,
          oneChildCertificate: true,
        },
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return evaluator.evaluate(parsed.situation, { explain: false }).results;
    };
    const [a, b] = [young('1996-01-01'), young('1998-07-07')];
    const reward = (rs: readonly ProgrammeResult[]) => rs.find((r) => r.programme === 'reward-assistance' && r.parent === 0);
    expect(reward(a)?.eligible).toBe(false);
    expect(reward(a)).toBe(reward(b));
    expect(Object.isFrozen(reward(a))).toBe(true);
    expect(Object.isFrozen(reward(a)?.conditions)).toBe(true);
  });

  it('gives one programme’s results alone, as they are among all programmes', () => {
    for (const { situation, rows } of evaluations) {
      const all = evaluate(situation, rows, { explain: false }).results;
      for (const programme of programmeIds) {
        expect(evaluate(situation, rows, { explain: false, programme }).results).toEqual(all.filter((r) => r.programme === programme));
      }
    }
  });

  it('does not change its input', () => {
    for (const { c, situation, rows } of evaluations) {
      const before = JSON.stringify(situation);
      evaluate(situation, rows);
      expect(JSON.stringify(situation), c.name).toBe(before);
    }
  });

  it('lists the programme modules in result order', () => {
    expect(programmes.map((p) => p.id)).toEqual([...programmeIds]);
    expect(programmes.map((p) => p.period)).toEqual(['month', 'month', 'month', 'month', 'once', 'once']);
    for (const p of programmes) {
      expect(new Set(p.conditions.map((c) => c.id)).size).toBe(p.conditions.length);
      for (const c of p.conditions) expect(c.basis).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('evaluate: parameters come from the rows, not from the code', () => {
  const situation = situationOf(allCases.find((c) => c.name.startsWith('baseline of the issue')) as ReferenceCase);

  it('uses a raised amount as soon as a row says so', () => {
    const rows = [
      ...defaultParameterRows,
      { programme: 'reward-assistance', name: 'amount', value: 95.5, unit: 'yuan/month', effectiveFrom: '2011-06-01', reference: 'test' },
    ] satisfies ParameterRow[];
    const reward = evaluate(situation, rows).results.find((r) => r.programme === 'reward-assistance');
    expect(reward?.monthlyAmount).toBe(95.5);
    expect(reward?.amountDetail).toContain('2011-06-01');
  });

  it('moves the age threshold with its row', () => {
    const rows = [
      ...defaultParameterRows,
      { programme: 'reward-assistance', name: 'minimumAge', value: 62, unit: 'years', effectiveFrom: '2011-01-01', reference: 'test' },
    ] satisfies ParameterRow[];
    const reward = evaluate(situation, rows).results.filter((r) => r.programme === 'reward-assistance');
    // wife born 1950-03-02 is 61; husband born 1948-10-01 reached 62 in October 2010
    expect(reward.map((r) => r.eligible)).toEqual([false, true]);
    expect(reward[0]?.conditions.find((c) => c.id === 'minimum-age')?.label).toBe('年满 62 周岁');
  });

  it('reports a programme not yet in force as a failed in-force condition', () => {
    const rows = defaultParameterRows.filter((r) => r.programme !== 'one-child-parent-reward');
    const results = evaluate(situation, rows).results.filter((r) => r.programme === 'one-child-parent-reward');
    expect(results.map((r) => [r.eligible, failedIds(r)])).toEqual([
      [false, [NOT_IN_FORCE]],
      [false, [NOT_IN_FORCE]],
    ]);
  });

  it('throws parameter_missing when a started programme lacks a parameter on the date', () => {
    const rows = defaultParameterRows.filter((r) => !(r.programme === 'special-assistance' && r.name === 'womanMinimumAge'));
    expect(() => evaluate(situation, rows)).toThrow(
      expect.objectContaining({ code: 'parameter_missing', programme: 'special-assistance', parameter: 'womanMinimumAge' }),
    );
  });

  it('throws parameter_missing when the top-up runs but reward assistance has no amount', () => {
    const rows = defaultParameterRows.filter((r) => !(r.programme === 'reward-assistance' && r.name === 'amount'));
    expect(() => evaluate(situation, rows)).toThrow(expect.objectContaining({ code: 'parameter_missing', parameter: 'amount' }));
  });

  it('throws parameter_invalid for a value of the wrong kind', () => {
    const rows = [
      ...defaultParameterRows,
      {
        programme: 'special-assistance',
        name: 'birthdayCountsFromFollowingMonth',
        value: 'yes',
        unit: 'boolean',
        effectiveFrom: '2011-01-01',
        reference: 'test',
      },
    ] as ParameterRow[];
    expect(() => evaluate(situation, rows)).toThrow(expect.objectContaining({ code: 'parameter_invalid' }));
  });

  it('re-reads a new parameter array but caches per array and date', () => {
    const evaluator = createEvaluator(defaultParameterRows);
    const a = evaluator.evaluate(situation).results[0]?.monthlyAmount;
    const b = evaluator.evaluate({ ...situation, date: '2010-06-15' }).results[0]?.monthlyAmount;
    expect([a, b]).toEqual([80, 60]);
  });
});

describe('evaluate: many persons', () => {
  /** Deterministic PRNG (mulberry32). */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function day(r: () => number, fromYear: number, years: number): string {
    const y = fromYear + Math.floor(r() * years);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  it('evaluates 20 000 generated families for one month with one parameter lookup, same answers with and without trace', () => {
    const r = random(20110615);
    const townships = ['120114001', '120114002', '120114207'];
    let eligibleFast = 0;
    let eligibleFull = 0;
    const eligibleBy = new Map<string, number>();
    let total = 0;
    const evaluator = createEvaluator(defaultParameterRows);
    for (let i = 0; i < 20_000; i++) {
      const wife = day(r, 1930, 40);
      const children = Array.from({ length: Math.floor(r() * 3) }, () => {
        const dead = r() < 0.1;
        const adopted = r() < 0.05;
        return {
          sex: r() < 0.5 ? ('F' as const) : ('M' as const),
          birthDate: day(r, 1975, 20),
          adopted,
          alive: !dead,
          deathDate: dead ? '2008-01-01' : null,
          disabilityGrade: r() < 0.1 ? 1 + Math.floor(r() * 4) : null,
          hospitalDelivery: !adopted && r() < 0.5,
        };
      });
      // a few deliveries in the evaluated month (June 2011), some in hospital
      if (r() < 0.05) {
        children.push({
          sex: 'F',
          birthDate: `2011-06-${String(1 + Math.floor(r() * 15)).padStart(2, '0')}`,
          adopted: false,
          alive: true,
          deathDate: null,
          disabilityGrade: null,
          hospitalDelivery: r() < 0.8,
        });
      }
      const input = {
        date: '2011-06-15',
        township: townships[i % 3],
        family: {
          parents: [
            { sex: 'F', birthDate: wife, hukou: r() < 0.8 ? 'rural' : 'urban', alive: true },
            { sex: 'M', birthDate: day(r, 1930, 40), hukou: r() < 0.8 ? 'rural' : 'urban', alive: true },
          ],
          children,
          outOfPolicyBirth1973to2001: r() < 0.1,
          oneChildCertificate: r() < 0.5,
          secondChildQuotaWaived: r() < 0.2,
        },
      };
      const parsed = parseSituation(input);
      if (!parsed.ok) continue; // a generated child born before a parent: skip
      total++;
      for (const x of evaluator.evaluate(parsed.situation, { explain: false }).results) {
        if (!x.eligible) continue;
        eligibleFast++;
        eligibleBy.set(x.programme, (eligibleBy.get(x.programme) ?? 0) + 1);
      }
      if (i % 10 === 0) {
        const full = evaluator.evaluate(parsed.situation).results;
        const fast = evaluator.evaluate(parsed.situation, { explain: false }).results;
        expect(fast.map((x) => [x.eligible, x.monthlyAmount, x.onceAmount])).toEqual(full.map((x) => [x.eligible, x.monthlyAmount, x.onceAmount]));
        for (const x of full) if (x.eligible) eligibleFull++;
      }
    }
    expect(total).toBeGreaterThan(10_000);
    expect(eligibleFast).toBeGreaterThan(0);
    expect(eligibleFull).toBeGreaterThan(0);
    for (const id of programmeIds) expect(eligibleBy.get(id) ?? 0, id).toBeGreaterThan(0);
  });
});
