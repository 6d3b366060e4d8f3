import { describe, expect, it } from 'vitest';
import { familyLinks, isAmbiguousKinshipCode, parseKinship, type FamilyMember, type Kin, type Relation } from './kinship.ts';

type Expect = [text: unknown, kin: Kin, sex: 'M' | 'F' | null, line: 'son' | 'daughter' | null];

/** Words as townships write them. */
const words: Expect[] = [
  ['户主', 'head', null, null], ['本人', 'head', null, null],
  ['配偶', 'spouse', null, null], ['老伴', 'spouse', null, null], ['妻', 'spouse', 'F', null], ['妻子', 'spouse', 'F', null],
  ['夫', 'spouse', 'M', null], ['丈夫', 'spouse', 'M', null],
  ['子', 'child', 'M', null], ['儿子', 'child', 'M', null], ['长子', 'child', 'M', null], ['次子', 'child', 'M', null], ['三子', 'child', 'M', null], ['独生子', 'child', 'M', null],
  ['女', 'child', 'F', null], ['女儿', 'child', 'F', null], ['长女', 'child', 'F', null], ['次女', 'child', 'F', null], ['三女', 'child', 'F', null], ['独生女', 'child', 'F', null],
  ['子女', 'child', null, null],
  ['养子', 'adoptedChild', 'M', null], ['养女', 'adoptedChild', 'F', null],
  ['继子', 'stepChild', 'M', null], ['继女', 'stepChild', 'F', null], ['继子女', 'stepChild', null, null],
  ['儿媳', 'childInLaw', 'F', 'son'], ['媳妇', 'childInLaw', 'F', 'son'], ['女婿', 'childInLaw', 'M', 'daughter'],
  ['孙子', 'grandchild', 'M', 'son'], ['孙女', 'grandchild', 'F', 'son'], ['外孙子', 'grandchild', 'M', 'daughter'], ['外孙', 'grandchild', 'M', 'daughter'],
  ['外孙女', 'grandchild', 'F', 'daughter'], ['孙子女', 'grandchild', null, null],
  ['孙媳妇', 'grandchildInLaw', 'F', null], ['孙女婿', 'grandchildInLaw', 'M', null],
  ['父亲', 'parent', 'M', null], ['父', 'parent', 'M', null], ['母亲', 'parent', 'F', null], ['母', 'parent', 'F', null], ['父母', 'parent', null, null],
  ['公公', 'parentInLaw', 'M', null], ['婆婆', 'parentInLaw', 'F', null], ['岳父', 'parentInLaw', 'M', null], ['岳母', 'parentInLaw', 'F', null],
  ['继父', 'stepParent', 'M', null], ['继母', 'stepParent', 'F', null], ['养父', 'stepParent', 'M', null], ['养母', 'stepParent', 'F', null],
  ['祖父', 'grandparent', 'M', null], ['祖母', 'grandparent', 'F', null], ['外祖父', 'grandparent', 'M', null], ['外祖母', 'grandparent', 'F', null],
  ['爷爷', 'grandparent', 'M', null], ['奶奶', 'grandparent', 'F', null],
  ['兄', 'sibling', 'M', null], ['弟', 'sibling', 'M', null], ['姐', 'sibling', 'F', null], ['妹', 'sibling', 'F', null], ['哥哥', 'sibling', 'M', null],
  ['弟弟', 'sibling', 'M', null], ['姐姐', 'sibling', 'F', null], ['妹妹', 'sibling', 'F', null], ['兄弟姐妹', 'sibling', null, null],
  ['嫂', 'otherRelative', 'F', null], ['弟媳', 'otherRelative', 'F', null], ['姐夫', 'otherRelative', 'M', null], ['妹夫', 'otherRelative', 'M', null],
  ['侄子', 'otherRelative', 'M', null], ['侄女', 'otherRelative', 'F', null], ['外甥', 'otherRelative', 'M', null], ['外甥女', 'otherRelative', 'F', null],
  ['其他', 'otherRelative', null, null], ['其他亲属', 'otherRelative', null, null], ['非亲属', 'nonRelative', null, null],
  [' 户 主 ', 'head', null, null], ['孙子、孙女或外孙子、外孙女', 'grandchild', null, null],
];

/** GB/T 4761-2008 codes, as text, full-width text or numbers. */
const codes: Expect[] = [
  ['01', 'head', null, null], ['02', 'head', null, null], ['０２', 'head', null, null], ['0', 'head', null, null], [0, 'head', null, null],
  ['10', 'spouse', null, null], [10, 'spouse', null, null], ['11', 'spouse', 'M', null], ['12', 'spouse', 'F', null],
  ['20', 'child', 'M', null], ['21', 'child', 'M', null], ['22', 'child', 'M', null], ['23', 'child', 'M', null], ['24', 'child', 'M', null],
  ['26', 'child', 'M', null], ['27', 'adoptedChild', 'M', null], ['28', 'childInLaw', 'M', 'daughter'], ['29', 'child', 'M', null],
  ['30', 'child', 'F', null], ['31', 'child', 'F', null], ['32', 'child', 'F', null], ['36', 'child', 'F', null], ['37', 'adoptedChild', 'F', null],
  ['38', 'childInLaw', 'F', 'son'], ['39', 'child', 'F', null], ['3', 'child', 'F', null],
  ['40', 'grandchild', null, null], ['4', 'grandchild', null, null], ['41', 'grandchild', 'M', 'son'], ['42', 'grandchild', 'F', 'son'],
  ['43', 'grandchild', 'M', 'daughter'], [44, 'grandchild', 'F', 'daughter'], ['45', 'grandchildInLaw', 'F', null], ['46', 'grandchildInLaw', 'M', null],
  ['47', 'otherRelative', 'M', null], ['48', 'otherRelative', 'F', null], ['49', 'grandchild', null, null],
  ['50', 'parent', null, null], ['5', 'parent', null, null], ['51', 'parent', 'M', null], ['52', 'parent', 'F', null],
  ['53', 'parentInLaw', 'M', null], ['54', 'parentInLaw', 'F', null], ['55', 'parentInLaw', 'M', null], ['56', 'parentInLaw', 'F', null],
  ['57', 'stepParent', 'M', null], ['58', 'stepParent', 'F', null], ['59', 'stepParent', null, null],
  ['60', 'grandparent', null, null], ['61', 'grandparent', 'M', null], ['64', 'grandparent', 'F', null], ['65', 'otherRelative', null, null],
  ['70', 'sibling', null, null], ['7', 'sibling', null, null], ['71', 'sibling', 'M', null], ['72', 'otherRelative', 'F', null], ['75', 'sibling', 'F', null],
  ['79', 'sibling', null, null], ['80', 'otherRelative', null, null], ['8', 'otherRelative', null, null], ['93', 'otherRelative', 'M', null],
  ['97', 'otherRelative', null, null], ['99', 'nonRelative', null, null],
];

const relationOf: Record<Kin, Relation> = {
  head: 'head', spouse: 'spouse', child: 'child', adoptedChild: 'child', stepChild: 'child', childInLaw: 'other', grandchild: 'grandchild',
  grandchildInLaw: 'other', parent: 'parent', parentInLaw: 'other', stepParent: 'parent', grandparent: 'other', sibling: 'other',
  otherRelative: 'other', nonRelative: 'other',
};

describe('parseKinship', () => {
  for (const [text, kin, sex, line] of [...words, ...codes]) {
    it(`reads ${JSON.stringify(text)} as ${kin}${sex ? ` ${sex}` : ''}${line ? ` via a ${line}` : ''}`, () => {
      expect(parseKinship(text)).toMatchObject({ kin, sex, line, relation: relationOf[kin] });
    });
  }

  it('reads every two-digit code of GB/T 4761-2008 and nothing else', () => {
    const standard = ['01', '02', '10', '11', '12'];
    for (let n = 20; n <= 97; n++) standard.push(String(n));
    standard.push('99');
    for (let n = 0; n <= 99; n++) {
      const code = String(n).padStart(2, '0');
      expect(parseKinship(code) !== null, code).toBe(standard.includes(code));
    }
  });

  it('reads a code written with its word when they agree', () => {
    expect(parseKinship('02 户主')).toMatchObject({ kin: 'head' });
    expect(parseKinship('儿媳（38）')).toMatchObject({ kin: 'childInLaw', line: 'son' });
    expect(parseKinship('20-长子')).toMatchObject({ kin: 'child', sex: 'M' });
    expect(parseKinship('02配偶')).toBeNull();
    expect(parseKinship('30长子')).toBeNull();
  });

  it('refuses the ambiguous single digits 1 and 2, empty cells and unknown words', () => {
    for (const v of ['1', '2', 1, 2, '１']) {
      expect(parseKinship(v), String(v)).toBeNull();
      expect(isAmbiguousKinshipCode(v), String(v)).toBe(true);
    }
    expect(isAmbiguousKinshipCode('02')).toBe(false);
    for (const v of ['', null, undefined, '待定', '98', '100', '9', 'head']) expect(parseKinship(v), String(v)).toBeNull();
  });

  it('labels by kin', () => {
    expect(parseKinship('长子')?.label).toBe('子女');
    expect(parseKinship('养女')?.label).toBe('养子女');
    expect(parseKinship('继子')?.label).toBe('继子女');
    expect(parseKinship('女婿')?.label).toBe('儿媳/女婿');
    expect(parseKinship('外孙女')?.label).toBe('孙子女');
    expect(parseKinship('岳母')?.label).toBe('公婆/岳父母');
    expect(parseKinship('02')?.label).toBe('户主');
  });

  it('returns a fresh object each time', () => {
    const a = parseKinship('户主');
    if (a) a.label = 'changed';
    expect(parseKinship('户主')?.label).toBe('户主');
  });
});

function member(ref: string, relation: string, sex: 'M' | 'F', birthDate: string): FamilyMember {
  const kinship = parseKinship(relation);
  if (!kinship) throw new Error(`test: unknown relation ${relation}`);
  return { ref, kinship, sex, birthDate };
}

const head = member('head', '户主', 'M', '1950-03-02');
const wife = member('wife', '妻', 'F', '1952-07-01');
const spouse = (from: string, to: string) => ({ kind: 'spouse', from, to, adopted: false });
const child = (from: string, to: string, adopted = false) => ({ kind: 'child', from, to, adopted });

describe('familyLinks: the head and spouse', () => {
  it('links the one head and the one spouse', () => {
    expect(familyLinks([head, wife])).toEqual({ links: [spouse('head', 'wife')], notes: [] });
  });

  it('links by code as well as by word', () => {
    expect(familyLinks([member('h', '02', 'M', '1950-01-01'), member('w', '12', 'F', '1950-01-01')]).links).toEqual([spouse('h', 'w')]);
  });

  it('does not link two spouses, and says why', () => {
    const other = member('wife2', '配偶', 'F', '1960-01-01');
    expect(familyLinks([head, wife, other])).toEqual({
      links: [],
      notes: [
        { ref: 'wife', reason: '户内有2个配偶，无法确定户主的配偶，未建立夫妻关系' },
        { ref: 'wife2', reason: '户内有2个配偶，无法确定户主的配偶，未建立夫妻关系' },
      ],
    });
  });

  it('does not link a spouse of the same sex as the head', () => {
    const r = familyLinks([head, member('s', '配偶', 'M', '1950-01-01')]);
    expect(r).toEqual({ links: [], notes: [{ ref: 's', reason: '配偶与户主性别相同，未建立夫妻关系' }] });
  });

  it('links nothing without exactly one head', () => {
    expect(familyLinks([wife, member('son', '长子', 'M', '1975-01-01')])).toEqual({ links: [], notes: [{ ref: 'wife', reason: '户内没有户主，未建立家庭关系' }] });
    const r = familyLinks([head, member('h2', '本人', 'F', '1950-01-01')]);
    expect(r.links).toEqual([]);
    expect(r.notes.map((n) => n.ref)).toEqual(['head', 'h2']);
    expect(familyLinks([])).toEqual({ links: [], notes: [] });
  });
});

describe('familyLinks: children', () => {
  it('links the head and the spouse to their children', () => {
    const r = familyLinks([head, wife, member('son', '长子', 'M', '1975-01-01'), member('dau', '30', 'F', '1978-01-01')]);
    expect(r.links).toEqual([spouse('head', 'wife'), child('head', 'son'), child('head', 'dau'), child('wife', 'son'), child('wife', 'dau')]);
  });

  it('marks adopted children adopted on both parents (养子, code 27 养子或继子)', () => {
    const r = familyLinks([head, wife, member('a', '养女', 'F', '1980-01-01'), member('b', '27', 'M', '1982-01-01')]);
    expect(r.links).toEqual([spouse('head', 'wife'), child('head', 'a', true), child('head', 'b', true), child('wife', 'a', true), child('wife', 'b', true)]);
  });

  it('links a stepchild (继子女) to the spouse only, not adopted', () => {
    const r = familyLinks([head, wife, member('step', '继子', 'M', '1975-01-01')]);
    expect(r.links).toEqual([spouse('head', 'wife'), child('wife', 'step')]);
    expect(familyLinks([head, member('step', '继女', 'F', '1975-01-01')])).toEqual({ links: [], notes: [] });
  });

  it('links a child to the head alone when there is no spouse', () => {
    expect(familyLinks([head, member('son', '子', 'M', '1975-01-01')]).links).toEqual([child('head', 'son')]);
  });

  it('requires a parent to be at least 12 years older than the child', () => {
    const r = familyLinks([head, wife, member('son', '子', 'M', '1962-07-01'), member('ok', '女', 'F', '1964-07-01')]);
    expect(r.links).toEqual([spouse('head', 'wife'), child('head', 'son'), child('head', 'ok'), child('wife', 'ok')]);
    expect(r.notes).toEqual([{ ref: 'son', reason: '配偶（1952-07-01出生）与儿子（1962-07-01出生）年龄相差不足12岁，未建立父母子女关系' }]);
    // Exactly 12 years is enough.
    expect(familyLinks([head, member('x', '子', 'M', '1962-03-02')]).links).toEqual([child('head', 'x')]);
  });
});

describe('familyLinks: parents', () => {
  it('links the head’s father and mother to the head, and to each other', () => {
    const r = familyLinks([head, member('f', '父亲', 'M', '1925-01-01'), member('m', '52', 'F', '1927-01-01')]);
    expect(r).toEqual({ links: [spouse('f', 'm'), child('f', 'head'), child('m', 'head')], notes: [] });
  });

  it('links a lone parent without a spouse link', () => {
    expect(familyLinks([head, member('m', '母亲', 'F', '1927-01-01')]).links).toEqual([child('m', 'head')]);
  });

  it('does not choose between two parents of the same sex', () => {
    const r = familyLinks([head, member('m1', '母亲', 'F', '1927-01-01'), member('m2', '母', 'F', '1929-01-01')]);
    expect(r.links).toEqual([]);
    expect(r.notes).toEqual([
      { ref: 'm1', reason: '户内有2位户主的母亲，未建立父母子女关系' },
      { ref: 'm2', reason: '户内有2位户主的母亲，未建立父母子女关系' },
    ]);
  });

  it('links parents-in-law to the head’s spouse, and to each other', () => {
    const r = familyLinks([member('h', '户主', 'F', '1950-01-01'), member('hus', '夫', 'M', '1948-01-01'), member('gg', '公公', 'M', '1920-01-01'), member('pp', '54', 'F', '1922-01-01')]);
    expect(r).toEqual({ links: [spouse('h', 'hus'), spouse('gg', 'pp'), child('gg', 'hus'), child('pp', 'hus')], notes: [] });
  });

  it('notes parents-in-law when the head has no spouse in the household', () => {
    const r = familyLinks([head, member('ym', '岳母', 'F', '1930-01-01')]);
    expect(r).toEqual({ links: [], notes: [{ ref: 'ym', reason: '户内没有户主的配偶，未建立公婆/岳父母与其子女的关系' }] });
  });

  it('links step-parents and adoptive parents to nobody, without a note', () => {
    expect(familyLinks([head, member('jf', '继父', 'M', '1925-01-01'), member('ym', '58', 'F', '1926-01-01')])).toEqual({ links: [], notes: [] });
  });
});

describe('familyLinks: children-in-law', () => {
  it('marries a daughter-in-law (儿媳) to the one son', () => {
    const r = familyLinks([head, wife, member('son', '长子', 'M', '1975-01-01'), member('dau', '女', 'F', '1977-01-01'), member('dil', '儿媳', 'F', '1976-01-01')]);
    expect(r.links.filter((l) => l.kind === 'spouse')).toEqual([spouse('head', 'wife'), spouse('son', 'dil')]);
    expect(r.notes).toEqual([]);
  });

  it('marries a son-in-law (女婿, code 28) to the one daughter', () => {
    const r = familyLinks([head, member('dau', '长女', 'F', '1977-01-01'), member('son', '子', 'M', '1979-01-01'), member('sil', '28', 'M', '1975-01-01')]);
    expect(r.links).toEqual([spouse('dau', 'sil'), child('head', 'dau'), child('head', 'son')]);
  });

  it('does not choose between two sons', () => {
    const r = familyLinks([head, member('s1', '长子', 'M', '1975-01-01'), member('s2', '次子', 'M', '1977-01-01'), member('dil', '38', 'F', '1976-01-01')]);
    expect(r.links.filter((l) => l.kind === 'spouse')).toEqual([]);
    expect(r.notes).toEqual([{ ref: 'dil', reason: '无法确定儿媳的配偶（户内有2个儿子），未建立夫妻关系' }]);
  });

  it('notes a son-in-law when the household has no daughter', () => {
    const r = familyLinks([head, member('son', '子', 'M', '1975-01-01'), member('sil', '女婿', 'M', '1975-01-01')]);
    expect(r.notes).toEqual([{ ref: 'sil', reason: '无法确定女婿的配偶（户内没有女儿），未建立夫妻关系' }]);
  });

  it('does not marry two daughters-in-law to the one son', () => {
    const r = familyLinks([head, member('son', '子', 'M', '1975-01-01'), member('d1', '儿媳', 'F', '1976-01-01'), member('d2', '媳妇', 'F', '1977-01-01')]);
    expect(r.links).toEqual([child('head', 'son')]);
    expect(r.notes.map((n) => n.ref)).toEqual(['d1', 'd2']);
    expect(r.notes[0]?.reason).toBe('无法确定儿媳的配偶（户内2个儿媳对应同一个儿子），未建立夫妻关系');
  });
});

describe('familyLinks: grandchildren', () => {
  const son = member('son', '长子', 'M', '1975-01-01');
  const dil = member('dil', '儿媳', 'F', '1976-01-01');
  const dau = member('dau', '女', 'F', '1978-01-01');

  it('gives a grandchild via a son (孙子) the son and his wife as parents', () => {
    const r = familyLinks([head, wife, son, dil, dau, member('g', '孙子', 'M', '2000-01-01')]);
    expect(r.links.filter((l) => l.to === 'g')).toEqual([child('son', 'g'), child('dil', 'g')]);
    expect(r.notes).toEqual([]);
  });

  it('gives a grandchild via a daughter (外孙女, code 44) the daughter', () => {
    const r = familyLinks([head, son, dau, member('g', '44', 'F', '2005-01-01')]);
    expect(r.links.filter((l) => l.to === 'g')).toEqual([child('dau', 'g')]);
  });

  it('takes the one child when the word does not say the line (孙子女, code 40)', () => {
    const r = familyLinks([head, dau, member('g', '40', 'M', '2005-01-01')]);
    expect(r.links.filter((l) => l.to === 'g')).toEqual([child('dau', 'g')]);
  });

  it('does not choose between two possible parents', () => {
    const r = familyLinks([head, son, dau, member('g', '孙子女', 'M', '2005-01-01')]);
    expect(r.links.filter((l) => l.to === 'g')).toEqual([]);
    expect(r.notes).toEqual([{ ref: 'g', reason: '无法确定孙子女的父母（户内有2个子女），未建立父母子女关系' }]);
    const none = familyLinks([head, dau, member('g', '孙女', 'F', '2005-01-01')]);
    expect(none.notes).toEqual([{ ref: 'g', reason: '无法确定孙女的父母（户内没有儿子），未建立父母子女关系' }]);
  });

  it('checks the age of the grandchild’s parent too', () => {
    const r = familyLinks([head, son, member('g', '孙子', 'M', '1980-01-01')]);
    expect(r.links).toEqual([child('head', 'son')]);
    expect(r.notes).toEqual([{ ref: 'g', reason: '儿子（1975-01-01出生）与孙子（1980-01-01出生）年龄相差不足12岁，未建立父母子女关系' }]);
  });
});

describe('familyLinks: output', () => {
  const household = [
    head, wife,
    member('f', '父', 'M', '1920-01-01'), member('m', '母', 'F', '1922-01-01'),
    member('son', '长子', 'M', '1975-01-01'), member('dil', '儿媳', 'F', '1976-01-01'),
    member('g1', '孙子', 'M', '2000-01-01'), member('g2', '孙女', 'F', '2003-01-01'),
    member('sis', '妹妹', 'F', '1955-01-01'), member('x', '非亲属', 'M', '1990-01-01'),
  ];

  it('never repeats a link nor links a person to themself, and is deterministic', () => {
    const a = familyLinks(household);
    expect(a).toEqual(familyLinks(household));
    const keys = a.links.map((l) => `${l.kind}:${[l.from, l.to].sort().join('-')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(a.links.every((l) => l.from !== l.to)).toBe(true);
    expect(a.links).toEqual([
      spouse('head', 'wife'), spouse('f', 'm'), spouse('son', 'dil'),
      child('head', 'son'), child('wife', 'son'), child('f', 'head'), child('m', 'head'),
      child('son', 'g1'), child('son', 'g2'), child('dil', 'g1'), child('dil', 'g2'),
    ]);
    expect(a.notes).toEqual([]);
  });

  it('does not link a member listed twice to themself', () => {
    const dup = member('son', '孙子', 'M', '2000-01-01');
    const r = familyLinks([head, member('son', '子', 'M', '1975-01-01'), dup]);
    expect(r.links.every((l) => l.from !== l.to)).toBe(true);
  });
});
