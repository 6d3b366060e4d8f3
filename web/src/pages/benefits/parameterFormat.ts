import type { Dayjs } from 'dayjs';
import type { ParameterRow, ParameterUnit, ParameterValue, ProgrammeParameter } from '../../api/benefits.ts';
import type { I18n } from '../../i18n/index.ts';
import { todayDayjs } from '../../clock.ts';

/** What the value of a parameter is, and so which input edits it. */
export type ValueKind = 'number' | 'boolean' | 'text';

const NUMBER_UNITS: readonly string[] = ['yuan/month', 'yuan/once', 'years', 'days', 'year', 'grade', 'percent'];
const WHOLE_UNITS: readonly string[] = ['years', 'days', 'year', 'grade'];

/** By the rows already there; by the unit when there are none. */
export function valueKind(parameter: Pick<ProgrammeParameter, 'unit' | 'rows'>): ValueKind {
  const sample = parameter.rows[0]?.value;
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  if (typeof sample === 'string') return 'text';
  if (parameter.unit === 'boolean') return 'boolean';
  return NUMBER_UNITS.includes(parameter.unit) ? 'number' : 'text';
}

/** Decimals a number of this unit may have (yuan to the fen, ages and years whole). */
export function unitDecimals(unit: ParameterUnit): number {
  return WHOLE_UNITS.includes(unit) ? 0 : 2;
}

/** True when `value` has no more decimals than the unit allows. */
export function fitsDecimals(unit: ParameterUnit, value: number): boolean {
  const scale = 10 ** unitDecimals(unit);
  return Math.abs(Math.round(value * scale) - value * scale) < 1e-6;
}

/** `月标准`, or the code for a parameter the web app has no name for. */
export function parameterLabel(i18n: I18n, name: string): string {
  return i18n.tx(`benefits.param.${name}`, name);
}

/** `元/月`, `周岁`…; empty for units shown by the value itself (dates, codes, yes/no). */
export function unitLabel(i18n: I18n, unit: ParameterUnit): string {
  return i18n.tx(`benefits.paramUnit.${unit}`, unit);
}

/**
 * `80 元/月`, `60 周岁`, `是`, `120114002 下朱庄街道`: a value with its unit, in the page's language.
 * `places` names division codes (townships) when known.
 */
export function formatParameterValue(i18n: I18n, unit: ParameterUnit, value: ParameterValue, places?: ReadonlyMap<string, string>): string {
  if (typeof value === 'boolean') return i18n.t(value ? 'benefits.value.yes' : 'benefits.value.no');
  const text = typeof value === 'number' ? new Intl.NumberFormat(i18n.lang, { maximumFractionDigits: 2, useGrouping: unit !== 'year' }).format(value) : value;
  if (unit === 'division-code') {
    const place = places?.get(String(value));
    return place ? `${text} ${place}` : text;
  }
  const template = i18n.tx(`benefits.paramValue.${unit}`, `{value} ${unit}`);
  return template.replace('{value}', text);
}

/** The row in force on `today` (YYYY-MM-DD): the latest that has started. */
export function rowInForce(rows: readonly ParameterRow[], today: string): ParameterRow | undefined {
  let best: ParameterRow | undefined;
  for (const row of rows) {
    if (row.effectiveFrom > today) continue;
    if (!best || row.effectiveFrom > best.effectiveFrom) best = row;
  }
  return best;
}

/** Parameters take effect on the first day of a month: the picker offers no other day. */
export function notFirstOfMonth(value: Dayjs): boolean {
  return value.date() !== 1;
}

/** 1 January of next year, the usual date a new standard starts. */
export function nextFirstOfJanuary(now: Dayjs = todayDayjs()): Dayjs {
  return now.add(1, 'year').startOf('year');
}
