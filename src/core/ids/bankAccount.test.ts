import { describe, expect, it } from 'vitest';
import cases from './bankAccount.cases.json' with { type: 'json' };
import { checkBankAccount, luhnCheckDigit, luhnValid, type BankAccountCheck } from './bankAccount.ts';

describe('bank account numbers', () => {
  it.each(cases as { input: string; expected: BankAccountCheck; note: string }[])('$note: $input', ({ input, expected }) => {
    expect(checkBankAccount(input)).toEqual(expected);
  });

  it('computes the Luhn check digit that makes a number valid, and only that one', () => {
    expect(luhnCheckDigit('621759000009123456')).toBe('7');
    expect(luhnCheckDigit('7992739871')).toBe('3');
    for (const body of ['62', '621759', '6217590000120120', '99999999999999999']) {
      const digit = luhnCheckDigit(body);
      for (let d = 0; d <= 9; d++) expect(luhnValid(`${body}${d}`), `${body}${d}`).toBe(String(d) === digit);
    }
    expect(() => luhnCheckDigit('62a')).toThrow();
    expect(luhnValid('0')).toBe(false);
  });
});
