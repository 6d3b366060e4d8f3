import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadGrowthTables, type GrowthTables } from '../core/growth/tables.ts';
import { computeZScores, roundZScores, type GrowthMeasurement } from '../core/growth/zscore.ts';

/**
 * `xingfu zscore`: reads one measurement per line as JSON,
 *   {"sex": "male"|"female", "ageDays": number|null, "weightKg"?, "lengthHeightCm"?,
 *    "measured"?: "lying"|"standing"|null, "headCircumferenceCm"?, "armCircumferenceCm"?,
 *    "tricepsSkinfoldMm"?, "subscapularSkinfoldMm"?, "oedema"?: boolean}
 * and writes one JSON line per measurement: the eight indicators, each {z, flag}, z rounded to
 * 2 decimals as WHO anthro reports it. A line that cannot be read gets
 * {"error": {"code", "message"}} and the next lines go on. Blank lines are skipped.
 */

export type ZscoreLineErrorCode =
  'invalid_json' | 'not_an_object' | 'unknown_field' | 'missing_field' | 'invalid_type' | 'invalid_sex' | 'invalid_position' | 'negative_value';

export class ZscoreLineError extends Error {
  constructor(
    readonly code: ZscoreLineErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ZscoreLineError';
  }
}

const MEASUREMENT_FIELDS = ['weightKg', 'lengthHeightCm', 'headCircumferenceCm', 'armCircumferenceCm', 'tricepsSkinfoldMm', 'subscapularSkinfoldMm'] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(['sex', 'ageDays', 'measured', 'oedema', ...MEASUREMENT_FIELDS]);

/** A finite number ≥ 0, or null; `required` fields must be present (null allowed). */
function measurement(record: Record<string, unknown>, field: string, required: boolean): number | null {
  if (!(field in record)) {
    if (required) throw new ZscoreLineError('missing_field', `缺少字段 "${field}"`, `missing field "${field}"`);
    return null;
  }
  const value = record[field];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ZscoreLineError('invalid_type', `字段 "${field}" 必须是数字或 null`, `"${field}" must be a number or null`);
  }
  if (value < 0) throw new ZscoreLineError('negative_value', `字段 "${field}" 不能为负数`, `"${field}" must not be negative`);
  return value;
}

/** Parses and checks one input line; throws ZscoreLineError. */
export function parseMeasurementLine(line: string): GrowthMeasurement {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new ZscoreLineError('invalid_json', '该行不是有效的 JSON', 'the line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ZscoreLineError('not_an_object', '每行必须是一个 JSON 对象', 'each line must be a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !KNOWN_FIELDS.has(key));
  if (unknown !== undefined) throw new ZscoreLineError('unknown_field', `未知字段 "${unknown}"`, `unknown field "${unknown}"`);
  if (!('sex' in record)) throw new ZscoreLineError('missing_field', '缺少字段 "sex"', 'missing field "sex"');
  const { sex, measured, oedema } = record;
  if (sex !== 'male' && sex !== 'female') {
    throw new ZscoreLineError('invalid_sex', 'sex 必须是 "male" 或 "female"', 'sex must be "male" or "female"');
  }
  if (measured !== undefined && measured !== null && measured !== 'lying' && measured !== 'standing') {
    throw new ZscoreLineError('invalid_position', 'measured 必须是 "lying"、"standing" 或 null', 'measured must be "lying", "standing" or null');
  }
  if (oedema !== undefined && oedema !== null && typeof oedema !== 'boolean') {
    throw new ZscoreLineError('invalid_type', '字段 "oedema" 必须是 true 或 false', '"oedema" must be true or false');
  }
  const result: GrowthMeasurement = {
    sex,
    ageDays: measurement(record, 'ageDays', true),
    measured: measured ?? null,
    oedema: oedema === true,
  };
  for (const field of MEASUREMENT_FIELDS) result[field] = measurement(record, field, false);
  return result;
}

/** The output line (without newline) for one non-blank input line. */
export function zscoreLine(line: string, tables: GrowthTables): string {
  try {
    return JSON.stringify(roundZScores(computeZScores(parseMeasurementLine(line), tables)));
  } catch (err) {
    if (!(err instanceof ZscoreLineError)) throw err;
    return JSON.stringify({ error: { code: err.code, message: `${err.messageZh} / ${err.messageEn}` } });
  }
}

function isBlank(line: string): boolean {
  return line.replace(/^\uFEFF/, '').trim() === '';
}

/** The whole command on a string: one output line, ending in a newline, per non-blank input line. */
export function zscoreLines(input: string, tables: GrowthTables = loadGrowthTables()): string {
  return input
    .split(/\r?\n/)
    .filter((line) => !isBlank(line))
    .map((line) => `${zscoreLine(line.replace(/^\uFEFF/, ''), tables)}\n`)
    .join('');
}

/** The command over streams, line by line, respecting back-pressure on stdout. */
export async function zscoreCommand(stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, tables: GrowthTables = loadGrowthTables()): Promise<void> {
  const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (isBlank(line)) continue;
    if (!stdout.write(`${zscoreLine(line.replace(/^\uFEFF/, ''), tables)}\n`)) await once(stdout, 'drain');
  }
}
