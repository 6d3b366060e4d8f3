/**
 * Reporting periods. Departments report months (YYYY-MM); quarters (YYYY-Qn) and years (YYYY)
 * are derived from the months. A month's report is due on a set day of the following month,
 * at the end of that day in China Standard Time.
 */

import { addMonths } from '../calendar.ts';
import { FIRST_YEAR, LAST_YEAR } from '../input.ts';
import type { PeriodKind } from './states.ts';

export type { PeriodKind } from './states.ts';

export interface Period {
  /** As written: 2011-10, 2011-Q4 or 2011. */
  code: string;
  kind: PeriodKind;
  year: number;
  /** The months it covers, in order. */
  months: string[];
  /** 2011年10月, 2011年第四季度, 2011年 */
  label: string;
  labelEn: string;
}

const QUARTER_ZH = ['一', '二', '三', '四'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');
const monthCode = (year: number, month: number): string => `${year}-${pad(month)}`;

/** Parses 2011-10, 2011-Q4 or 2011 (years 1800 to 2100, which the database stores); null when it is none of them. */
export function parsePeriod(code: string): Period | null {
  const y = /^\d{4}/.exec(code);
  if (y === null || Number(y[0]) < FIRST_YEAR || Number(y[0]) > LAST_YEAR) return null;
  let m = /^(\d{4})-(\d{2})$/.exec(code);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { code, kind: 'month', year, months: [code], label: `${year}年${month}月`, labelEn: `${code}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const months = [1, 2, 3].map((k) => monthCode(year, (q - 1) * 3 + k));
    return { code, kind: 'quarter', year, months, label: `${year}年第${QUARTER_ZH[q - 1]}季度`, labelEn: `Q${q} ${year}` };
  }
  m = /^(\d{4})$/.exec(code);
  if (m) {
    const year = Number(m[1]);
    const months = Array.from({ length: 12 }, (_, i) => monthCode(year, i + 1));
    return { code, kind: 'year', year, months, label: `${year}年`, labelEn: `${year}` };
  }
  return null;
}

export const isMonthCode = (code: string): boolean => parsePeriod(code)?.kind === 'month';

/** The months of a year up to and including `lastMonth` (or all twelve). */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthCode(year, i + 1));
}

/** The day a month's report is due: `dueDay` of the following month (YYYY-MM-DD). */
export function dueDateOf(month: string, dueDay: number): string {
  return `${addMonths(month, 1)}-${pad(dueDay)}`;
}

/** The instant a due day ends in China Standard Time (UTC+8): submissions before it are on time. */
export function dueInstant(dueDate: string): number {
  return Date.parse(`${dueDate}T00:00:00+08:00`) + 86_400_000;
}
