import { describe, expect, it } from 'vitest';
import { inertCell, inertRow, inertText } from './inert.ts';

describe('inert text and cells', () => {
  it('puts an apostrophe before text a spreadsheet would read as a formula', () => {
    for (const text of ['=HYPERLINK("http://e.cn","点")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '＝1+1', '＋1', '－1', '＠A1']) {
      expect(inertText(text), JSON.stringify(text)).toBe(`'${text}`);
    }
  });

  it('leaves every other text as it is', () => {
    for (const text of ['张晓明', '', ' =1+1', "'=1+1", '120114********1234', '6217590000091234567', 'RA-2011-06-3f2a', '已迁出 2012-02-01', '—']) {
      expect(inertText(text)).toBe(text);
    }
  });

  it('keeps numbers, negative ones too, booleans and dates as they are', () => {
    const day = new Date(Date.UTC(2011, 5, 1));
    expect([inertCell(-80), inertCell(0), inertCell(120.1), inertCell(true), inertCell(day)]).toEqual([-80, 0, 120.1, true, day]);
    expect([inertCell(Number.NaN), inertCell(Number.POSITIVE_INFINITY), inertCell(null), inertCell(undefined)]).toEqual([null, null, null, null]);
    expect(inertCell('-80')).toBe("'-80");
  });

  it('never passes a formula on: a formula gives its result, rich text and hyperlinks their text', () => {
    expect(inertCell({ formula: 'HYPERLINK("http://e.cn","点")', result: '点' })).toBe('点');
    expect(inertCell({ formula: '1+1', result: 2 })).toBe(2);
    expect(inertCell({ sharedFormula: 'A1', result: '=x' })).toBe("'=x");
    expect(inertCell({ formula: 'A1' })).toBeNull();
    expect(inertCell({ richText: [{ text: '=HYPER' }, { text: 'LINK()' }] })).toBe("'=HYPERLINK()");
    expect(inertCell({ text: '=点', hyperlink: 'http://e.cn' })).toBe("'=点");
    expect(inertCell({ error: '#N/A' })).toBe('#N/A');
    expect(inertCell(12n)).toBe('12');
  });

  it('makes a row of cells inert, leaving undefined cells empty', () => {
    expect(inertRow({ name: '=1+1', amount: -0.3, note: undefined, empty: null })).toEqual({ name: "'=1+1", amount: -0.3, empty: null });
  });
});
