import { describe, expect, it } from 'vitest';
import { rosterColumns, type RosterKey } from './roster.ts';
import { detectHeader, headerSynonyms, normalizeHeader, type HeaderLayout } from './rosterHeaders.ts';

/** Header texts townships use, and the field each means (null: no field). */
const headerCases: [string, RosterKey | null][] = [
  ['身份证号码', 'idNumber'],
  ['公民身份号码', 'idNumber'],
  ['身份证', 'idNumber'],
  ['证件号码', 'idNumber'],
  ['身份证号（18位）', 'idNumber'],
  ['户口性质', 'hukou'],
  ['户籍类别', 'hukou'],
  ['户口类别', 'hukou'],
  ['户籍性质（农业/非农业）', 'hukou'],
  ['所属村（居）', 'village'],
  ['村', 'village'],
  ['村居', 'village'],
  ['村（社区）', 'village'],
  ['所在村', 'village'],
  ['村(居)', 'village'],
  ['户主关系', 'relation'],
  ['与户主的关系', 'relation'],
  ['家庭关系', 'relation'],
  ['关系', 'relation'],
  ['与户主关系', 'relation'],
  ['联系方式', 'phone'],
  ['手机号', 'phone'],
  ['电话', 'phone'],
  ['手机号码', 'phone'],
  ['出生年月', 'birthDate'],
  ['出生年月日', 'birthDate'],
  ['出生日期', 'birthDate'],
  ['婚姻状态', 'maritalStatus'],
  ['婚否', 'maritalStatus'],
  ['住址', 'address'],
  ['地址', 'address'],
  ['家庭地址', 'address'],
  ['现住址', 'address'],
  ['户编号', 'householdNumber'],
  ['户口簿编号', 'householdNumber'],
  ['户号', 'householdNumber'],
  ['户主身份证号', 'headIdNumber'],
  ['户主身份证号码', 'headIdNumber'],
  ['迁出时间', 'movedOutOn'],
  ['迁往地', 'moveDestination'],
  ['死亡时间', 'deathDate'],
  ['独生子女证号码', 'oneChildCertificateNumber'],
  ['独生子女父母光荣证号', 'oneChildCertificateNumber'],
  ['姓名', 'name'],
  ['性别', 'sex'],
  ['户主姓名', null],
  ['备注', null],
  ['序号', null],
  ['身份证号（户主）', null],
  ['证号', null],
  ['发证日期', null],
];

function keysOf(layout: HeaderLayout | null): Record<string, RosterKey | null> {
  return Object.fromEntries((layout?.columns ?? []).map((c) => [c.header, c.key]));
}

describe('normalizeHeader', () => {
  it('ignores width, spaces, brackets and punctuation', () => {
    for (const text of ['村（居）', '村(居)', '* 村 (居)', '＊村【居】', ' 村 [居] ：']) expect(normalizeHeader(text), text).toBe('村居');
    expect(normalizeHeader('身份证\n号码')).toBe('身份证号码');
    expect(normalizeHeader('与户主关系：')).toBe('与户主关系');
  });

  it('drops a trailing required/optional note', () => {
    expect(normalizeHeader('姓名（必填）')).toBe('姓名');
    expect(normalizeHeader('*联系电话(选填)')).toBe('联系电话');
    expect(normalizeHeader('村(居)【必填】')).toBe('村居');
  });

  it('reads other cell values as text', () => {
    expect(normalizeHeader(null)).toBe('');
    expect(normalizeHeader(2024)).toBe('2024');
    expect(normalizeHeader('ＩＤ　号')).toBe('ID号');
  });
});

describe('header synonyms', () => {
  it('cover every field, and never give one text two fields', () => {
    expect(Object.keys(headerSynonyms).sort()).toEqual(rosterColumns.map((c) => c.key).sort());
    const owner = new Map<string, RosterKey>();
    for (const c of rosterColumns) owner.set(normalizeHeader(c.header), c.key);
    for (const [key, texts] of Object.entries(headerSynonyms) as [RosterKey, readonly string[]][]) {
      for (const text of texts) {
        const n = normalizeHeader(text);
        expect(owner.get(n) ?? key, `${text} (${key})`).toBe(key);
        owner.set(n, key);
      }
    }
  });

  for (const [text, key] of headerCases) {
    it(`maps “${text}” to ${String(key)}`, () => {
      const layout = detectHeader([['姓名', '身份证号', text]]);
      const column = layout?.columns[2];
      expect(column?.key ?? null).toBe(key === 'name' || key === 'idNumber' ? null : key);
      if (key !== null && key !== 'name' && key !== 'idNumber') expect(column?.how).toMatch(/^(template|synonym)$/);
      if (key === 'name' || key === 'idNumber') expect(detectHeader([['性别', '户籍性质', text]])?.columns[2]?.key).toBe(key);
    });
  }
});

const today = new Date(Date.UTC(2024, 4, 1));

describe('detectHeader: single-row headers', () => {
  it('reads the template header', () => {
    const layout = detectHeader([rosterColumns.map((c) => c.header)]);
    expect(layout).toMatchObject({ firstHeaderIndex: 0, lastHeaderIndex: 0, missing: [], title: null });
    expect(layout?.columns.map((c) => [c.column, c.key, c.how])).toEqual(rosterColumns.map((c, i) => [i, c.key, 'template']));
  });

  it('skips a title and a 填报单位 line, and keeps their text', () => {
    const rows = [
      ['武清区大良镇田水铺村人口花名册', null, null, null, null, null, null],
      ['填报单位：大良镇人民政府', null, null, null, '填报日期：2024年5月1日', null, null],
      [],
      ['序号', '户主姓名', '姓名', '与户主的关系', '公民身份号码', '户口性质', '所属村（居）'],
      [1, '张三', '张三', '户主', '120114195003021231', '农业', '田水铺村'],
    ];
    const layout = detectHeader(rows);
    expect(layout).toMatchObject({
      firstHeaderIndex: 3,
      lastHeaderIndex: 3,
      missing: [],
      title: '武清区大良镇田水铺村人口花名册 填报单位：大良镇人民政府 填报日期：2024年5月1日',
    });
    expect(layout?.columns).toEqual([
      { column: 0, header: '序号', normalized: '序号', key: null, how: null },
      { column: 1, header: '户主姓名', normalized: '户主姓名', key: null, how: null },
      { column: 2, header: '姓名', normalized: '姓名', key: 'name', how: 'template' },
      { column: 3, header: '与户主的关系', normalized: '与户主的关系', key: 'relation', how: 'synonym' },
      { column: 4, header: '公民身份号码', normalized: '公民身份号码', key: 'idNumber', how: 'synonym' },
      { column: 5, header: '户口性质', normalized: '户口性质', key: 'hukou', how: 'synonym' },
      { column: 6, header: '所属村（居）', normalized: '所属村居', key: 'village', how: 'synonym' },
    ]);
  });

  it('takes a title repeated across a merged row (as some readers show it) as a title', () => {
    const title = '武清区××镇××村人口花名册';
    const layout = detectHeader([
      [title, title, title, title],
      ['姓名', '身份证号', '村', '关系'],
      ['李四', '120114195003021231', '田水铺村', '户主'],
    ]);
    expect(layout).toMatchObject({ firstHeaderIndex: 1, lastHeaderIndex: 1, title });
  });

  it('reports the required fields no column maps to', () => {
    expect(detectHeader([['姓名', '身份证号', '电话']])?.missing).toEqual(['village', 'relation', 'hukou']);
  });

  it('gives a field to the first column that maps to it', () => {
    const layout = detectHeader([['姓名', '身份证号', '现住址', '户籍地址', '身份证号码']]);
    expect(keysOf(layout)).toEqual({ 姓名: 'name', 身份证号: 'idNumber', 现住址: 'address', 户籍地址: null, 身份证号码: null });
  });

  it('skips a row numbering the columns under the header', () => {
    const layout = detectHeader([
      ['姓名', '身份证号', '村'],
      [1, '2', '３'],
      ['王五', '120114195003021231', '田水铺村'],
    ]);
    expect(layout).toMatchObject({ firstHeaderIndex: 0, lastHeaderIndex: 1 });
  });

  it('finds nothing without a row of at least two known headers', () => {
    expect(detectHeader([])).toBeNull();
    expect(detectHeader([['姓名'], ['张三']])).toBeNull();
    expect(detectHeader([['人口花名册 姓名 身份证号'], ['备注', '其他']])).toBeNull();
  });

  it('prefers the best row, and the earliest on a tie', () => {
    const layout = detectHeader([
      ['姓名', '性别'],
      ['姓名', '性别', '身份证号'],
      ['姓名', '性别', '身份证号'],
    ]);
    expect(layout?.firstHeaderIndex).toBe(1);
  });
});

describe('detectHeader: two-row headers', () => {
  it('combines a group cell with its sub-headers; other cells are merged down (empty below)', () => {
    const rows = [
      ['田水铺村花名册'],
      ['姓名', '与户主关系', '身份证号', '户籍性质', '村(居)', '独生子女证', null, '备注'],
      [null, null, null, null, null, '证号', '发证日期', null],
      ['张三', '户主', '120114195003021231', '农业', '田水铺村', 'W-123', today, ''],
    ];
    const layout = detectHeader(rows);
    expect(layout).toMatchObject({ firstHeaderIndex: 1, lastHeaderIndex: 2, missing: [], title: '田水铺村花名册' });
    expect(layout?.columns.slice(5)).toEqual([
      { column: 5, header: '独生子女证/证号', normalized: '独生子女证证号', key: 'oneChildCertificateNumber', how: 'synonym' },
      { column: 6, header: '独生子女证/发证日期', normalized: '独生子女证发证日期', key: 'oneChildCertificateDate', how: 'template' },
      { column: 7, header: '备注', normalized: '备注', key: null, how: null },
    ]);
  });

  it('keys every column by normalizeHeader of the header shown, so a choice made on it can be stored', () => {
    const layout = detectHeader([
      ['姓名', '身份证号', '独生子女证', null],
      [null, null, '证号', '发证日期'],
    ]);
    expect(layout?.columns.length).toBe(4);
    for (const c of layout?.columns ?? []) expect(c.normalized).toBe(normalizeHeader(c.header));
  });

  it('reads the same header when the reader repeats merged cells', () => {
    const rows = [
      ['姓名', '与户主关系', '身份证号', '户籍性质', '村(居)', '独生子女证', '独生子女证'],
      ['姓名', '与户主关系', '身份证号', '户籍性质', '村(居)', '证号', '发证日期'],
      ['张三', '户主', '120114195003021231', '农业', '田水铺村', 'W-123', today],
    ];
    const layout = detectHeader(rows);
    expect(layout).toMatchObject({ firstHeaderIndex: 0, lastHeaderIndex: 1, missing: [] });
    expect(layout?.columns.map((c) => c.header)).toEqual(['姓名', '与户主关系', '身份证号', '户籍性质', '村(居)', '独生子女证/证号', '独生子女证/发证日期']);
  });

  it('starts at the group row when the best-scoring row is the sub-header row', () => {
    const rows = [
      ['户号', '村', '家庭成员信息', null, null, null, '户籍性质'],
      [null, null, '姓名', '性别', '与户主关系', '身份证号', null],
      ['1', '田水铺村', '张三', '男', '户主', '120114195003021231', '农业'],
    ];
    const layout = detectHeader(rows);
    expect(layout).toMatchObject({ firstHeaderIndex: 0, lastHeaderIndex: 1, missing: [], title: null });
    expect(keysOf(layout)).toEqual({
      户号: 'householdNumber',
      村: 'village',
      '家庭成员信息/姓名': 'name',
      '家庭成员信息/性别': 'sex',
      '家庭成员信息/与户主关系': 'relation',
      '家庭成员信息/身份证号': 'idNumber',
      户籍性质: 'hukou',
    });
  });

  it('does not give a sub-header under 户主 to the member', () => {
    const rows = [
      ['户主', null, '姓名', '与户主关系', '身份证号', '户籍性质', '村'],
      ['姓名', '身份证号', null, null, null, null, null],
      ['张三', '120114195003021231', '张三', '户主', '120114195003021231', '农业', '田水铺村'],
    ];
    const layout = detectHeader(rows);
    expect(layout).toMatchObject({ firstHeaderIndex: 0, lastHeaderIndex: 1, missing: [] });
    expect(keysOf(layout)).toMatchObject({ '户主/姓名': null, '户主/身份证号': 'headIdNumber', 姓名: 'name', 身份证号: 'idNumber' });
  });

  it('does not take a data row for a second header row', () => {
    const rows = [
      ['姓名', '身份证号', '村', '关系', '户籍性质'],
      ['村', '120114195003021231', '田水铺村', '户主', '农业'],
    ];
    expect(detectHeader(rows)).toMatchObject({ firstHeaderIndex: 0, lastHeaderIndex: 0 });
  });

  it('does not take the 填报 line for a group row', () => {
    const rows = [
      ['填报单位：大良镇', null, '填报日期：2024-05-01'],
      ['姓名', '身份证号', '村'],
      ['张三', '120114195003021231', '田水铺村'],
    ];
    expect(detectHeader(rows)).toMatchObject({ firstHeaderIndex: 1, lastHeaderIndex: 1, title: '填报单位：大良镇 填报日期：2024-05-01' });
  });
});

describe('detectHeader: the user’s choices', () => {
  const rows = [['名', '身份证号', '户籍', '村', '关系', '手机号']];

  it('uses remembered choices, and the file’s mapping over them', () => {
    const remembered = { 名: 'name', 户籍: 'hukou', 手机号: null } as const;
    const withRemembered = detectHeader(rows, { remembered });
    expect(withRemembered?.columns.map((c) => [c.key, c.how])).toEqual([
      ['name', 'remembered'],
      ['idNumber', 'template'],
      ['hukou', 'remembered'],
      ['village', 'synonym'],
      ['relation', 'synonym'],
      [null, 'remembered'],
    ]);
    expect(withRemembered?.missing).toEqual([]);
    const withMapping = detectHeader(rows, { remembered, mapping: { 户籍: null, 手机号: 'phone' } });
    expect(withMapping?.columns.map((c) => [c.key, c.how])).toEqual([
      ['name', 'remembered'],
      ['idNumber', 'template'],
      [null, 'mapping'],
      ['village', 'synonym'],
      ['relation', 'synonym'],
      ['phone', 'mapping'],
    ]);
    expect(withMapping?.missing).toEqual(['hukou']);
  });

  it('lets a user’s choice take a field from an earlier column', () => {
    const layout = detectHeader([['身份证号', '证件号', '姓名']], { mapping: { 证件号: 'idNumber' } });
    expect(layout?.columns.map((c) => [c.key, c.how])).toEqual([
      [null, null],
      ['idNumber', 'mapping'],
      ['name', 'template'],
    ]);
  });

  it('counts the user’s texts when looking for the header, keyed by normalized text', () => {
    expect(detectHeader([['标题'], ['甲', '乙']])).toBeNull();
    const layout = detectHeader([['标题'], ['甲（必填）', '乙']], { remembered: { 甲: 'name', ' 乙 ': 'idNumber' } });
    expect(layout).toMatchObject({ firstHeaderIndex: 1, title: '标题' });
    expect(keysOf(layout)).toEqual({ '甲（必填）': 'name', 乙: 'idNumber' });
  });

  it('ignores a stored choice naming a field that no longer exists', () => {
    const layout = detectHeader([['姓名', '身份证号', '户口']], { remembered: { 户口: 'nonsense' as RosterKey } });
    expect(layout?.columns[2]).toMatchObject({ key: null, how: null });
  });
});
