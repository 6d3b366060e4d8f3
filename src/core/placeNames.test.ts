import { describe, expect, it } from 'vitest';
import { ownName } from './placeNames.ts';

describe("a division's own name", () => {
  it('leaves out the province, region, city, league or prefecture above it', () => {
    expect(ownName('天津市武清区')).toBe('武清区');
    expect(ownName('河北省石家庄市长安区')).toBe('长安区');
    expect(ownName('河北省辛集市')).toBe('辛集市');
    expect(ownName('浙江省杭州市西湖区')).toBe('西湖区');
    expect(ownName('山东省济南市市中区')).toBe('市中区');
    expect(ownName('内蒙古自治区阿拉善盟阿拉善左旗')).toBe('阿拉善左旗');
    expect(ownName('新疆维吾尔自治区乌鲁木齐市天山区')).toBe('天山区');
    expect(ownName('湖南省湘西土家族苗族自治州吉首市')).toBe('吉首市');
  });

  it('keeps a name that has nothing above it', () => {
    expect(ownName('武清区')).toBe('武清区');
    expect(ownName(' 武清区 ')).toBe('武清区');
    expect(ownName('')).toBe('');
  });
});
