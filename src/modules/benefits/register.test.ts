import { describe, expect, it } from 'vitest';
import { FamilyAssembler, type RegisterFamily } from './register.ts';

// Packed rows as registerFamilies reads them (parentColumns, childColumns): a null is an empty
// field, a boolean t or f.
const parent = (id: string, household: string, o: { sex?: 'M' | 'F'; birth?: string; hukou?: string; death?: string; movedOut?: string; certificate?: boolean; outOfPolicy?: boolean; waived?: string } = {}) =>
  [id, household, '120114002', o.sex ?? 'F', o.birth ?? '1950-03-02', o.hukou ?? 'rural', o.death ?? '', o.movedOut ?? '', o.certificate === true ? 't' : 'f',
    o.outOfPolicy === true ? 't' : 'f', o.waived ?? ''].join(',');
const child = (parentId: string, id: string, o: { sex?: 'M' | 'F'; birth?: string; adopted?: boolean; death?: string; hospital?: boolean; assessments?: string } = {}) =>
  [parentId, id, o.sex ?? 'F', o.birth ?? '1976-01-01', o.adopted === true ? 't' : 'f', o.death ?? '', o.hospital === true ? 't' : 'f', o.assessments ?? ''].join(',');

function assemble(parents: string[], children: string[]): RegisterFamily[] {
  const a = new FamilyAssembler();
  for (const p of parents) a.parent(p);
  for (const c of children) a.child(c);
  return a.done();
}

describe('FamilyAssembler', () => {
  it('pairs the head and spouse of a household, and leaves a lone parent alone', () => {
    const families = assemble([
      parent('w1', 'h1', { sex: 'F', certificate: true, waived: '2005-01-01' }),
      parent('m1', 'h1', { sex: 'M', birth: '1948-10-01', hukou: 'urban', outOfPolicy: true, waived: '2003-05-01', movedOut: '2010-02-01' }),
      parent('w2', 'h2', { death: '2009-09-09' }),
    ], []);
    expect(families).toHaveLength(2);
    expect(families[0]).toMatchObject({
      township: '120114002', parentIds: ['w1', 'm1'], children: [], outOfPolicyBirth: true, oneChildCertificate: true,
      movedOutOn: [null, '2010-02-01'], secondChildQuotaWaivedOn: '2003-05-01',
      parents: [{ sex: 'F', birthDate: '1950-03-02', hukou: 'rural', deathDate: null }, { sex: 'M', birthDate: '1948-10-01', hukou: 'urban', deathDate: null }],
    });
    expect(families[1]).toMatchObject({ parentIds: ['w2'], parents: [{ deathDate: '2009-09-09' }], movedOutOn: [null], secondChildQuotaWaivedOn: null });
  });

  it('makes a third head or spouse of one household a family of its own', () => {
    const families = assemble([parent('a', 'h1'), parent('b', 'h1'), parent('c', 'h1')], [child('c', 'k')]);
    expect(families.map((f) => f.parentIds)).toEqual([['a', 'b'], ['c']]);
    expect(families[1]?.children.map((c) => c.id)).toEqual(['k']);
  });

  it('counts a child linked to both parents once, with the first parent\'s link', () => {
    const families = assemble([parent('w', 'h1'), parent('m', 'h1', { sex: 'M' })], [
      child('m', 'k1', { adopted: false }),
      child('w', 'k1', { adopted: true }),
      child('m', 'k2', { sex: 'M', birth: '1980-05-05', death: '1990-01-01', hospital: true, assessments: '3 2001-01-01 2 2005-06-01' }),
    ]);
    const children = families[0]?.children ?? [];
    expect(children.map((c) => [c.id, c.via, c.adopted])).toEqual([['k1', 0, true], ['k2', 1, false]]);
    expect(children[1]).toMatchObject({ sex: 'M', birthDate: '1980-05-05', deathDate: '1990-01-01', hospitalDelivery: true,
      disability: [{ grade: 3, on: '2001-01-01' }, { grade: 2, on: '2005-06-01' }] });
  });

  it('drops the links of persons who are not parents read', () => {
    const families = assemble([parent('w', 'h1')], [child('someone-else', 'k1'), child('w', 'k2')]);
    expect(families[0]?.children.map((c) => c.id)).toEqual(['k2']);
  });
});

describe('FamilyAssembler at scale', () => {
  it('finds every parent among thousands, whether or not it was told how many would come', () => {
    const households = 5000;
    const parents: string[] = [];
    const children: string[] = [];
    const expected: { parentIds: string[]; children: [string, number][] }[] = [];
    for (let h = 0; h < households; h++) {
      const household = `h${String(h).padStart(6, '0')}`;
      // Every third household has one parent: the table of seats then grows as a spouse is added,
      // as well as with a first parent.
      if (h % 3 === 0) {
        parents.push(parent(`w${h}`, household));
        children.push(child(`w${h}`, `k${h}`));
        expected.push({ parentIds: [`w${h}`], children: [[`k${h}`, 0]] });
        continue;
      }
      parents.push(parent(`w${h}`, household), parent(`m${h}`, household, { sex: 'M' }));
      // A child of both, listed from the father first in odd households; one of the mother's alone.
      children.push(child(h % 2 === 1 ? `m${h}` : `w${h}`, `k${h}`), child(h % 2 === 1 ? `w${h}` : `m${h}`, `k${h}`), child(`w${h}`, `j${h}`));
      expected.push({ parentIds: [`w${h}`, `m${h}`], children: [[`j${h}`, 0], [`k${h}`, 0]] });
    }
    children.push(child('nobody', 'k0'));
    for (const told of [0, parents.length]) {
      const a = new FamilyAssembler(told);
      for (const p of parents) a.parent(p);
      for (const c of [...children].reverse()) a.child(c);
      const families = a.done();
      expect(families.map((f) => ({ parentIds: f.parentIds, children: f.children.map((c) => [c.id, c.via]) }))).toEqual(expected);
    }
  });
});
