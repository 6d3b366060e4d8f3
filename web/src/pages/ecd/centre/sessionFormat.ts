import dayjs, { type Dayjs } from 'dayjs';
import type { Session, SessionStatus } from '../../../api/ecdCentreTypes.ts';
import { chinaNowDayjs } from '../../../clock.ts';
import { enumTable } from '../../../components/enumTable.ts';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The centre keeps China time (UTC+8) whatever the browser's zone: an instant as the wall-clock
 * time in China (a dayjs whose local fields read as China's).
 */
export function chinaWallTime(iso: string): Dayjs {
  return dayjs(new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 19));
}

/** A wall-clock time picked as China time, as an ISO instant with its +08:00 offset. */
export function fromChinaWallTime(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** Now, as China's wall-clock time on the business date. */
export const chinaNow = chinaNowDayjs;

/** The day in China a session falls on (YYYY-MM-DD), as the calendar's cells count days. */
export const sessionDay = (s: Session) => chinaWallTime(s.startsAt).format('YYYY-MM-DD');

/** `09:30–10:15`, China time. */
export function sessionTime(s: Session): string {
  const start = chinaWallTime(s.startsAt);
  return `${start.format('HH:mm')}–${start.add(s.minutes, 'minute').format('HH:mm')}`;
}

export const SESSION_STATUS_TAGS = enumTable<SessionStatus>(
  'ecdc.status',
  { scheduled: 'blue', held: 'green', cancelled: 'default' },
  { testId: 'session-status', dataAttr: 'status' },
);

/** The sessions by day. */
export function byDay(sessions: readonly Session[]): Map<string, Session[]> {
  const days = new Map<string, Session[]>();
  for (const s of sessions) {
    const key = sessionDay(s);
    const list = days.get(key);
    if (list) list.push(s);
    else days.set(key, [s]);
  }
  return days;
}

/** The days the month view shows, padded to whole weeks (at most 62 days, as the API allows). */
export function monthRange(month: dayjs.Dayjs): { from: string; to: string } {
  const from = month.startOf('month').subtract(7, 'day');
  const to = month.endOf('month').add(14, 'day');
  return { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') };
}
