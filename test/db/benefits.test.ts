import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterFamily } from '../../src/core/benefits/registerFamily.ts';
import { registerFamilies } from '../../src/modules/benefits/familyQueries.ts';
import { idNumber } from '../fixtures/roster.ts';
import { seedEnrolments } from '../../src/seed/enrolments.ts';
import { loadPopulation } from '../../src/seed/loadPopulation.ts';
import { generatePopulation } from '../../src/seed/population.ts';
import { login, startTestApp, testSecrets, type TestApp } from '../helpers.ts';

describe('benefits over the register', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: '2012-06-30' }); // the register moves on into 2012: moves, deaths and January's roll
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
         FROM payment_line WHERE paid_month BETWEEN '2011-01-01' AND '2011-12-01' GROUP BY programme ORDER BY programme`,
    );
    const monthly = summary.programmes.filter((p: { amount: number }) => p.amount > 0);
    expect(rows.map((r) => [r.programme, r.persons, Number(r.amount), r.rolls]).sort()).toEqual(
      monthly.map((p: { programme: string; beneficiaries: number; amount: number }) => [p.programme, p.beneficiaries, p.amount, 12]).sort(),
    );
    expect(await t.db.query('SELECT 1 FROM payment_roll WHERE approved_by = generated_by').then((r) => r.rows)).toEqual([]);
    // On the demo's date (2011-11-30) January to November are paid; December's roll is checked and waits for approval.
    const states = await t.db.query<{ period: string; state: string }>(
      "SELECT DISTINCT to_char(period, 'YYYY-MM') AS period, state FROM payment_roll ORDER BY 1",
    );
    expect(states.rows).toEqual([
      ...Array.from({ length: 11 }, (_, i) => ({ period: `2011-${String(i + 1).padStart(2, '0')}`, state: 'paid' })),
      { period: '2011-12', state: 'checked' },
    ]);

    // December's roll is approved, exported and paid before January's may be generated.
    const finance = await login(t.app, 'office.finance');
    const december = (await office.get('/api/benefits/rolls?programme=reward-assistance&page=1&pageSize=1')).json().items[0];
    expect(december).toMatchObject({ period: '2011-12', state: 'checked' });
    for (const [who, action] of [
      [finance, 'approve'],
      [finance, 'export'],
      [office, 'paid'],
    ] as const) {
      const moved = await who.post(`/api/benefits/rolls/${december.id}/transition`, { action });
      expect(moved.statusCode, moved.body).toBe(200);
    }
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
        "SELECT DISTINCT household_id FROM person WHERE relation_to_head IN ('head', 'spouse') ORDER BY household_id LIMIT 300",
      );
      const listed = by(
        await registerFamilies(
          tx,
          rows.map((r) => r.household_id),
        ),
      );
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
    const res = await c.post('/api/benefits/evaluate', situation);
    expect(res.statusCode, res.body).toBe(200);
    const reward = res.json().results.filter((r: { programme: string }) => r.programme === 'reward-assistance');
    expect(reward.map((r: { eligible: boolean; monthlyAmount: number }) => [r.eligible, r.monthlyAmount])).toEqual([
      [true, 80],
      [true, 80],
    ]);
    expect(reward[0].conditions.every((x: { label: string; met: boolean }) => x.met && /[\u4e00-\u9fff]/.test(x.label))).toBe(true);
    const bad = await c.post('/api/benefits/evaluate', {
      ...situation,
      family: { ...situation.family, children: [{ ...situation.family.children[0], birthDate: '1940-01-01' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/children/);
    expect((await (await login(t.app, 'sysadmin')).post('/api/benefits/evaluate', situation)).statusCode).toBe(403);
  });
  it('keeps each family as the register changes, in the app and by hand; the kept families equal a rebuild from scratch', async () => {
    const yangcun = await login(t.app, 'township.yangcun');
    const {
      rows: [couple],
    } = await t.db.query<{ household: string; head: string; spouse: string }>(
      `SELECT h.household_id AS household, h.id AS head, s.id AS spouse FROM person h
         JOIN person s ON s.district_code = h.district_code AND s.household_id = h.household_id AND s.relation_to_head = 'spouse'
        WHERE h.relation_to_head = 'head' AND h.township_code = '120114001' AND h.alive AND s.alive AND h.moved_out_on IS NULL
          AND s.moved_out_on IS NULL AND s.birth_date BETWEEN '1970-01-01' AND '1980-01-01' ORDER BY h.id LIMIT 1`,
    );
    if (couple === undefined) throw new Error('no couple in Yangcun');
    const families = () => t.db.transaction((tx) => registerFamilies(tx, [couple.household]));
    const childBorn = (f: RegisterFamily | undefined) => f?.children.find((c) => c.birthDate === '2005-03-01');
    const before = (await families())[0];
    expect(before?.parentIds).toEqual([couple.spouse, couple.head]);

    // Through the app, as a township user (row-level security on): a birth, an assessment, a death, a move.
    const birth = await yangcun.post(`/api/registry/households/${couple.household}/members`, {
      event: 'birth',
      date: '2005-03-01',
      parentIds: [couple.head, couple.spouse],
      member: { name: '张新', relation: '子女', idNumber: idNumber('20050301', 31), hukou: '农业' },
    });
    expect(birth.statusCode, birth.body).toBe(201);
    const childId: string = birth.json().id;
    expect((await families())[0]?.children).toHaveLength((before?.children.length ?? 0) + 1);
    expect((await yangcun.post(`/api/registry/persons/${childId}/disability`, { date: '2009-05-01', grade: 3 })).statusCode).toBe(200);
    expect((await yangcun.post(`/api/registry/persons/${childId}/death`, { date: '2010-07-08' })).statusCode).toBe(200);
    expect((await yangcun.post(`/api/registry/persons/${couple.spouse}/move-out`, { date: '2012-02-01', destination: '北京市' })).statusCode).toBe(200);
    let [family] = await families();
    expect(childBorn(family)).toEqual({
      sex: 'M',
      birthDate: '2005-03-01',
      adopted: false,
      deathDate: '2010-07-08',
      hospitalDelivery: false,
      disability: [{ grade: 3, on: '2009-05-01' }],
    });
    expect(family?.movedOutOn).toEqual(['2012-02-01', null]);

    // By hand: a child linked to both parents takes the first parent's link (the spouse's).
    await t.db.query('UPDATE relationship SET adopted = true WHERE related_person_id = $1 AND person_id = $2', [childId, couple.head]);
    expect(childBorn((await families())[0])?.adopted).toBe(false);
    await t.db.query('UPDATE relationship SET adopted = true WHERE related_person_id = $1 AND person_id = $2', [childId, couple.spouse]);
    expect(childBorn((await families())[0])?.adopted).toBe(true);
    // The child moves to a household of its own, and stays the couple's child; without the
    // spouse's link, the head's (adopted) still makes it theirs.
    const {
      rows: [elsewhere],
    } = await t.db.query<{ id: string }>("SELECT id FROM household WHERE township_code = '120114001' AND id <> $1 LIMIT 1", [couple.household]);
    await t.db.query("UPDATE person SET household_id = $2, relation_to_head = 'other', updated_by = 'test' WHERE id = $1", [childId, elsewhere?.id ?? '']);
    await t.db.query('DELETE FROM relationship WHERE related_person_id = $1 AND person_id = $2', [childId, couple.spouse]);
    [family] = await families();
    expect(childBorn(family)).toMatchObject({ adopted: true, deathDate: '2010-07-08' });
    // A third head or spouse in one household (a register error) is a family of its own.
    const {
      rows: [third],
    } = await t.db.query<{ id: string }>(
      `INSERT INTO person SELECT (jsonb_populate_record(NULL::person, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'id_number_hash', md5(p.id::text)))).*
         FROM person p WHERE p.id = $1 RETURNING id`,
      [couple.spouse],
    );
    const split = await families();
    // Spouses before the head, in id order, two to a family.
    expect(split.map((f) => f.parentIds)).toEqual([[couple.spouse, third?.id ?? ''].sort(), [couple.head]]);

    // Every family kept equals every family rebuilt from the register as it now stands.
    const kept = 'SELECT district_code, household_id, part, township_code, village_code, facts FROM benefit_family ORDER BY 1, 2, 3';
    const now = (await t.db.query(kept)).rows;
    expect(now.length).toBeGreaterThan(2000);
    const rebuilt = await t.db
      .transaction(async (tx) => {
        await tx.query('DELETE FROM benefit_family');
        await tx.query('SELECT xingfu_benefit_family_rebuild(array_agg(district_code), array_agg(id)) FROM household');
        const rows = (await tx.query(kept)).rows;
        throw Object.assign(new Error('rolled back'), { rows });
      })
      .catch((e: { rows?: unknown[] }) => e.rows);
    expect(rebuilt).toEqual(now);
  }, 300_000);

  it('keeps the year summary until the kept families or the parameters change, in the app or by hand', async () => {
    const office = await login(t.app, 'office');
    const summary = async () =>
      (await office.get('/api/benefits/summary?year=2012')).json() as { total: number; programmes: { programme: string; amount: number }[] };
    const reward = (s: Awaited<ReturnType<typeof summary>>) => s.programmes.find((p) => p.programme === 'reward-assistance')?.amount ?? 0;
    const first = await summary();
    expect(await summary()).toEqual(first);

    // Through the app: reward assistance rises to 100 yuan from October.
    const raised = await office.post('/api/benefits/parameters', {
      programme: 'reward-assistance',
      name: 'amount',
      effectiveFrom: '2012-10-01',
      value: 100,
      reference: '测试：提高奖励扶助标准',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    await expect.poll(async () => reward(await summary()), { timeout: 10_000 }).toBeGreaterThan(reward(first));
    const afterRaise = await summary();

    // By hand (another process): fifty of Yangcun's elders left the district at the start of 2012.
    await t.db.query(
      `UPDATE person SET moved_out_on = '2012-01-01', updated_by = 'test' WHERE id IN (
         SELECT id FROM person WHERE township_code = '120114001' AND alive AND moved_out_on IS NULL AND birth_date < '1950-01-01' ORDER BY id LIMIT 50)`,
    );
    await expect.poll(async () => (await summary()).total, { timeout: 10_000 }).toBeLessThan(afterRaise.total);
  }, 300_000);
});
