import { describe, expect, it } from 'vitest';
import rawRejections from './invalid-situations.json' with { type: 'json' };
import { parseSituation } from './types.ts';

/** A situation the schema must reject, and every field path the rejection must name. */
interface Rejection {
  name: string;
  situation: unknown;
  paths: string[];
}

const rejections = rawRejections as Rejection[];

const issueExample = {
  date: '2011-06-15',
  township: '120114002',
  family: {
    parents: [
      { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true },
      { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: true },
    ],
    children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
    outOfPolicyBirth1973to2001: false,
    oneChildCertificate: true,
  },
};

describe('situationSchema', () => {
  it('accepts the example of issue 4 §2 unchanged', () => {
    const parsed = parseSituation(issueExample);
    expect(parsed).toEqual({ ok: true, situation: issueExample });
  });

  it('accepts a deceased parent with or without a death date, and deathDate: null on a living one', () => {
    const widow = structuredClone(issueExample);
    widow.family.parents[1] = { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: false, deathDate: '2010-01-01' } as never;
    expect(parseSituation(widow).ok).toBe(true);
    const unknownDate = structuredClone(issueExample);
    unknownDate.family.parents[1] = { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: false } as never;
    expect(parseSituation(unknownDate).ok).toBe(true);
    const explicitNull = structuredClone(issueExample);
    explicitNull.family.parents[0] = { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true, deathDate: null } as never;
    expect(parseSituation(explicitNull).ok).toBe(true);
  });

  it('accepts a child born after the father died (posthumous) and an adopted child after the mother died', () => {
    const s = structuredClone(issueExample);
    s.family.parents[1] = { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: false, deathDate: '1975-10-01' } as never;
    expect(parseSituation(s).ok).toBe(true);
    const adopted = structuredClone(issueExample);
    adopted.family.parents[0] = { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: false, deathDate: '1975-01-01' } as never;
    adopted.family.children[0] = { ...adopted.family.children[0], adopted: true } as never;
    expect(parseSituation(adopted).ok).toBe(true);
  });

  it('accepts the optional facts hospitalDelivery and secondChildQuotaWaived, and keeps them as given', () => {
    const s = structuredClone(issueExample) as typeof issueExample & { family: { secondChildQuotaWaived?: boolean } };
    s.family.secondChildQuotaWaived = true;
    s.family.children = [
      { ...issueExample.family.children[0], hospitalDelivery: false } as never,
      { sex: 'M', birthDate: '2011-06-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null, hospitalDelivery: true } as never,
    ];
    const parsed = parseSituation(s);
    expect(parsed).toEqual({ ok: true, situation: s });
    if (!parsed.ok) return;
    expect(parsed.situation.family.secondChildQuotaWaived).toBe(true);
    expect(parsed.situation.family.children.map((c) => c.hospitalDelivery)).toEqual([false, true]);
  });

  it('leaves the optional facts out when they are absent (read as false by the programmes)', () => {
    const parsed = parseSituation(issueExample);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect('secondChildQuotaWaived' in parsed.situation.family).toBe(false);
    expect('hospitalDelivery' in (parsed.situation.family.children[0] ?? {})).toBe(false);
  });

  it('accepts hospitalDelivery: false on an adopted child, and a waived quota with any number of children', () => {
    const adopted = structuredClone(issueExample);
    adopted.family.children[0] = { ...adopted.family.children[0], adopted: true, hospitalDelivery: false } as never;
    expect(parseSituation(adopted).ok).toBe(true);
    const waivedThenBorn = structuredClone(issueExample) as typeof issueExample & { family: { secondChildQuotaWaived?: boolean } };
    waivedThenBorn.family.secondChildQuotaWaived = true;
    waivedThenBorn.family.children.push({ sex: 'M', birthDate: '1985-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null });
    expect(parseSituation(waivedThenBorn).ok).toBe(true);
  });

  it('names the field of a hospital delivery declared on an adopted child', () => {
    const s = structuredClone(issueExample);
    s.family.children[0] = { ...s.family.children[0], adopted: true, hospitalDelivery: true } as never;
    const parsed = parseSituation(s);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([{ path: 'family.children.0.hospitalDelivery', message: expect.stringMatching(/adopted/) }]);
  });

  it('has at least 30 rejection cases with distinct names', () => {
    expect(rejections.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rejections.map((r) => r.name)).size).toBe(rejections.length);
  });

  for (const r of rejections) {
    it(`rejects: ${r.name}`, () => {
      const parsed = parseSituation(r.situation);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect([...new Set(parsed.issues.map((i) => i.path))].sort()).toEqual([...r.paths].sort());
      for (const issue of parsed.issues) expect(issue.message.length).toBeGreaterThan(0);
    });
  }
});
