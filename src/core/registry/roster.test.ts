import { describe, expect, it } from 'vitest';
import { cellText, FormulaCell, parseDate, rosterColumns, validateRosterRow, type RawRow } from './roster.ts';

const today = '2026-11-29';
const base = { householdNumber: 'H1', village: '和平里社区', address: '1号', name: '张三', relation: '户主', idNumber: '120114198506121238', hukou: '农业' };
/** Born 1990-05-20, female. */
const womanId = '120114199005201242';

function problems(raw: RawRow): string[] {
  const r = validateRosterRow(raw, today);
  return r.ok ? [] : r.problems.map((p) => `${p.column}:${p.code}`);
}

describe('roster columns', () => {
  it('requires village, name, relation, ID number and hukou only', () => {
    expect(rosterColumns.filter((c) => c.required).map((c) => c.key)).toEqual(['village', 'name', 'relation', 'idNumber', 'hukou']);
    expect(rosterColumns.slice(-3).map((c) => [c.key, c.header, c.required, c.example])).toEqual([
      ['headIdNumber', '户主身份证号', false, ''],
      ['movedOutOn', '迁出日期', false, ''],
      ['moveDestination', '迁往地', false, ''],
    ]);
  });

  it('has a template example row that passes validation', () => {
    const example: RawRow = Object.fromEntries(rosterColumns.map((c) => [c.key, c.example]));
    const r = validateRosterRow(example, '2026-12-07');
    expect(r).toMatchObject({
      ok: true,
      person: { idNumber: '120114195003021231', birthDate: '1950-03-02', sex: 'M', relation: 'head', kinship: { kin: 'head' } },
    });
  });
});

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
    expect(r).toMatchObject({
      ok: true,
      person: { name: '张三', sex: 'M', birthDate: '1985-06-12', idNumber: '120114198506121238', relation: 'head', hukou: 'rural', maritalStatus: 'unknown' },
    });
  });

  it('converts a 15-digit legacy number', () => {
    expect(validateRosterRow({ ...base, idNumber: '120114850612123' }, today)).toMatchObject({ ok: true, person: { idNumber: '120114198506121238' } });
  });

  it('accepts a row without household number and address', () => {
    const r = validateRosterRow({ ...base, householdNumber: '', address: null }, today);
    expect(r).toMatchObject({ ok: true, person: { householdNumber: null, address: null, headIdNumber: null, movedOutOn: null, moveDestination: null } });
  });

  it('names every problem with its column and a stable code', () => {
    const codes = problems({
      ...base,
      name: '',
      idNumber: '120114198506121239',
      relation: '待定',
      hukou: '农转非',
      maritalStatus: '同居',
      phone: '12345',
      sex: { toString: () => '?' } as unknown as string,
      deathDate: '2999-01-01',
      oneChildCertificateDate: '1990-01-01',
    });
    expect(codes).toEqual(
      expect.arrayContaining([
        '姓名:required',
        '身份证号:id_checksum',
        '与户主关系:unknown',
        '户籍性质:unknown',
        '婚姻状况:unknown',
        '联系电话:phone',
        '性别:unknown',
        '死亡日期:future',
        '独生子女证号:required',
      ]),
    );
  });

  it('does not take words of the object prototype for hukou or marital status', () => {
    expect(problems({ ...base, hukou: 'constructor', maritalStatus: 'toString' })).toEqual(['户籍性质:unknown', '婚姻状况:unknown']);
  });

  it('writes messages with full-width punctuation', () => {
    const r = validateRosterRow({ ...base, idNumber: '12011419850612', relation: '待定', phone: '12345' }, today);
    const reasons = r.ok ? [] : r.problems.map((p) => p.reason);
    expect(reasons).toContain('身份证号位数不对（应为18位或15位）');
    for (const reason of reasons) expect(reason, reason).not.toMatch(/[(),:;]/);
  });

  it('refuses formula cells once, with a hint, in text and date columns', () => {
    const r = validateRosterRow({ ...base, hukou: new FormulaCell('IF(A1,"农业","")') }, today);
    expect(r.ok ? [] : r.problems).toEqual([{ column: '户籍性质', code: 'formula', reason: expect.stringContaining('粘贴为数值') }]);
    expect(problems({ ...base, deathDate: new FormulaCell('TODAY()') })).toEqual(['死亡日期:formula']);
    expect(problems({ ...base, birthDate: new FormulaCell('DATE(1985,6,12)') })).toEqual(['出生日期:formula']);
  });
});

describe('relation to head', () => {
  it('reads words and GB/T 4761 codes into a kinship and the person table relation', () => {
    expect(validateRosterRow({ ...base, relation: '长子' }, today)).toMatchObject({
      ok: true,
      person: { relation: 'child', kinship: { kin: 'child', sex: 'M' } },
    });
    expect(validateRosterRow({ ...base, relation: '02' }, today)).toMatchObject({ ok: true, person: { relation: 'head' } });
    expect(validateRosterRow({ ...base, idNumber: womanId, relation: '38' }, today)).toMatchObject({
      ok: true,
      person: { relation: 'other', kinship: { kin: 'childInLaw', line: 'son' } },
    });
  });

  it('lists the usual words when it cannot read one', () => {
    const r = validateRosterRow({ ...base, relation: '待定' }, today);
    const reason = r.ok ? '' : (r.problems[0]?.reason ?? '');
    expect(reason).toContain('与户主关系“待定”无法识别');
    for (const word of ['户主', '配偶', '儿媳', '女婿', '孙子', '其他亲属']) expect(reason).toContain(word);
  });

  it('refuses the single digits 1 and 2, which may be one-digit codes or two-digit codes without their 0', () => {
    expect(problems({ ...base, relation: 2 })).toEqual(['与户主关系:ambiguous']);
    expect(problems({ ...base, relation: '1' })).toEqual(['与户主关系:ambiguous']);
  });

  it('refuses a word whose sex contradicts the ID number', () => {
    expect(problems({ ...base, relation: '长女' })).toEqual(['与户主关系:sex_mismatch']);
    expect(problems({ ...base, relation: '妻' })).toEqual(['与户主关系:sex_mismatch']);
  });
});

describe('birth date column', () => {
  it('accepts a year and month that agree with the ID number (出生年月)', () => {
    for (const birthDate of ['1985.06', '1985-6', '1985年6月', '198506', 1985.06]) {
      expect(problems({ ...base, birthDate }), String(birthDate)).toEqual([]);
    }
    // 1985.1 typed in a number cell may be January or October (1985.10).
    expect(problems({ ...base, idNumber: '120114198510121230', birthDate: 1985.1 })).toEqual([]);
    expect(problems({ ...base, birthDate: '1985.07' })).toEqual(['出生日期:birth_mismatch']);
    expect(problems({ ...base, birthDate: '1985.13' })).toEqual(['出生日期:date']);
  });

  it('takes a date value on the 1st of the right month as a month-only cell, but not typed text', () => {
    expect(problems({ ...base, birthDate: new Date(Date.UTC(1985, 5, 1)) })).toEqual([]);
    expect(problems({ ...base, birthDate: '1985-06-01' })).toEqual(['出生日期:birth_mismatch']);
    expect(problems({ ...base, birthDate: '1985-06-12' })).toEqual([]);
  });
});

describe('head ID number, moving out', () => {
  it('validates and normalizes the head ID number like the ID number', () => {
    const r = validateRosterRow({ ...base, idNumber: womanId, relation: '妻', headIdNumber: '120114850612123' }, today);
    expect(r).toMatchObject({ ok: true, person: { headIdNumber: '120114198506121238', relation: 'spouse' } });
    expect(problems({ ...base, headIdNumber: '120114198506121239' })).toEqual(['户主身份证号:id_checksum']);
    const reason = validateRosterRow({ ...base, headIdNumber: '1201141985' }, today);
    expect(reason.ok ? '' : reason.problems[0]?.reason).toBe('户主身份证号位数不对（应为18位或15位）');
  });

  it('expects a head to carry their own number as head ID number', () => {
    expect(problems({ ...base, headIdNumber: '11010519491231002X' })).toEqual(['户主身份证号:head_mismatch']);
    expect(problems({ ...base, headIdNumber: '120114198506121238' })).toEqual([]);
  });

  it('reads the moving-out date and destination', () => {
    const r = validateRosterRow({ ...base, movedOutOn: '2020/5/1', moveDestination: ' 北京市朝阳区 ' }, today);
    expect(r).toMatchObject({ ok: true, person: { movedOutOn: '2020-05-01', moveDestination: '北京市朝阳区' } });
    expect(problems({ ...base, movedOutOn: '2999-01-01' })).toEqual(['迁出日期:future']);
    expect(problems({ ...base, movedOutOn: '1980-01-01' })).toEqual(['迁出日期:before_birth']);
    expect(problems({ ...base, movedOutOn: '去年' })).toEqual(['迁出日期:date']);
  });
});
