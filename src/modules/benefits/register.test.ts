import { describe, expect, it } from 'vitest';
import { FamilyReader } from './register.ts';

// Rows as registerFamilies reads them: the township, then benefit_family.facts (migration 0015):
// comma-terminated fields, a null as an empty field, a boolean as t or f.
const parent = (
  id: string,
  o: { sex?: 'M' | 'F'; birth?: string; hukou?: string; death?: string; movedOut?: string; certificate?: boolean; outOfPolicy?: boolean; waived?: string } = {},
) =>
  [
    id,
    o.sex ?? 'F',
    o.birth ?? '1950-03-02',
    o.hukou ?? 'rural',
    o.death ?? '',
    o.movedOut ?? '',
    o.certificate === true ? 't' : 'f',
    o.outOfPolicy === true ? 't' : 'f',
    o.waived ?? '',
  ]
    .map((f) => `${f},`)
    .join('');
const child = (o: { sex?: 'M' | 'F'; birth?: string; adopted?: boolean; death?: string; hospital?: boolean; assessments?: string } = {}) =>
  [o.sex ?? 'F', o.birth ?? '1976-01-01', o.adopted === true ? 't' : 'f', o.death ?? '', o.hospital === true ? 't' : 'f', o.assessments ?? '']
    .map((f) => `${f},`)
    .join('');
const row = (township: string, parents: string[], children: string[]) =>
  `${township},${parents.length},${children.length},${parents.join('')}${children.join('')}`;

describe('FamilyReader', () => {
  it("reads a couple: each parent's facts, and the family's from both", () => {
    const family = new FamilyReader().family(
      row(
        '120114002',
        [
          parent('w1', { sex: 'F', certificate: true, waived: '2005-01-01' }),
          parent('m1', { sex: 'M', birth: '1948-10-01', hukou: 'urban', outOfPolicy: true, waived: '2003-05-01', movedOut: '2010-02-01' }),
        ],
        [],
      ),
    );
    expect(family).toEqual({
      township: '120114002',
      parentIds: ['w1', 'm1'],
      children: [],
      outOfPolicyBirth: true,
      oneChildCertificate: true,
      movedOutOn: [null, '2010-02-01'],
      secondChildQuotaWaivedOn: '2003-05-01',
      parents: [
        { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', deathDate: null },
        { sex: 'M', birthDate: '1948-10-01', hukou: 'urban', deathDate: null },
      ],
    });
  });

  it('reads a lone parent and her children, with deaths, deliveries and disability assessments', () => {
    const family = new FamilyReader().family(
      row(
        '120114105',
        [parent('w2', { death: '2009-09-09' })],
        [child({ sex: 'M', birth: '1980-05-05', death: '1990-01-01', hospital: true, assessments: '3 2001-01-01 2 2005-06-01' }), child({ adopted: true })],
      ),
    );
    expect(family).toMatchObject({
      township: '120114105',
      parentIds: ['w2'],
      parents: [{ deathDate: '2009-09-09' }],
      movedOutOn: [null],
      secondChildQuotaWaivedOn: null,
      outOfPolicyBirth: false,
      oneChildCertificate: false,
    });
    expect(family.children).toEqual([
      {
        sex: 'M',
        birthDate: '1980-05-05',
        adopted: false,
        deathDate: '1990-01-01',
        hospitalDelivery: true,
        disability: [
          { grade: 3, on: '2001-01-01' },
          { grade: 2, on: '2005-06-01' },
        ],
      },
      { sex: 'F', birthDate: '1976-01-01', adopted: true, deathDate: null, hospitalDelivery: false, disability: [] },
    ]);
  });

  it('reads row after row with one reader, each family its own', () => {
    const reader = new FamilyReader();
    const rows = Array.from({ length: 1000 }, (_, i) =>
      row(
        `1201140${String(i % 30).padStart(2, '0')}`,
        i % 3 === 0 ? [parent(`w${i}`)] : [parent(`w${i}`), parent(`m${i}`, { sex: 'M' })],
        Array.from({ length: i % 4 }, (_, k) => child({ birth: `19${70 + k}-01-01` })),
      ),
    );
    const families = rows.map((r) => reader.family(r));
    families.forEach((f, i) => {
      expect(f.township).toBe(`1201140${String(i % 30).padStart(2, '0')}`);
      expect(f.parentIds).toEqual(i % 3 === 0 ? [`w${i}`] : [`w${i}`, `m${i}`]);
      expect(f.children.map((c) => c.birthDate)).toEqual(Array.from({ length: i % 4 }, (_, k) => `19${70 + k}-01-01`));
    });
    expect(families[1]?.children).not.toBe(families[2]?.children);
  });
});
