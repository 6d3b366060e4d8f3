import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonth } from '../../src/modules/coordination/reports.ts';
import { idNumber } from '../fixtures/roster.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';
import { expectRefused as expectRefusedBy, HIGH, NUL, SURROGATE, variants, type Case } from '../refusals.ts';

/**
 * Bytes and numbers the database refuses (NUL, lone UTF-16 surrogates, integers beyond 32 bits,
 * year-0 and impossible dates, huge strings), sent to every module: each is answered 400 with a
 * stable code in both languages, and nothing is written. Malformed uploads are in
 * input-uploads-bytes.test.ts.
 */

describe('bad bytes, numbers and dates', () => {
  let t: TestApp;
  let yangcun: Client;
  let village: Client;
  let office: Client;
  let agri: Client;
  let teacher: Client;
  let admin: Client;
  let householdId: string;
  let personId: string;
  let enrolmentId: string;
  let childId: string;
  let classId: string;
  const period = currentMonth();

  beforeAll(async () => {
    t = await startTestApp();
    [yangcun, village, office, agri, teacher, admin] = (await Promise.all(
      ['township.yangcun', 'village.meichang', 'office', 'liaison.agri', 'teacher', 'sysadmin'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client, Client];
    const created = await yangcun.post('/api/registry/households', {
      village: '120114001201',
      address: '杨村街道东刘庄村9号',
      members: [{ name: '测试甲', relation: '户主', idNumber: idNumber('19500302', 123), hukou: '农业' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    householdId = created.json().id;
    personId = created.json().personIds[0];
    /** An existing row's id, or one that matches nothing (the input is refused before any lookup). */
    const some = async (sql: string) => (await t.db.query<{ id: string }>(sql)).rows[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    enrolmentId = await some('SELECT id FROM benefit_enrolment WHERE last_month IS NULL ORDER BY id LIMIT 1');
    childId = await some('SELECT id FROM ecd_child WHERE consent_withdrawn_at IS NULL ORDER BY id LIMIT 1');
    classId = await some('SELECT id FROM ecd_class ORDER BY id LIMIT 1');
  }, 120_000);
  afterAll(async () => t.close());

  const expectRefused = (cases: Case[]) => expectRefusedBy(t, cases);

  it('registry: households, members, life events and search', async () => {
    const member = { name: '测试户主', relation: '户主', idNumber: idNumber('19600101', 15), hukou: '农业' };
    const household = (patch: Record<string, unknown>, memberPatch: Record<string, unknown> = {}) =>
      yangcun.post('/api/registry/households', { village: '120114001201', address: '杨村街道测试路1号', members: [{ ...member, ...memberPatch }], ...patch });
    const birth = (date: unknown, memberPatch: Record<string, unknown> = {}) =>
      yangcun.post(`/api/registry/households/${householdId}/members`, {
        event: 'birth',
        date,
        member: { name: '测试婴儿', relation: '子', idNumber: idNumber('20110301', 35), hukou: '农业', ...memberPatch },
      });
    await expectRefused([
      ...variants('household address', (v) => household({ address: v })),
      ...variants('household number', (v) => household({ householdNumber: v })),
      ...variants('member name', (v) => household({}, { name: v })),
      ...variants('member phone', (v) => household({}, { phone: v })),
      { label: 'member name with a control character', send: () => household({}, { name: '张\u0007三' }) },
      { label: 'member name with a line break', send: () => household({}, { name: '张\n三' }) },
      { label: 'huge address', send: () => household({ address: '路'.repeat(50_000) }) },
      { label: 'huge member name', send: () => household({}, { name: 'x'.repeat(200_000) }) },
      { label: 'body over the limit', send: () => household({ address: '路'.repeat(100_000) }), status: 413, code: 'body_too_large' },
      { label: 'unknown key holding NUL', send: () => household({ [NUL]: 1 }) },
      ...variants('birth date', (v) => birth(v), ['0000-01-01', '2011-02-30', '1799-12-31', '2101-01-01', '+02011-03-01', NUL]),
      ...variants('birth: child birth date', (v) => birth('2011-03-01', { birthDate: v }), ['0000-01-01', NUL]),
      ...variants('death note', (v) => yangcun.post(`/api/registry/persons/${personId}/death`, { date: '2011-03-04', note: v })),
      ...variants('death date', (v) => yangcun.post(`/api/registry/persons/${personId}/death`, { date: v }), ['0000-01-01', '20110304']),
      ...variants('move-out destination', (v) => yangcun.post(`/api/registry/persons/${personId}/move-out`, { date: '2011-03-04', destination: v })),
      ...variants('disability grade', (v) => yangcun.post(`/api/registry/persons/${personId}/disability`, { date: '2011-03-04', grade: v }), [HIGH, 2.5, '2']),
      ...variants('reveal reason', (v) => yangcun.post(`/api/registry/persons/${personId}/reveal`, { reason: v })),
      ...variants('search', (v) => yangcun.get(`/api/registry/persons?q=${encodeURIComponent(String(v))}`), [NUL, 'x'.repeat(100_000)]),
      ...variants('search page', (v) => yangcun.get(`/api/registry/persons?page=${String(v)}`), [HIGH, '1e3x', -1]),
      ...variants(
        'import mapping column',
        (v) => yangcun.post(`/api/registry/imports/${householdId}/mapping`, { columns: [{ column: v, key: null }], remember: false }),
        [HIGH, NUL],
      ),
    ]);
  });

  it('benefits: parameters, applications, objections, enrolments', async () => {
    const parameter = (patch: Record<string, unknown>) =>
      office.post('/api/benefits/parameters', {
        programme: 'reward-assistance',
        name: 'amount',
        effectiveFrom: '2030-01-01',
        value: 90,
        reference: '测试文件',
        ...patch,
      });
    const application = (patch: Record<string, unknown>) =>
      village.post('/api/benefits/applications', {
        programme: 'reward-assistance',
        personId,
        year: 2011,
        appliedOn: '2011-01-05',
        bankName: '农村信用社',
        bankAccount: '6228 4800 1234 4567',
        ...patch,
      });
    await expectRefused([
      ...variants('parameter reference', (v) => parameter({ reference: v })),
      ...variants('parameter value (jsonb)', (v) => parameter({ value: v })),
      ...variants('parameter date', (v) => parameter({ effectiveFrom: v }), ['0000-01-01', '2030-02-30']),
      ...variants('application year', (v) => application({ year: v }), [HIGH, 0]),
      ...variants('application date', (v) => application({ appliedOn: v }), ['0000-01-05', '2011-13-05']),
      ...variants('application note', (v) => application({ note: v })),
      ...variants('application bank name', (v) => application({ bankName: v })),
      ...variants('enrolment exit reason', (v) => office.post(`/api/benefits/enrolments/${enrolmentId}/exit`, { lastMonth: '2030-01', reason: v })),
      ...variants('enrolment exit month', (v) => office.post(`/api/benefits/enrolments/${enrolmentId}/exit`, { lastMonth: v, reason: '迁出本区' }), [
        '0000-01',
        '2030-13',
      ]),
      ...variants('enrolment search', (v) => office.get(`/api/benefits/enrolments?q=${encodeURIComponent(String(v))}`), [NUL]),
      ...variants('application list year', (v) => office.get(`/api/benefits/applications?year=${String(v)}`), [HIGH]),
      ...variants('application list page', (v) => office.get(`/api/benefits/applications?page=${String(v)}`), [HIGH]),
      ...variants('evaluation date', (v) => office.get(`/api/benefits/persons/${personId}/evaluation?date=${String(v)}`), ['0000-01-01']),
      ...variants('evaluate situation', (v) => office.post('/api/benefits/evaluate', { date: v }), [NUL]),
      ...variants('roll period', (v) => office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: v }), ['0000-01', NUL]),
      ...variants('what-if value', (v) =>
        office.post('/api/benefits/what-if', { programme: 'reward-assistance', parameter: 'amount', value: v, effectiveFrom: '2030-01-01' }),
      ),
    ]);
  });

  it('coordination: plan, indicators, reports and their values, meetings, notices', async () => {
    const draft = (patch: Record<string, unknown>) =>
      agri.put(`/api/coord/reports/agri-tech/${period}`, {
        version: null,
        progress: '进展',
        work: '工作',
        effect: '成效',
        problems: '',
        values: {},
        ...patch,
      });
    const indicator = (patch: Record<string, unknown>) =>
      office.put('/api/coord/indicators/test_input', {
        name: '测试指标',
        unit: '人',
        aggregation: 'sum',
        integer: true,
        min: 0,
        max: null,
        departments: ['agri-tech'],
        active: true,
        sortOrder: 1,
        ...patch,
      });
    const meeting = (patch: Record<string, unknown>) =>
      office.post('/api/coord/meetings', {
        kind: 'work',
        title: '测试会议',
        startsAt: '2030-03-01T09:00:00+08:00',
        place: '区政府',
        chair: '赵建国',
        agenda: [],
        attendees: ['agri-tech'],
        ...patch,
      });
    await expectRefused([
      ...variants(
        'responsibility year',
        (v) => office.post('/api/coord/responsibilities', { year: v, area: 'health', title: '测试', description: '', departments: ['health'] }),
        [HIGH, -HIGH - 1, 1e300, 0],
      ),
      ...variants('responsibility title', (v) =>
        office.post('/api/coord/responsibilities', { year: 2011, area: 'health', title: v, description: '', departments: ['health'] }),
      ),
      ...variants('indicator sort order', (v) => indicator({ sortOrder: v }), [HIGH, -HIGH - 1]),
      ...variants('indicator name', (v) => indicator({ name: v })),
      ...variants('indicator department listed twice', (v) => indicator({ departments: [v, v] }), ['agri-tech']),
      ...variants('report text', (v) => draft({ progress: v })),
      ...variants('report text with a control character', (v) => draft({ work: v }), ['工作\u001b[31m']),
      ...variants('report value (jsonb)', (v) => draft({ values: { agri_consultations: v } })),
      ...variants('report value key (jsonb)', (v) => draft({ values: { [String(v)]: 1 } })),
      {
        label: 'report value nested deeply',
        send: () =>
          t.app.inject({
            method: 'PUT',
            url: `/api/coord/reports/agri-tech/${period}`,
            headers: { cookie: agri.cookie, 'x-csrf-token': agri.csrfToken, 'content-type': 'application/json' },
            payload: `{"version":null,"progress":"","work":"","effect":"","problems":"","values":{"agri_consultations":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
          }),
      },
      ...variants(
        'report period',
        (v) => agri.put(`/api/coord/reports/agri-tech/${String(v)}`, { version: null, progress: '', work: '', effect: '', problems: '', values: {} }),
        ['0000-01', '2011-13'],
      ).map((c) => ({ ...c, code: 'period_invalid' })),
      ...variants('meeting start', (v) => meeting({ startsAt: v }), ['0000-01-01T09:00:00Z', '2030-02-30T09:00:00Z', NUL]),
      ...variants('meeting agenda item', (v) => meeting({ agenda: [v] })),
      ...variants('meeting place', (v) => meeting({ place: v })),
      ...variants('action item due', (v) => office.post('/api/coord/action-items', { title: '测试', owner: 'agri-tech', dueOn: v }), ['0000-01-01', NUL]),
      ...variants('notice body', (v) => office.post('/api/coord/notices', { title: '测试通知', body: v, departments: 'all' })),
      ...variants('bulletin period', (v) => office.post('/api/coord/bulletins', { period: v }), ['0000', '0000-Q1', '2101']).map((c) => ({
        ...c,
        code: 'period_invalid',
      })),
      ...variants('bulletin period', (v) => office.post('/api/coord/bulletins', { period: v }), [NUL, SURROGATE]),
      ...variants('settings', (v) => office.put('/api/coord/settings', { dueDay: 5, reminderDays: 3, documentPrefix: v, issuer: '办公室' })),
      ...variants('report list year', (v) => office.get(`/api/coord/reports?year=${String(v)}`), [HIGH]),
    ]);
  });

  it('ecd: children, measurements, milestones, plans, classes, sessions', async () => {
    const enrol = (patch: Record<string, unknown>) =>
      teacher.post('/api/ecd/children', {
        name: '测试宝宝',
        sex: 'M',
        birthDate: '2025-06-01',
        enrolledOn: '2025-09-01',
        consent: { by: '陈静', relation: '母亲', purpose: '儿童早期发展指导' },
        ...patch,
      });
    const plan = (patch: Record<string, unknown>) =>
      teacher.post('/api/ecd/activity-plans', {
        title: '测试活动',
        ageFromMonths: 6,
        ageToMonths: 12,
        domain: 'language',
        goal: '目标',
        materials: [],
        steps: ['第一步'],
        parentGuidance: '指导',
        minutes: 30,
        ...patch,
      });
    await expectRefused([
      ...variants('child name', (v) => enrol({ name: v })),
      ...variants('child birth date', (v) => enrol({ birthDate: v }), ['0000-06-01', '2025-02-29', NUL]),
      ...variants('consent purpose', (v) => enrol({ consent: { by: '陈静', relation: '母亲', purpose: v } })),
      ...variants('measurement note', (v) => teacher.post(`/api/ecd/children/${childId}/measurements`, { date: '2026-06-01', weightKg: 9.6, note: v })),
      ...variants('measurement date', (v) => teacher.post(`/api/ecd/children/${childId}/measurements`, { date: v, weightKg: 9.6 }), ['0000-06-01']),
      ...variants(
        'measurement weight',
        (v) => teacher.post(`/api/ecd/children/${childId}/measurements`, { date: '2026-06-01', weightKg: v }),
        [1e300, 999.999],
      ),
      ...variants('milestone note', (v) => teacher.put(`/api/ecd/children/${childId}/milestones/sitting`, { achievedOn: '2026-01-01', note: v })),
      ...variants('milestone date', (v) => teacher.put(`/api/ecd/children/${childId}/milestones/sitting`, { achievedOn: v }), ['0000-01-01']),
      ...variants('plan step', (v) => plan({ steps: [v] })),
      ...variants('plan minutes', (v) => plan({ minutes: v }), [HIGH]),
      ...variants('plan search', (v) => teacher.get(`/api/ecd/activity-plans?q=${encodeURIComponent(String(v))}`), [NUL]),
      ...variants('session start', (v) => teacher.post('/api/ecd/sessions', { classId, startsAt: v, minutes: 30 }), ['0000-01-01T09:00:00Z', NUL]),
      ...variants('session range', (v) => teacher.get(`/api/ecd/sessions?from=${String(v)}&to=2026-01-31`), ['0000-01-01']),
      ...variants('attendance note', (v) => teacher.put(`/api/ecd/sessions/${classId}/attendance`, { present: [], notes: { [childId]: v } })),
    ]);
  });

  it('users and sign-in', async () => {
    const [auditor, secadmin] = await Promise.all([login(t.app, 'auditor'), login(t.app, 'secadmin')]);
    const user = (patch: Record<string, unknown>) =>
      admin.post('/api/users', { username: 'input.test', displayName: '测试用户', password: 'Abcdefgh-123!x', ...patch });
    const signIn = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body as Record<string, unknown> });
    await expectRefused([
      ...variants('display name', (v) => user({ displayName: v })),
      ...variants('display name with a control character', (v) => user({ displayName: v }), ['测试\u0000', '测\t试']),
      ...variants('password', (v) => user({ password: `Abcdefgh-123!${String(v)}` })),
      ...variants('user search', (v) => admin.get(`/api/users?q=${encodeURIComponent(String(v))}`), [NUL]),
      ...variants('user page', (v) => admin.get(`/api/users?page=${String(v)}`), [HIGH]),
      ...variants('sign-in user name', (v) => signIn({ username: v, password: 'whatever-123' })),
      ...variants('sign-in password', (v) => signIn({ username: 'office', password: v })),
      ...variants(
        'security policy',
        (v) =>
          secadmin.put('/api/security/policy', {
            minPasswordLength: 12,
            passwordExpiryDays: v,
            lockoutThreshold: 5,
            lockoutMinutes: 15,
            idleTimeoutMinutes: 30,
            requireTotpForPrivileged: false,
          }),
        [HIGH],
      ),
      ...variants('audit range', (v) => auditor.get(`/api/audit?from=${encodeURIComponent(String(v))}`), ['0000-01-01T00:00:00Z']),
    ]);
  });
});
