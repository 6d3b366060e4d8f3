import dayjs, { type Dayjs } from 'dayjs';

/**
 * The application's business date in the browser: the server's (from /api/health), fixed in a
 * demo that lives in its own year, else the real date in China. Every page reads "today" here,
 * never from the system clock, so due dates, ages and default periods agree with the server.
 */
let businessDate: string | null = null;
let fixed = false;

const chinaDate = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The day an instant (ISO) falls on in China, 'YYYY-MM-DD'. */
export const chinaDay = (instant: string): string => chinaDate(new Date(instant));

/** Sets the business date (once, at start-up, from the server). */
export function setBusinessDate(date: string, isFixed: boolean): void {
  businessDate = date;
  fixed = isFixed;
}

/** Whether the date is fixed (a demo district on its own date). */
export const isDateFixed = (): boolean => fixed;

/** Today, 'YYYY-MM-DD'. */
export const today = (): string => (fixed && businessDate ? businessDate : chinaDate(new Date()));

/** Today as a Dayjs at midnight, for date pickers' defaults. */
export const todayDayjs = (): Dayjs => dayjs(today());

/** The business year and month, 'YYYY-MM'. */
export const thisMonth = (): string => today().slice(0, 7);

/** The business year. */
export const thisYear = (): number => Number(today().slice(0, 4));

/** Loads the server's business date; on failure the real date in China stands. */
export async function loadBusinessDate(): Promise<void> {
  try {
    const res = await fetch('/api/health', { credentials: 'same-origin' });
    if (!res.ok) return;
    const body = (await res.json()) as { today?: { date: string; fixed: boolean } };
    if (body.today) setBusinessDate(body.today.date, body.today.fixed);
  } catch {
    // the real date stands
  }
}

/** Now as China's wall-clock time, on the business date (the real time of day). */
export function chinaNowDayjs(): Dayjs {
  const wall = dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19));
  if (!fixed || !businessDate) return wall;
  const [y = 0, m = 1, d = 1] = businessDate.split('-').map(Number);
  return wall
    .year(y)
    .month(m - 1)
    .date(d);
}

/** The business instant, as the server's businessNow(): the real time of day in China, on the business date when it is fixed. */
export function businessNow(): Date {
  const real = new Date();
  if (!fixed || !businessDate) return real;
  const timeOfDay = (real.getTime() + 8 * 3_600_000) % 86_400_000;
  return new Date(Date.parse(`${businessDate}T00:00:00Z`) - 8 * 3_600_000 + timeOfDay);
}
