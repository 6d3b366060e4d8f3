import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumeral, cstDay, lines, monthText, numberText, percentText, widthInChars } from './officialText.ts';

describe('official document wording', () => {
  it('writes heading numbers in Chinese up to 99', () => {
    expect([1, 4, 10, 12, 20, 40, 99].map(chineseNumeral)).toEqual(['一', '四', '十', '十二', '二十', '四十', '九十九']);
  });

  it('writes dates with Arabic digits and without leading zeros, and months as 10月', () => {
    expect(chineseDate('2011-12-05')).toBe('2011年12月5日');
    expect(chineseDate('not a date')).toBe('not a date');
    expect(monthText('2011-03')).toBe('3月');
  });

  it('gives the China Standard Time day of an instant', () => {
    expect(cstDay('2011-11-07T16:30:00Z')).toBe('11月8日');
    expect(cstDay('2011-11-07T15:59:00Z')).toBe('11月7日');
  });

  it('writes rates as percentages with at most one decimal', () => {
    expect(percentText(0.955)).toBe('95.5%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(2 / 3)).toBe('66.7%');
  });

  it('counts full-width characters as one and ASCII as half', () => {
    expect(widthInChars('领导小组')).toBe(4);
    expect(widthInChars('2011年')).toBe(3);
  });

  it('keeps the lines that say something', () => {
    expect(lines('  一\r\n\n 二 \n')).toEqual(['一', '二']);
  });

  it('prints a draft’s number blank, to be filled in, and says it is a draft', () => {
    expect(numberText({ number: null, period: '2011-Q4', status: 'draft' })).toBe('〔2011〕　　号（草稿）');
    expect(numberText({ number: '幸福家庭办〔2011〕12号', period: '2011-10', status: 'published' })).toBe('幸福家庭办〔2011〕12号');
  });
});
