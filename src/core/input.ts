/**
 * The input layer: the zod types every request schema is built from, bounded to what the database
 * can store. PostgreSQL refuses a NUL character in text (22021) and in jsonb (22P05), a lone UTF-16
 * surrogate in jsonb (22P02; in text it silently becomes U+FFFD), an integer beyond its column
 * (22003) and a date it cannot represent such as year 0 (22008). These types refuse all of that
 * before a query is sent, with a message in both languages (`params.zh` of the issue, read by the
 * error handler), so a bad request is a 400 with a stable code and never a 500.
 *
 * Plain functions and zod only: no I/O, so the checks are tested with plain values.
 */
import { z } from 'zod';

/** PostgreSQL `integer` (int4). */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** Dates outside this range are typing errors in a district's records, and the database may not store them. */
export const FIRST_YEAR = 1800;
export const LAST_YEAR = 2100;
export const FIRST_DAY = `${FIRST_YEAR}-01-01`;
export const LAST_DAY = `${LAST_YEAR}-12-31`;

/** The years of a plan, an application or a report (the tables' CHECK year BETWEEN 2000 AND 2100). */
export const FIRST_PLAN_YEAR = 2000;

/** How deep a JSON body may nest: the deepest schema needs 4 levels; PostgreSQL's jsonb and JSON.stringify give out far deeper. */
export const MAX_JSON_DEPTH = 32;

// -- characters ---------------------------------------------------------------------------------

export type CharacterProblem = 'nul' | 'surrogate' | 'control';

// U+0000 to U+001F; a multi-line text keeps tab, line feed and carriage return.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
/** A surrogate code unit not part of a pair (with the u flag a pair is one code point, not Cs). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a text cannot be stored as it is, or null when it can. */
export function characterProblem(text: string, multiLine = false): CharacterProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) return 'control';
  return null;
}

/** The message of each problem, zh-CN first. */
export const characterMessages: Record<CharacterProblem | 'control_multi_line', { zh: string; en: string }> = {
  nul: { zh: '不能包含空字符（U+0000）', en: 'Must not contain a NUL character (U+0000)' },
  surrogate: { zh: '含有无效的 Unicode 字符（不成对的代理项）', en: 'Contains an invalid Unicode character (an unpaired surrogate)' },
  control: { zh: '不能包含换行、制表符等控制字符', en: 'Must not contain control characters such as line breaks or tabs' },
  control_multi_line: { zh: '不能包含控制字符（换行和制表符除外）', en: 'Must not contain control characters other than line breaks and tabs' },
};

function messageOf(problem: CharacterProblem, multiLine: boolean): { zh: string; en: string } {
  return characterMessages[problem === 'control' && multiLine ? 'control_multi_line' : problem];
}

/**
 * Where the first string in a parsed JSON value (keys included) that the database cannot store is,
 * as a path like `values.a.0`, or where the value nests deeper than `maxDepth`. Iterative, so a
 * deeply nested body cannot overflow the stack. Only NUL and lone surrogates are looked for here:
 * which other characters a field takes is its schema's business.
 */
export function findUnstorable(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; problem: CharacterProblem | 'too_deep' } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const v = item.value;
    if (typeof v === 'string') {
      const problem = storableProblem(v);
      if (problem) return { path: item.path, problem };
    } else if (typeof v === 'object' && v !== null) {
      if (item.depth >= maxDepth) return { path: item.path, problem: 'too_deep' };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(item.path, i), depth: item.depth + 1 });
      } else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          const problem = storableProblem(key);
          if (problem) return { path: join(item.path, key.replace(/[\u0000-\u001f]|\p{Cs}/gu, '?')), problem };
          stack.push({ value: (v as Record<string, unknown>)[key], path: join(item.path, key), depth: item.depth + 1 });
        }
      }
    }
  }
  return null;
}

function storableProblem(text: string): CharacterProblem | null {
  if (text.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'surrogate' : null;
}

/** The zh-CN and English message of a `findUnstorable` finding. */
export function unstorableMessage(problem: CharacterProblem | 'too_deep'): { zh: string; en: string } {
  if (problem === 'too_deep') return { zh: `嵌套层数不能超过 ${MAX_JSON_DEPTH} 层`, en: `Must not nest deeper than ${MAX_JSON_DEPTH} levels` };
  return characterMessages[problem];
}

// -- text ---------------------------------------------------------------------------------------

export interface TextOptions {
  /** Fewest characters (after trimming when `trim`). */
  min?: number;
  /** Remove leading and trailing white space before checking. */
  trim?: boolean;
}

function text(max: number, multiLine: boolean, options: TextOptions) {
  let schema = z.string();
  if (options.trim) schema = schema.trim();
  if (options.min !== undefined) schema = schema.min(options.min);
  return schema.max(max).check((ctx) => {
    const problem = characterProblem(ctx.value, multiLine);
    if (problem === null) return;
    const { zh, en } = messageOf(problem, multiLine);
    ctx.issues.push({ code: 'custom', message: en, params: { zh }, input: ctx.value });
  });
}

/** One line of text (a name, a title, an address): no control characters at all. */
export const line = (max: number, options: TextOptions = {}) => text(max, false, options);

/** Free text over several lines (a note, a reason, minutes): tab, line feed and carriage return allowed. */
export const paragraphs = (max: number, options: TextOptions = {}) => text(max, true, options);

/** A secret typed by a person (a password): any character the database-free path can hash, NUL and lone surrogates excepted. */
export const secret = (max = 256) =>
  z
    .string()
    .min(1)
    .max(max)
    .check((ctx) => {
      const problem = storableProblem(ctx.value);
      if (problem === null) return;
      const { zh, en } = characterMessages[problem];
      ctx.issues.push({ code: 'custom', message: en, params: { zh }, input: ctx.value });
    });

/** A code matched by a pattern of ASCII letters and digits (which leaves no room for bad characters). */
export const code = (pattern: RegExp, max = 40) => z.string().max(max).regex(pattern);

/** Division codes (GB/T 2260 and the township and village codes of the statistics bureau). */
export const districtCode = code(/^\d{6}$/, 6);
export const townshipCode = code(/^\d{9}$/, 9);
export const villageCode = code(/^\d{12}$/, 12);
/** A member department of the leading group, or a programme: lower-case words joined by '-'. */
export const slug = code(/^[a-z][a-z0-9-]*$/);

// -- numbers ------------------------------------------------------------------------------------

function checkInt4Range(min: number, max: number): void {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= INT4_MIN && max <= INT4_MAX && min <= max)) {
    throw new RangeError(`integer bounds ${min}..${max} are outside PostgreSQL integer`);
  }
}

/** A whole number in a JSON body, bounded (by default to the `integer` column it is stored in). */
export function int(min = INT4_MIN, max = INT4_MAX) {
  checkInt4Range(min, max);
  return z.number().int().min(min).max(max);
}

/** A whole number in a query string ('?page=2'), bounded like `int`. */
export function queryInt(min = INT4_MIN, max = INT4_MAX) {
  checkInt4Range(min, max);
  return z.coerce.number().int().min(min).max(max);
}

/** A record's version for optimistic locking. */
export const version = (min = 1) => int(min, INT4_MAX);

/** A year of a plan, an application or a report. */
export const year = int(FIRST_PLAN_YEAR, LAST_YEAR);
export const queryYear = queryInt(FIRST_PLAN_YEAR, LAST_YEAR);

/** Paging in a query string: at most 100 000 pages of at most 200 rows. */
export const paging = { page: queryInt(1, 100_000).default(1), pageSize: queryInt(1, 200).default(20) };

/**
 * A measured or counted amount stored as `numeric(precision, scale)`: finite, at most `max`, and
 * below the column's limit once rounded to its scale (999.999 does not fit numeric(5, 2)).
 */
export function decimal(options: { min?: number; positive?: boolean; max: number; precision?: number; scale?: number }) {
  const { precision, scale } = options;
  if (precision !== undefined && scale !== undefined && options.max >= 10 ** (precision - scale) - 0.5 * 10 ** -scale) {
    throw new RangeError(`max ${options.max} does not fit numeric(${precision}, ${scale})`);
  }
  let schema = z.number();
  if (options.positive) schema = schema.positive();
  if (options.min !== undefined) schema = schema.min(options.min);
  return schema.max(options.max);
}

// -- dates --------------------------------------------------------------------------------------

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const daysIn = (y: number, m: number) => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** True for a real calendar day written YYYY-MM-DD between 1800-01-01 and 2100-12-31. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= FIRST_YEAR && y <= LAST_YEAR && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** True for a month written YYYY-MM between 1800-01 and 2100-12. */
export function isMonthInRange(value: string): boolean {
  const m = MONTH.exec(value);
  if (m === null) return false;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return y >= FIRST_YEAR && y <= LAST_YEAR && mo >= 1 && mo <= 12;
}

const dayMessage = {
  en: `Expected a real date YYYY-MM-DD from ${FIRST_DAY} to ${LAST_DAY}`,
  zh: `应为 ${FIRST_DAY} 至 ${LAST_DAY} 之间的真实日期（YYYY-MM-DD）`,
};
const monthMessage = {
  en: `Expected a month YYYY-MM from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12`,
  zh: `应为 ${FIRST_YEAR}-01 至 ${LAST_YEAR}-12 之间的月份（YYYY-MM）`,
};
const instantMessage = {
  en: `Expected a date and time with its offset (2011-06-15T09:30:00+08:00) from ${FIRST_DAY} to ${LAST_DAY}`,
  zh: `应为 ${FIRST_DAY} 至 ${LAST_DAY} 之间带时区的日期时间（如 2011-06-15T09:30:00+08:00）`,
};

/** A calendar day, YYYY-MM-DD, from 1800-01-01 to 2100-12-31. */
export const day = z
  .string()
  .max(10)
  .refine(isDay, { error: dayMessage.en, params: { zh: dayMessage.zh } })
  .meta({ format: 'date', description: `YYYY-MM-DD, ${FIRST_DAY} to ${LAST_DAY}` });

/** A month, YYYY-MM, from 1800-01 to 2100-12. */
export const month = z
  .string()
  .max(7)
  .refine(isMonthInRange, { error: monthMessage.en, params: { zh: monthMessage.zh } })
  .meta({ description: `YYYY-MM, ${FIRST_YEAR}-01 to ${LAST_YEAR}-12` });

/** An instant with its offset (ISO 8601), its date from 1800-01-01 to 2100-12-31. */
export const instant = z.iso.datetime({ offset: true }).refine((v) => isDay(v.slice(0, 10)), { error: instantMessage.en, params: { zh: instantMessage.zh } });
