import { describe, expect, it } from 'vitest';
import { familyLinks, type FamilyMember } from './familyLinks.ts';
import { parseKinship } from './kinship.ts';

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
    expect(familyLinks([wife, member('son', '长子', 'M', '1975-01-01')])).toEqual({
      links: [],
      notes: [{ ref: 'wife', reason: '户内没有户主，未建立家庭关系' }],
    });
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
    const r = familyLinks([
      member('h', '户主', 'F', '1950-01-01'),
      member('hus', '夫', 'M', '1948-01-01'),
      member('gg', '公公', 'M', '1920-01-01'),
      member('pp', '54', 'F', '1922-01-01'),
    ]);
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
    const r = familyLinks([
      head,
      wife,
      member('son', '长子', 'M', '1975-01-01'),
      member('dau', '女', 'F', '1977-01-01'),
      member('dil', '儿媳', 'F', '1976-01-01'),
    ]);
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
    head,
    wife,
    member('f', '父', 'M', '1920-01-01'),
    member('m', '母', 'F', '1922-01-01'),
    member('son', '长子', 'M', '1975-01-01'),
    member('dil', '儿媳', 'F', '1976-01-01'),
    member('g1', '孙子', 'M', '2000-01-01'),
    member('g2', '孙女', 'F', '2003-01-01'),
    member('sis', '妹妹', 'F', '1955-01-01'),
    member('x', '非亲属', 'M', '1990-01-01'),
  ];

  it('never repeats a link nor links a person to themself, and is deterministic', () => {
    const a = familyLinks(household);
    expect(a).toEqual(familyLinks(household));
    const keys = a.links.map((l) => `${l.kind}:${[l.from, l.to].sort().join('-')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(a.links.every((l) => l.from !== l.to)).toBe(true);
    expect(a.links).toEqual([
      spouse('head', 'wife'),
      spouse('f', 'm'),
      spouse('son', 'dil'),
      child('head', 'son'),
      child('wife', 'son'),
      child('f', 'head'),
      child('m', 'head'),
      child('son', 'g1'),
      child('son', 'g2'),
      child('dil', 'g1'),
      child('dil', 'g2'),
    ]);
    expect(a.notes).toEqual([]);
  });

  it('does not link a member listed twice to themself', () => {
    const dup = member('son', '孙子', 'M', '2000-01-01');
    const r = familyLinks([head, member('son', '子', 'M', '1975-01-01'), dup]);
    expect(r.links.every((l) => l.from !== l.to)).toBe(true);
  });
});
