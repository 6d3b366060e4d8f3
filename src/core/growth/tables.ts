import { readFileSync } from 'node:fs';

/**
 * The WHO Child Growth Standards LMS tables (see tables/README.md for their provenance).
 * This is the one place in the growth module that reads files: `loadGrowthTables()` reads the
 * CSV files next to this module once, on first use. `parseGrowthTables()` is the pure part and
 * takes the file contents from its caller.
 */

export type Sex = 'male' | 'female';

/** Box-Cox power (L), median (M) and coefficient of variation (S) of one table row. */
export interface Lms {
  readonly l: number;
  readonly m: number;
  readonly s: number;
}

/** One sex's rows on a regular integer grid: `rows[i]` is the row for key `first + i`. */
export interface LmsSeries {
  readonly first: number;
  readonly rows: readonly Lms[];
}

/**
 * One reference table. The key is the age in whole days (age tables) or the length/height in
 * whole tenths of a centimetre (weight-for-length: 450–1100, weight-for-height: 650–1200).
 */
export interface LmsTable {
  readonly key: 'ageDays' | 'tenthsOfCm';
  readonly male: LmsSeries;
  readonly female: LmsSeries;
}

export type GrowthTableName =
  | 'weightForAge'
  | 'lengthHeightForAge'
  | 'weightForLength'
  | 'weightForHeight'
  | 'bmiForAge'
  | 'headCircumferenceForAge'
  | 'armCircumferenceForAge'
  | 'tricepsSkinfoldForAge'
  | 'subscapularSkinfoldForAge';

export type GrowthTables = Readonly<Record<GrowthTableName, LmsTable>>;

interface TableSpec {
  readonly file: string;
  readonly keyColumn: 'age_days' | 'length_cm' | 'height_cm';
  /** First and last key, in days or tenths of a centimetre, for each sex. */
  readonly first: number;
  readonly last: number;
  /** Whether the table has the `lorh` column (L for days 0–730, H from day 731). */
  readonly lorh: boolean;
}

export const GROWTH_TABLE_SPECS: Readonly<Record<GrowthTableName, TableSpec>> = {
  weightForAge: { file: 'weight-for-age.csv', keyColumn: 'age_days', first: 0, last: 1826, lorh: false },
  lengthHeightForAge: { file: 'length-height-for-age.csv', keyColumn: 'age_days', first: 0, last: 1826, lorh: true },
  weightForLength: { file: 'weight-for-length.csv', keyColumn: 'length_cm', first: 450, last: 1100, lorh: false },
  weightForHeight: { file: 'weight-for-height.csv', keyColumn: 'height_cm', first: 650, last: 1200, lorh: false },
  bmiForAge: { file: 'bmi-for-age.csv', keyColumn: 'age_days', first: 0, last: 1826, lorh: true },
  headCircumferenceForAge: { file: 'head-circumference-for-age.csv', keyColumn: 'age_days', first: 0, last: 1826, lorh: false },
  armCircumferenceForAge: { file: 'arm-circumference-for-age.csv', keyColumn: 'age_days', first: 91, last: 1826, lorh: false },
  tricepsSkinfoldForAge: { file: 'triceps-skinfold-for-age.csv', keyColumn: 'age_days', first: 91, last: 1826, lorh: false },
  subscapularSkinfoldForAge: { file: 'subscapular-skinfold-for-age.csv', keyColumn: 'age_days', first: 91, last: 1826, lorh: false },
};

/** The row for `key` (whole days, or whole tenths of a cm), or undefined outside the table. */
export function lmsAt(series: LmsSeries, key: number): Lms | undefined {
  return Number.isInteger(key) ? series.rows[key - series.first] : undefined;
}

function finiteNumber(text: string, what: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new Error(`${what}: not a number: ${JSON.stringify(text)}`);
  return value;
}

/** Parses one table's CSV text and checks it against its spec (header, sexes, grid without gaps). */
export function parseLmsCsv(text: string, spec: TableSpec): LmsTable {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = ['sex', spec.keyColumn, 'l', 'm', 's', ...(spec.lorh ? ['lorh'] : [])].join(',');
  if (lines[0]?.trim() !== header) throw new Error(`${spec.file}: expected header "${header}", found "${lines[0] ?? ''}"`);
  const rows: Record<Sex, Lms[]> = { male: [], female: [] };
  lines.slice(1).forEach((line, index) => {
    const where = `${spec.file} line ${index + 2}`;
    const cells = line.trim().split(',');
    if (cells.length !== (spec.lorh ? 6 : 5)) throw new Error(`${where}: wrong number of columns`);
    const [sexCell = '', keyCell = '', lCell = '', mCell = '', sCell = '', lorhCell] = cells;
    const sex: Sex | undefined = sexCell === '1' ? 'male' : sexCell === '2' ? 'female' : undefined;
    if (!sex) throw new Error(`${where}: sex must be 1 or 2`);
    const rawKey = finiteNumber(keyCell, where);
    const key = spec.keyColumn === 'age_days' ? rawKey : Math.round(rawKey * 10);
    if (Math.abs((spec.keyColumn === 'age_days' ? rawKey : rawKey * 10) - key) > 1e-9) throw new Error(`${where}: key ${keyCell} is off the grid`);
    const expectedKey = spec.first + rows[sex].length;
    if (key !== expectedKey) throw new Error(`${where}: expected key ${expectedKey} for sex ${sexCell}, found ${keyCell}`);
    if (sex === 'female' && rows.male.length !== spec.last - spec.first + 1) throw new Error(`${where}: girls' rows start before the boys' rows end`);
    const lms = { l: finiteNumber(lCell, where), m: finiteNumber(mCell, where), s: finiteNumber(sCell, where) };
    if (lms.l === 0 || lms.m <= 0 || lms.s <= 0) throw new Error(`${where}: L must not be 0 and M, S must be positive`);
    if (spec.lorh && lorhCell !== (key <= 730 ? 'L' : 'H')) throw new Error(`${where}: lorh must be ${key <= 730 ? 'L' : 'H'}`);
    rows[sex].push(lms);
  });
  const count = spec.last - spec.first + 1;
  if (rows.male.length !== count || rows.female.length !== count) throw new Error(`${spec.file}: expected ${count} rows per sex`);
  const key = spec.keyColumn === 'age_days' ? 'ageDays' : 'tenthsOfCm';
  return { key, male: { first: spec.first, rows: rows.male }, female: { first: spec.first, rows: rows.female } };
}

/** Parses all nine tables; `readTable` returns the CSV text of a file name listed in GROWTH_TABLE_SPECS. */
export function parseGrowthTables(readTable: (file: string) => string): GrowthTables {
  const entries = (Object.keys(GROWTH_TABLE_SPECS) as GrowthTableName[]).map((name) => {
    const spec = GROWTH_TABLE_SPECS[name];
    return [name, parseLmsCsv(readTable(spec.file), spec)] as const;
  });
  return Object.fromEntries(entries) as Record<GrowthTableName, LmsTable>;
}

let loaded: GrowthTables | undefined;

/** The tables shipped in `./tables/`, read and parsed on the first call and kept afterwards. */
export function loadGrowthTables(): GrowthTables {
  loaded ??= parseGrowthTables((file) => readFileSync(new URL(`./tables/${file}`, import.meta.url), 'utf8'));
  return loaded;
}
