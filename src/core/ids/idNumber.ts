/**
 * Resident ID number (身份证号, 公民身份号码), GB 11643-1999.
 *
 * Pure domain code: no I/O and no imports. The 18-character form is
 *
 *   DDDDDD YYYYMMDD SSS C
 *   division code (GB/T 2260) · birth date · sequence (odd = male) · check character
 *
 * The check character is ISO 7064 MOD 11-2. The 15-digit legacy form (before 1999) is
 * DDDDDD YYMMDD SSS with the century 19 implied and no check character.
 */

export type IdCheckReason = 'length' | 'chars' | 'checksum' | 'date' | 'future' | 'division';

export type Sex = 'male' | 'female';

export interface IdCheckResult {
  valid: boolean;
  /** The 18-character upper-case form; null when the input failed on length or chars. */
  normalized: string | null;
  /** YYYY-MM-DD; null unless valid. */
  birthDate: string | null;
  /** From the parity of the 17th digit; null unless valid. */
  sex: Sex | null;
  /** The first 6 digits (GB/T 2260 division code); null unless valid. */
  divisionCode: string | null;
  /** The first failing check; null when valid. */
  reason: IdCheckReason | null;
}

/**
 * Province-level prefixes of GB/T 2260 that may start an ID number: the 31 mainland
 * provinces, autonomous regions and municipalities, plus 71 (Taiwan), 81 (Hong Kong) and
 * 82 (Macau).
 */
export const PROVINCE_CODES: readonly string[] = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
];

/**
 * Province-level codes (pp0000) that a person may carry as a whole: residence permits for
 * Hong Kong (810000) and Macau (820000) residents use the province code itself.
 */
const PROVINCE_WIDE_DIVISION_CODES: readonly string[] = ['810000', '820000'];

/** ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18-i) mod 11). */
const CHECK_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character for (weighted sum mod 11) = 0, 1, …, 10. */
const CHECK_CHARACTERS = '10X98765432';

/**
 * GB 11643-1999 sets no earliest birth date (its own example is born 1880-01-01); a year before
 * 1800 can only be a typing error.
 */
const EARLIEST_BIRTH_DATE = '1800-01-01';

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

const FULL_WIDTH_DIGIT_ZERO = 0xff10;

/**
 * Check an ID number typed by a person.
 *
 * Normalisation: surrounding white space is trimmed (including the ideographic space
 * U+3000); full-width digits and Ｘ/ｘ become ASCII; x becomes X. Spaces inside the number
 * are not removed. A 15-digit legacy number is upgraded to 18 characters and then checked
 * as one.
 *
 * Checks run in this order, and the result names the FIRST that fails:
 *   1. length   — 15 or 18 characters after normalisation
 *   2. chars    — 18: 17 digits then a digit or X; 15: 15 digits
 *   3. division — province prefix known, and not an all-zero segment a person cannot carry
 *   4. date     — birth date is a real calendar date, not before 1800-01-01
 *   5. future   — birth date is not after `today` in the China (UTC+8) calendar
 *   6. checksum — the 18th character is the MOD 11-2 check character
 * A 15-digit number never fails on checksum: its check character is computed.
 *
 * @param today the current instant; its calendar date is taken in UTC+8.
 */
export function checkIdNumber(input: string, today: Date): IdCheckResult {
  const todayIso = chinaCalendarDate(today);
  const text = normalizeInput(input);
  const length = [...text].length;
  if (length !== 15 && length !== 18) return invalid('length', null);
  const wellFormed = length === 18 ? /^\d{17}[\dX]$/.test(text) : /^\d{15}$/.test(text);
  if (!wellFormed) return invalid('chars', null);

  const normalized = length === 15 ? upgradeLegacyIdNumber(text) : text;
  const divisionCode = normalized.slice(0, 6);
  if (!isPlausibleDivisionCode(divisionCode)) return invalid('division', normalized);
  const birthDate = isoDateFromCompact(normalized.slice(6, 14));
  if (birthDate === null || birthDate < EARLIEST_BIRTH_DATE) return invalid('date', normalized);
  if (birthDate > todayIso) return invalid('future', normalized);
  if (normalized.charAt(17) !== computeCheckCharacter(normalized.slice(0, 17))) {
    return invalid('checksum', normalized);
  }
  return {
    valid: true,
    normalized,
    birthDate,
    sex: Number(normalized.charAt(16)) % 2 === 1 ? 'male' : 'female',
    divisionCode,
    reason: null,
  };
}

/** The MOD 11-2 check character (0–9 or X) for the first 17 digits of an ID number. */
export function computeCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`expected 17 ASCII digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17.charAt(i)) * (CHECK_WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * The 18-character form of a 15-digit legacy number: "19" goes before the 2-digit year
 * and the check character is appended. Only the structure (15 ASCII digits) is checked;
 * use checkIdNumber for the division code and date.
 */
export function upgradeLegacyIdNumber(fifteen: string): string {
  if (!/^\d{15}$/.test(fifteen)) {
    throw new RangeError(`expected 15 ASCII digits, got ${JSON.stringify(fifteen)}`);
  }
  const first17 = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`;
  return first17 + computeCheckCharacter(first17);
}

/** The sex recorded in a valid ID number (15 or 18 characters), or null when it is invalid. */
export function sexFromIdNumber(input: string, today: Date): Sex | null {
  return checkIdNumber(input, today).sex;
}

/** The birth date (YYYY-MM-DD) of a valid ID number (15 or 18 characters), or null. */
export function birthDateFromIdNumber(input: string, today: Date): string | null {
  return checkIdNumber(input, today).birthDate;
}

function invalid(reason: IdCheckReason, normalized: string | null): IdCheckResult {
  return { valid: false, normalized, birthDate: null, sex: null, divisionCode: null, reason };
}

function normalizeInput(input: string): string {
  // String.prototype.trim removes all Unicode white space, U+3000 included.
  return input
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (digit) => String(digit.charCodeAt(0) - FULL_WIDTH_DIGIT_ZERO))
    .replace(/[xＸｘ]/g, 'X');
}

/**
 * A division code a person can carry: a known province (pp), a non-zero prefecture
 * segment (cc), and a county segment (dd) that may be 00 — prefecture-level cities without
 * counties, such as Dongguan 441900 and Zhongshan 442000, issue numbers with it. The only
 * province-wide codes accepted are the Hong Kong and Macau residence-permit codes.
 */
function isPlausibleDivisionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (!PROVINCE_CODES.includes(code.slice(0, 2))) return false;
  if (PROVINCE_WIDE_DIVISION_CODES.includes(code)) return true;
  return code.slice(2, 4) !== '00';
}

/** YYYYMMDD → YYYY-MM-DD when it is a real Gregorian date, else null. */
function isoDateFromCompact(compact: string): string | null {
  if (!/^\d{8}$/.test(compact)) return null;
  const year = Number(compact.slice(0, 4));
  const month = Number(compact.slice(4, 6));
  const day = Number(compact.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no DST). */
function chinaCalendarDate(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('today is an invalid Date');
  return new Date(time + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
