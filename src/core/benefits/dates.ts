/**
 * Calendar arithmetic for the eligibility engine, on integers so the hot path allocates nothing.
 *
 * A day is the integer yyyymmdd (2011-06-15 → 20110615): it orders like the date, and the
 * difference of two days divided by 10 000 is the number of completed years between them
 * (20110615 − 19510616 = 599 999 → 59). A month is the integer year × 12 + (month − 1).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Years before this are rejected as typing errors (nobody in the register was born before it). */
export const EARLIEST_YEAR = 1850;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written YYYY-MM-DD, year 1850 or later. */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= EARLIEST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** yyyymmdd of a date already known to be a valid YYYY-MM-DD (no checks, no allocation). */
export function dayNumber(iso: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    n = n * 10 + (iso.charCodeAt(i) - 48);
  }
  return n;
}

/** year × 12 + (month − 1) of a day. */
export function monthOfDay(day: number): number {
  const year = Math.floor(day / 10000);
  const month = Math.floor(day / 100) % 100;
  return year * 12 + month - 1;
}

/** Completed years from `birth` to `on` (both yyyymmdd). */
export function completedYears(birth: number, on: number): number {
  return Math.floor((on - birth) / 10000);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYYY-MM-DD of a yyyymmdd day. */
export function formatDay(day: number): string {
  return `${Math.floor(day / 10000)}-${pad2(Math.floor(day / 100) % 100)}-${pad2(day % 100)}`;
}

/** YYYY-MM of a month number. */
export function formatMonth(month: number): string {
  return `${Math.floor(month / 12)}-${pad2((month % 12) + 1)}`;
}

/**
 * Whether a person born on `birth` counts as aged `years` or more on the day `on`.
 *
 * - `fromFollowingMonth` false: completed years on the day itself (the birthday counts on the
 *   birthday; someone born on 29 February reaches the age on 1 March in a common year).
 * - `fromFollowingMonth` true: the month of the `years`-th birthday does not count yet, the
 *   following month does. The birthday month is the birth month (February for 29 February).
 */
export function reachesAge(birth: number, on: number, years: number, fromFollowingMonth: boolean): boolean {
  if (fromFollowingMonth) return monthOfDay(on) > monthOfDay(birth) + years * 12;
  return on - birth >= years * 10000;
}

/** The first month (fromFollowingMonth) or day at which `reachesAge` becomes true, for traces. */
export function ageReachedFrom(birth: number, years: number, fromFollowingMonth: boolean): string {
  if (fromFollowingMonth) return formatMonth(monthOfDay(birth) + years * 12 + 1);
  const year = Math.floor(birth / 10000) + years;
  const month = Math.floor(birth / 100) % 100;
  const day = birth % 100;
  if (day > daysInMonth(year, month)) return formatDay(year * 10000 + (month + 1) * 100 + 1);
  return formatDay(year * 10000 + month * 100 + day);
}
