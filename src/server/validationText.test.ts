import { describe, expect, it } from 'vitest';
import { fieldLabel, issueReason, validationError } from './validationText.ts';

describe("a refused request in the reader's words", () => {
  it('names a field as the form labels it, and an item of a list by its place', () => {
    expect(fieldLabel('body.weightKg')).toEqual({ zh: '体重', en: 'Weight' });
    expect(fieldLabel('body.members.2.idNumber')).toEqual({ zh: '身份证号（第 3 项）', en: 'ID number (item 3)' });
  });

  it("says what is wrong without the schema library's English", () => {
    expect(issueReason('too_small', { origin: 'number', minimum: 0, inclusive: false }, { zh: '', en: '' })).toEqual({
      zh: '应大于 0',
      en: 'must be more than 0',
    });
    expect(issueReason('invalid_type', { expected: 'string', input: undefined }, { zh: '', en: '' }).zh).toBe('必须填写');
  });

  it('puts the problems into one sentence per language', () => {
    const error = validationError([{ path: 'body.weightKg', reason: { zh: '应大于 0', en: 'must be more than 0' } }]);
    expect(error.messageZh).toBe('请求数据不符合要求：体重应大于 0');
    expect(error.messageEn).toBe('Invalid request: Weight must be more than 0');
  });
});
