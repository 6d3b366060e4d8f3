import { checkIdNumber, type IdCheckReason, type IdCheckResult } from '../ids/idNumber.ts';
import { isAmbiguousKinshipCode, parseKinship, usualKinshipWords, type Kinship, type Relation } from './kinship.ts';

export type { Relation } from './kinship.ts';

/**
 * The township roster (花名册) as offices keep it in Excel: its columns, and the validation of one
 * row into a person of the register. Pure: finding the header (rosterHeaders.ts), village look-up,
 * duplicate detection and family links (kinship.ts) are the caller's.
 */
export const rosterColumns = [
  { key: 'householdNumber', header: '户号', required: false, example: 'YC001-0001' },
  { key: 'village', header: '村(居)', required: true, example: '和平里社区' },
  { key: 'address', header: '家庭住址', required: false, example: '杨村街道和平里3号楼2门101' },
  { key: 'name', header: '姓名', required: true, example: '张晓明' },
  { key: 'relation', header: '与户主关系', required: true, example: '户主' },
  { key: 'sex', header: '性别', required: false, example: '男' },
  { key: 'birthDate', header: '出生日期', required: false, example: '1950-03-02' },
  { key: 'idNumber', header: '身份证号', required: true, example: '120114195003021231' },
  { key: 'hukou', header: '户籍性质', required: true, example: '农业' },
  { key: 'maritalStatus', header: '婚姻状况', required: false, example: '已婚' },
  { key: 'phone', header: '联系电话', required: false, example: '13812345678' },
  { key: 'deathDate', header: '死亡日期', required: false, example: '' },
  { key: 'oneChildCertificateNumber', header: '独生子女证号', required: false, example: '' },
  { key: 'oneChildCertificateDate', header: '独生子女证发证日期', required: false, example: '' },
  { key: 'headIdNumber', header: '户主身份证号', required: false, example: '' },
  { key: 'movedOutOn', header: '迁出日期', required: false, example: '' },
  { key: 'moveDestination', header: '迁往地', required: false, example: '' },
] as const;

export type RosterKey = (typeof rosterColumns)[number]['key'];

/** A field's header in the template, as messages and the error workbook name the column. */
export function rosterHeader(key: RosterKey): string {
  return rosterColumns.find((c) => c.key === key)?.header ?? key;
}
export type RawRow = Partial<Record<RosterKey, unknown>>;

export type Hukou = 'rural' | 'urban';
export type MaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed' | 'unknown';

export interface RosterPerson {
  householdNumber: string | null;
  village: string;
  address: string | null;
  name: string;
  /** The person table's relation_to_head. */
  relation: Relation;
  /** What the relation column said, in detail (长子, 儿媳, 外孙女…). */
  kinship: Kinship;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  hukou: Hukou;
  maritalStatus: MaritalStatus;
  phone: string | null;
  deathDate: string | null;
  oneChildCertificateNumber: string | null;
  oneChildCertificateDate: string | null;
  /** Normalized like idNumber. */
  headIdNumber: string | null;
  movedOutOn: string | null;
  moveDestination: string | null;
}

export interface RowProblem {
  column: string;
  code: string;
  reason: string;
}

export type RowResult = { ok: true; person: RosterPerson } | { ok: false; problems: RowProblem[] };

const hukous: Record<string, Hukou> = {
  农业: 'rural',
  农村: 'rural',
  农业户口: 'rural',
  农村户口: 'rural',
  农业户籍: 'rural',
  非农业: 'urban',
  非农: 'urban',
  城镇: 'urban',
  非农业户口: 'urban',
  非农户口: 'urban',
  城镇户口: 'urban',
  非农业户籍: 'urban',
  居民: 'urban',
};
const maritals: Record<string, MaritalStatus> = {
  未婚: 'unmarried',
  已婚: 'married',
  初婚: 'married',
  再婚: 'married',
  复婚: 'married',
  离婚: 'divorced',
  离异: 'divorced',
  丧偶: 'widowed',
};

const idReasons: Record<IdCheckReason, (column: string) => string> = {
  length: (c) => `${c}位数不对（应为18位或15位）`,
  chars: (c) => `${c}含非法字符（只能是数字，末位可为X）`,
  checksum: (c) => `${c}校验码错误`,
  date: (c) => `${c}中的出生日期不存在`,
  future: (c) => `${c}中的出生日期晚于今天`,
  division: (c) => `${c}的行政区划代码无效`,
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

/**
 * Year and month of a "出生年月" cell: 1950.03, 1950-3, 1950年3月, 195003. A number 1950.1 may be
 * January or October (Excel dropped the 0 of 1950.10): both are returned. Null when it is not one.
 */
function yearMonths(value: unknown): string[] | null {
  const text = cellText(value);
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const months = typeof value === 'number' && /^\d{4}\.\d$/.test(text) ? [month, month * 10] : [month];
  const valid = months.filter((n) => n >= 1 && n <= 12);
  return valid.length === 0 ? null : valid.map((n) => `${m[1]}-${String(n).padStart(2, '0')}`);
}

/** One roster row being read: its cells as text, dates and ID numbers, with every problem found on the way. */
class RowReader {
  readonly problems: RowProblem[] = [];
  private readonly todayInstant: Date;

  constructor(
    readonly raw: RawRow,
    readonly today: string,
  ) {
    this.todayInstant = new Date(`${today}T12:00:00+08:00`);
  }

  problem(key: RosterKey, code: string, reason: string): void {
    this.problems.push({ column: rosterHeader(key), code, reason });
  }

  text(key: RosterKey): string {
    const v = this.raw[key];
    if (v instanceof FormulaCell) {
      this.problem(key, 'formula', `单元格含公式（${v.formula}），请复制后“粘贴为数值”再导入`);
      return '';
    }
    return cellText(v);
  }

  requiredPresent(): void {
    for (const column of rosterColumns) {
      const value = this.raw[column.key];
      if (column.required && !(value instanceof FormulaCell) && cellText(value) === '') this.problem(column.key, 'required', `${column.header}不能为空`);
    }
  }

  date(key: RosterKey): string | null {
    const value = this.raw[key];
    if (value instanceof FormulaCell) this.text(key);
    if (value instanceof FormulaCell || cellText(value) === '') return null;
    const date = parseDate(value);
    if (date === null) this.problem(key, 'date', `${rosterHeader(key)}“${cellText(value)}”不是有效日期（应为 2011-06-15 这样的格式）`);
    else if (date > this.today) this.problem(key, 'future', `${rosterHeader(key)}${date}晚于今天`);
    return date;
  }

  id(key: 'idNumber' | 'headIdNumber'): IdCheckResult | null {
    const t = this.text(key);
    const id = t === '' ? null : checkIdNumber(t, this.todayInstant);
    if (id && !id.valid && id.reason) this.problem(key, `id_${id.reason}`, idReasons[id.reason](rosterHeader(key)));
    return id;
  }
}

const sexWord = (s: 'M' | 'F') => (s === 'M' ? '男' : '女');
const orNull = (t: string) => (t === '' ? null : t);

/** The relation to the head, as a kinship; null when empty or not understood (a problem says which). */
function relationOf(r: RowReader, idSex: 'M' | 'F' | null) {
  const relationText = r.text('relation');
  const kinship = relationText === '' ? null : parseKinship(relationText);
  if (relationText !== '' && !kinship) {
    if (isAmbiguousKinshipCode(relationText)) {
      r.problem(
        'relation',
        'ambiguous',
        `与户主关系“${relationText}”有歧义：可能是一位代码（1 配偶、2 子），也可能是丢了开头0的两位代码（01 本人、02 户主）；请填写文字，或把该列设为文本格式后填写两位代码`,
      );
    } else {
      r.problem(
        'relation',
        'unknown',
        `与户主关系“${relationText}”无法识别（可填：${usualKinshipWords.join('、')}等，或家庭关系代码，如 02 户主、10 配偶、20 子、30 女）`,
      );
    }
  }
  if (kinship?.sex && idSex && kinship.sex !== idSex) {
    r.problem('relation', 'sex_mismatch', `与户主关系“${relationText}”与身份证号表明的性别（${sexWord(idSex)}）不符`);
  }
  return kinship;
}

/** Hukou, marital status and the sex column, each from its words. */
function codedCells(r: RowReader, idSex: 'M' | 'F' | null) {
  const hukouText = r.text('hukou');
  const hukou = Object.hasOwn(hukous, hukouText) ? hukous[hukouText] : undefined;
  if (hukouText !== '' && !hukou) r.problem('hukou', 'unknown', `户籍性质“${hukouText}”无法识别（应为“农业”或“非农业”）`);

  const maritalText = r.text('maritalStatus');
  const marital = maritalText === '' ? 'unknown' : Object.hasOwn(maritals, maritalText) ? maritals[maritalText] : undefined;
  if (!marital) r.problem('maritalStatus', 'unknown', `婚姻状况“${maritalText}”无法识别（未婚、已婚、离婚、丧偶）`);

  const sexText = r.text('sex');
  const sex = sexText === '男' ? 'M' : sexText === '女' ? 'F' : sexText === '' ? null : undefined;
  if (sex === undefined) r.problem('sex', 'unknown', `性别“${sexText}”无法识别（应为“男”或“女”）`);
  if (idSex && sex && sex !== idSex) r.problem('sex', 'sex_mismatch', `性别与身份证号不符（身份证号表明为${sexWord(idSex)}）`);
  return { hukou, marital };
}

/** Validates one roster row; `today` bounds dates (YYYY-MM-DD, China calendar). */
export function validateRosterRow(raw: RawRow, today: string): RowResult {
  const r = new RowReader(raw, today);
  r.requiredPresent();
  const id = r.id('idNumber');
  const idSex = id?.valid ? (id.sex === 'male' ? 'M' : 'F') : null;

  const name = r.text('name').replace(/\s+/g, '');
  if (name.length > 40) r.problem('name', 'too_long', '姓名过长（最多40个字）');
  const kinship = relationOf(r, idSex);
  const { hukou, marital } = codedCells(r, idSex);

  checkBirthDate(raw.birthDate, id, today, (code, reason) => r.problem('birthDate', code, reason));
  const deathDate = r.date('deathDate');
  if (deathDate && id?.birthDate && deathDate < id.birthDate) r.problem('deathDate', 'before_birth', '死亡日期早于出生日期');
  const movedOutOn = r.date('movedOutOn');
  if (movedOutOn && id?.birthDate && movedOutOn < id.birthDate) r.problem('movedOutOn', 'before_birth', '迁出日期早于出生日期');
  const moveDestination = orNull(r.text('moveDestination'));

  const headId = r.id('headIdNumber');
  if (headId?.valid && id?.valid && kinship?.kin === 'head' && headId.normalized !== id.normalized) {
    r.problem('headIdNumber', 'head_mismatch', '本人是户主，户主身份证号应与本人身份证号相同');
  }

  const phone = r.text('phone').replace(/[\s-]/g, '');
  if (phone !== '' && !/^(1[3-9]\d{9}|0\d{9,11}|\d{7,8})$/.test(phone)) {
    r.problem('phone', 'phone', `联系电话“${phone}”格式不正确（手机号11位，或区号+座机号）`);
  }
  const certNumber = r.text('oneChildCertificateNumber');
  const certDate = r.date('oneChildCertificateDate');
  if (certDate && certNumber === '') r.problem('oneChildCertificateNumber', 'required', '填写了发证日期，但未填独生子女证号');

  if (r.problems.length > 0 || !id?.valid || !id.normalized || !id.birthDate || !idSex || !kinship || !hukou || !marital) {
    return { ok: false, problems: r.problems };
  }
  return {
    ok: true,
    person: {
      householdNumber: orNull(r.text('householdNumber')),
      village: r.text('village'),
      address: orNull(r.text('address')),
      name,
      relation: kinship.relation,
      kinship,
      sex: idSex,
      birthDate: id.birthDate,
      idNumber: id.normalized,
      hukou,
      maritalStatus: marital,
      phone: orNull(phone),
      deathDate,
      oneChildCertificateNumber: orNull(certNumber),
      oneChildCertificateDate: certDate,
      headIdNumber: headId?.normalized ?? null,
      movedOutOn,
      moveDestination,
    },
  };
}

/**
 * The birth-date column, which only has to agree with the ID number: a full date, or a year and
 * month (a "出生年月" column). A date value or serial on the 1st of the ID's month is taken as a
 * cell formatted to show the month only.
 */
function checkBirthDate(value: unknown, id: IdCheckResult | null, today: string, problem: (code: string, reason: string) => void): void {
  if (value instanceof FormulaCell) {
    problem('formula', `单元格含公式（${value.formula}），请复制后“粘贴为数值”再导入`);
    return;
  }
  const text = cellText(value);
  if (text === '') return;
  const idBirth = id?.valid ? id.birthDate : null;
  const date = parseDate(value);
  if (date !== null) {
    if (date > today) problem('future', `出生日期${date}晚于今天`);
    else if (idBirth && date !== idBirth) {
      const monthOnly = (value instanceof Date || typeof value === 'number') && date.endsWith('-01') && date.slice(0, 7) === idBirth.slice(0, 7);
      if (!monthOnly) problem('birth_mismatch', `出生日期与身份证号不符（身份证号表明为${idBirth}）`);
    }
    return;
  }
  const months = yearMonths(value);
  if (months === null) problem('date', `出生日期“${text}”不是有效日期（应为 2011-06-15 这样的格式）`);
  else if (idBirth && !months.includes(idBirth.slice(0, 7))) problem('birth_mismatch', `出生年月与身份证号不符（身份证号表明为${idBirth}）`);
}
