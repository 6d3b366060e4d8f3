import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPlan, ArchivePrint, Centre, EcdClass, Milestones, Session, TeacherLoad } from '../../src/modules/ecd/schemas.ts';
import { withScope } from '../../src/db/scope.ts';
import { actorFor } from '../../src/modules/auth/actor.ts';
import { account, addDays, born, prepareCentre, today } from '../fixtures/ecdCentre.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

const code = (res: LightMyRequestResponse) => (res.json() as { error?: { code: string } }).error?.code;
type Item = { milestone: string; state: string; achievedOn: string | null; achievedAtMonths: number | null; observedBy: string | null };

describe('early childhood centre: milestones, plans, classes, sessions, attendance, load', () => {
  let t: TestApp;
  let teacher: Client;
  let head: Client;
  let parent: Client;
  let admin: Client;
  const ids = { t1: '', t2: '', t3: '', mine: '', other: '', third: '', classA: '', classB: '', classC: '', plan: '' };
  const del = (c: Client, url: string) => t.app.inject({ method: 'DELETE', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken } });

  beforeAll(async () => {
    t = await startTestApp();
    teacher = await login(t.app, 'teacher');
    admin = await login(t.app, 'sysadmin');
    head = await account(t.app, admin, 'ecdtest.head', 'centre_head');
    parent = await account(t.app, admin, 'ecdtest.parent', 'parent');
    Object.assign(ids, await prepareCentre(t, teacher));
  });
  afterAll(async () => t.close());

  it('answers the six WHO milestones with each state, and records and removes a tick', async () => {
    const first = (await teacher.get(`/api/ecd/children/${ids.mine}/milestones`)).json() as Milestones;
    expect(first.ageMonths).toBe(9.9);
    const state = (m: Milestones, c: string) => m.items.find((i) => i.milestone === c) as Item;
    expect(first.items.map((i) => [i.milestone, i.label, i.state])).toEqual([
      ['sitting', '独坐', 'late'],
      ['crawling', '手膝爬行', 'in_window'],
      ['standing_assisted', '扶站', 'in_window'],
      ['walking_assisted', '扶走', 'in_window'],
      ['standing_alone', '独站', 'in_window'],
      ['walking_alone', '独走', 'in_window'],
    ]);
    const set = await teacher.put(`/api/ecd/children/${ids.mine}/milestones/sitting`, { achievedOn: addDays(born, 200), note: '能独坐片刻' });
    expect(set.statusCode, set.body).toBe(200);
    expect(state(set.json(), 'sitting')).toMatchObject({ state: 'achieved', achievedOn: addDays(born, 200), achievedAtMonths: 6.6, observedBy: 'teacher' });
    const late = await teacher.put(`/api/ecd/children/${ids.mine}/milestones/sitting`, { achievedOn: addDays(born, 290) });
    expect(state(late.json(), 'sitting').state).toBe('achieved_late'); // 9.5 months, after 9.2
    await teacher.put(`/api/ecd/children/${ids.mine}/milestones/sitting`, { achievedOn: addDays(born, 200), note: '能独坐片刻' });
    for (const [body, c, status] of [
      [{ achievedOn: addDays(born, -1) }, 'sitting', 400],
      [{ achievedOn: addDays(today, 1) }, 'sitting', 400],
      [{ achievedOn: 'yesterday' }, 'sitting', 400],
      [{ achievedOn: today }, 'running', 400],
      [{ achievedOn: today, extra: 1 }, 'sitting', 400],
    ] as const) {
      expect((await teacher.put(`/api/ecd/children/${ids.mine}/milestones/${c}`, body)).statusCode, JSON.stringify(body)).toBe(status);
    }
    expect((await teacher.put(`/api/ecd/children/00000000-0000-4000-8000-000000000000/milestones/sitting`, { achievedOn: today })).statusCode).toBe(404);
    await teacher.put(`/api/ecd/children/${ids.mine}/milestones/crawling`, { achievedOn: addDays(born, 250) });
    const removed = await del(teacher, `/api/ecd/children/${ids.mine}/milestones/crawling`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(state(removed.json(), 'crawling')).toMatchObject({ state: 'in_window', achievedOn: null });
    expect((await del(teacher, `/api/ecd/children/${ids.mine}/milestones/crawling`)).statusCode).toBe(404);
    const { rows } = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'ecd.milestone%'`, [ids.mine]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['ecd.milestone_set', 'ecd.milestone_delete']));
  });

  it('keeps a library of activity plans: create, filter, change with a version', async () => {
    const plan = (over: Record<string, unknown> = {}) => ({
      title: '测试：小手抓抓乐',
      ageFromMonths: 6,
      ageToMonths: 12,
      domain: 'fine_motor',
      goal: '练习拇指与食指对捏',
      materials: ['彩色软球', '小碗'],
      steps: ['家长示范抓球', '宝宝模仿放入碗中'],
      parentGuidance: '耐心等待，及时鼓励。',
      minutes: 20,
      ...over,
    });
    const a = await teacher.post('/api/ecd/activity-plans', plan());
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ version: 1, materials: ['彩色软球', '小碗'] });
    ids.plan = a.json().id;
    const b = (
      await teacher.post(
        '/api/ecd/activity-plans',
        plan({ title: '测试：咿呀对话', ageFromMonths: 12, ageToMonths: 24, domain: 'language', goal: '模仿发音 zzqx' }),
      )
    ).json();
    const titles = async (query: string) =>
      ((await parent.get(`/api/ecd/activity-plans?${query}`)).json().items as ActivityPlan[]).map((p) => p.title).filter((x) => x.startsWith('测试'));
    expect(await titles('ageMonths=9')).toEqual(['测试：小手抓抓乐']);
    expect(await titles('ageMonths=12')).toEqual(['测试：小手抓抓乐', '测试：咿呀对话']);
    expect(await titles('domain=language')).toEqual(['测试：咿呀对话']);
    expect(await titles(`q=${encodeURIComponent('zzqx')}`)).toEqual(['测试：咿呀对话']);
    expect(await titles(`q=${encodeURIComponent('抓抓')}`)).toEqual(['测试：小手抓抓乐']);
    expect((await parent.get('/api/ecd/activity-plans?q=%25%25zzqx')).json().items).toEqual([]);
    expect((await parent.get(`/api/ecd/activity-plans/${b.id}`)).json().domain).toBe('language');
    const changed = await teacher.put(`/api/ecd/activity-plans/${ids.plan}`, { ...plan({ minutes: 25 }), version: 1 });
    expect(changed.json()).toMatchObject({ version: 2, minutes: 25 });
    expect(code(await teacher.put(`/api/ecd/activity-plans/${ids.plan}`, { ...plan(), version: 1 }))).toBe('stale_version');
    expect((await teacher.post('/api/ecd/activity-plans', plan({ ageFromMonths: 12, ageToMonths: 6 }))).statusCode).toBe(400);
    expect((await teacher.post('/api/ecd/activity-plans', plan({ steps: [] }))).statusCode).toBe(400);
    expect((await parent.post('/api/ecd/activity-plans', plan())).statusCode).toBe(403);
    expect((await teacher.get('/api/ecd/activity-plans/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('shows the centre, and keeps a class within its room', async () => {
    const centre = (await teacher.get('/api/ecd/centre')).json() as Centre;
    expect(centre).toMatchObject({ name: '天津市武清区儿童早期发展指导中心', areaM2: 380 });
    expect(centre.rooms).toEqual(expect.arrayContaining([{ code: 'tst-small', name: '测试小室', areaM2: 20.5, capacity: 2 }]));
    // Account names are read under the caller's rights: a teacher sees their own only.
    const username = (c: Centre, id: string) => c.teachers.find((x) => x.id === id)?.username;
    expect([username(centre, ids.t1), username(centre, ids.t2)]).toEqual(['teacher', null]);
    expect(username((await head.get('/api/ecd/centre')).json(), ids.t2)).toBe('ecdtest.head');
    expect((await parent.get('/api/ecd/centre')).statusCode).toBe(403);

    const open = async (name: string, teacherId: string, roomCode: string) => {
      const res = await teacher.post('/api/ecd/classes', { name, ageFromMonths: 6, ageToMonths: 24, teacherId, roomCode });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as string;
    };
    ids.classA = await open('测试甲班', ids.t1, 'tst-small');
    ids.classB = await open('测试乙班', ids.t2, 'tst-big');
    ids.classC = await open('测试丙班', ids.t3, 'tst-big');
    expect(
      (await teacher.post('/api/ecd/classes', { name: '测试甲班', ageFromMonths: 6, ageToMonths: 24, teacherId: ids.t1, roomCode: 'tst-small' })).statusCode,
    ).toBe(400);
    expect(
      (await teacher.post('/api/ecd/classes', { name: '测试丁班', ageFromMonths: 6, ageToMonths: 24, teacherId: ids.t1, roomCode: 'no-room' })).statusCode,
    ).toBe(400);
    const tooMany = await teacher.put(`/api/ecd/classes/${ids.classA}/members`, { childIds: [ids.mine, ids.other, ids.third] });
    expect(tooMany.statusCode).toBe(422);
    expect(code(tooMany)).toBe('over_capacity');
    const set = await teacher.put(`/api/ecd/classes/${ids.classA}/members`, { childIds: [ids.mine, ids.other] });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as EcdClass).children.map((c) => [c.name, c.ageMonths])).toEqual([
      ['测试宝宝', 9.9],
      ['邻家宝宝', 13.1],
    ]);
    expect((await teacher.put(`/api/ecd/classes/${ids.classB}/members`, { childIds: [ids.other, ids.third] })).statusCode).toBe(200);
    expect((await teacher.put(`/api/ecd/classes/${ids.classC}/members`, { childIds: [ids.third] })).statusCode).toBe(200);
    expect((await teacher.put(`/api/ecd/classes/${ids.classC}/members`, { childIds: ['00000000-0000-4000-8000-000000000000'] })).statusCode).toBe(404);
    const listed = ((await teacher.get('/api/ecd/classes')).json().items as EcdClass[]).find((c) => c.id === ids.classA);
    expect(listed).toMatchObject({ teacher: { id: ids.t1, name: '测试教师甲' }, room: { code: 'tst-small', capacity: 2 }, active: true });
    expect(listed?.children).toHaveLength(2);
  });

  it('refuses double-booked rooms and teachers, and sessions larger than the room', async () => {
    const schedule = (classId: string, startsAt: string, extra: Record<string, unknown> = {}) =>
      teacher.post('/api/ecd/sessions', { classId, startsAt, minutes: 60, ...extra });
    const first = await schedule(ids.classA, '2030-03-04T09:00:00+08:00', { activityPlanId: ids.plan });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      className: '测试甲班',
      startsAt: '2030-03-04T01:00:00.000Z',
      status: 'scheduled',
      teacher: { id: ids.t1 },
      room: { code: 'tst-small' },
      activityPlan: { id: ids.plan, domain: 'fine_motor' },
      enrolled: 2,
      presentCount: 0,
    });
    expect((first.json() as Session).attendance.every((a) => a.present === null)).toBe(true);
    // 测试乙班 with 测试教师甲 half an hour later: the teacher is taken.
    // The refusal names the session that holds the teacher or the room, in China time.
    const busy = await schedule(ids.classB, '2030-03-04T09:30:00+08:00', { teacherId: ids.t1 });
    expect(code(busy)).toBe('teacher_busy');
    expect((busy.json() as { error: { messages: { 'zh-CN': string } } }).error.messages['zh-CN']).toContain('测试甲班 2030-03-04 09:00–10:00');
    // 测试丙班 (one child) in the small room at the same time: the room is taken.
    const taken = await schedule(ids.classC, '2030-03-04T08:30:00+08:00', { roomCode: 'tst-small' });
    expect(code(taken)).toBe('room_busy');
    expect((taken.json() as { error: { messages: { en: string } } }).error.messages.en).toContain('测试甲班, 2030-03-04 09:00–10:00');
    // Back to back is fine.
    expect((await schedule(ids.classC, '2030-03-04T10:00:00+08:00', { roomCode: 'tst-small' })).statusCode).toBe(200);
    // 测试乙班 has two children: fits the small room (2)… after 测试甲班; three would not.
    expect((await teacher.put(`/api/ecd/classes/${ids.classB}/members`, { childIds: [ids.other, ids.third, ids.mine] })).statusCode).toBe(200);
    const over = await schedule(ids.classB, '2030-03-05T09:00:00+08:00', { roomCode: 'tst-small' });
    expect(over.statusCode).toBe(422);
    expect(code(over)).toBe('over_capacity');
    expect((await teacher.put(`/api/ecd/classes/${ids.classB}/members`, { childIds: [ids.other, ids.third] })).statusCode).toBe(200);
    expect((await schedule(ids.classA, '2030-03-04T09:00:00', {})).statusCode).toBe(400); // no offset
    expect((await schedule(ids.classA, '2030-03-06T09:00:00+08:00', { minutes: 5 })).statusCode).toBe(400);
    const list = (await teacher.get('/api/ecd/sessions?from=2030-03-04&to=2030-03-04')).json().items as Session[];
    expect(list.filter((s) => s.className.startsWith('测试')).map((s) => [s.className, s.startsAt])).toEqual([
      ['测试甲班', '2030-03-04T01:00:00.000Z'],
      ['测试丙班', '2030-03-04T02:00:00.000Z'],
    ]);
    const range = (from: string, to: string) => teacher.get(`/api/ecd/sessions?from=${from}&to=${to}`);
    expect((await range('2030-03-01', '2030-05-01')).statusCode).toBe(200); // 62 days, both ends included
    expect(code(await range('2030-03-01', '2030-05-02'))).toBe('validation_failed'); // 63
    expect((await range('2030-03-05', '2030-03-04')).statusCode).toBe(400);
    expect((await range('2030-03-05', 'soon')).statusCode).toBe(400);
  });

  it('changes a class: name, ages, teacher and room, within the room and without taking another class’s name', async () => {
    const change = (body: Record<string, unknown>) =>
      teacher.put(`/api/ecd/classes/${ids.classB}`, { name: '测试乙班', ageFromMonths: 6, ageToMonths: 24, teacherId: ids.t2, roomCode: 'tst-big', ...body });
    expect((await teacher.put(`/api/ecd/classes/${ids.classB}/members`, { childIds: [ids.other, ids.third, ids.mine] })).statusCode).toBe(200);
    const small = await change({ roomCode: 'tst-small' });
    expect(small.statusCode).toBe(422);
    expect(code(small)).toBe('over_capacity');
    expect((small.json() as { error: { messages: { 'zh-CN': string } } }).error.messages['zh-CN']).toBe('测试小室最多容纳 2 名儿童\uff0c本班 3 名');
    expect(code(await change({ name: '测试甲班' }))).toBe('validation_failed');
    expect(code(await change({ ageFromMonths: 30, ageToMonths: 12 }))).toBe('validation_failed');
    expect(
      (
        await teacher.put('/api/ecd/classes/00000000-0000-4000-8000-000000000000', {
          name: '无',
          ageFromMonths: 6,
          ageToMonths: 24,
          teacherId: ids.t2,
          roomCode: 'tst-big',
        })
      ).statusCode,
    ).toBe(404);
    const changed = await change({ name: '测试乙班（新）', ageFromMonths: 12, ageToMonths: 30, teacherId: ids.t3 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: '测试乙班（新）',
      ageFromMonths: 12,
      ageToMonths: 30,
      teacher: { id: ids.t3, name: '测试教师丙' },
      room: { code: 'tst-big' },
    });
    const { rows } = await t.db.query<{ before: { name: string }; after: { name: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'ecd.class_update' AND entity_id = $1`,
      [ids.classB],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ name: '测试乙班', teacherId: ids.t2 }),
        after: expect.objectContaining({ name: '测试乙班（新）' }),
      }),
    ]);
    // Put back as it was, for the tests after this one.
    expect((await change({})).statusCode).toBe(200);
    expect((await teacher.put(`/api/ecd/classes/${ids.classB}/members`, { childIds: [ids.other, ids.third] })).statusCode).toBe(200);
  });

  it('takes attendance, records the absent, and cancels only what has not happened', async () => {
    const past = await teacher.post('/api/ecd/sessions', { classId: ids.classA, startsAt: `${addDays(today, -1)}T09:00:00+08:00`, minutes: 45 });
    expect(past.statusCode, past.body).toBe(200);
    const id = past.json().id as string;
    expect((await teacher.put(`/api/ecd/sessions/${id}/attendance`, { present: [ids.third] })).statusCode).toBe(400); // not in the class
    const taken = await teacher.put(`/api/ecd/sessions/${id}/attendance`, {
      present: [ids.mine],
      notes: { [ids.mine]: '今天很投入', [ids.other]: '感冒请假' },
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'held', presentCount: 1, enrolled: 2 });
    expect((taken.json() as Session).attendance).toEqual([
      { childId: ids.mine, childName: '测试宝宝', present: true, note: '今天很投入' },
      { childId: ids.other, childName: '邻家宝宝', present: false, note: '感冒请假' },
    ]);
    expect(code(await teacher.post(`/api/ecd/sessions/${id}/cancel`, { note: '太迟了' }))).toBe('invalid_transition');
    const future = (await teacher.post('/api/ecd/sessions', { classId: ids.classA, startsAt: '2030-03-11T09:00:00+08:00', minutes: 60 })).json();
    expect(code(await teacher.put(`/api/ecd/sessions/${future.id}/attendance`, { present: [] }))).toBe('invalid_transition');
    const cancelled = await teacher.post(`/api/ecd/sessions/${future.id}/cancel`, { note: '教师培训' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', note: '教师培训' });
    expect(code(await teacher.post(`/api/ecd/sessions/${future.id}/cancel`, { note: '再取消' }))).toBe('invalid_transition');
    // The cancelled slot is free again.
    expect((await teacher.post('/api/ecd/sessions', { classId: ids.classA, startsAt: '2030-03-11T09:00:00+08:00', minutes: 60 })).statusCode).toBe(200);
    const { rows } = await t.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'ecd.%' AND actor_username = 'teacher'`);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'ecd.session_create',
        'ecd.attendance',
        'ecd.session_cancel',
        'ecd.class_create',
        'ecd.class_members',
        'ecd.plan_create',
        'ecd.plan_update',
      ]),
    );
  });

  it('measures teacher load against weekly hours × weeks', async () => {
    // 测试教师丙 (15 h a week), 2030-03-18 … 2030-03-31 (two weeks: 30 planned hours):
    // three sessions of 60 minutes and one of 90 held or scheduled, one of 60 cancelled → 4.5 h, load 0.15.
    const slots = [
      ['2030-03-18T09:00:00+08:00', 60],
      ['2030-03-20T09:00:00+08:00', 60],
      ['2030-03-25T09:00:00+08:00', 60],
      ['2030-03-31T15:00:00+08:00', 90],
      ['2030-03-27T09:00:00+08:00', 60],
    ] as const;
    const made: string[] = [];
    for (const [startsAt, minutes] of slots) {
      const res = await teacher.post('/api/ecd/sessions', { classId: ids.classC, startsAt, minutes });
      expect(res.statusCode, res.body).toBe(200);
      made.push(res.json().id);
    }
    await teacher.post(`/api/ecd/sessions/${made[4]}/cancel`, { note: '停课' });
    // Outside the range (China days): the evening before, and the first minute after.
    await teacher.post('/api/ecd/sessions', { classId: ids.classC, startsAt: '2030-03-17T23:00:00+08:00', minutes: 30 });
    await teacher.post('/api/ecd/sessions', { classId: ids.classC, startsAt: '2030-04-01T00:00:00+08:00', minutes: 30 });
    const load = (await teacher.get('/api/ecd/teacher-load?from=2030-03-18&to=2030-03-31')).json() as TeacherLoad;
    expect(load).toMatchObject({ from: '2030-03-18', to: '2030-03-31' });
    expect(load.items.find((i) => i.teacher.id === ids.t3)).toEqual({
      teacher: { id: ids.t3, name: '测试教师丙' },
      sessions: 4,
      hours: 4.5,
      plannedHours: 30,
      load: 0.15,
    });
    expect(load.items.find((i) => i.teacher.id === ids.t2)).toEqual({
      teacher: { id: ids.t2, name: '测试教师乙' },
      sessions: 0,
      hours: 0,
      plannedHours: 40,
      load: 0,
    });
    expect((await parent.get('/api/ecd/teacher-load?from=2030-03-18&to=2030-03-31')).statusCode).toBe(403);
    expect((await teacher.get('/api/ecd/teacher-load?from=2030-03-18&to=2030-03-01')).statusCode).toBe(400);
  });

  it('shows a parent only their own child’s sessions and milestones, read-only', async () => {
    const sessions = (await parent.get('/api/ecd/sessions?from=2030-03-01&to=2030-03-31')).json().items as Session[];
    expect(new Set(sessions.map((s) => s.className))).toEqual(new Set(['测试甲班']));
    expect(sessions.every((s) => s.attendance.length === 1 && s.attendance[0]?.childId === ids.mine && s.enrolled === 1)).toBe(true);
    const recent = (await parent.get(`/api/ecd/sessions?from=${addDays(today, -3)}&to=${today}`)).json().items as Session[];
    expect(recent.map((s) => s.attendance)).toEqual([[{ childId: ids.mine, childName: '测试宝宝', present: true, note: '今天很投入' }]]);
    expect((await parent.get(`/api/ecd/children/${ids.mine}/milestones`)).json().items[0].state).toBe('achieved');
    expect((await parent.get(`/api/ecd/children/${ids.other}/milestones`)).statusCode).toBe(404);
    expect((await parent.put(`/api/ecd/children/${ids.mine}/milestones/walking_alone`, { achievedOn: today })).statusCode).toBe(403);
    expect((await del(parent, `/api/ecd/children/${ids.mine}/milestones/sitting`)).statusCode).toBe(403);
    expect((await parent.get('/api/ecd/classes')).statusCode).toBe(403);
    expect((await parent.post('/api/ecd/sessions', { classId: ids.classA, startsAt: '2030-03-12T09:00:00+08:00', minutes: 60 })).statusCode).toBe(403);
    expect((await (await login(t.app, 'township.yangcun')).get(`/api/ecd/children/${ids.mine}/milestones`)).statusCode).toBe(403);
    // The database itself shows the parent only the classes and sessions of their child's classes.
    const asParent = await actorFor(t.db, 'ecdtest.parent');
    const own = (await t.db.query<{ class_id: string }>('SELECT DISTINCT class_id FROM ecd_class_member WHERE child_id = $1 ORDER BY 1', [ids.mine])).rows.map(
      (r) => r.class_id,
    );
    const all = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ecd_class')).rows[0]?.n ?? 0;
    const seen = await withScope(t.db, asParent, async (tx) => ({
      classes: (await tx.query<{ id: string }>('SELECT id FROM ecd_class ORDER BY 1')).rows.map((r) => r.id),
      foreign: (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM ecd_session WHERE NOT class_id = ANY ($1::uuid[])', [own])).rows[0]?.n,
    }));
    expect(own).toContain(ids.classA);
    expect(all).toBeGreaterThan(own.length);
    expect(seen).toEqual({ classes: own, foreign: 0 });
  });

  it('prints the archive with milestones, attendance and notes, logged as a view', async () => {
    await teacher.post(`/api/ecd/children/${ids.mine}/measurements`, { date: addDays(today, -2), weightKg: 8.6, note: '食欲好' });
    const views = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'ecd.archive_view' AND entity_id = $1", [ids.mine])).rows[0]
        ?.n ?? 0;
    const before = await views();
    const res = await parent.get(`/api/ecd/children/${ids.mine}/archive-print`);
    expect(res.statusCode, res.body).toBe(200);
    const print = res.json() as ArchivePrint;
    expect(print).toMatchObject({
      centreName: '天津市武清区儿童早期发展指导中心',
      printedOn: today,
      attendance: { sessions: 1, present: 1, lastAttended: addDays(today, -1) },
    });
    expect((print.archive as { child: { name: string } }).child.name).toBe('测试宝宝');
    expect(print.milestones.items[0]).toMatchObject({ milestone: 'sitting', state: 'achieved' });
    expect(print.notes).toEqual([
      { date: addDays(today, -1), author: '测试教师甲', text: '今天很投入' },
      { date: addDays(today, -2), author: '测试教师甲', text: '食欲好' },
      { date: addDays(born, 200), author: '测试教师甲', text: '独坐：能独坐片刻' },
    ]);
    expect(await views()).toBe(before + 1);
    expect((await parent.get(`/api/ecd/children/${ids.other}/archive-print`)).statusCode).toBe(404);
  });

  it('after consent is withdrawn hides the child from teachers, not from the head, and refuses changes', async () => {
    expect((await parent.post(`/api/ecd/children/${ids.mine}/withdraw-consent`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/ecd/children/${ids.mine}/milestones`)).statusCode).toBe(404);
    expect((await teacher.put(`/api/ecd/children/${ids.mine}/milestones/walking_alone`, { achievedOn: today })).statusCode).toBe(404);
    expect((await teacher.get(`/api/ecd/children/${ids.mine}/archive-print`)).statusCode).toBe(404);
    const seen = await head.get(`/api/ecd/children/${ids.mine}/milestones`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().items[0].state).toBe('achieved');
    expect((await head.get(`/api/ecd/children/${ids.mine}/archive-print`)).statusCode).toBe(200);
    const refused = await head.put(`/api/ecd/children/${ids.mine}/milestones/walking_alone`, { achievedOn: today });
    expect([refused.statusCode, code(refused)]).toEqual([409, 'consent_withdrawn']);
    expect(code(await del(head, `/api/ecd/children/${ids.mine}/milestones/sitting`))).toBe('consent_withdrawn');
    expect(code(await head.put(`/api/ecd/classes/${ids.classC}/members`, { childIds: [ids.third, ids.mine] }))).toBe('consent_withdrawn');
    expect((await teacher.put(`/api/ecd/classes/${ids.classC}/members`, { childIds: [ids.third, ids.mine] })).statusCode).toBe(404);
    // The class goes on without the child.
    const classA = ((await teacher.get('/api/ecd/classes')).json().items as EcdClass[]).find((c) => c.id === ids.classA);
    expect(classA?.children.map((c) => c.id)).toEqual([ids.other]);
    // The database closed the child's memberships on the day of withdrawal.
    const open = await t.db.query('SELECT 1 FROM ecd_class_member WHERE child_id = $1 AND left_on IS NULL', [ids.mine]);
    expect(open.rows).toHaveLength(0);
    expect((await parent.get(`/api/ecd/children/${ids.mine}/milestones`)).statusCode).toBe(200);
  });
});
