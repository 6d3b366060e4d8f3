import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFamilies, type RegisterFamily } from '../../src/modules/benefits/register.ts';
import { seedEnrolments } from '../../src/seed/enrolments.ts';
import { loadPopulation } from '../../src/seed/loadPopulation.ts';
import { generatePopulation } from '../../src/seed/population.ts';
import { login, startTestApp, testSecrets, type TestApp } from '../helpers.ts';

describe('benefits over the register', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadPopulation(t.db, testSecrets, '120114', generatePopulation());
  }, 300_000);
  afterAll(async () => t.close());

  it('reproduces the report’s 2011 figures from the engine running over the demo register', async () => {
    const office = await login(t.app, 'office');
    const res = await office.get('/api/benefits/summary?year=2011');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    const by = Object.fromEntries(summary.programmes.map((p: { programme: string }) => [p.programme, p]));
    expect(by['reward-assistance']).toEqual({ programme: 'reward-assistance', beneficiaries: 5467, amount: 5467 * 80 * 12, fundedBy: 'district' });
    expect(by['special-assistance'].beneficiaries).toBe(548);
    expect(summary.rewardAndSpecialAssistance.roundedTo10000).toBe(6_450_000);
    expect(by['one-child-parent-reward']).toMatchObject({ beneficiaries: 1250, amount: 1_500_000, fundedBy: 'township' });
  }, 120_000);

  it('seeds the demo’s 2011 enrolments and paid rolls from the engine: the rolls pay what the yearly summary says, and the next roll pays each once', async () => {
    const enrolled = await seedEnrolments(t.db, testSecrets, '120114');
    expect(enrolled).toBeGreaterThan(5467 + 548);
    const office = await login(t.app, 'office');
    const summary = (await office.get('/api/benefits/summary?year=2011')).json();
    const { rows } = await t.db.query<{ programme: string; persons: number; amount: string; rolls: number }>(
      `SELECT programme, count(DISTINCT person_id)::int AS persons, sum(amount)::text AS amount, count(DISTINCT roll_id)::int AS rolls
         FROM payment_line WHERE paid_month BETWEEN '2011-01-01' AND '2011-12-01' GROUP BY programme ORDER BY programme`);
    const monthly = summary.programmes.filter((p: { amount: number }) => p.amount > 0);
    expect(rows.map((r) => [r.programme, r.persons, Number(r.amount), r.rolls]).sort())
      .toEqual(monthly.map((p: { programme: string; beneficiaries: number; amount: number }) => [p.programme, p.beneficiaries, p.amount, 12]).sort());
    expect(await t.db.query("SELECT 1 FROM payment_roll WHERE state <> 'paid' OR approved_by = generated_by").then((r) => r.rows)).toEqual([]);

    const january = await office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2012-01' });
    expect(january.statusCode, january.body).toBe(201);
    const roll = january.json();
    expect(roll.byKind.map((k: { kind: string }) => k.kind)).toEqual(['regular']);
    expect(roll.lineCount).toBeGreaterThan(5000);
    expect(roll.lineCount).toBeLessThanOrEqual(5467);
    expect(roll.totalAmount).toBe(roll.lineCount * 80);
  }, 300_000);

  it('reads the same families whole, by household and by enrolment', async () => {
    // Children in a fixed order: the order they are read in depends on the plan; no amount depends on it.
    const sorted = (f: RegisterFamily) => ({ ...f, children: [...f.children].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) });
    const by = (families: RegisterFamily[]) => new Map(families.map((f) => [f.parentIds.join(), sorted(f)]));
    await t.db.transaction(async (tx) => {
      const whole = by(await registerFamilies(tx));
      const enrolled = by(await registerFamilies(tx, { enrolledIn: 'reward-assistance' }));
      expect(enrolled.size).toBeGreaterThan(2000);
      for (const [key, family] of enrolled) expect(family, key).toEqual(whole.get(key));
      const { rows } = await tx.query<{ household_id: string }>(
        "SELECT DISTINCT household_id FROM person WHERE relation_to_head IN ('head', 'spouse') ORDER BY household_id LIMIT 300");
      const listed = by(await registerFamilies(tx, rows.map((r) => r.household_id)));
      expect(listed.size).toBeGreaterThanOrEqual(300);
      for (const [key, family] of listed) expect(family, key).toEqual(whole.get(key));
      expect([...whole.values()].some((f) => f.children.some((c) => c.disability.length > 0))).toBe(true);
    });
  }, 120_000);

  it('shows a township only its own families', async () => {
    const xzz = await login(t.app, 'township.xiazhuzhuang');
    const summary = (await xzz.get('/api/benefits/summary?year=2011')).json();
    const by = Object.fromEntries(summary.programmes.map((p: { programme: string }) => [p.programme, p]));
    expect(by['one-child-parent-reward'].beneficiaries).toBe(1250);
    expect(by['reward-assistance'].beneficiaries).toBe(0);
  }, 120_000);

  it('evaluates one family with the district’s parameters and explains each condition; bad facts are a 400', async () => {
    const c = await login(t.app, 'township.yangcun');
    const situation = {
      date: '2011-06-15', township: '120114002',
      family: {
        parents: [{ sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true }, { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: true }],
        children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
        outOfPolicyBirth1973to2001: false, oneChildCertificate: true,
      },
    };
    const res = await c.post('/api/benefits/evaluate', situation);
    expect(res.statusCode, res.body).toBe(200);
    const reward = res.json().results.filter((r: { programme: string }) => r.programme === 'reward-assistance');
    expect(reward.map((r: { eligible: boolean; monthlyAmount: number }) => [r.eligible, r.monthlyAmount])).toEqual([[true, 80], [true, 80]]);
    expect(reward[0].conditions.every((x: { label: string; met: boolean }) => x.met && /[\u4e00-\u9fff]/.test(x.label))).toBe(true);
    const bad = await c.post('/api/benefits/evaluate', { ...situation, family: { ...situation.family, children: [{ ...situation.family.children[0], birthDate: '1940-01-01' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/children/);
    expect((await (await login(t.app, 'sysadmin')).post('/api/benefits/evaluate', situation)).statusCode).toBe(403);
  });
});
