import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { zscoreCommand, zscoreLines } from '../../cli/zscore.ts';
import rawCases from './zscore.cases.json' with { type: 'json' };
import { GROWTH_TABLE_SPECS, lmsAt, loadGrowthTables, parseLmsCsv, type LmsTable } from './tables.ts';
import {
  CURVE_SDS,
  GROWTH_INDICATORS,
  classifyGrowth,
  computeZScores,
  growthCurve,
  interpolateLms,
  lmsValueAt,
  lmsZ,
  lmsZRestricted,
  prepareMeasurement,
  roundZ,
  type GrowthMeasurement,
  type GrowthZScores,
  type IndicatorResult,
  type Sex,
} from './zscore.ts';

interface ReferenceCase {
  note: string;
  input: GrowthMeasurement;
  expected: Record<string, IndicatorResult>;
  deviation?: string;
}
interface ReferenceFile {
  source: string;
  tolerance: number;
  cases: ReferenceCase[];
}

const reference = rawCases as unknown as ReferenceFile;
const tables = loadGrowthTables();
const SEXES: readonly Sex[] = ['male', 'female'];

/** Deterministic PRNG (mulberry32) so a failing property run can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('reference cases computed by WHO anthro (zscore.cases.json)', () => {
  it('has at least 60 cases with distinct notes and a recorded source', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(reference.cases.map((c) => c.note)).size).toBe(reference.cases.length);
    expect(reference.source).toMatch(/anthro/);
    for (const c of reference.cases) expect(Object.keys(c.expected).sort()).toEqual([...GROWTH_INDICATORS].sort());
  });

  for (const c of reference.cases) {
    it(c.note, () => {
      const actual = computeZScores(c.input, tables);
      for (const indicator of GROWTH_INDICATORS) {
        const expected = c.expected[indicator];
        const got = actual[indicator];
        const label = `${indicator}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`;
        expect(got.flag, label).toBe(expected?.flag);
        if (expected?.z === null || expected?.z === undefined) {
          expect(got.z, label).toBeNull();
        } else {
          expect(got.z, label).not.toBeNull();
          expect(Math.abs((got.z ?? Number.NaN) - expected.z), label).toBeLessThanOrEqual(reference.tolerance);
          // Rounded the way anthro rounds, the value is anthro's to the digit.
          expect(roundZ(got.z ?? Number.NaN), label).toBe(expected.z);
        }
      }
    });
  }
});

describe('R-compatible rounding', () => {
  it('rounds to the nearer binary neighbour like R round(x, 2), ties to even', () => {
    expect(roundZ(0.125)).toBe(0.12);
    expect(roundZ(2.675)).toBe(2.67);
    expect(roundZ(-2.675)).toBe(-2.67);
    expect(roundZ(0.135)).toBe(0.14);
    expect(roundZ(5.004999)).toBe(5);
    expect(roundZ(-6.0049)).toBe(-6);
    expect(roundZ(1.005)).toBe(1);
    expect(roundZ(-30.625)).toBe(-30.62);
  });
});

describe('LMS arithmetic', () => {
  const lms = { l: -0.3521, m: 7.4327, s: 0.08217 };

  it('gives z = 0 at the median and z = k at the k-SD value', () => {
    expect(lmsZ(lms.m, lms)).toBeCloseTo(0, 12);
    for (const k of [-3, -2, -1, 1, 2, 3]) expect(lmsZ(lmsValueAt(k, lms), lms)).toBeCloseTo(k, 10);
  });

  it('restricts only beyond ±3 SD, in steps of the 2–3 SD gap on each side', () => {
    for (const k of [-2.9, 0, 2.9]) expect(lmsZRestricted(lmsValueAt(k, lms), lms)).toBeCloseTo(k, 10);
    const sd3 = lmsValueAt(3, lms);
    const upperGap = sd3 - lmsValueAt(2, lms);
    expect(lmsZRestricted(sd3 + 2 * upperGap, lms)).toBeCloseTo(5, 10);
    const sd3neg = lmsValueAt(-3, lms);
    const lowerGap = lmsValueAt(-2, lms) - sd3neg;
    expect(lmsZRestricted(sd3neg - 2 * lowerGap, lms)).toBeCloseTo(-5, 10);
    expect(lmsZ(sd3 + 2 * upperGap, lms)).not.toBeCloseTo(5, 2);
  });

  it('interpolates L, M and S between 0.1 cm rows and uses the row itself on the grid', () => {
    const series = tables.weightForLength.male;
    const lo = lmsAt(series, 603);
    const hi = lmsAt(series, 604);
    expect(interpolateLms(series, 60.3)).toEqual(lo);
    const mid = interpolateLms(series, 60.35);
    expect(mid?.m).toBeCloseTo(((lo?.m ?? 0) + (hi?.m ?? 0)) / 2, 10);
    expect(mid?.s).toBeCloseTo(((lo?.s ?? 0) + (hi?.s ?? 0)) / 2, 10);
  });
});

describe('properties: weight and sex', () => {
  const random = randomSource(20261129);

  it('every z-score that depends on weight rises with weight (both tails included)', () => {
    for (let run = 0; run < 300; run += 1) {
      const sex = SEXES[Math.floor(random() * 2)] ?? 'male';
      const ageDays = Math.floor(random() * 1826);
      const lengthHeightCm = 50 + random() * 65;
      let previous: GrowthZScores | undefined;
      for (let weightKg = 1; weightKg <= 40; weightKg += 0.5) {
        const z = computeZScores({ sex, ageDays, weightKg, lengthHeightCm, measured: ageDays < 731 ? 'lying' : 'standing' }, tables);
        if (previous) {
          for (const indicator of ['weightForAge', 'weightForLengthHeight', 'bmiForAge'] as const) {
            const before = previous[indicator].z;
            const now = z[indicator].z;
            if (before !== null && now !== null) expect(now).toBeGreaterThan(before);
          }
        }
        previous = z;
      }
    }
  });

  it('each sex is looked up in its own rows: the table median of that sex gives z = 0', () => {
    for (let day = 0; day <= 1826; day += 37) {
      for (const sex of SEXES) {
        const median = (table: LmsTable) => lmsAt(table[sex], day)?.m ?? Number.NaN;
        const z = computeZScores(
          {
            sex,
            ageDays: day,
            weightKg: median(tables.weightForAge),
            lengthHeightCm: median(tables.lengthHeightForAge),
            headCircumferenceCm: median(tables.headCircumferenceForAge),
          },
          tables,
        );
        expect(z.weightForAge.z).toBeCloseTo(0, 9);
        expect(z.lengthHeightForAge.z).toBeCloseTo(0, 9);
        expect(z.headCircumferenceForAge.z).toBeCloseTo(0, 9);
      }
    }
  });

  it('boys are heavier, longer and have larger heads than girls at the same z, so one body scores higher as a girl', () => {
    for (let day = 0; day <= 1826; day += 61) {
      const body = { ageDays: day, weightKg: lmsAt(tables.weightForAge.male, day)?.m ?? 0, lengthHeightCm: 80, headCircumferenceCm: 45 };
      const boy = computeZScores({ ...body, sex: 'male' }, tables);
      const girl = computeZScores({ ...body, sex: 'female' }, tables);
      expect(girl.weightForAge.z ?? 0).toBeGreaterThan(boy.weightForAge.z ?? 0);
      expect(girl.lengthHeightForAge.z ?? 0).toBeGreaterThan(boy.lengthHeightForAge.z ?? 0);
      expect(girl.headCircumferenceForAge.z ?? 0).toBeGreaterThan(boy.headCircumferenceForAge.z ?? 0);
    }
  });
});

describe('properties: oedema, invalid ages and derived values', () => {
  it('oedema removes exactly the weight-based z-scores', () => {
    const child: GrowthMeasurement = {
      sex: 'female',
      ageDays: 500,
      weightKg: 9,
      lengthHeightCm: 76,
      measured: 'lying',
      headCircumferenceCm: 46,
      armCircumferenceCm: 14,
      tricepsSkinfoldMm: 8,
      subscapularSkinfoldMm: 6,
    };
    const plain = computeZScores(child, tables);
    const withOedema = computeZScores({ ...child, oedema: true }, tables);
    for (const indicator of GROWTH_INDICATORS) {
      const weightBased = indicator === 'weightForAge' || indicator === 'weightForLengthHeight' || indicator === 'bmiForAge';
      expect(plain[indicator].z).not.toBeNull();
      expect(withOedema[indicator]).toEqual(weightBased ? { z: null, flag: null } : plain[indicator]);
    }
  });

  it('a negative or non-finite age gives no z-score at all (anthro refuses negative ages)', () => {
    for (const ageDays of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const z = computeZScores({ sex: 'male', ageDays, weightKg: 10, lengthHeightCm: 80, measured: 'lying' }, tables);
      for (const indicator of GROWTH_INDICATORS) expect(z[indicator]).toEqual({ z: null, flag: null });
    }
  });

  it('records anthro’s derived values: table day, discarded position, converted length and BMI', () => {
    const p = prepareMeasurement({ sex: 'male', ageDays: 243.5, lengthHeightCm: 60, measured: 'standing', weightKg: 6 });
    expect(p).toMatchObject({ tableDay: 244, position: null, positionDiscarded: true, lengthHeightCm: 60 });
    expect(p.bmi).toBeCloseTo(6 / 0.36, 12);
    expect(prepareMeasurement({ sex: 'male', ageDays: 730.5, lengthHeightCm: 90, measured: 'lying' }).lengthHeightCm).toBeCloseTo(89.3, 12);
  });
});

describe('tables', () => {
  it('holds every row of every table for both sexes', () => {
    for (const [name, spec] of Object.entries(GROWTH_TABLE_SPECS)) {
      const table = tables[name as keyof typeof tables];
      for (const sex of SEXES) expect(table[sex].rows.length, name).toBe(spec.last - spec.first + 1);
    }
    expect(lmsAt(tables.weightForAge.female, 1826)).toEqual({ l: -0.3518, m: 18.2179, s: 0.14821 });
    expect(lmsAt(tables.weightForHeight.female, 1200)).toEqual({ l: -0.3833, m: 22.8173, s: 0.09828 });
    expect(lmsAt(tables.armCircumferenceForAge.male, 90)).toBeUndefined();
  });

  it('refuses a table with a gap or a wrong header', () => {
    const spec = { file: 'x.csv', keyColumn: 'age_days', first: 0, last: 1, lorh: false } as const;
    const good = 'sex,age_days,l,m,s\n1,0,1,2,0.1\n1,1,1,2,0.1\n2,0,1,2,0.1\n2,1,1,2,0.1\n';
    expect(parseLmsCsv(good, spec).female.rows).toHaveLength(2);
    expect(() => parseLmsCsv(good.replace('1,1,1,2,0.1\n', ''), spec)).toThrow(/girls' rows start before/);
    expect(() => parseLmsCsv(good.replace('2,1,1,2,0.1\n', ''), spec)).toThrow(/expected 2 rows per sex/);
    expect(() => parseLmsCsv(good.replace('age_days', 'age'), spec)).toThrow(/header/);
    expect(() => parseLmsCsv(good.replace('2,1,1,2,0.1', '2,1,0,2,0.1'), spec)).toThrow(/L must not be 0/);
  });
});

describe('classification and growth curves', () => {
  const none: IndicatorResult = { z: null, flag: null };
  const scores = (values: Partial<Record<(typeof GROWTH_INDICATORS)[number], IndicatorResult>>): GrowthZScores => ({
    ...(Object.fromEntries(GROWTH_INDICATORS.map((name) => [name, none])) as Record<(typeof GROWTH_INDICATORS)[number], IndicatorResult>),
    ...values,
  });

  it('names underweight, stunting, wasting, overweight and obesity on the rounded z', () => {
    const codes = (s: GrowthZScores) => classifyGrowth(s).map((status) => status.code);
    expect(codes(scores({ weightForAge: { z: -2.5, flag: 0 } }))).toEqual(['underweight']);
    expect(codes(scores({ weightForAge: { z: -3.01, flag: 0 } }))).toEqual(['severe_underweight']);
    expect(codes(scores({ weightForAge: { z: -2.004, flag: 0 } }))).toEqual([]);
    expect(codes(scores({ lengthHeightForAge: { z: -2.2, flag: 0 }, weightForLengthHeight: { z: -3.2, flag: 0 } }))).toEqual(['stunting', 'severe_wasting']);
    expect(codes(scores({ weightForLengthHeight: { z: -2.1, flag: 0 } }))).toEqual(['wasting']);
    expect(codes(scores({ weightForLengthHeight: { z: 2.5, flag: 0 } }))).toEqual(['overweight']);
    expect(codes(scores({ weightForLengthHeight: { z: 3.5, flag: 0 } }))).toEqual(['obesity']);
    expect(codes(scores({ headCircumferenceForAge: { z: 5.2, flag: 1 }, weightForAge: { z: -6.5, flag: 1 } }))).toEqual(['implausible', 'implausible']);
    expect(classifyGrowth(scores({}), { oedema: true })).toEqual([{ indicator: null, code: 'oedema' }]);
  });

  it('draws the −3, −2, 0, +2, +3 SD curves from the tables', () => {
    const curve = growthCurve(tables, 'weightForAge', 'female', 30);
    expect(curve[0]?.x).toBe(0);
    expect(curve.at(-1)?.x).toBe(1826);
    expect(curve[0]?.values[CURVE_SDS.indexOf(0)]).toBeCloseTo(lmsAt(tables.weightForAge.female, 0)?.m ?? 0, 10);
    for (const point of curve) expect([...point.values]).toEqual([...point.values].sort((a, b) => a - b));
    const wfh = growthCurve(tables, 'weightForHeight', 'male', 10);
    expect(wfh[0]?.x).toBe(65);
    expect(wfh.at(-1)?.x).toBe(120);
    const sd2 = wfh[0]?.values[CURVE_SDS.indexOf(2)] ?? 0;
    expect(computeZScores({ sex: 'male', ageDays: null, weightKg: sd2, lengthHeightCm: 65, measured: 'standing' }, tables).weightForLengthHeight.z).toBeCloseTo(
      2,
      9,
    );
  });
});

describe('xingfu zscore (CLI)', () => {
  it('writes one line per input line, z rounded to 2 decimals, and reports bad lines without stopping', () => {
    const input = [
      '{"sex":"male","ageDays":987,"lengthHeightCm":72.86,"measured":"lying"}',
      'not json',
      '{"sex":"boy","ageDays":10}',
      '{"sex":"female","ageDays":10,"weightKg":-3}',
      '{"sex":"female","ageDays":10,"heightCm":50}',
      '{"sex":"female","ageDays":"10"}',
      '{"sex":"female"}',
      '[1,2]',
      '{"sex":"female","ageDays":null,"measured":"sitting"}',
      '',
      '{"sex":"female","ageDays":null,"weightKg":11.5,"lengthHeightCm":87,"oedema":false}',
    ].join('\r\n');
    const lines = zscoreLines(input)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toEqual({
      weightForAge: { z: null, flag: null },
      lengthHeightForAge: { z: -6.09, flag: 1 },
      weightForLengthHeight: { z: null, flag: null },
      bmiForAge: { z: null, flag: null },
      headCircumferenceForAge: { z: null, flag: null },
      armCircumferenceForAge: { z: null, flag: null },
      tricepsSkinfoldForAge: { z: null, flag: null },
      subscapularSkinfoldForAge: { z: null, flag: null },
    });
    expect(Object.keys(lines[0] ?? {})).toEqual([...GROWTH_INDICATORS]);
    const codes = lines.slice(1, 9).map((line) => (line.error as { code: string }).code);
    expect(codes).toEqual([
      'invalid_json',
      'invalid_sex',
      'negative_value',
      'unknown_field',
      'invalid_type',
      'missing_field',
      'not_an_object',
      'invalid_position',
    ]);
    expect((lines[1]?.error as { message: string }).message).toMatch(/JSON/);
    expect(lines[9]?.weightForLengthHeight).toEqual({ z: -0.38, flag: 0 });
  });

  it('streams from stdin to stdout', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let output = '';
    stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const done = zscoreCommand(stdin, stdout);
    stdin.end('{"sex":"female","ageDays":730.5,"lengthHeightCm":77.5}\n{"sex":"x","ageDays":1}\n');
    await done;
    const [first, second] = output
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, { z?: number; code?: string }>);
    expect(first?.lengthHeightForAge?.z).toBe(-2.55);
    expect(second?.error?.code).toBe('invalid_sex');
  });
});
