import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TODAY } from '../../src/core/clock.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { login, startTestApp, testSecrets, type Client, type TestApp } from '../helpers.ts';

/**
 * The demo district lives on its own date, the report's 2011-11-30: every module reads that date,
 * never the machine's, and the demo's records agree with it.
 */
describe('the demo on its own date (2011-11-30)', () => {
  let t: TestApp;
  let office: Client;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    // The whole demo as `serve --demo` loads it: the register, the 2011 enrolments and rolls, the applications.
    await seedDemo(t.db, testSecrets);
    office = await login(t.app, 'office');
  }, 600_000);
  afterAll(async () => t.close());

  it('says which date it runs on', async () => {
    const health = (await t.app.inject({ url: '/api/health' })).json();
    expect(health.today).toEqual({ date: DEMO_TODAY, fixed: true });
  });

  it('holds no record dated after its date', async () => {
    const after = async (sql: string) => (await t.db.query<{ n: number }>(sql, [`${DEMO_TODAY}T23:59:59+08:00`])).rows[0]?.n;
    expect(await after('SELECT count(*)::int AS n FROM coord_report WHERE first_submitted_at > $1 OR accepted_at > $1 OR period > $1::date')).toBe(0);
    expect(await after('SELECT count(*)::int AS n FROM coord_bulletin WHERE issued_on > $1::date')).toBe(0);
    expect(await after('SELECT count(*)::int AS n FROM coord_action_item WHERE done_at > $1')).toBe(0);
    expect(await after('SELECT count(*)::int AS n FROM benefit_application WHERE applied_on > $1::date')).toBe(0);
    expect(await after('SELECT count(*)::int AS n FROM payment_roll WHERE generated_at > $1 OR checked_at > $1 OR paid_at > $1')).toBe(0);
    expect(await after('SELECT count(*)::int AS n FROM ecd_measurement WHERE measured_on > $1::date')).toBe(0);
  });

  it('judges the reporting year as it stood: October’s gaps overdue, November’s reports not yet due', async () => {
    const c = (await office.get('/api/coord/completeness')).json();
    expect(c.year).toBe(2011);
    expect(c.months).toEqual(Array.from({ length: 11 }, (_, i) => `2011-${String(i + 1).padStart(2, '0')}`));
    const desk = (await office.get('/api/coord/desk')).json();
    expect(desk.today).toBe(DEMO_TODAY);
    expect(desk.currentPeriod).toBe('2011-11');
    // October's report of 总工会 was never filed; 文化局's was returned and not yet resubmitted.
    const overdue = desk.reminders.filter((r: { overdue: boolean }) => r.overdue);
    expect(overdue).toEqual([
      expect.objectContaining({ department: 'culture', period: '2011-10', status: 'returned' }),
      expect.objectContaining({ department: 'trade-union', period: '2011-10', status: null }),
    ]);
    // November's reports are due on 5 December: filed early ones wait for review, none is overdue.
    expect(desk.reminders.some((r: { period: string; overdue: boolean }) => r.period === '2011-11' && r.overdue)).toBe(false);
  });

  it('counts completeness and timeliness only in a department’s months that are due, never above 100%', async () => {
    const c = (await office.get('/api/coord/completeness?year=2011')).json();
    // January to November so far; November's reports are not due until 5 December.
    expect(c.months).toHaveLength(11);
    const row = (code: string) => c.rows.find((r: { department: { code: string } }) => r.department.code === code);
    // 文明办 joined in July: July to October expected, all received.
    expect(row('civilisation')).toMatchObject({ expected: 4, received: 4, completeness: 1 });
    expect(
      row('civilisation')
        .cells.slice(0, 6)
        .every((cell: { state: string }) => cell.state === 'inactive'),
    ).toBe(true);
    // 总工会 never filed October and was late in August; 统计局 was late in March.
    expect(row('trade-union')).toMatchObject({ expected: 10, received: 9, onTime: 8 });
    expect(row('statistics')).toMatchObject({ expected: 10, received: 10, onTime: 9 });
    // 文化局 October is returned: received it is not, until resubmitted.
    expect(row('culture')).toMatchObject({ expected: 10, received: 9 });
    expect(c.late).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ department: 'trade-union', period: '2011-10', submittedAt: null }),
        expect.objectContaining({ department: 'statistics', period: '2011-03' }),
      ]),
    );
    // 文化局 filed October in time and was returned: it is listed as returned, not as late.
    expect(c.late.filter((l: { department: string; period: string }) => l.department === 'culture' && l.period === '2011-10')).toEqual([]);
    for (const r of [...c.rows, c.overall]) {
      expect(r.completeness).toBeLessThanOrEqual(1);
      expect(r.timeliness).toBeLessThanOrEqual(r.completeness);
    }
    // Eighteen departments January to October, 文明办 July to October, and the four November reports already submitted.
    expect(c.overall.expected).toBe(18 * 10 + 4 + 4);
    expect(c.overall.received).toBe(18 * 10 + 4 + 4 - 2);
  });

  it('dates what is done today with its date: a report filed, a bulletin published', async () => {
    const health = await login(t.app, 'liaison.health');
    const form = (await health.get('/api/coord/reports/health/2011-11')).json();
    expect(form).toMatchObject({ period: '2011-11', status: null, dueOn: '2011-12-05' });
    const values = Object.fromEntries(form.indicators.map((i: { code: string }) => [i.code, 1]));
    const saved = await health.put('/api/coord/reports/health/2011-11', {
      version: null,
      progress: '本月开展妇儿保健知识讲座。',
      work: '1. 妇儿保健知识讲座',
      effect: '举办讲座 1 场。',
      problems: '',
      values,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await health.post('/api/coord/reports/health/2011-11/submit', { version: saved.json().version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const { rows } = await t.db.query<{ day: string }>(
      "SELECT to_char(first_submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM coord_report WHERE department_code = 'health' AND period = '2011-11-01'",
    );
    expect(rows[0]?.day).toBe(DEMO_TODAY);

    const draft = await office.post('/api/coord/bulletins', { period: '2011-09' });
    expect(draft.statusCode, draft.body).toBe(200);
    // 生成时间 on the business date too (China time).
    expect(new Date(Date.parse(draft.json().createdAt) + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(DEMO_TODAY);
    const published = await office.post(`/api/coord/bulletins/${draft.json().id}/publish`, { version: draft.json().version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().issuedOn).toBe(DEMO_TODAY);
  });

  it('refuses a date after its own as the future', async () => {
    const yangcun = await login(t.app, 'township.yangcun');
    const person = (await yangcun.get('/api/registry/persons?q=%E5%BC%A0&pageSize=1')).json().items[0];
    expect(person).toBeDefined();
    const res = await yangcun.post(`/api/registry/persons/${person.id}/move-out`, { date: '2011-12-01', destination: '北京市' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('has 梅厂镇’s 2012 confirmation under way: 刘福来 waits for the township’s review, December’s roll for approval', async () => {
    const meichang = await login(t.app, 'township.meichang');
    const apps = (await meichang.get('/api/benefits/applications?year=2012')).json().items;
    const liu = apps.find((a: { personName: string }) => a.personName === '刘福来');
    expect(liu).toMatchObject({ state: 'village_notice', appliedOn: '2011-10-20' });
    expect(liu.villageNotice.until < DEMO_TODAY).toBe(true);
    const rolls = (await office.get('/api/benefits/rolls?page=1&pageSize=20')).json().items;
    expect(rolls.filter((r: { period: string }) => r.period === '2011-12').map((r: { state: string }) => r.state)).toEqual(
      rolls.filter((r: { period: string }) => r.period === '2011-12').map(() => 'checked'),
    );
    expect(rolls.some((r: { period: string }) => r.period === '2011-12')).toBe(true);
  });

  it('shows a township its own share of a roll, named, and never the district’s total beside it', async () => {
    const meichang = await login(t.app, 'township.meichang');
    const district = (await office.get('/api/benefits/rolls?programme=reward-assistance&page=1&pageSize=1')).json().items[0];
    const own = (await meichang.get('/api/benefits/rolls?programme=reward-assistance&page=1&pageSize=1')).json().items[0];
    expect(district).toMatchObject({ id: own.id, scopeName: null });
    expect(own.scopeName).toBe('梅厂镇');
    const { rows } = await t.db.query<{ lines: number; amount: string }>(
      "SELECT count(*)::int AS lines, sum(amount)::text AS amount FROM payment_line WHERE roll_id = $1 AND township_code = '120114101'",
      [own.id],
    );
    expect(own).toMatchObject({ lineCount: rows[0]?.lines, totalAmount: Number(rows[0]?.amount) });
    expect(own.lineCount).toBeGreaterThan(0);
    expect(own.lineCount).toBeLessThan(district.lineCount);
    const detail = (await meichang.get(`/api/benefits/rolls/${own.id}`)).json();
    expect(detail).toMatchObject({ scopeName: '梅厂镇', lineCount: own.lineCount, totalAmount: own.totalAmount });
    expect(JSON.stringify(detail)).not.toContain(String(district.totalAmount));
  });
});
