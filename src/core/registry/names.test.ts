import { describe, expect, it } from 'vitest';
import { nameKeys, parseNameQuery } from './names.ts';

describe('name search keys', () => {
  it('gives full pinyin and initials, surnames read as surnames', () => {
    expect(nameKeys('张晓明')).toMatchObject({ pinyin: 'zhangxiaoming', initials: 'zxm' });
    expect(nameKeys('单田芳').pinyin).toBe('shantianfang');
    expect(nameKeys('曾志伟').initials).toBe('zzw');
    expect(nameKeys('吕秀兰').pinyin).toBe('lvxiulan');
  });

  it('indexes characters and adjacent pairs so a partial name is found', () => {
    expect(nameKeys('张晓明').tokens.sort()).toEqual(['张', '张晓', '明', '晓', '晓明'].sort());
    const q = parseNameQuery(' 晓明 ');
    expect(q).toEqual({ kind: 'hanzi', text: '晓明', tokens: ['晓明'] });
    // Every pair of a query is a token of the name it should find.
    const name = nameKeys('欧阳晓明').tokens;
    const query = parseNameQuery('阳晓明');
    expect(query?.kind === 'hanzi' && query.tokens.every((t) => name.includes(t))).toBe(true);
  });

  it('reads latin letters as pinyin and ignores blank input', () => {
    expect(parseNameQuery('ZXM')).toEqual({ kind: 'pinyin', text: 'zxm' });
    expect(parseNameQuery('zhang xiao')).toEqual({ kind: 'pinyin', text: 'zhangxiao' });
    expect(parseNameQuery('   ')).toBeNull();
  });
});
