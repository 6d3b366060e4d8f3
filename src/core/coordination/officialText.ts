/**
 * How an official document (公文, GB/T 9704-2012) writes numbers, dates and rates: the bulletin's
 * headings, dates, months and the like, and how wide a text is in body characters. Plain text in,
 * plain text out.
 */

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 40 → 四十: headings up to 99. */
export function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : (NUMERALS[tens] ?? '')}十${NUMERALS[n % 10] ?? ''}`;
}

/** 2011-12-05 → 2011年12月5日, with Arabic digits as GB/T 9704-2012 writes the date. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** 2011-10 → 10月 */
export const monthText = (month: string): string => `${Number(month.slice(5, 7))}月`;

/** An ISO instant as the China Standard Time day it fell on: 11月8日. */
export function cstDay(instant: string): string {
  const day = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString();
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** 0.955 → 95.5%, 1 → 100% */
export const percentText = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/** Width in body characters: a full-width character is one, an ASCII one half. */
export const widthInChars = (text: string): number => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) < 0x100 ? 0.5 : 1), 0);

/** The lines of a text that say something, trimmed. */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A bulletin's number as printed: the given one, or 〔2011〕　　号 to be filled in; a draft says so. */
export function numberText(bulletin: { number: string | null; period: string; status: 'draft' | 'published' }): string {
  const number = bulletin.number ?? `〔${bulletin.period.slice(0, 4)}〕　　号`;
  return bulletin.status === 'draft' ? `${number}（草稿）` : number;
}
