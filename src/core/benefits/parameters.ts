/**
 * Programme parameters as effective-dated data (like OpenFisca's parameters/*.yaml).
 *
 * A row says: from `effectiveFrom` on, parameter `name` of `programme` is `value` (in `unit`),
 * by `reference` (legal basis). A row stays in force until a later row of the same programme and
 * name takes over; there is no end date. The office edits the rows (with audit) in the database;
 * the engine receives them as an argument and contains no amounts, ages or dates of its own.
 */
import { z } from 'zod';
import { isCalendarDate } from './dates.ts';
import type { ProgrammeId } from './types.ts';

export const parameterUnits = ['yuan/month', 'yuan/once', 'years', 'days', 'date', 'year', 'grade', 'percent', 'boolean', 'division-code'] as const;
export type ParameterUnit = (typeof parameterUnits)[number];

export type ParameterValue = number | string | boolean;

export interface ParameterRow {
  programme: string;
  name: string;
  value: ParameterValue;
  unit: ParameterUnit;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** Legal basis, in Chinese: document title and number, or a description when the number is not known. */
  reference: string;
}

/** Yuan to the fen, not negative. */
function isYuan(v: ParameterValue): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && Math.round(v * 100) === v * 100;
}

const valueMatchesUnit: Record<ParameterUnit, (v: ParameterValue) => boolean> = {
  'yuan/month': isYuan,
  'yuan/once': isYuan,
  years: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 150,
  days: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 90,
  date: (v) => typeof v === 'string' && isCalendarDate(v),
  year: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1850 && v <= 2200,
  grade: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4,
  percent: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000,
  boolean: (v) => typeof v === 'boolean',
  'division-code': (v) => typeof v === 'string' && /^\d{9}$/.test(v),
};

export const parameterRowSchema = z
  .strictObject({
    programme: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(60),
    name: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9]*$/)
      .max(60),
    value: z.union([z.number(), z.string(), z.boolean()]),
    unit: z.enum(parameterUnits),
    effectiveFrom: z.string().refine(isCalendarDate, { error: 'Expected a real calendar date YYYY-MM-DD' }),
    reference: z.string().trim().min(1).max(1000),
  })
  .superRefine((row, ctx) => {
    if (!valueMatchesUnit[row.unit](row.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Value ${JSON.stringify(row.value)} does not fit unit ${row.unit}` });
    }
  });

/** A whole parameter table: valid rows, no two rows for the same programme, name and date. */
export const parameterRowsSchema = z.array(parameterRowSchema).superRefine((rows, ctx) => {
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = `${row.programme}/${row.name}/${row.effectiveFrom}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      ctx.addIssue({ code: 'custom', path: [i, 'effectiveFrom'], message: `Same programme, name and effectiveFrom as row ${earlier}` });
    } else {
      seen.set(key, i);
    }
  });
});

/** The row of `programme`/`name` in force on `date` (YYYY-MM-DD): the latest effectiveFrom ≤ date. */
export function parameterAt(rows: readonly ParameterRow[], programme: string, name: string, date: string): ParameterRow | undefined {
  let best: ParameterRow | undefined;
  for (const row of rows) {
    if (row.programme !== programme || row.name !== name || row.effectiveFrom > date) continue;
    if (best === undefined || row.effectiveFrom > best.effectiveFrom) best = row;
  }
  return best;
}

/** A parameter the programme needs has no row in force on the date (configuration error → 4xx). */
export class ParameterMissingError extends Error {
  readonly code = 'parameter_missing';
  constructor(
    readonly programme: string,
    readonly parameter: string,
    readonly date: string,
  ) {
    super(`No value of parameter ${programme}/${parameter} is in force on ${date}`);
    this.name = 'ParameterMissingError';
  }
}

/** A parameter row in force has a value of the wrong kind for the engine. */
export class ParameterInvalidError extends Error {
  readonly code = 'parameter_invalid';
  constructor(
    readonly row: ParameterRow,
    expected: string,
  ) {
    super(`Parameter ${row.programme}/${row.name} from ${row.effectiveFrom} is ${JSON.stringify(row.value)}; expected ${expected}`);
    this.name = 'ParameterInvalidError';
  }
}

/**
 * Every parameter in force on one date, looked up once: the engine resolves a snapshot per
 * evaluated date and then evaluates any number of persons without touching the rows again.
 */
export class ParameterSnapshot {
  /** The date (YYYY-MM-DD) the snapshot holds the parameters of. */
  readonly on: string;
  private readonly inForce = new Map<string, ParameterRow>();
  private readonly programmes = new Set<string>();

  constructor(rows: readonly ParameterRow[], date: string) {
    this.on = date;
    for (const row of rows) {
      if (row.effectiveFrom > date) continue;
      const key = `${row.programme}\u0000${row.name}`;
      const current = this.inForce.get(key);
      if (current === undefined || row.effectiveFrom > current.effectiveFrom) this.inForce.set(key, row);
      this.programmes.add(row.programme);
    }
  }

  /** True when at least one row of the programme is in force: the programme has started. */
  hasProgramme(programme: ProgrammeId): boolean {
    return this.programmes.has(programme);
  }

  row(programme: ProgrammeId, name: string): ParameterRow {
    const row = this.inForce.get(`${programme}\u0000${name}`);
    if (row === undefined) throw new ParameterMissingError(programme, name, this.on);
    return row;
  }

  number(programme: ProgrammeId, name: string): NumberParameter {
    const row = this.row(programme, name);
    if (typeof row.value !== 'number' || !Number.isFinite(row.value)) throw new ParameterInvalidError(row, 'a number');
    return { value: row.value, row };
  }

  boolean(programme: ProgrammeId, name: string): BooleanParameter {
    const row = this.row(programme, name);
    if (typeof row.value !== 'boolean') throw new ParameterInvalidError(row, 'true or false');
    return { value: row.value, row };
  }

  string(programme: ProgrammeId, name: string): StringParameter {
    const row = this.row(programme, name);
    if (typeof row.value !== 'string') throw new ParameterInvalidError(row, 'a string');
    return { value: row.value, row };
  }

  /** A YYYY-MM-DD date parameter. */
  date(programme: ProgrammeId, name: string): StringParameter {
    const p = this.string(programme, name);
    if (!isCalendarDate(p.value)) throw new ParameterInvalidError(p.row, 'a date YYYY-MM-DD');
    return p;
  }
}

export interface NumberParameter {
  value: number;
  row: ParameterRow;
}
export interface BooleanParameter {
  value: boolean;
  row: ParameterRow;
}
export interface StringParameter {
  value: string;
  row: ParameterRow;
}

/** "80 元/月(自 2011-01-01 起;依据 …)" — one parameter for a trace. */
export function describeParameter(row: ParameterRow): string {
  const unit: Record<ParameterUnit, string> = {
    'yuan/month': ' 元/月',
    'yuan/once': ' 元（一次性）',
    years: ' 周岁',
    days: ' 天',
    date: '',
    year: ' 年',
    grade: ' 级',
    percent: '%',
    boolean: '',
    'division-code': '',
  };
  const value = typeof row.value === 'boolean' ? (row.value ? '是' : '否') : String(row.value);
  return `${value}${unit[row.unit]}（自 ${row.effectiveFrom} 起；依据：${row.reference}）`;
}
