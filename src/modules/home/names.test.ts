import { describe, expect, it } from 'vitest';
import { monthText, named } from './names.ts';

describe('naming the records of a to-do item', () => {
  it('names up to three, then says how many in all', () => {
    expect(named(['刘福来'], 1, { zh: '人', en: '' })).toEqual({ 'zh-CN': '刘福来', en: '刘福来' });
    expect(named(['高保国', '孙玉兰'], 2, { zh: '人', en: '' })['zh-CN']).toBe('高保国、孙玉兰');
    expect(named(['甲', '乙', '丙', '丁'], 5, { zh: '名儿童', en: '' })).toEqual({ 'zh-CN': '甲、乙、丙 等 5 名儿童', en: '甲, 乙, 丙 and 2 more' });
  });

  it('writes a month in each language', () => {
    expect(monthText('2011-11')).toEqual({ 'zh-CN': '2011年11月', en: 'Nov 2011' });
    expect(monthText('2012-01')).toEqual({ 'zh-CN': '2012年1月', en: 'Jan 2012' });
  });
});
