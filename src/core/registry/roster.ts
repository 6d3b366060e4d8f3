import { checkIdNumber, type IdCheckReason } from '../ids/idNumber.ts';

/**
 * The township roster (花名册) as offices keep it in Excel: its columns, and the validation of one
 * row into a person of the register. Pure: village look-up and duplicate detection are the
 * caller's.
 */
export const rosterColumns = [
  { key: 'householdNumber', header: '户号', required: true, example: 'YC001-0001' },
  { key: 'village', header: '村(居)', required: true, example: '和平里社区' },
  { key: 'address', header: '家庭住址', required: true, example: '杨村街道和平里3号楼2门101' },
  { key: 'name', header: '姓名', required: true, example: '张晓明' },
  { key: 'relation', header: '与户主关系', required: true, example: '户主' },
  { key: 'sex', header: '性别', required: false, example: '男' },
  { key: 'birthDate', header: '出生日期', required: false, example: '1950-03-02' },
  { key: 'idNumber', header: '身份证号', required: true, example: '120114195003021237' },
  { key: 'hukou', header: '户籍性质', required: true, example: '农业' },
  { key: 'maritalStatus', header: '婚姻状况', required: false, example: '已婚' },
  { key: 'phone', header: '联系电话', required: false, example: '13812345678' },
  { key: 'deathDate', header: '死亡日期', required: false, example: '' },
  { key: 'oneChildCertificateNumber', header: '独生子女证号', required: false, example: '' },
  { key: 'oneChildCertificateDate', header: '独生子女证发证日期', required: false, example: '' },
] as const;

export type RosterKey = (typeof rosterColumns)[number]['key'];
export type RawRow = Partial<Record<RosterKey, unknown>>;

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other';
export type Hukou = 'rural' | 'urban';
export type MaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed' | 'unknown';

export interface RosterPerson {
  householdNumber: string;
  village: string;
  address: string;
  name: string;
  relation: Relation;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  hukou: Hukou;
  maritalStatus: MaritalStatus;
  phone: string | null;
  deathDate: string | null;
  oneChildCertificateNumber: string | null;
  oneChildCertificateDate: string | null;
}

export interface RowProblem {
  column: string;
  code: string;
  reason: string;
}

export type RowResult = { ok: true; person: RosterPerson } | { ok: false; problems: RowProblem[] };

const relations: Record<string, Relation> = {
  户主: 'head', 本人: 'head', 配偶: 'spouse', 妻: 'spouse', 夫: 'spouse', 妻子: 'spouse', 丈夫: 'spouse',
  子女: 'child', 子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 长子: 'child', 长女: 'child', 次子: 'child', 次女: 'child', 养子: 'child', 养女: 'child',
  父母: 'parent', 父亲: 'parent', 母亲: 'parent', 父: 'parent', 母: 'parent',
  孙子女: 'grandchild', 孙子: 'grandchild', 孙女: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild',
  其他: 'other',
};
const hukous: Record<string, Hukou> = { 农业: 'rural', 农村: 'rural', 农业户口: 'rural', 非农业: 'urban', 非农: 'urban', 城镇: 'urban', 非农业户口: 'urban', 居民: 'urban' };
const maritals: Record<string, MaritalStatus> = { 未婚: 'unmarried', 已婚: 'married', 初婚: 'married', 再婚: 'married', 复婚: 'married', 离婚: 'divorced', 离异: 'divorced', 丧偶: 'widowed' };

const idReasons: Record<IdCheckReason, string> = {
  length: '身份证号位数不对(应为18位或15位)',
  chars: '身份证号含非法字符(只能是数字,末位可为X)',
  checksum: '身份证号校验码错误',
  date: '身份证号中的出生日期不存在',
  future: '身份证号中的出生日期晚于今天',
  division: '身份证号的行政区划代码无效',
};

export class FormulaCell {
  constructor(readonly formula: string) {}
}

/** Text of a cell: trimmed, full-width digits and letters folded, ideographic spaces removed. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value) ?? '';
  const text = typeof value === 'number' ? String(value) : String(value);
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0]/g, ' ')
    .trim();
}

function isoDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

/**
 * A date cell: a date value, an Excel serial number (1900 system), or text as YYYY-MM-DD,
 * YYYY/M/D, YYYY.M.D, YYYYMMDD or YYYY年M月D日. Ambiguous forms (D/M/Y, two-digit years) are refused.
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 2958465) return null;
    // Excel counts 1900-02-29, which never existed; serials from 61 on are one day late.
    return isoDate(new Date(Date.UTC(1899, 11, value >= 61 ? 30 : 31) + value * 86_400_000));
  }
  const text = cellText(value);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}$/.test(text)) return parseDate(Number(text));
  return null;
}

/** Validates one roster row; `today` bounds dates (YYYY-MM-DD, China calendar). */
export function validateRosterRow(raw: RawRow, today: string): RowResult {
  const problems: RowProblem[] = [];
  const header = (key: RosterKey) => rosterColumns.find((c) => c.key === key)?.header ?? key;
  const problem = (key: RosterKey, code: string, reason: string) => problems.push({ column: header(key), code, reason });
  const text = (key: RosterKey): string => {
    const v = raw[key];
    if (v instanceof FormulaCell) {
      problem(key, 'formula', `单元格含公式(${v.formula}),请复制后“粘贴为数值”再导入`);
      return '';
    }
    return cellText(v);
  };
  for (const column of rosterColumns) {
    const value = raw[column.key];
    if (column.required && !(value instanceof FormulaCell) && cellText(value) === '') {
      problem(column.key, 'required', `${column.header}不能为空`);
    }
  }
  const dateOf = (key: RosterKey): string | null => {
    const value = raw[key];
    if (value instanceof FormulaCell || cellText(value) === '') return null;
    const date = parseDate(value);
    if (date === null) problem(key, 'date', `${header(key)}“${cellText(value)}”不是有效日期(应为 2011-06-15 这样的格式)`);
    else if (date > today) problem(key, 'future', `${header(key)}${date}晚于今天`);
    return date;
  };

  const idText = text('idNumber');
  const id = idText === '' ? null : checkIdNumber(idText, new Date(`${today}T12:00:00+08:00`));
  if (id && !id.valid && id.reason) problem('idNumber', `id_${id.reason}`, idReasons[id.reason]);

  const name = text('name').replace(/\s+/g, '');
  if (name.length > 40) problem('name', 'too_long', '姓名过长(最多40个字)');

  const relationText = text('relation');
  const relation = relations[relationText];
  if (relationText !== '' && !relation) problem('relation', 'unknown', `与户主关系“${relationText}”无法识别(可填:户主、配偶、子女、父母、孙子女、其他)`);

  const hukouText = text('hukou');
  const hukou = hukous[hukouText];
  if (hukouText !== '' && !hukou) problem('hukou', 'unknown', `户籍性质“${hukouText}”无法识别(应为“农业”或“非农业”)`);

  const maritalText = text('maritalStatus');
  const marital = maritalText === '' ? 'unknown' : maritals[maritalText];
  if (!marital) problem('maritalStatus', 'unknown', `婚姻状况“${maritalText}”无法识别(未婚、已婚、离婚、丧偶)`);

  const sexText = text('sex');
  const sex = sexText === '男' ? 'M' : sexText === '女' ? 'F' : sexText === '' ? null : undefined;
  if (sex === undefined) problem('sex', 'unknown', `性别“${sexText}”无法识别(应为“男”或“女”)`);
  if (id?.valid && sex && (sex === 'M') !== (id.sex === 'male')) {
    problem('sex', 'sex_mismatch', `性别与身份证号不符(身份证号表明为${id.sex === 'male' ? '男' : '女'})`);
  }

  const birthDate = dateOf('birthDate');
  if (id?.valid && birthDate && birthDate !== id.birthDate) {
    problem('birthDate', 'birth_mismatch', `出生日期与身份证号不符(身份证号表明为${id.birthDate})`);
  }
  const deathDate = dateOf('deathDate');
  if (deathDate && id?.birthDate && deathDate < id.birthDate) problem('deathDate', 'before_birth', '死亡日期早于出生日期');

  const phone = text('phone').replace(/[\s-]/g, '');
  if (phone !== '' && !/^(1[3-9]\d{9}|0\d{9,11}|\d{7,8})$/.test(phone)) {
    problem('phone', 'phone', `联系电话“${phone}”格式不正确(手机号11位,或区号+座机号)`);
  }
  const certNumber = text('oneChildCertificateNumber');
  const certDate = dateOf('oneChildCertificateDate');
  if (certDate && certNumber === '') problem('oneChildCertificateNumber', 'required', '填写了发证日期,但未填独生子女证号');

  if (problems.length > 0 || !id?.valid || !id.normalized || !id.birthDate || !id.sex || !relation || !hukou || !marital) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    person: {
      householdNumber: text('householdNumber'),
      village: text('village'),
      address: text('address'),
      name,
      relation,
      sex: id.sex === 'male' ? 'M' : 'F',
      birthDate: id.birthDate,
      idNumber: id.normalized,
      hukou,
      maritalStatus: marital,
      phone: phone === '' ? null : phone,
      deathDate,
      oneChildCertificateNumber: certNumber === '' ? null : certNumber,
      oneChildCertificateDate: certDate,
    },
  };
}

/** Maps a header row to roster keys; reports required columns that are missing and unknown ones. */
export function mapHeaders(headers: readonly unknown[]): { index: Map<RosterKey, number>; missing: string[]; unknown: string[] } {
  const index = new Map<RosterKey, number>();
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    const text = cellText(h).replace(/\s+/g, '');
    if (text === '') return;
    const column = rosterColumns.find((c) => cellText(c.header) === text);
    if (column && !index.has(column.key)) index.set(column.key, i);
    else unknown.push(text);
  });
  const missing = rosterColumns.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  return { index, missing, unknown };
}
