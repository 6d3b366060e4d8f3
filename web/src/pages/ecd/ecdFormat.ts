import type { IndicatorResult } from '../../api/ecd.ts';
import { businessToday } from '../registry/registryFormat.ts';

/** WHO's month: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 30.4375;
/** The WHO child growth standards reach 60 months. */
export const MAX_MONTHS = 60;

const DAY_MS = 86_400_000;

/** Days from `birth` to `until` (both YYYY-MM-DD), today in China by default. */
export function ageDays(birth: string, until: string = businessToday()): number {
  return Math.round((Date.parse(until) - Date.parse(birth)) / DAY_MS);
}

export function monthsOf(days: number): number {
  return days / DAYS_PER_MONTH;
}

/** `9.9` months, one decimal. */
export function formatMonths(days: number): string {
  return monthsOf(days).toFixed(1);
}

/** A measured value, or a dash when it was not measured. */
export function formatValue(value: number | null, digits = 1): string {
  return value === null ? '—' : value.toFixed(digits);
}

/** A z-score to two decimals; a flagged (implausible) one is marked with `!`. */
export function formatZ(result: IndicatorResult | undefined): string {
  if (!result || result.z === null) return '—';
  return `${result.z.toFixed(2)}${result.flag === 1 ? ' !' : ''}`;
}
