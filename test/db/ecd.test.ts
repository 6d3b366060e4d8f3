import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARENT_CHILD } from '../../src/seed/ecdCentre.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

let t: TestApp;
let teacher: Client;
let childId: string;
let otherId: string;
beforeAll(async () => {
  t = await startTestApp({ today: 'real' }); // children born in 2025, measured up to the real date
  teacher = await login(t.app, 'teacher');
  const enrol = (name: string, parentUsername?: string) =>
    teacher.post('/api/ecd/children', {
      name,
      sex: 'M',
      birthDate: '2025-06-01',
      enrolledOn: '2025-09-01',
      consent: { by: '陈静', relation: '母亲', purpose: '儿童早期发展指导与生长发育监测' },
      ...(parentUsername ? { parentUsername } : {}),
    });
  const res = await enrol('陈小宝', 'parent');
  expect(res.statusCode, res.body).toBe(201);
  childId = res.json().id;
  otherId = (await enrol('李小花')).json().id;
});
afterAll(async () => t.close());

describe('early childhood centre: growth archives', () => {
  it('records a measurement and answers its WHO z-scores at once', async () => {
    // 365 days old (2026-06-01), 9.6 kg, 75.7 cm lying: close to the WHO medians for boys.
    const res = await teacher.post(`/api/ecd/children/${childId}/measurements`, {
      date: '2026-06-01',
      weightKg: 9.6,
      lengthHeightCm: 75.7,
      position: 'lying',
      headCircumferenceCm: 46,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().zscores.weightForAge).toEqual({ z: -0.04, flag: 0 });
    expect(res.json().zscores.lengthHeightForAge).toEqual({ z: -0.02, flag: 0 });
    const low = await teacher.post(`/api/ecd/children/${childId}/measurements`, { date: '2026-09-01', weightKg: 7.2, lengthHeightCm: 73, position: 'lying' });
    // 7.2 kg at 15 months is below −3 SD for weight-for-age, 73 cm below −2 SD for length-for-age.
    expect(low.json().statuses.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['severe_underweight', 'stunting', 'wasting']));
  });

  it('refuses what WHO and plain sense refuse, recording nothing', async () => {
    const bad = [
      [{ date: '2026-06-01', weightKg: 0 }, 400],
      [{ date: '2026-06-01', weightKg: 300 }, 400],
      [{ date: '2026-06-01', lengthHeightCm: 750 }, 400],
      [{ date: '2025-05-01', weightKg: 5 }, 400],
      [{ date: '2999-01-01', weightKg: 5 }, 400],
      [{ date: '2026-06-01', weightKg: 'heavy' }, 400],
    ] as const;
    for (const [body, status] of bad)
      expect((await teacher.post(`/api/ecd/children/${childId}/measurements`, body)).statusCode, JSON.stringify(body)).toBe(status);
    expect(
      (await teacher.post(`/api/ecd/children/${childId}/measurements`, { date: '2025-08-01', lengthHeightCm: 60, position: 'standing' })).json().warnings[0],
    ).toContain('卧位');
  });

  it('shows a parent only their own child, and logs every view of an archive', async () => {
    const parent = await login(t.app, 'parent');
    // The demo parent's own children: the demo daughter and 陈小宝, of the centre's many.
    const own = (
      await t.db.query<{ id: string }>(
        "SELECT g.child_id AS id FROM ecd_guardian g JOIN app_user u ON u.district_code = g.district_code AND u.id = g.user_id WHERE u.username = 'parent'",
      )
    ).rows
      .map((r) => r.id)
      .sort();
    expect(own).toHaveLength(2);
    expect(own).toContain(childId);
    const { rows: all } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ecd_child');
    expect(all[0]?.n).toBeGreaterThan(100);
    const seen = (await parent.get('/api/ecd/children')).json().items as { id: string; name: string }[];
    expect(seen.map((c) => c.id).sort()).toEqual(own);
    expect(seen.map((c) => c.name)).toEqual(expect.arrayContaining(['陈小宝', DEMO_PARENT_CHILD]));
    expect((await parent.get(`/api/ecd/children/${childId}`)).json().measurements.length).toBeGreaterThanOrEqual(2);
    expect((await parent.get(`/api/ecd/children/${otherId}`)).statusCode).toBe(404);
    expect((await parent.post(`/api/ecd/children/${childId}/measurements`, { date: '2026-06-02', weightKg: 9.7 })).statusCode).toBe(403);
    expect((await (await login(t.app, 'township.yangcun')).get('/api/ecd/children')).statusCode).toBe(403);
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'ecd.archive_view' AND entity_id = $1", [
      childId,
    ]);
    expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
  });
});

describe('early childhood centre: consent withdrawal and reference curves', () => {
  it('stops new measurements and hides the archive from staff once the guardian withdraws consent', async () => {
    const parent = await login(t.app, 'parent');
    expect((await parent.post(`/api/ecd/children/${childId}/withdraw-consent`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/ecd/children/${childId}`)).statusCode).toBe(404);
    expect((await teacher.post(`/api/ecd/children/${childId}/measurements`, { date: '2026-10-01', weightKg: 10 })).statusCode).toBe(404);
    expect((await parent.get(`/api/ecd/children/${childId}`)).statusCode).toBe(200);
  });

  it('lets the centre head withdraw consent for a guardian, and refuses a teacher', async () => {
    const refused = await teacher.post(`/api/ecd/children/${otherId}/withdraw-consent`);
    expect(refused.statusCode, refused.body).toBe(403);
    const head = await login(t.app, 'centre.head');
    expect((await head.post(`/api/ecd/children/${otherId}/withdraw-consent`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/ecd/children/${otherId}`)).statusCode).toBe(404);
  });

  it('serves the WHO reference curves for charts', async () => {
    const res = (await teacher.get('/api/ecd/curves?table=weightForAge&sex=M')).json();
    expect(res.sds).toEqual([-3, -2, 0, 2, 3]);
    expect(res.points[0]).toEqual({ x: 0, values: expect.any(Array) });
    expect(res.points[0].values[2]).toBeCloseTo(3.3464, 4);
  });
});
