/**
 * Bank account numbers as a benefit application gives them, for the bank's payment (一折通).
 *
 * Pure domain code: no I/O and no imports. An account is 12 to 30 digits (spaces between groups
 * are dropped). A UnionPay card number — 16 to 19 digits beginning 62 (ISO/IEC 7812, the IIN range
 * of China UnionPay, which every domestic debit card carries) — ends in a Luhn check digit, so a
 * mistyped digit or two swapped neighbours are caught before the bank refuses the payment. Other
 * numbers, such as a passbook account (存折账号), follow each bank's own scheme and are taken as
 * given.
 */

export type BankAccountProblem = 'format' | 'check_digit';

export type BankAccountCheck = { ok: true; account: string; card: boolean } | { ok: false; account: string; problem: BankAccountProblem };

/** The Luhn (ISO/IEC 7812-1, mod 10) sum of a digit string: 0 when its last digit checks the rest. */
function luhnSum(digits: string, withCheckDigit: boolean): number {
  let sum = 0;
  for (let i = digits.length - 1, double = !withCheckDigit; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10;
}

/** Whether the last digit of the string is the Luhn check digit of the others. */
export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnSum(digits, true) === 0;
}

/** The Luhn check digit to append to `body` (digits only). */
export function luhnCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) throw new Error('luhnCheckDigit: digits only');
  return String((10 - luhnSum(body, false)) % 10);
}

/** A UnionPay card number: 16 to 19 digits beginning 62. */
export const isUnionPayCard = (account: string): boolean => /^62\d{14,17}$/.test(account);

/** Checks an account number as typed: its format, and a card number's check digit. */
export function checkBankAccount(input: string): BankAccountCheck {
  const account = input.replace(/\s+/g, '');
  if (!/^\d{12,30}$/.test(account)) return { ok: false, account, problem: 'format' };
  const card = isUnionPayCard(account);
  if (card && !luhnValid(account)) return { ok: false, account, problem: 'check_digit' };
  return { ok: true, account, card };
}
