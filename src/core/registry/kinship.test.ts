import { describe, expect, it } from 'vitest';
import { isAmbiguousKinshipCode, parseKinship, type Kin, type Relation } from './kinship.ts';

type Expect = [text: unknown, kin: Kin, sex: 'M' | 'F' | null, line: 'son' | 'daughter' | null];

/** Words as townships write them. */
const words: Expect[] = [
  ['户主', 'head', null, null],
  ['本人', 'head', null, null],
  ['配偶', 'spouse', null, null],
  ['老伴', 'spouse', null, null],
  ['妻', 'spouse', 'F', null],
  ['妻子', 'spouse', 'F', null],
  ['夫', 'spouse', 'M', null],
  ['丈夫', 'spouse', 'M', null],
  ['子', 'child', 'M', null],
  ['儿子', 'child', 'M', null],
  ['长子', 'child', 'M', null],
  ['次子', 'child', 'M', null],
  ['三子', 'child', 'M', null],
  ['独生子', 'child', 'M', null],
  ['女', 'child', 'F', null],
  ['女儿', 'child', 'F', null],
  ['长女', 'child', 'F', null],
  ['次女', 'child', 'F', null],
  ['三女', 'child', 'F', null],
  ['独生女', 'child', 'F', null],
  ['子女', 'child', null, null],
  ['养子', 'adoptedChild', 'M', null],
  ['养女', 'adoptedChild', 'F', null],
  ['继子', 'stepChild', 'M', null],
  ['继女', 'stepChild', 'F', null],
  ['继子女', 'stepChild', null, null],
  ['儿媳', 'childInLaw', 'F', 'son'],
  ['媳妇', 'childInLaw', 'F', 'son'],
  ['女婿', 'childInLaw', 'M', 'daughter'],
  ['孙子', 'grandchild', 'M', 'son'],
  ['孙女', 'grandchild', 'F', 'son'],
  ['外孙子', 'grandchild', 'M', 'daughter'],
  ['外孙', 'grandchild', 'M', 'daughter'],
  ['外孙女', 'grandchild', 'F', 'daughter'],
  ['孙子女', 'grandchild', null, null],
  ['孙媳妇', 'grandchildInLaw', 'F', null],
  ['孙女婿', 'grandchildInLaw', 'M', null],
  ['父亲', 'parent', 'M', null],
  ['父', 'parent', 'M', null],
  ['母亲', 'parent', 'F', null],
  ['母', 'parent', 'F', null],
  ['父母', 'parent', null, null],
  ['公公', 'parentInLaw', 'M', null],
  ['婆婆', 'parentInLaw', 'F', null],
  ['岳父', 'parentInLaw', 'M', null],
  ['岳母', 'parentInLaw', 'F', null],
  ['继父', 'stepParent', 'M', null],
  ['继母', 'stepParent', 'F', null],
  ['养父', 'stepParent', 'M', null],
  ['养母', 'stepParent', 'F', null],
  ['祖父', 'grandparent', 'M', null],
  ['祖母', 'grandparent', 'F', null],
  ['外祖父', 'grandparent', 'M', null],
  ['外祖母', 'grandparent', 'F', null],
  ['爷爷', 'grandparent', 'M', null],
  ['奶奶', 'grandparent', 'F', null],
  ['兄', 'sibling', 'M', null],
  ['弟', 'sibling', 'M', null],
  ['姐', 'sibling', 'F', null],
  ['妹', 'sibling', 'F', null],
  ['哥哥', 'sibling', 'M', null],
  ['弟弟', 'sibling', 'M', null],
  ['姐姐', 'sibling', 'F', null],
  ['妹妹', 'sibling', 'F', null],
  ['兄弟姐妹', 'sibling', null, null],
  ['嫂', 'otherRelative', 'F', null],
  ['弟媳', 'otherRelative', 'F', null],
  ['姐夫', 'otherRelative', 'M', null],
  ['妹夫', 'otherRelative', 'M', null],
  ['侄子', 'otherRelative', 'M', null],
  ['侄女', 'otherRelative', 'F', null],
  ['外甥', 'otherRelative', 'M', null],
  ['外甥女', 'otherRelative', 'F', null],
  ['其他', 'otherRelative', null, null],
  ['其他亲属', 'otherRelative', null, null],
  ['非亲属', 'nonRelative', null, null],
  [' 户 主 ', 'head', null, null],
  ['孙子、孙女或外孙子、外孙女', 'grandchild', null, null],
];

/** GB/T 4761-2008 codes, as text, full-width text or numbers. */
const codes: Expect[] = [
  ['01', 'head', null, null],
  ['02', 'head', null, null],
  ['０２', 'head', null, null],
  ['0', 'head', null, null],
  [0, 'head', null, null],
  ['10', 'spouse', null, null],
  [10, 'spouse', null, null],
  ['11', 'spouse', 'M', null],
  ['12', 'spouse', 'F', null],
  ['20', 'child', 'M', null],
  ['21', 'child', 'M', null],
  ['22', 'child', 'M', null],
  ['23', 'child', 'M', null],
  ['24', 'child', 'M', null],
  ['26', 'child', 'M', null],
  ['27', 'adoptedChild', 'M', null],
  ['28', 'childInLaw', 'M', 'daughter'],
  ['29', 'child', 'M', null],
  ['30', 'child', 'F', null],
  ['31', 'child', 'F', null],
  ['32', 'child', 'F', null],
  ['36', 'child', 'F', null],
  ['37', 'adoptedChild', 'F', null],
  ['38', 'childInLaw', 'F', 'son'],
  ['39', 'child', 'F', null],
  ['3', 'child', 'F', null],
  ['40', 'grandchild', null, null],
  ['4', 'grandchild', null, null],
  ['41', 'grandchild', 'M', 'son'],
  ['42', 'grandchild', 'F', 'son'],
  ['43', 'grandchild', 'M', 'daughter'],
  [44, 'grandchild', 'F', 'daughter'],
  ['45', 'grandchildInLaw', 'F', null],
  ['46', 'grandchildInLaw', 'M', null],
  ['47', 'otherRelative', 'M', null],
  ['48', 'otherRelative', 'F', null],
  ['49', 'grandchild', null, null],
  ['50', 'parent', null, null],
  ['5', 'parent', null, null],
  ['51', 'parent', 'M', null],
  ['52', 'parent', 'F', null],
  ['53', 'parentInLaw', 'M', null],
  ['54', 'parentInLaw', 'F', null],
  ['55', 'parentInLaw', 'M', null],
  ['56', 'parentInLaw', 'F', null],
  ['57', 'stepParent', 'M', null],
  ['58', 'stepParent', 'F', null],
  ['59', 'stepParent', null, null],
  ['60', 'grandparent', null, null],
  ['61', 'grandparent', 'M', null],
  ['64', 'grandparent', 'F', null],
  ['65', 'otherRelative', null, null],
  ['70', 'sibling', null, null],
  ['7', 'sibling', null, null],
  ['71', 'sibling', 'M', null],
  ['72', 'otherRelative', 'F', null],
  ['75', 'sibling', 'F', null],
  ['79', 'sibling', null, null],
  ['80', 'otherRelative', null, null],
  ['8', 'otherRelative', null, null],
  ['93', 'otherRelative', 'M', null],
  ['97', 'otherRelative', null, null],
  ['99', 'nonRelative', null, null],
];

const relationOf: Record<Kin, Relation> = {
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
