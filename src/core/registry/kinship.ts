/**
 * Relation to the household head (与户主关系) as townships write it in a roster — words such as
 * 长子, 儿媳, 外孙女, or the GB/T 4761-2008 family-relationship codes — and the spouse and
 * parent→child links a household's rows imply. Pure: no I/O.
 */

/** The person table's relation_to_head. */
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other';

export type Kin =
  | 'head'
  | 'spouse'
  | 'child'
  | 'adoptedChild'
  | 'stepChild'
  | 'childInLaw'
  | 'grandchild'
  | 'grandchildInLaw'
  | 'parent'
  | 'parentInLaw'
  | 'stepParent'
  | 'grandparent'
  | 'sibling'
  | 'otherRelative'
  | 'nonRelative';

export interface Kinship {
  kin: Kin;
  relation: Relation;
  /** The sex the word implies (妻 F, 长子 M), null when it implies none (配偶, 子女). */
  sex: 'M' | 'F' | null;
  /**
   * Grandchildren: through a son (孙子, 孙女) or a daughter (外孙子, 外孙女). Children-in-law:
   * married to a son (儿媳) or a daughter (女婿). Null otherwise or when the word does not say.
   */
  line: 'son' | 'daughter' | null;
  /** A Chinese label for display, one per kin. */
  label: string;
}

export type Sex = 'M' | 'F';
type Line = 'son' | 'daughter';

const relationOf: Readonly<Record<Kin, Relation>> = {
  head: 'head',
  spouse: 'spouse',
  child: 'child',
  adoptedChild: 'child',
  stepChild: 'child',
  childInLaw: 'other',
  grandchild: 'grandchild',
  grandchildInLaw: 'other',
  parent: 'parent',
  parentInLaw: 'other',
  stepParent: 'parent',
  grandparent: 'other',
  sibling: 'other',
  otherRelative: 'other',
  nonRelative: 'other',
};

const labelOf: Readonly<Record<Kin, string>> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  adoptedChild: '养子女',
  stepChild: '继子女',
  childInLaw: '儿媳/女婿',
  grandchild: '孙子女',
  grandchildInLaw: '孙媳妇/孙女婿',
  parent: '父母',
  parentInLaw: '公婆/岳父母',
  stepParent: '继父母/养父母',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  otherRelative: '其他亲属',
  nonRelative: '非亲属',
};

interface KinEntry {
  kin: Kin;
  sex: Sex | null;
  line: Line | null;
  /** Words as written in rosters (compared after removing spaces and punctuation). */
  words: readonly string[];
  /** GB/T 4761-2008 codes: two-digit codes, and the one-digit codes that cannot be read as a two-digit one. */
  codes: readonly string[];
}

/**
 * Words and codes. GB/T 4761-2008: 0 本人或户主, 1 配偶, 2 子, 3 女, 4 孙子女, 5 父母, 6 祖父母,
 * 7 兄弟姐妹, 8 其他 (one digit); 01–99 (two digits, 98 保姆 of the 1984 edition was removed).
 * One-digit 1 and 2 are left out on purpose: see isAmbiguousKinshipCode.
 */
const table: readonly KinEntry[] = [
  { kin: 'head', sex: null, line: null, words: ['户主', '本人', '本人或户主'], codes: ['0', '01', '02'] },
  { kin: 'spouse', sex: null, line: null, words: ['配偶', '老伴', '爱人'], codes: ['10'] },
  { kin: 'spouse', sex: 'M', line: null, words: ['夫', '丈夫', '老公'], codes: ['11'] },
  { kin: 'spouse', sex: 'F', line: null, words: ['妻', '妻子', '老婆'], codes: ['12'] },
  { kin: 'child', sex: null, line: null, words: ['子女', '独生子女', '儿女'], codes: [] },
  {
    kin: 'child',
    sex: 'M',
    line: null,
    words: ['子', '儿子', '儿', '独生子', '长子', '次子', '二子', '三子', '四子', '五子', '六子', '小儿子', '大儿子', '二儿子', '三儿子', '其他儿子'],
    codes: ['20', '21', '22', '23', '24', '25', '26', '29'],
  },
  {
    kin: 'child',
    sex: 'F',
    line: null,
    words: ['女', '女儿', '独生女', '长女', '次女', '二女', '三女', '四女', '五女', '六女', '小女儿', '大女儿', '二女儿', '三女儿', '其他女儿'],
    codes: ['3', '30', '31', '32', '33', '34', '35', '36', '39'],
  },
  { kin: 'adoptedChild', sex: null, line: null, words: ['养子女'], codes: [] },
  { kin: 'adoptedChild', sex: 'M', line: null, words: ['养子', '养子或继子'], codes: ['27'] },
  { kin: 'adoptedChild', sex: 'F', line: null, words: ['养女', '养女或继女'], codes: ['37'] },
  { kin: 'stepChild', sex: null, line: null, words: ['继子女'], codes: [] },
  { kin: 'stepChild', sex: 'M', line: null, words: ['继子'], codes: [] },
  { kin: 'stepChild', sex: 'F', line: null, words: ['继女'], codes: [] },
  { kin: 'childInLaw', sex: null, line: null, words: ['子女配偶', '子女的配偶'], codes: [] },
  { kin: 'childInLaw', sex: 'F', line: 'son', words: ['儿媳', '儿媳妇', '媳妇', '长媳', '次媳'], codes: ['38'] },
  { kin: 'childInLaw', sex: 'M', line: 'daughter', words: ['女婿', '长婿', '次婿'], codes: ['28'] },
  {
    kin: 'grandchild',
    sex: null,
    line: null,
    words: ['孙子女', '孙辈', '孙子、孙女或外孙子、外孙女', '其他孙子、孙女或外孙子、外孙女'],
    codes: ['4', '40', '49'],
  },
  { kin: 'grandchild', sex: null, line: 'son', words: ['孙子、孙女'], codes: [] },
  { kin: 'grandchild', sex: null, line: 'daughter', words: ['外孙子女', '外孙子、外孙女'], codes: [] },
  { kin: 'grandchild', sex: 'M', line: 'son', words: ['孙子', '孙', '长孙', '次孙'], codes: ['41'] },
  { kin: 'grandchild', sex: 'F', line: 'son', words: ['孙女', '长孙女', '次孙女'], codes: ['42'] },
  { kin: 'grandchild', sex: 'M', line: 'daughter', words: ['外孙子', '外孙'], codes: ['43'] },
  { kin: 'grandchild', sex: 'F', line: 'daughter', words: ['外孙女'], codes: ['44'] },
  { kin: 'grandchildInLaw', sex: 'F', line: null, words: ['孙媳妇', '孙媳', '外孙媳妇', '外孙媳', '孙媳妇或外孙媳妇'], codes: ['45'] },
  { kin: 'grandchildInLaw', sex: 'M', line: null, words: ['孙女婿', '外孙女婿', '孙女婿或外孙女婿'], codes: ['46'] },
  { kin: 'otherRelative', sex: 'M', line: null, words: ['曾孙子', '曾孙', '外曾孙子', '曾孙子或外曾孙子'], codes: ['47'] },
  { kin: 'otherRelative', sex: 'F', line: null, words: ['曾孙女', '外曾孙女', '曾孙女或外曾孙女'], codes: ['48'] },
  { kin: 'parent', sex: null, line: null, words: ['父母'], codes: ['5', '50'] },
  { kin: 'parent', sex: 'M', line: null, words: ['父亲', '父', '爸爸'], codes: ['51'] },
  { kin: 'parent', sex: 'F', line: null, words: ['母亲', '母', '妈妈'], codes: ['52'] },
  { kin: 'parentInLaw', sex: null, line: null, words: ['公婆', '岳父母', '配偶的父母', '配偶父母'], codes: [] },
  { kin: 'parentInLaw', sex: 'M', line: null, words: ['公公', '岳父', '丈人', '老丈人'], codes: ['53', '55'] },
  { kin: 'parentInLaw', sex: 'F', line: null, words: ['婆婆', '岳母', '丈母娘'], codes: ['54', '56'] },
  { kin: 'stepParent', sex: null, line: null, words: ['继父母', '养父母', '其他父母关系'], codes: ['59'] },
  { kin: 'stepParent', sex: 'M', line: null, words: ['继父', '养父', '继父或养父'], codes: ['57'] },
  { kin: 'stepParent', sex: 'F', line: null, words: ['继母', '养母', '继母或养母'], codes: ['58'] },
  { kin: 'grandparent', sex: null, line: null, words: ['祖父母', '外祖父母', '祖父母或外祖父母', '其他祖父母或外祖父母关系'], codes: ['6', '60', '69'] },
  { kin: 'grandparent', sex: 'M', line: null, words: ['祖父', '爷爷', '外祖父', '姥爷', '外公'], codes: ['61', '63'] },
  { kin: 'grandparent', sex: 'F', line: null, words: ['祖母', '奶奶', '外祖母', '姥姥', '外婆'], codes: ['62', '64'] },
  { kin: 'otherRelative', sex: null, line: null, words: ['配偶的祖父母或外祖父母', '配偶的曾祖父母或外曾祖父母'], codes: ['65', '68'] },
  { kin: 'otherRelative', sex: 'M', line: null, words: ['曾祖父'], codes: ['66'] },
  { kin: 'otherRelative', sex: 'F', line: null, words: ['曾祖母'], codes: ['67'] },
  { kin: 'sibling', sex: null, line: null, words: ['兄弟姐妹', '其他兄弟姐妹', '兄妹', '姐弟'], codes: ['7', '70', '79'] },
  { kin: 'sibling', sex: 'M', line: null, words: ['兄', '哥哥', '哥', '弟', '弟弟', '兄弟'], codes: ['71', '73'] },
  { kin: 'sibling', sex: 'F', line: null, words: ['姐', '姐姐', '妹', '妹妹', '姐妹'], codes: ['75', '77'] },
  {
    kin: 'otherRelative',
    sex: 'F',
    line: null,
    words: ['嫂', '嫂子', '弟媳', '弟妹', '伯母', '婶母', '婶婶', '舅母', '舅妈', '姨母', '姨', '姑母', '姑姑', '侄女', '外甥女', '侄媳'],
    codes: ['72', '74', '82', '84', '86', '88', '90', '94', '96'],
  },
  {
    kin: 'otherRelative',
    sex: 'M',
    line: null,
    words: ['姐夫', '妹夫', '伯父', '叔父', '叔叔', '舅父', '舅舅', '姨父', '姑父', '侄子', '外甥', '侄孙'],
    codes: ['76', '78', '81', '83', '85', '87', '89', '93', '95'],
  },
  {
    kin: 'otherRelative',
    sex: null,
    line: null,
    words: [
      '其他',
      '其他亲属',
      '亲属',
      '亲戚',
      '堂兄弟、堂姐妹',
      '表兄弟、表姐妹',
      '堂兄弟',
      '堂姐妹',
      '表兄弟',
      '表姐妹',
      '表哥',
      '表姐',
      '表弟',
      '表妹',
      '堂哥',
      '堂姐',
      '堂弟',
      '堂妹',
    ],
    codes: ['8', '80', '91', '92', '97'],
  },
  { kin: 'nonRelative', sex: null, line: null, words: ['非亲属', '保姆', '寄住', '借住'], codes: ['99'] },
];

function fold(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A word or code as compared: half-width, without spaces and punctuation. */
function normalize(text: string): string {
  return fold(text).replace(/[\s\u3000\u00a0、,，。.;；:：()（）[\]【】"'“”‘’/\\|\-_*]/g, '');
}

function buildLookup(pick: (e: KinEntry) => readonly string[]): ReadonlyMap<string, Kinship> {
  const map = new Map<string, Kinship>();
  for (const e of table) {
    for (const raw of pick(e)) {
      const key = normalize(raw);
      if (map.has(key)) throw new Error(`kinship table: ${raw} listed twice`);
      map.set(key, Object.freeze({ kin: e.kin, relation: relationOf[e.kin], sex: e.sex, line: e.line, label: labelOf[e.kin] }));
    }
  }
  return map;
}

const byWord = buildLookup((e) => e.words);
const byCode = buildLookup((e) => e.codes);

/** The words offered in messages, in a sensible order. */
export const usualKinshipWords: readonly string[] = [
  '户主',
  '配偶',
  '子',
  '女',
  '养子',
  '养女',
  '继子',
  '继女',
  '儿媳',
  '女婿',
  '孙子',
  '孙女',
  '外孙子',
  '外孙女',
  '父亲',
  '母亲',
  '公公',
  '婆婆',
  '岳父',
  '岳母',
  '兄弟姐妹',
  '其他亲属',
  '非亲属',
];

function cellString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * True for the single digits 1 and 2: the one-digit codes 1 配偶 and 2 子, but also what Excel
 * leaves of the two-digit codes 01 本人 and 02 户主 in a cell not formatted as text. Such a value
 * is not read as either.
 */
export function isAmbiguousKinshipCode(value: unknown): boolean {
  return /^[12]$/.test(normalize(cellString(value)));
}

/**
 * The relation to the head a roster cell says: a word (户主, 长子, 外孙女…), a GB/T 4761-2008
 * code (02, ０２, 10, 3…), or a code with its word ("02 户主", "儿媳(38)") when both agree.
 * Null when the cell is empty, unknown or ambiguous (see isAmbiguousKinshipCode).
 */
export function parseKinship(text: unknown): Kinship | null {
  const value = normalize(cellString(text));
  if (value === '') return null;
  const found = /^\d+$/.test(value) ? byCode.get(value) : (byWord.get(value) ?? withCode(value));
  return found ? { ...found } : null;
}

function withCode(value: string): Kinship | undefined {
  const m = /^(\d{1,2})(\D+)$/.exec(value) ?? /^(\D+?)(\d{1,2})$/.exec(value);
  if (!m?.[1] || !m[2]) return undefined;
  const [code, word] = /^\d/.test(m[1]) ? [m[1], m[2]] : [m[2], m[1]];
  const fromCode = byCode.get(code);
  const fromWord = byWord.get(word);
  if (!fromCode || !fromWord || fromCode.kin !== fromWord.kin) return undefined;
  if (fromCode.sex !== null && fromWord.sex !== null && fromCode.sex !== fromWord.sex) return undefined;
  return fromWord.sex !== null || fromWord.line !== null ? fromWord : fromCode;
}
