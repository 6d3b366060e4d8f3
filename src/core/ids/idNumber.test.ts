import { describe, it, expect } from 'vitest';
import rawCases from './idNumber.cases.json' with { type: 'json' };
import { birthDateFromIdNumber, checkIdNumber, computeCheckCharacter, sexFromIdNumber, upgradeLegacyIdNumber, type IdCheckResult } from './idNumber.ts';

interface ReferenceCase {
  input: string;
  /** The China (UTC+8) calendar date the check runs on, YYYY-MM-DD. */
  today: string;
  expected: IdCheckResult;
  note: string;
}

const cases = rawCases as ReferenceCase[];

/** An instant on the given China calendar date (noon, UTC+8). */
function chinaDay(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00+08:00`);
}

/** Deterministic PRNG (mulberry32) so a failing property run can be replayed. */
function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const TODAY = chinaDay('2026-11-29');
const DIVISION_CODES = ['120114', '110101', '440305', '441900', '310115', '650102', '460400'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A random valid 18-character number born between 1900-01-01 and 2026-11-29. */
function randomValidIdNumber(random: (below: number) => number): string {
  const division = DIVISION_CODES[random(DIVISION_CODES.length)] ?? '120114';
  const start = Date.UTC(1900, 0, 1);
  const days = (Date.UTC(2026, 10, 29) - start) / 86_400_000;
  const birth = new Date(start + random(days + 1) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${division}${birth.replaceAll('-', '')}${pad(random(1000), 3)}`;
  return first17 + computeCheckCharacter(first17);
}

describe('checkIdNumber reference cases', () => {
  it('has at least 40 cases with distinct notes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.note)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(c.note, () => {
      expect(checkIdNumber(c.input, chinaDay(c.today))).toEqual(c.expected);
    });
  }
});

describe('checkIdNumber today in the China calendar (UTC+8)', () => {
  const bornOn = '12011420261129123';
  const number = bornOn + computeCheckCharacter(bornOn);

  it('counts 2026-11-28T16:00Z as 2026-11-29 in China', () => {
    expect(checkIdNumber(number, new Date('2026-11-28T16:00:00Z')).valid).toBe(true);
  });

  it('counts 2026-11-28T15:59:59Z as 2026-11-28 in China: the birth date is in the future', () => {
    expect(checkIdNumber(number, new Date('2026-11-28T15:59:59Z')).reason).toBe('future');
  });

  it('rejects an invalid today', () => {
    expect(() => checkIdNumber(number, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('checkIdNumber on the GB 11643-1999 published examples', () => {
  it('accepts 440524188001010014, born 1880-01-01', () => {
    expect(checkIdNumber('440524188001010014', TODAY)).toEqual({
      valid: true,
      normalized: '440524188001010014',
      birthDate: '1880-01-01',
      sex: 'male',
      divisionCode: '440524',
      reason: null,
    });
  });

  it('accepts 11010519491231002X, born 1949-12-31', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toMatchObject({ valid: true, birthDate: '1949-12-31', sex: 'female' });
  });
});

describe('computeCheckCharacter', () => {
  it('gives the GB 11643-1999 published examples', () => {
    expect(computeCheckCharacter('11010519491231002')).toBe('X');
    expect(computeCheckCharacter('44052418800101001')).toBe('4');
  });

  it.each(['', '1101051949123100', '110105194912310021', '1101051949123100X', '１１０１０５１９４９１２３１００２'])('throws on %j', (bad) => {
    expect(() => computeCheckCharacter(bad)).toThrow(RangeError);
  });
});

describe('upgradeLegacyIdNumber', () => {
  it('inserts 19 and appends the check character', () => {
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
  });

  it.each(['', '11010549123100', '1101054912310021', '11010549123100X', ' 110105491231002'])('throws on %j', (bad) => {
    expect(() => upgradeLegacyIdNumber(bad)).toThrow(RangeError);
  });

  it('round-trips 1,000 random legacy numbers', () => {
    const random = randomSource(15);
    let checked = 0;
    for (let n = 0; n < 1000; n += 1) {
      const eighteen = randomValidIdNumber(random).replace(/^(\d{6})\d{2}/, '$119');
      const fifteen = `${eighteen.slice(0, 6)}${eighteen.slice(8, 17)}`;
      const upgraded = upgradeLegacyIdNumber(fifteen);
      expect(upgraded).toBe(eighteen.slice(0, 17) + computeCheckCharacter(eighteen.slice(0, 17)));
      expect(`${upgraded.slice(0, 6)}${upgraded.slice(8, 17)}`).toBe(fifteen);
      const fromFifteen = checkIdNumber(fifteen, TODAY);
      if (fromFifteen.reason === 'date') continue; // e.g. 29 Feb moved from a leap year to 19xx
      expect(fromFifteen).toEqual(checkIdNumber(upgraded, TODAY));
      expect(fromFifteen.valid).toBe(true);
      expect(fromFifteen.normalized).toBe(upgraded);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(990);
  });
});

describe('single-character corruption (1,000 random valid numbers)', () => {
  it('makes every corrupted number invalid, on checksum unless an earlier check fails', () => {
    const random = randomSource(11643);
    const earlier = new Set(['division', 'date', 'future']);
    const surprises: string[] = [];
    let checksumFailures = 0;
    for (let n = 0; n < 1000; n += 1) {
      const number = randomValidIdNumber(random);
      if (!checkIdNumber(number, TODAY).valid) surprises.push(`${number} generated invalid`);
      for (let position = 0; position < 18; position += 1) {
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        for (const replacement of alphabet) {
          if (replacement === number.charAt(position)) continue;
          const corrupted = number.slice(0, position) + replacement + number.slice(position + 1);
          const { valid, reason } = checkIdNumber(corrupted, TODAY);
          // MOD 11-2 detects every single-character substitution.
          const checkMatches = computeCheckCharacter(corrupted.slice(0, 17)) === corrupted.charAt(17);
          if (valid || checkMatches) surprises.push(`${corrupted} from ${number}: ${String(reason)}`);
          else if (reason === 'checksum') checksumFailures += 1;
          else if (!earlier.has(reason ?? '')) surprises.push(`${corrupted}: ${String(reason)}`);
        }
      }
    }
    expect(surprises).toEqual([]);
    expect(checksumFailures).toBeGreaterThan(100_000);
  });
});

describe('helpers', () => {
  it('sexFromIdNumber and birthDateFromIdNumber read a valid number', () => {
    expect(sexFromIdNumber('11010519491231002x', TODAY)).toBe('female');
    expect(sexFromIdNumber('120114850612123', TODAY)).toBe('male');
    expect(birthDateFromIdNumber('110105491231002', TODAY)).toBe('1949-12-31');
  });

  it('return null for an invalid number', () => {
    expect(sexFromIdNumber('110105194912310021', TODAY)).toBeNull();
    expect(birthDateFromIdNumber('1101051949123100', TODAY)).toBeNull();
  });
});
