/**
 * The eligibility self-check's form, read: the fields a member of the public fills in (no name, no
 * ID number) turned into the situation the office's engine evaluates, or plain Chinese messages
 * that say what to correct. Pure: the form's values, the business date and the district's
 * townships in; nothing is kept.
 */
import { daysInMonth, isCalendarDate } from '../benefits/dates.ts';
import { parseSituation, type Child, type Parent, type Situation } from '../benefits/types.ts';

/** How many children the form has rows for. */
export const CHILD_ROWS = 4;

/** The form's values as entered (strings, '' when empty), to fill the form in again. */
export type SelfCheckValues = Record<string, string>;

export interface Township {
  code: string;
  name: string;
}

export type SelfCheckParse = { ok: true; values: SelfCheckValues; situation: Situation } | { ok: false; values: SelfCheckValues; errors: string[] };

const FIELDS = ['month', 'township', 'sex', 'birth', 'hukou', 'marital', 'spouseBirth', 'spouseHukou', 'certificate', 'outOfPolicy', 'quotaWaived'];
const CHILD_FIELDS = ['Sex', 'Birth', 'Alive', 'Death', 'Adopted', 'Grade', 'Hospital'];

/** The field names the form posts; anything else is ignored. */
export const formFields: readonly string[] = [...FIELDS, ...Array.from({ length: CHILD_ROWS }, (_, i) => CHILD_FIELDS.map((f) => `c${i + 1}${f}`)).flat()];

/** The month asked about by default: the business month. */
export function defaultValues(today: string): SelfCheckValues {
  return { month: today.slice(0, 7), hukou: 'rural', spouseHukou: 'rural', marital: 'married' };
}

/** Reads the posted fields (at most 200 characters each). */
export function formValues(form: URLSearchParams): SelfCheckValues {
  const values: SelfCheckValues = {};
  for (const name of formFields) {
    const v = form.get(name);
    if (v !== null && v.trim() !== '') values[name] = v.trim().slice(0, 200);
  }
  return values;
}

/** Months one may ask about: from 2009 to a year after the business month. */
function evaluatedDate(month: string | undefined, today: string): string | null {
  if (month === undefined || !/^[0-9]{4}-[0-9]{2}$/.test(month)) return null;
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (m < 1 || m > 12 || month < '2009-01') return null;
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  if ((y - ty) * 12 + (m - tm) > 12) return null;
  if (month === today.slice(0, 7)) return today;
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

const isDate = (text: string | undefined): text is string => text !== undefined && isCalendarDate(text) && text >= '1900-01-01';

interface Reader {
  values: SelfCheckValues;
  errors: string[];
  date: string;
}

function readParent(r: Reader, birthField: string, hukouField: string, who: string, sex: Parent['sex']): Parent | null {
  const birth = r.values[birthField];
  const hukou = r.values[hukouField];
  let ok = true;
  if (birth === undefined) {
    r.errors.push(`请填写${who}的出生日期。`);
    ok = false;
  } else if (!isDate(birth)) {
    r.errors.push(`${who}的出生日期“${birth}”不是有效的日期，请按“1950-03-01”的格式填写。`);
    ok = false;
  } else if (birth > r.date) {
    r.errors.push(`${who}的出生日期晚于所查询的月份。`);
    ok = false;
  }
  if (hukou !== 'rural' && hukou !== 'urban') {
    r.errors.push(`请选择${who}的户口性质（农业或非农业）。`);
    ok = false;
  }
  return ok ? { sex, birthDate: birth as string, hukou: hukou as Parent['hukou'], alive: true } : null;
}

function readChild(r: Reader, n: number, parents: readonly Parent[]): Child | null | undefined {
  const v = (f: string) => r.values[`c${n}${f}`];
  if (v('Sex') === undefined && v('Birth') === undefined && v('Death') === undefined && v('Grade') === undefined) return undefined;
  const who = `第 ${n} 个子女`;
  const before = r.errors.length;
  const sex = v('Sex');
  if (sex !== 'F' && sex !== 'M') r.errors.push(`请选择${who}的性别。`);
  const birth = v('Birth');
  if (!isDate(birth)) r.errors.push(birth === undefined ? `请填写${who}的出生日期。` : `${who}的出生日期“${birth}”不是有效的日期。`);
  else if (birth > r.date) r.errors.push(`${who}的出生日期晚于所查询的月份。`);
  else if (parents.some((p) => birth <= p.birthDate)) r.errors.push(`${who}的出生日期早于（或等于）父母的出生日期，请检查。`);
  const alive = v('Alive') !== 'no';
  const death = v('Death');
  let deathDate: string | null = null;
  if (!alive) {
    if (!isDate(death)) r.errors.push(death === undefined ? `${who}已去世，请填写去世日期。` : `${who}的去世日期“${death}”不是有效的日期。`);
    else if (isDate(birth) && death < birth) r.errors.push(`${who}的去世日期早于出生日期。`);
    else if (death > r.date) r.errors.push(`${who}的去世日期晚于所查询的月份。`);
    else deathDate = death;
  }
  const grade = v('Grade');
  if (grade !== undefined && !/^[1-4]$/.test(grade)) r.errors.push(`${who}的伤残等级只能是一级至四级。`);
  const adopted = v('Adopted') === 'on';
  const hospital = v('Hospital') === 'on';
  if (adopted && hospital) r.errors.push(`${who}是收养的子女，不能同时勾选“在医院分娩”。`);
  if (r.errors.length > before) return null;
  return {
    sex: sex as Child['sex'],
    birthDate: birth as string,
    adopted,
    alive,
    deathDate,
    disabilityGrade: grade === undefined ? null : Number(grade),
    hospitalDelivery: hospital,
  };
}

/** The situation to evaluate, or every message about what to correct. */
export function parseSelfCheck(values: SelfCheckValues, today: string, townships: readonly Township[]): SelfCheckParse {
  const errors: string[] = [];
  const date = evaluatedDate(values.month, today);
  if (date === null) errors.push('请选择要查询的月份（2009年1月以后，最多到明年同月）。');
  const r: Reader = { values, errors, date: date ?? today };
  if (!townships.some((t) => t.code === values.township)) errors.push('请选择户籍所在的乡镇（街道）。');
  const sex = values.sex;
  if (sex !== 'F' && sex !== 'M') errors.push('请选择您的性别。');
  const married = values.marital !== 'single';
  const self = readParent(r, 'birth', 'hukou', '您', sex === 'M' ? 'M' : 'F');
  const spouse = married ? readParent(r, 'spouseBirth', 'spouseHukou', '配偶', sex === 'M' ? 'F' : 'M') : null;
  const parents = [self, spouse].filter((p): p is Parent => p !== null);
  const children: Child[] = [];
  for (let n = 1; n <= CHILD_ROWS; n++) {
    const child = readChild(r, n, parents);
    if (child) children.push(child);
  }
  if (errors.length > 0) return { ok: false, values, errors };
  const parsed = parseSituation({
    date,
    township: values.township,
    family: {
      parents,
      children,
      outOfPolicyBirth1973to2001: values.outOfPolicy === 'on',
      oneChildCertificate: values.certificate === 'on',
      secondChildQuotaWaived: values.quotaWaived === 'on',
    },
  });
  if (!parsed.ok) return { ok: false, values, errors: ['填写的日期前后矛盾，请检查出生和去世日期。'] };
  return { ok: true, values, situation: parsed.situation };
}
