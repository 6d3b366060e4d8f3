import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPopulation } from '../../src/seed/loadPopulation.ts';
import { generatePopulation } from '../../src/seed/population.ts';
import { login, startTestApp, testSecrets, type TestApp } from '../helpers.ts';

describe('the demo register in the database', () => {
  let t: TestApp;
  const households = generatePopulation(42, {
    rewardCouples: 30,
    rewardWidowed: 3,
    specialDeathCouples: 4,
    specialDeathSingles: 1,
    specialDisabilityCouples: 4,
    specialDisabilitySingles: 1,
    xiazhuzhuangCouples: 5,
    others: 40,
  });
  const people = households.flatMap((h) => [...h.parents, ...h.children]);
  beforeAll(async () => {
    t = await startTestApp();
    expect(await loadPopulation(t.db, testSecrets, '120114', households)).toBe(people.length);
  });
  afterAll(async () => t.close());

  it('holds every generated person, relationship, disability and death as generated', async () => {
    const count = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n;
    expect(await count('SELECT count(*)::int AS n FROM household')).toBe(households.length);
    expect(await count('SELECT count(*)::int AS n FROM person')).toBe(people.length);
    expect(await count("SELECT count(*)::int AS n FROM relationship WHERE kind = 'spouse'")).toBe(households.filter((h) => h.parents.length === 2).length);
    expect(await count("SELECT count(*)::int AS n FROM relationship WHERE kind = 'child'")).toBe(
      households.reduce((n, h) => n + h.parents.length * h.children.length, 0),
    );
    expect(await count('SELECT count(*)::int AS n FROM disability_assessment')).toBe(people.filter((p) => p.disabilityGrade !== null).length);
    expect(await count('SELECT count(*)::int AS n FROM person WHERE NOT alive')).toBe(people.filter((p) => p.deathDate !== null).length);
    expect(await count('SELECT count(*)::int AS n FROM person WHERE out_of_policy_birth')).toBe(
      households.filter((h) => h.outOfPolicyBirth.value).reduce((n, h) => n + h.parents.length, 0),
    );
  });

  it('is searchable like any registered person, within each township’s scope', async () => {
    const target = households.find((h) => h.township === '120114001') ?? households[0];
    const head = target?.parents[0];
    const office = await login(t.app, 'office');
    const found = (await office.get(`/api/registry/persons?q=${head?.idNumber}`)).json();
    expect(found.items.map((p: { name: string }) => p.name)).toEqual([head?.name]);
    const other = await login(t.app, target?.township === '120114002' ? 'township.yangcun' : 'township.xiazhuzhuang');
    expect((await other.get(`/api/registry/persons?q=${head?.idNumber}`)).json().total).toBe(0);
  });
});
