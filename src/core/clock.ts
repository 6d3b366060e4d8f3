/**
 * The application's "today": the one business date every module uses for due dates, ages, overdue
 * items, notice windows, default periods and the dates printed on documents.
 *
 * In production it is the real date in China (UTC+8). A demo district lives in its own year: the
 * clock is then fixed to a configured date (`XINGFU_TODAY`, by default the report's own date,
 * 2011-11-30) and runs through that day at the real time of day, so that a report filed in the
 * demo is filed on the demo's date and judged against the demo's deadlines.
 *
 * Security timestamps (sessions, lockouts, job leases, the audit log) are not business dates: they
 * stay on the database's and the system's own clock.
 *
 * Nothing outside this file reads the system clock for a business purpose (a test over the source
 * checks it); modules call `today()` and `businessNow()`.
 */

/** The report's own date: the demo district's default "today". */
export const DEMO_TODAY = '2011-11-30';

const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface ClockSetting {
  /** A fixed business date ('YYYY-MM-DD'), or null for the real date in China. */
  fixedDate: string | null;
}

let setting: ClockSetting = { fixedDate: null };

/** The date an instant falls on in China: 2026-12-06T17:00Z → '2026-12-07'. */
export const chinaDate = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Sets the clock for this process (at start-up, from the configuration). */
export function setClock(next: ClockSetting): void {
  if (next.fixedDate !== null && !isCalendarDate(next.fixedDate)) throw new Error(`Not a calendar date: ${next.fixedDate}`);
  setting = { ...next };
}

/** The clock as it is set: whether the date is fixed, and to what. */
export const clockSetting = (): Readonly<ClockSetting> => setting;

/** The business date, 'YYYY-MM-DD'. */
export function today(): string {
  return setting.fixedDate ?? chinaDate(new Date());
}

/**
 * The business instant: now, or on a fixed date that date at the real time of day in China. Used
 * for the timestamps that business rules read (a report's submission, a document's issue).
 */
export function businessNow(): Date {
  const real = new Date();
  if (setting.fixedDate === null) return real;
  const timeOfDay = (real.getTime() + CHINA_OFFSET_MS) % 86_400_000;
  return new Date(Date.parse(`${setting.fixedDate}T00:00:00Z`) - CHINA_OFFSET_MS + timeOfDay);
}

/** The business year and month: '2011-11'. */
export const thisMonth = (): string => today().slice(0, 7);

/** The business year: 2011. */
export const thisYear = (): number => Number(today().slice(0, 4));

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** The clock a configuration asks for: XINGFU_TODAY if set ('real' for the real date), else the demo's date in demo mode. */
export function clockFor(options: { demo: boolean; today: string | null }): ClockSetting {
  if (options.today === 'real') return { fixedDate: null };
  if (options.today) return { fixedDate: options.today };
  return { fixedDate: options.demo ? DEMO_TODAY : null };
}
