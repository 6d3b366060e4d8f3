import { describe, expect, it } from 'vitest';
import { cellText, FormulaCell, mapHeaders, parseDate, rosterColumns, validateRosterRow } from './roster.ts';

const today = '2026-11-29';
const base = { householdNumber: 'H1', village: '和平里社区', address: '1号', name: '张三', relation: '户主', idNumber: '120114198506121238', hukou: '农业' };

describe('roster rows', () => {
  it('reads dates as Excel serials (1900 system, with its phantom 29 February), date values and text forms', () => {
    expect(parseDate(1)).toBe('1900-01-01');
    expect(parseDate(59)).toBe('1900-02-28');
    expect(parseDate(61)).toBe('1900-03-01');
    expect(parseDate(31210)).toBe('1985-06-12');
    expect(parseDate('31210')).toBe('1985-06-12');
    expect(parseDate(new Date(Date.UTC(1985, 5, 12)))).toBe('1985-06-12');
    for (const text of ['1985-06-12', '1985/6/12', '1985.06.12', '19850612', '1985年6月12日', ' 1985-06-12 ']) expect(parseDate(text), text).toBe('1985-06-12');
    for (const bad of ['12/06/1985', '85-06-12', '1985-02-30', '1985-13-01', 'yesterday', 31210.5, -3]) expect(parseDate(bad), String(bad)).toBeNull();
  });

  it('folds full-width digits and spaces', () => {
    expect(cellText('\u3000１２０１１４\u00a0')).toBe('120114');
  });

  it('accepts a well-formed row and derives sex and birth date from the ID number', () => {
    const r = validateRosterRow({ ...base, idNumber: '１２０１１４１９８５０６１２１２３８', name: ' 张 三 ' }, today);
    expect(r).toMatchObject({ ok: true, person: { name: '张三', sex: 'M', birthDate: '1985-06-12', idNumber: '120114198506121238', relation: 'head', hukou: 'rural', maritalStatus: 'unknown' } });
  });

  it('converts a 15-digit legacy number', () => {
    expect(validateRosterRow({ ...base, idNumber: '120114850612123' }, today)).toMatchObject({ ok: true, person: { idNumber: '120114198506121238' } });
  });

  it('names every problem with its column and a stable code', () => {
    const r = validateRosterRow({ ...base, name: '', idNumber: '120114198506121239', relation: '表哥', hukou: '农转非', maritalStatus: '同居', phone: '12345', sex: { toString: () => '?' } as unknown as string, deathDate: '2999-01-01', oneChildCertificateDate: '1990-01-01' }, today);
    expect(r.ok).toBe(false);
    const codes = r.ok ? [] : r.problems.map((p) => `${p.column}:${p.code}`);
    expect(codes).toEqual(expect.arrayContaining(['姓名:required', '身份证号:id_checksum', '与户主关系:unknown', '户籍性质:unknown', '婚姻状况:unknown', '联系电话:phone', '性别:unknown', '死亡日期:future', '独生子女证号:required']));
  });

  it('refuses formula cells once, with a hint', () => {
    const r = validateRosterRow({ ...base, hukou: new FormulaCell('IF(A1,"农业","")') }, today);
    expect(r.ok ? [] : r.problems).toEqual([{ column: '户籍性质', code: 'formula', reason: expect.stringContaining('粘贴为数值') }]);
  });

  it('maps headers whatever their width or spacing, and reports the missing ones', () => {
    const headers = rosterColumns.map((c) => c.header);
    expect(mapHeaders(headers).missing).toEqual([]);
    const m = mapHeaders([' 户 号 ', '村(居)', '姓名', '备注']);
    expect(m.index.get('householdNumber')).toBe(0);
    expect(m.index.get('village')).toBe(1);
    expect(m.unknown).toEqual(['备注']);
    expect(m.missing).toEqual(['家庭住址', '与户主关系', '身份证号', '户籍性质']);
  });
});
