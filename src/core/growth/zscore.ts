import { lmsAt, type GrowthTables, type Lms, type LmsSeries, type LmsTable, type Sex } from './tables.ts';

/**
 * WHO Child Growth Standards z-scores (0–5 years), computed the way WHO's R package anthro
 * (`anthro_zscores()`) computes them; tables/ALGORITHM.md describes every rule used here.
 * Pure functions: the reference tables come in as a parameter (see `loadGrowthTables()`).
 */

export type { GrowthTables, Lms, Sex } from './tables.ts';

export const DAYS_PER_MONTH = 30.4375;
/** From this table day on, the height tables apply (24 months = 730.5 days, rounded up). */
export const HEIGHT_FROM_DAY = 731;
/** Lying length is this much longer than standing height. */
export const LYING_MINUS_STANDING_CM = 0.7;
/** A standing measurement below this age (unrounded months) is treated as a wrong position. */
export const STANDING_FROM_MONTHS = 9;
/** Z-scores exist only below this age (unrounded months). */
export const MAX_AGE_MONTHS = 60;
/** anthro's upper bound on the table day (the tables themselves end at day 1826). */
export const MAX_TABLE_DAY = 1856;

/** How a child's length or height was measured. */
export const POSITIONS = ['lying', 'standing'] as const;
export type Position = (typeof POSITIONS)[number];

export interface GrowthMeasurement {
  sex: Sex;
  /** Age in days; may be fractional (rounded half up to a table day). null = unknown. */
  ageDays: number | null;
  weightKg?: number | null;
  lengthHeightCm?: number | null;
  measured?: Position | null;
  headCircumferenceCm?: number | null;
  armCircumferenceCm?: number | null;
  tricepsSkinfoldMm?: number | null;
  subscapularSkinfoldMm?: number | null;
  oedema?: boolean;
}

export const GROWTH_INDICATORS = [
  'weightForAge',
  'lengthHeightForAge',
  'weightForLengthHeight',
  'bmiForAge',
  'headCircumferenceForAge',
  'armCircumferenceForAge',
  'tricepsSkinfoldForAge',
  'subscapularSkinfoldForAge',
] as const;
export type GrowthIndicator = (typeof GROWTH_INDICATORS)[number];

/** z is unrounded; flag is decided on the z rounded to 2 decimals, as anthro does. */
export interface IndicatorResult {
  readonly z: number | null;
  readonly flag: 0 | 1 | null;
}
export type GrowthZScores = Readonly<Record<GrowthIndicator, IndicatorResult>>;

interface IndicatorRule {
  /** Restricted application of the LMS method beyond ±3 SD. */
  readonly restricted: boolean;
  /** Flag when the rounded z is below `flagBelow` or above `flagAbove`. */
  readonly flagBelow: number;
  readonly flagAbove: number;
  /** Not computed with oedema. */
  readonly weightBased: boolean;
}

export const INDICATOR_RULES: Readonly<Record<GrowthIndicator, IndicatorRule>> = {
  weightForAge: { restricted: true, flagBelow: -6, flagAbove: 5, weightBased: true },
  lengthHeightForAge: { restricted: false, flagBelow: -6, flagAbove: 6, weightBased: false },
  weightForLengthHeight: { restricted: true, flagBelow: -5, flagAbove: 5, weightBased: true },
  bmiForAge: { restricted: true, flagBelow: -5, flagAbove: 5, weightBased: true },
  headCircumferenceForAge: { restricted: false, flagBelow: -5, flagAbove: 5, weightBased: false },
  armCircumferenceForAge: { restricted: true, flagBelow: -5, flagAbove: 5, weightBased: false },
  tricepsSkinfoldForAge: { restricted: true, flagBelow: -5, flagAbove: 5, weightBased: false },
  subscapularSkinfoldForAge: { restricted: true, flagBelow: -5, flagAbove: 5, weightBased: false },
};

type AgeIndicator = Exclude<GrowthIndicator, 'weightForLengthHeight'>;
/** First valid table day: arm circumference and the skinfolds start at 3 months (day 91). */
const FIRST_DAY: Readonly<Record<AgeIndicator, number>> = {
  weightForAge: 0,
  lengthHeightForAge: 0,
  bmiForAge: 0,
  headCircumferenceForAge: 0,
  armCircumferenceForAge: 91,
  tricepsSkinfoldForAge: 91,
  subscapularSkinfoldForAge: 91,
};

// ---- LMS arithmetic -------------------------------------------------------------------------

/** The LMS z-score ((y/M)^L − 1) / (L·S). */
export function lmsZ(y: number, { l, m, s }: Lms): number {
  return ((y / m) ** l - 1) / (s * l);
}

/** The measurement k SDs from the median: M·(1 + L·S·k)^(1/L). */
export function lmsValueAt(k: number, { l, m, s }: Lms): number {
  return m * (1 + l * s * k) ** (1 / l);
}

/** The z-score with the restricted application beyond ±3 SD (steps of the 2–3 SD gap). */
export function lmsZRestricted(y: number, lms: Lms): number {
  const z = lmsZ(y, lms);
  if (z > 3) {
    const sd3 = lmsValueAt(3, lms);
    return 3 + (y - sd3) / (sd3 - lmsValueAt(2, lms));
  }
  if (z < -3) {
    const sd3neg = lmsValueAt(-3, lms);
    return -3 + (y - sd3neg) / (lmsValueAt(-2, lms) - sd3neg);
  }
  return z;
}

/**
 * Rounds to 2 decimals exactly as R (≥ 4.0) `round(x, 2)` does: of the two neighbouring
 * 2-decimal values it takes the one nearer to the binary value of x, the even one on a tie.
 * (Math.round(x * 100) / 100 differs, e.g. 2.675 → 2.68 where R gives 2.67.)
 */
export function roundZ(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  if (ax >= 1e13) return x;
  const x100 = ax * 100;
  const down = Math.floor(x100);
  const lower = down / 100;
  const upper = Math.ceil(x100) / 100;
  const toUpper = upper - ax;
  const toLower = ax - lower;
  // `+ 0` turns −0 (R prints it as 0) into 0.
  return sign * (toUpper < toLower || (toUpper === toLower && down % 2 === 1) ? upper : lower) + 0;
}

// ---- Input normalisation --------------------------------------------------------------------

/** What anthro derives from the raw measurement before looking anything up. */
export interface PreparedMeasurement {
  /** Age in days rounded half up (730.5 → 731); null if the age is unknown. */
  readonly tableDay: number | null;
  /** Unrounded age in months (days / 30.4375); null if the age is unknown. */
  readonly ageMonths: number | null;
  /** The position after the < 9 months rule (standing before 9 months is discarded). */
  readonly position: Position | null;
  /** anthro's `c9mo_flag`: standing was given before 9 months and was discarded. */
  readonly positionDiscarded: boolean;
  /** Length/height converted to the basis of the age (anthro's `clenhei`). */
  readonly lengthHeightCm: number | null;
  /** BMI from the weight and the converted length/height (anthro's `cbmi`). */
  readonly bmi: number | null;
}

/** A usable measurement: anything missing, non-finite or ≤ 0 counts as missing. */
function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** anthro's round_up: x.5 goes up. */
export function tableDayOf(ageDays: number): number {
  const floor = Math.floor(ageDays);
  return ageDays - floor >= 0.5 ? floor + 1 : floor;
}

/** True for an age that is given but cannot be used (negative or not a number). */
function invalidAge(ageDays: number | null | undefined): boolean {
  return ageDays !== null && ageDays !== undefined && !(Number.isFinite(ageDays) && ageDays >= 0);
}

export function prepareMeasurement(input: GrowthMeasurement): PreparedMeasurement {
  const given = input.ageDays ?? null;
  const age = given !== null && !invalidAge(given) ? given : null;
  const tableDay = age === null ? null : tableDayOf(age);
  const ageMonths = age === null ? null : age / DAYS_PER_MONTH;
  const measured = input.measured ?? null;
  const positionDiscarded = measured === 'standing' && ageMonths !== null && ageMonths < STANDING_FROM_MONTHS;
  const position = positionDiscarded ? null : measured;
  const raw = positive(input.lengthHeightCm);
  let lengthHeightCm = raw;
  if (raw !== null && tableDay !== null) {
    if (tableDay < HEIGHT_FROM_DAY && position === 'standing') lengthHeightCm = raw + LYING_MINUS_STANDING_CM;
    if (tableDay >= HEIGHT_FROM_DAY && position === 'lying') lengthHeightCm = raw - LYING_MINUS_STANDING_CM;
  }
  const weight = positive(input.weightKg);
  const metres = lengthHeightCm === null ? null : lengthHeightCm / 100;
  const bmi = weight === null || metres === null ? null : weight / (metres * metres);
  return { tableDay, ageMonths, position, positionDiscarded, lengthHeightCm, bmi };
}

// ---- Z-scores -------------------------------------------------------------------------------

const NONE: IndicatorResult = { z: null, flag: null };

function result(indicator: GrowthIndicator, lms: Lms | undefined, y: number): IndicatorResult {
  if (!lms) return NONE;
  const rule = INDICATOR_RULES[indicator];
  const z = rule.restricted ? lmsZRestricted(y, lms) : lmsZ(y, lms);
  if (!Number.isFinite(z)) return NONE;
  const rounded = roundZ(z);
  return { z, flag: rounded < rule.flagBelow || rounded > rule.flagAbove ? 1 : 0 };
}

function ageBased(indicator: AgeIndicator, table: LmsTable, sex: Sex, prepared: PreparedMeasurement, value: number | null, oedema: boolean): IndicatorResult {
  const { tableDay, ageMonths } = prepared;
  if (value === null || value <= 0 || tableDay === null || ageMonths === null) return NONE;
  if (tableDay < FIRST_DAY[indicator] || tableDay > MAX_TABLE_DAY || !(ageMonths < MAX_AGE_MONTHS)) return NONE;
  if (oedema && INDICATOR_RULES[indicator].weightBased) return NONE;
  return result(indicator, lmsAt(table[sex], tableDay), value);
}

/**
 * L, M and S at a length/height between the 0.1 cm grid points, each interpolated linearly.
 * The floating-point steps are anthro's own (trunc(10x), trunc(10x + 1), (x − lo) / 0.1), so the
 * rows chosen are the same as anthro's even where 10x lands just below a whole number.
 */
export function interpolateLms(series: LmsSeries, cm: number): Lms | undefined {
  const lowKey = Math.trunc(cm * 10);
  const highKey = Math.trunc(cm * 10 + 1);
  const fraction = (cm - lowKey / 10) / 0.1;
  const low = lmsAt(series, lowKey);
  if (!low || !(fraction > 0)) return low;
  const high = lmsAt(series, highKey);
  if (!high) return undefined;
  return {
    l: low.l + fraction * (high.l - low.l),
    m: low.m + fraction * (high.m - low.m),
    s: low.s + fraction * (high.s - low.s),
  };
}

/** Which weight-for-length/height table applies: by age if known, else by position, else by size. */
export function lengthOrHeightTable(prepared: PreparedMeasurement): 'weightForLength' | 'weightForHeight' | null {
  const { tableDay, position, lengthHeightCm } = prepared;
  if (tableDay !== null) return tableDay < HEIGHT_FROM_DAY ? 'weightForLength' : 'weightForHeight';
  if (position !== null) return position === 'lying' ? 'weightForLength' : 'weightForHeight';
  if (lengthHeightCm === null) return null;
  return lengthHeightCm < 87 ? 'weightForLength' : 'weightForHeight';
}

const LENGTH_RANGE = { weightForLength: [45, 110], weightForHeight: [65, 120] } as const;

function weightForLengthHeight(tables: GrowthTables, input: GrowthMeasurement, prepared: PreparedMeasurement): IndicatorResult {
  const weight = positive(input.weightKg);
  const cm = prepared.lengthHeightCm;
  const tableName = lengthOrHeightTable(prepared);
  if (weight === null || cm === null || tableName === null || input.oedema === true) return NONE;
  const { tableDay, ageMonths } = prepared;
  if (tableDay !== null && (tableDay > MAX_TABLE_DAY || ageMonths === null || !(ageMonths < MAX_AGE_MONTHS))) return NONE;
  const [min, max] = LENGTH_RANGE[tableName];
  if (!(cm >= min && cm <= max)) return NONE;
  return result('weightForLengthHeight', interpolateLms(tables[tableName][input.sex], cm), weight);
}

const ALL_NONE: GrowthZScores = Object.fromEntries(GROWTH_INDICATORS.map((name) => [name, NONE])) as Record<GrowthIndicator, IndicatorResult>;

/** All eight z-scores of one measurement. A missing or unusable value gives {z: null, flag: null}. */
export function computeZScores(input: GrowthMeasurement, tables: GrowthTables): GrowthZScores {
  if (invalidAge(input.ageDays) || (input.sex !== 'male' && input.sex !== 'female')) return ALL_NONE;
  const prepared = prepareMeasurement(input);
  const oedema = input.oedema === true;
  const age = (indicator: AgeIndicator, value: number | null): IndicatorResult => ageBased(indicator, tables[indicator], input.sex, prepared, value, oedema);
  return {
    weightForAge: age('weightForAge', positive(input.weightKg)),
    lengthHeightForAge: age('lengthHeightForAge', prepared.lengthHeightCm),
    weightForLengthHeight: weightForLengthHeight(tables, input, prepared),
    bmiForAge: age('bmiForAge', prepared.bmi),
    headCircumferenceForAge: age('headCircumferenceForAge', positive(input.headCircumferenceCm)),
    armCircumferenceForAge: age('armCircumferenceForAge', positive(input.armCircumferenceCm)),
    tricepsSkinfoldForAge: age('tricepsSkinfoldForAge', positive(input.tricepsSkinfoldMm)),
    subscapularSkinfoldForAge: age('subscapularSkinfoldForAge', positive(input.subscapularSkinfoldMm)),
  };
}

/** The same results with z rounded to 2 decimals the way anthro reports them (for display and the CLI). */
export function roundZScores(scores: GrowthZScores): GrowthZScores {
  return Object.fromEntries(
    GROWTH_INDICATORS.map((name) => {
      const { z, flag } = scores[name];
      return [name, { z: z === null ? null : roundZ(z), flag }];
    }),
  ) as Record<GrowthIndicator, IndicatorResult>;
}

// ---- Plain-language classification ----------------------------------------------------------

/** What a health worker is told of a measurement, most severe first within each indicator. */
export const GROWTH_STATUS_CODES = [
  'severe_underweight',
  'underweight',
  'severe_stunting',
  'stunting',
  'severe_wasting',
  'wasting',
  'overweight',
  'obesity',
  'oedema',
  'implausible',
] as const;
export type GrowthStatusCode = (typeof GROWTH_STATUS_CODES)[number];

/** zh-CN first, English second. */
export const GROWTH_STATUS_LABELS: Readonly<Record<GrowthStatusCode, { zh: string; en: string }>> = {
  severe_underweight: { zh: '重度低体重', en: 'Severely underweight' },
  underweight: { zh: '低体重', en: 'Underweight' },
  severe_stunting: { zh: '重度生长迟缓', en: 'Severely stunted' },
  stunting: { zh: '生长迟缓', en: 'Stunted' },
  severe_wasting: { zh: '重度消瘦', en: 'Severely wasted' },
  wasting: { zh: '消瘦', en: 'Wasted' },
  overweight: { zh: '超重', en: 'Overweight' },
  obesity: { zh: '肥胖', en: 'Obese' },
  oedema: { zh: '水肿，按重度急性营养不良处理', en: 'Oedema: treat as severe acute malnutrition' },
  implausible: { zh: '数值可疑，请核对', en: 'Implausible value, please check the measurement' },
};

export interface GrowthStatus {
  /** The indicator the status comes from; null for oedema, which is not read from a z-score. */
  readonly indicator: GrowthIndicator | null;
  readonly code: GrowthStatusCode;
}

type Band = readonly [GrowthStatusCode, (z: number) => boolean];
const BANDS: Partial<Record<GrowthIndicator, readonly Band[]>> = {
  weightForAge: [
    ['severe_underweight', (z) => z < -3],
    ['underweight', (z) => z < -2],
  ],
  lengthHeightForAge: [
    ['severe_stunting', (z) => z < -3],
    ['stunting', (z) => z < -2],
  ],
  weightForLengthHeight: [
    ['severe_wasting', (z) => z < -3],
    ['wasting', (z) => z < -2],
    ['obesity', (z) => z > 3],
    ['overweight', (z) => z > 2],
  ],
};

/**
 * Statuses a health worker should see: WAZ < −2 underweight (< −3 severe), HAZ < −2 stunting
 * (< −3 severe), WHZ < −2 wasting (< −3 severe), WHZ > 2 overweight, WHZ > 3 obesity, judged on
 * the z rounded to 2 decimals as anthro's prevalence tables do. A flagged z-score of any
 * indicator is reported as implausible instead of being classified. With oedema the weight-based
 * z-scores are missing, so oedema is reported on its own.
 */
export function classifyGrowth(scores: GrowthZScores, options: { oedema?: boolean } = {}): GrowthStatus[] {
  const statuses: GrowthStatus[] = options.oedema === true ? [{ indicator: null, code: 'oedema' }] : [];
  for (const indicator of GROWTH_INDICATORS) {
    const { z, flag } = scores[indicator];
    if (z === null) continue;
    if (flag === 1) {
      statuses.push({ indicator, code: 'implausible' });
      continue;
    }
    const rounded = roundZ(z);
    const band = BANDS[indicator]?.find(([, applies]) => applies(rounded));
    if (band) statuses.push({ indicator, code: band[0] });
  }
  return statuses;
}

// ---- Growth chart curves --------------------------------------------------------------------

export const CURVE_SDS = [-3, -2, 0, 2, 3] as const;

export interface CurvePoint {
  /** Age in days (age tables) or length/height in cm (weight-for-length/height). */
  readonly x: number;
  /** The measurement at −3, −2, 0, +2, +3 SD, in CURVE_SDS order. */
  readonly values: readonly number[];
}

/**
 * Points of the −3, −2, 0, +2, +3 SD curves of one table for drawing a growth chart, one point
 * every `step` rows (days, or 0.1 cm), always including the last row. Length/height-for-age and
 * BMI-for-age switch from length to height at day 731, as the WHO charts do.
 */
export function growthCurve(tables: GrowthTables, table: keyof GrowthTables, sex: Sex, step = 1): CurvePoint[] {
  if (!Number.isInteger(step) || step < 1) throw new RangeError('step must be a positive integer');
  const { key, [sex]: series } = tables[table];
  const points: CurvePoint[] = [];
  series.rows.forEach((lms, index) => {
    if (index % step !== 0 && index !== series.rows.length - 1) return;
    const gridKey = series.first + index;
    points.push({ x: key === 'ageDays' ? gridKey : gridKey / 10, values: CURVE_SDS.map((k) => lmsValueAt(k, lms)) });
  });
  return points;
}
