import dayjs, { type Dayjs } from 'dayjs';
import type { Hukou, MaritalStatus, Relation, Sex } from '../../api/registryTypes.ts';
import { today as businessToday } from '../../clock.ts';

/*
 * The forms send relation, hukou, sex and marital status as the Chinese words of the roster (the
 * server reads them like an imported row); the UI shows them through i18n.
 */
export const RELATION_WORDS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  other: '其他',
};
export const HUKOU_WORDS: Record<Hukou, string> = { rural: '农业', urban: '非农业' };
export const SEX_WORDS: Record<Sex, string> = { M: '男', F: '女' };
export const MARITAL_WORDS: Record<Exclude<MaritalStatus, 'unknown'>, string> = {
  unmarried: '未婚',
  married: '已婚',
  divorced: '离婚',
  widowed: '丧偶',
};

export const RELATIONS = Object.keys(RELATION_WORDS) as Relation[];
export const HUKOUS = Object.keys(HUKOU_WORDS) as Hukou[];
export const SEXES = Object.keys(SEX_WORDS) as Sex[];
export const MARITALS = Object.keys(MARITAL_WORDS) as Exclude<MaritalStatus, 'unknown'>[];
export const GRADES = [1, 2, 3, 4] as const;

/** The application's business date, as the server counts "today". */
export { businessToday };

/** Whole years from `birth` to `until` (both YYYY-MM-DD). */
export function ageOn(birth: string, until: string): number {
  const [by = 0, bm = 0, bd = 0] = birth.split('-').map(Number);
  const [uy = 0, um = 0, ud = 0] = until.split('-').map(Number);
  return uy - by - (um < bm || (um === bm && ud < bd) ? 1 : 0);
}

export const DATE_FORMAT = 'YYYY-MM-DD';

export function toDateText(value: Dayjs): string {
  return value.format(DATE_FORMAT);
}

/** For DatePicker: no day after today (China time). */
export function isFuture(value: Dayjs): boolean {
  return value.format(DATE_FORMAT) > businessToday();
}

/** The date of birth an 18-digit ID number states, if it is a real date. */
export function birthDateOfId(idNumber: string | undefined): Dayjs | null {
  const text = idNumber?.trim() ?? '';
  if (!/^\d{17}[\dXx]$/.test(text)) return null;
  const iso = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  const date = dayjs(iso, DATE_FORMAT);
  return date.isValid() && date.format(DATE_FORMAT) === iso ? date : null;
}

/** 18 digits (last may be X) or the old 15 digits; the server checks the rest. */
export const ID_PATTERN = /^(\d{17}[\dXx]|\d{15})$/;
