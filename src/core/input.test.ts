import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  characterProblem,
  day,
  decimal,
  findUnstorable,
  instant,
  int,
  INT4_MAX,
  INT4_MIN,
  isDay,
  isMonthInRange,
  line,
  month,
  paging,
  paragraphs,
  queryInt,
  queryYear,
  secret,
  year,
} from './input.ts';

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;
const zhOf = (schema: z.ZodType, value: unknown) => {
  const issue = schema.safeParse(value).error?.issues[0] as { params?: { zh?: string } } | undefined;
  return issue?.params?.zh;
};

describe('characters', () => {
  it('finds NUL, lone surrogates and control characters, and lets paired surrogates (emoji, rare hanzi) through', () => {
    expect(characterProblem('张三')).toBeNull();
    expect(characterProblem('𠀀 😀')).toBeNull();
    expect(characterProblem('a\u0000b')).toBe('nul');
    expect(characterProblem('a\ud800b')).toBe('surrogate');
    expect(characterProblem('a\udc00')).toBe('surrogate');
    expect(characterProblem('\udc00\ud800')).toBe('surrogate');
    expect(characterProblem('a\u0007b')).toBe('control');
    expect(characterProblem('a\tb')).toBe('control');
    expect(characterProblem('a\nb')).toBe('control');
    expect(characterProblem('a\tb\r\nc', true)).toBeNull();
    expect(characterProblem('a\u001bb', true)).toBe('control');
    expect(characterProblem('a\u0000b', true)).toBe('nul');
    expect(characterProblem('a\u007fb')).toBeNull();
  });

  it('finds the first unstorable string in a JSON value, keys included, and refuses deep nesting without recursion', () => {
    expect(findUnstorable({ a: ['x', { b: 'ok\n' }], n: 1, t: true, z: null })).toBeNull();
    expect(findUnstorable({ a: ['x', { b: 'a\u0000' }] })).toEqual({ path: 'a.1.b', problem: 'nul' });
    expect(findUnstorable({ values: { ['k\ud800']: 1 } })).toEqual({ path: 'values.k?', problem: 'surrogate' });
    expect(findUnstorable('a\u0000')).toEqual({ path: '', problem: 'nul' });
    expect(findUnstorable(undefined)).toBeNull();
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(findUnstorable(deep)).toMatchObject({ problem: 'too_deep' });
    expect(findUnstorable(JSON.parse(`${'['.repeat(32)}${']'.repeat(32)}`))).toBeNull();
  });
});

describe('text', () => {
  it('takes one line up to its length, trimmed when asked, with a zh-CN message for what it refuses', () => {
    const name = line(5, { trim: true, min: 1 });
    expect(name.parse('  张三 ')).toBe('张三');
    expect(ok(name, '   ')).toBe(false);
    expect(ok(name, '123456')).toBe(false);
    expect(ok(name, '张\n三')).toBe(false);
    expect(zhOf(name, '张\u0007三')).toBe('不能包含换行、制表符等控制字符');
    expect(zhOf(name, 'a\u0000')).toBe('不能包含空字符（U+0000）');
    expect(zhOf(name, 'a\ud800')).toContain('代理项');
    expect(line(3).parse(' a ')).toBe(' a ');
  });

  it('takes paragraphs with line breaks and tabs, and nothing else below U+0020', () => {
    const note = paragraphs(100);
    expect(note.parse('第一行\r\n\t第二行')).toBe('第一行\r\n\t第二行');
    expect(ok(note, '响铃\u0007')).toBe(false);
    expect(zhOf(note, '\u001b[31m')).toBe('不能包含控制字符（换行和制表符除外）');
  });

  it('takes any password but NUL and lone surrogates', () => {
    expect(ok(secret(), 'Tab\there-123 😀')).toBe(true);
    expect(ok(secret(), '')).toBe(false);
    expect(ok(secret(), 'a\u0000b')).toBe(false);
    expect(ok(secret(), 'a\udfffb')).toBe(false);
    expect(ok(secret(), 'x'.repeat(257))).toBe(false);
  });
});

describe('numbers', () => {
  it('bounds whole numbers to PostgreSQL integer by default', () => {
    expect(ok(int(), INT4_MAX)).toBe(true);
    expect(ok(int(), INT4_MIN)).toBe(true);
    expect(ok(int(), 2_147_483_648)).toBe(false);
    expect(ok(int(), -2_147_483_649)).toBe(false);
    expect(ok(int(), 1e300)).toBe(false);
    expect(ok(int(), 1.5)).toBe(false);
    expect(ok(int(), '1')).toBe(false);
    expect(ok(int(1, 4), 4)).toBe(true);
    expect(ok(int(1, 4), 5)).toBe(false);
    expect(() => int(0, 2 ** 31)).toThrow(RangeError);
  });

  it('reads query-string numbers and years', () => {
    expect(queryInt(1, 10).parse('7')).toBe(7);
    expect(ok(queryInt(1, 10), 'x')).toBe(false);
    expect(ok(queryInt(), '2147483648')).toBe(false);
    expect(queryYear.parse('2011')).toBe(2011);
    expect(ok(queryYear, '0')).toBe(false);
    expect(ok(year, 2101)).toBe(false);
    expect(ok(year, 1999)).toBe(false);
    expect(z.strictObject(paging).parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(ok(z.strictObject(paging), { page: '100001' })).toBe(false);
  });

  it('keeps a decimal within its numeric column once rounded', () => {
    const weight = decimal({ positive: true, max: 999.99, precision: 5, scale: 2 });
    expect(ok(weight, 999.99)).toBe(true);
    expect(ok(weight, 999.999)).toBe(false);
    expect(ok(weight, 0)).toBe(false);
    expect(() => decimal({ max: 1000, precision: 5, scale: 2 })).toThrow(RangeError);
    expect(() => decimal({ max: 999.995, precision: 5, scale: 2 })).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('takes real calendar days from 1800-01-01 to 2100-12-31', () => {
    for (const good of ['1800-01-01', '2000-02-29', '2011-06-15', '2100-12-31']) expect(isDay(good), good).toBe(true);
    for (const bad of [
      '0000-01-01',
      '1799-12-31',
      '2101-01-01',
      '1900-02-29',
      '2011-02-30',
      '2011-13-01',
      '2011-00-10',
      '2011-6-5',
      '+02011-06-15',
      '2011-06-15T00:00:00Z',
      '',
    ]) {
      expect(isDay(bad), bad).toBe(false);
    }
    expect(zhOf(day, '0000-01-01')).toBe('应为 1800-01-01 至 2100-12-31 之间的真实日期（YYYY-MM-DD）');
  });

  it('takes months from 1800-01 to 2100-12', () => {
    expect(isMonthInRange('2011-10')).toBe(true);
    for (const bad of ['0000-01', '2011-13', '2011-00', '2101-01', '2011-1', '2011-10-01']) expect(isMonthInRange(bad), bad).toBe(false);
    expect(ok(month, '2011-12')).toBe(true);
  });

  it('takes instants with an offset whose date is in range', () => {
    expect(ok(instant, '2030-03-01T09:00:00+08:00')).toBe(true);
    expect(ok(instant, '2030-03-01T01:00:00Z')).toBe(true);
    expect(ok(instant, '0000-01-01T09:00:00Z')).toBe(false);
    expect(ok(instant, '2030-02-30T09:00:00Z')).toBe(false);
    expect(ok(instant, '2030-03-01T09:00:00')).toBe(false);
  });
});
