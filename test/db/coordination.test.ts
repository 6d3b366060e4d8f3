import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonth } from '../../src/modules/coordination/reports.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

const month = currentMonth();
const year = Number(month.slice(0, 4));

/** The agri-tech centre's form, filled in as its liaison would (rules satisfied). */
const agriDraft = (version: number | null, values: Record<string, unknown> = {}) => ({
  version,
  progress: '本月深化“心系农民、守护丰收”服务品牌创建。',
  work: '1. 接受农民电话咨询\n2. 发放技术资料',
  effect: '接受咨询 48 人次，发放技术资料 12,000 份，培训农民技术骨干 30,000 人次。',
  problems: '',
  values: { agri_consultations: 48, agri_materials: 12_000, agri_trainings: 30_000, publicity_events: 3, people_served: 800, ...values },
});

describe('coordination: monthly reports, review, completeness, bulletins, meetings, notices', () => {
  let t: TestApp;
  let office: Client;
  let agri: Client;
  let forestry: Client;
  let health: Client;
  const count = async (sql: string, args: unknown[] = []) => (await t.db.query<{ n: number }>(sql, args as never)).rows[0]?.n ?? -1;

  beforeAll(async () => {
    t = await startTestApp({ today: 'real' }); // months of its own, after the demo's year; the demo's date has a test of its own
    office = await login(t.app, 'office');
    agri = await login(t.app, 'liaison.agri');
    forestry = await login(t.app, 'liaison.forestry');
    health = await login(t.app, 'liaison.health');
  }, 120_000);
  afterAll(async () => t.close());

  it('reproduces the report’s 2011 figures in the year’s bulletin, from accepted reports only', async () => {
    const res = await office.post('/api/coord/bulletins', { period: '2011' });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    const total = (code: string) => b.indicators.find((i: { code: string }) => i.code === code)?.period;
    expect(total('agri_consultations')).toBeGreaterThanOrEqual(500);
    expect(total('agri_materials')).toBe(192_000);
    expect(total('agri_trainings')).toBe(460_000);
    expect(total('forestry_households')).toBe(1_500);
    expect(total('forestry_trainings')).toBe(4_000);
    expect(total('forestry_saplings')).toBe(510_000);
    expect(total('student_aid_students')).toBe(1_416);
    expect(total('student_aid_donations')).toBeGreaterThanOrEqual(570_000);
    expect(total('poor_mothers')).toBeGreaterThanOrEqual(300);
    // The same figures straight from the database: every accepted value of 2011, summed.
    const sum = async (code: string) =>
      Number(
        (
          await t.db.query<{ s: string }>(
            `SELECT sum(v.value)::text AS s FROM coord_report_value v JOIN coord_report r ON r.district_code = v.district_code AND r.id = v.report_id
        WHERE v.indicator_code = $1 AND r.status = 'accepted' AND r.period BETWEEN '2011-01-01' AND '2011-12-01'`,
            [code],
          )
        ).rows[0]?.s,
      );
    expect(total('people_served')).toBe(await sum('people_served'));
    // 文化局 October was returned: it is listed, and its values are not in the totals.
    expect(b.returned).toEqual([expect.objectContaining({ department: 'culture', period: '2011-10' })]);
    const culture = await sum('publicity_events');
    const withReturned = Number(
      (
        await t.db.query<{ s: string }>(
          `SELECT sum(v.value)::text AS s FROM coord_report_value v JOIN coord_report r ON r.district_code = v.district_code AND r.id = v.report_id
        WHERE v.indicator_code = 'publicity_events' AND r.period BETWEEN '2011-01-01' AND '2011-12-01'`,
        )
      ).rows[0]?.s,
    );
    expect(total('publicity_events')).toBe(culture);
    expect(withReturned).toBeGreaterThan(culture);
  });

  it('shows a liaison the completeness of the own department only', async () => {
    const own = (await agri.get('/api/coord/completeness?year=2011')).json();
    expect(own.rows.map((r: { department: { code: string } }) => r.department.code)).toEqual(['agri-tech']);
  });

  it('takes a report from draft through a return to acceptance, and rejects bad input without changing anything', async () => {
    const url = `/api/coord/reports/agri-tech/${month}`;
    const before = await count('SELECT count(*)::int AS n FROM coord_report');

    // Bad values: each reported against its indicator, nothing written.
    const bad = await agri.put(url, agriDraft(null, { agri_consultations: -3, agri_materials: 'abc', agri_trainings: 1.5 }));
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe('value_invalid');
    expect(
      bad
        .json()
        .error.details.map((d: { indicator: string; code: string }) => `${d.indicator}:${d.code}`)
        .sort(),
    ).toEqual(['agri_consultations:negative', 'agri_materials:not_number', 'agri_trainings:not_integer']);
    expect(await count('SELECT count(*)::int AS n FROM coord_report')).toBe(before);

    // The future, a malformed month, another department: refused.
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    expect((await agri.put(`/api/coord/reports/agri-tech/${next}`, agriDraft(null))).json().error.code).toBe('period_future');
    expect((await agri.put('/api/coord/reports/agri-tech/2011-13', agriDraft(null))).json().error.code).toBe('period_invalid');
    expect((await agri.put(`/api/coord/reports/forestry/${month}`, agriDraft(null))).statusCode).toBe(403);
    expect((await agri.get(`/api/coord/reports/forestry/2011-10`)).statusCode).toBe(404);

    // A draft with values missing is fine; submitting it is not.
    let res = await agri.put(url, { ...agriDraft(null), values: { agri_consultations: 48 } });
    expect(res.statusCode, res.body).toBe(200);
    let r = res.json();
    expect(r).toMatchObject({ status: 'draft', editable: true, values: { agri_consultations: 48, agri_materials: null } });
    res = await agri.post(`${url}/submit`, { version: r.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.filter((d: { code: string }) => d.code === 'required')).toHaveLength(4);

    // A rule between indicators: materials ≤ trainings.
    r = (await agri.put(url, agriDraft(r.version, { agri_materials: 50_000 }))).json();
    res = await agri.post(`${url}/submit`, { version: r.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ indicator: 'agri_materials', code: 'rule', message: '发放技术资料份数不应多于培训人次，请核实' }),
    ]);

    r = (await agri.put(url, agriDraft(r.version))).json();
    res = await agri.post(`${url}/submit`, { version: r.version });
    expect(res.statusCode, res.body).toBe(200);
    r = res.json();
    expect(r).toMatchObject({ status: 'submitted', editable: false, onTime: true, late: false });
    const firstSubmission = r.submittedAt;

    // Only the office reviews; a return needs a comment.
    expect((await agri.post(`${url}/accept`, { version: r.version })).statusCode).toBe(403);
    expect((await office.post(`${url}/return`, { version: r.version, comment: ' ' })).statusCode).toBe(400);
    res = await office.post(`${url}/return`, { version: r.version, comment: '培训人次请注明集中培训与广播培训各多少。' });
    expect(res.statusCode, res.body).toBe(200);
    r = res.json();
    expect(r).toMatchObject({ status: 'returned', returnComment: '培训人次请注明集中培训与广播培训各多少。' });

    // The liaison fixes it and resubmits; timeliness keeps the first submission.
    r = (await agri.get(url)).json();
    expect(r.editable).toBe(true);
    r = (await agri.put(url, { ...agriDraft(r.version), work: '1. 集中培训 10,000 人次\n2. 广播电视培训 20,000 人次' })).json();
    r = (await agri.post(`${url}/submit`, { version: r.version })).json();
    expect(r).toMatchObject({ status: 'submitted', submittedAt: firstSubmission });
    expect(r.history.map((h: { action: string }) => h.action)).toEqual(['saved', 'saved', 'saved', 'submitted', 'returned', 'saved', 'resubmitted']);

    // A stale version is refused; the right one is accepted and the report locks.
    expect((await office.post(`${url}/accept`, { version: r.version - 1 })).json().error.code).toBe('stale_version');
    res = await office.post(`${url}/accept`, { version: r.version });
    expect(res.statusCode, res.body).toBe(200);
    r = res.json();
    expect(r).toMatchObject({ status: 'accepted', editable: false, reviewable: false });
    expect((await agri.put(url, agriDraft(r.version))).json().error.code).toBe('report_locked');
    await expect(t.db.query(`UPDATE coord_report SET effect = 'changed' WHERE id = $1`, [r.id])).rejects.toThrow(/locked/);
    await expect(t.db.query(`UPDATE coord_report_value SET value = 1 WHERE report_id = $1`, [r.id])).rejects.toThrow(/locked/);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'coord.report_%' AND entity_id = $1`, [r.id])).toBe(8);
  });

  it('lets the office close a department, then refuses its reports for later months and stops expecting them', async () => {
    const span = (activeFrom: string, activeTo: string | null) => office.patch('/api/org/departments/forestry', { activeFrom, activeTo });
    expect((await forestry.patch('/api/org/departments/forestry', { activeFrom: '2011-01-01', activeTo: '2011-12-31' })).statusCode).toBe(403);
    // A span that would drop months already reported is refused, naming them.
    const dropping = await span('2011-06-01', null);
    expect(dropping.statusCode).toBe(409);
    expect(dropping.json().error.details.periods).toEqual(['2011-01', '2011-02', '2011-03', '2011-04', '2011-05']);
    expect((await span('2011-01-01', '2010-12-31')).statusCode).toBe(400);

    const closed = await span('2011-01-01', '2011-12-31');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ code: 'forestry', activeTo: '2011-12-31' });
    try {
      expect((await forestry.put(`/api/coord/reports/forestry/${month}`, agriDraft(null, {}))).json().error.code).toBe('department_inactive');
      const c = (await office.get(`/api/coord/completeness?year=${year}`)).json();
      expect(c.rows.find((r: { department: { code: string } }) => r.department.code === 'forestry')).toMatchObject({ expected: 0 });
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'org.department_membership' AND entity_id = 'forestry'`)).toBe(1);
    } finally {
      expect((await span('2011-01-01', null)).statusCode).toBe(200);
    }
  });

  it('drafts, publishes and numbers a bulletin; a published one is read-only and visible to the departments', async () => {
    expect((await office.post('/api/coord/bulletins', { period: '2012-03' })).json().error.code).toBe('no_data');
    expect((await office.post('/api/coord/bulletins', { period: `${year + 1}` })).json().error.code).toBe('period_future');
    expect((await office.post('/api/coord/bulletins', { period: '2011-Q5' })).json().error.code).toBe('period_invalid');

    const draft = (await office.post('/api/coord/bulletins', { period: month })).json();
    expect(draft).toMatchObject({ status: 'draft', number: null, kind: 'month' });
    expect(draft.completeness.rows.find((r: { department: { code: string } }) => r.department.code === 'agri-tech')).toMatchObject({ received: 1, onTime: 1 });
    expect(draft.highlights.map((h: { department: string }) => h.department)).toContain('agri-tech');
    expect((await agri.get(`/api/coord/bulletins/${draft.id}`)).statusCode).toBe(404);

    const edited = (await office.patch(`/api/coord/bulletins/${draft.id}`, { version: draft.version, intro: '各成员单位：现将本月情况通报如下。' })).json();
    const published = await office.post(`/api/coord/bulletins/${draft.id}/publish`, { version: edited.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', number: `武清幸福家庭办〔${year}〕1号`, intro: '各成员单位：现将本月情况通报如下。' });
    expect((await office.patch(`/api/coord/bulletins/${draft.id}`, { version: published.json().version, title: 'x' })).json().error.code).toBe(
      'bulletin_published',
    );
    await expect(t.db.query(`DELETE FROM coord_bulletin WHERE id = $1`, [draft.id])).rejects.toThrow(/read-only/);

    const seen = await agri.get(`/api/coord/bulletins/${draft.id}`);
    expect(seen.statusCode).toBe(200);
    const listed = (await agri.get('/api/coord/bulletins')).json().items;
    expect(listed.every((b: { status: string }) => b.status === 'published')).toBe(true);
    expect(listed.map((b: { number: string }) => b.number)).toContain('武清幸福家庭办〔2011〕3号');

    const docx = await agri.get(`/api/coord/bulletins/${draft.id}/docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain(`武清幸福家庭办〔${year}〕1号`);
    expect(xml).toContain('农技推广中心');
  });

  it('carries open action items to the next meeting, turns decisions into action items, and lets the owner close them', async () => {
    const created = await office.post('/api/coord/meetings', {
      kind: 'coordination',
      title: '测试协调会',
      startsAt: `${month}-01T09:00:00+08:00`,
      place: '区人口计生委三楼会议室',
      chair: '区人口计生委主任',
      agenda: ['通报月报报送情况'],
      attendees: ['agri-tech', 'forestry', 'civil-affairs', 'statistics'],
    });
    expect(created.statusCode, created.body).toBe(200);
    let meeting = created.json();
    const carried = meeting.agenda.filter((a: { carried: boolean }) => a.carried);
    // The demo's three decisions of November 2011 still open.
    expect(carried.map((a: { title: string }) => a.title)).toEqual([
      expect.stringContaining('将计生困难家庭纳入低保优先审核范围'),
      expect.stringContaining('建立幸福家庭创建指标统计口径'),
      expect.stringContaining('春节前走访慰问贫困母亲'),
    ]);
    const overdue = (await office.get('/api/coord/action-items?status=overdue')).json().items;
    expect(overdue.map((a: { owner: string }) => a.owner).sort()).toEqual(['civil-affairs', 'statistics', 'women']);

    meeting = (
      await office.put(`/api/coord/meetings/${meeting.id}/minutes`, {
        version: meeting.version,
        minutes: '会议研究了月报质量问题。',
        present: ['agri-tech', 'forestry', 'civil-affairs'],
        decisions: [{ title: '统一农技培训人次统计口径', owner: 'agri-tech', dueOn: `${year + 1}-01-31` }],
      })
    ).json();
    expect(meeting).toMatchObject({ status: 'held', decisions: 1 });
    expect(meeting.attendeeList.find((a: { code: string }) => a.code === 'statistics').present).toBe(false);
    const item = meeting.actionItems[0];
    expect(item).toMatchObject({ owner: 'agri-tech', status: 'open', canUpdate: true });

    expect((await forestry.post(`/api/coord/action-items/${item.id}/notes`, { text: '代为更新' })).statusCode).toBe(403);
    const closed = await agri.post(`/api/coord/action-items/${item.id}/notes`, { text: '已印发统计口径说明。', done: true });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'done', notes: [expect.objectContaining({ text: '已印发统计口径说明。' })] });
    expect(
      (await office.put(`/api/coord/meetings/${meeting.id}/minutes`, { version: meeting.version, minutes: 'again', present: [], decisions: [] })).statusCode,
    ).toBe(409);
  });

  it('sends notices to chosen departments and keeps their read receipts', async () => {
    const sent = await office.post('/api/coord/notices', { title: '关于报送季度总结的通知', body: '请于月底前报送。', departments: ['agri-tech', 'forestry'] });
    expect(sent.statusCode, sent.body).toBe(200);
    const id = sent.json().id;
    expect((await health.get('/api/coord/notices')).json().items.map((n: { id: string }) => n.id)).not.toContain(id);
    const mine = (await agri.get('/api/coord/notices')).json().items.find((n: { id: string }) => n.id === id);
    expect(mine).toMatchObject({ read: false, recipients: [expect.objectContaining({ code: 'agri-tech', readAt: null })] });
    expect((await agri.get('/api/coord/desk')).json().unreadNotices).toBeGreaterThanOrEqual(1);
    expect((await health.post(`/api/coord/notices/${id}/read`)).statusCode).toBe(404);
    const read = (await agri.post(`/api/coord/notices/${id}/read`)).json();
    expect(read.read).toBe(true);
    const receipts = (await office.get('/api/coord/notices')).json().items.find((n: { id: string }) => n.id === id).recipients;
    expect(receipts.map((r: { code: string; readAt: string | null }) => [r.code, r.readAt !== null])).toEqual([
      ['agri-tech', true],
      ['forestry', false],
    ]);
  });

  it('shows the latest implementation plan; a liaison moves only the status of its own department’s responsibilities', async () => {
    const plan = (await agri.get('/api/coord/plan')).json();
    expect(plan).toMatchObject({ year: 2011, years: [2011], title: '武清区创建幸福家庭活动实施方案及职责分工' });
    expect(new Set(plan.responsibilities.map((r: { area: string }) => r.area))).toEqual(
      new Set(['civility', 'health', 'eugenics', 'prosperity', 'dedication']),
    );
    const own = plan.responsibilities.find(
      (r: { departments: { code: string; lead: boolean }[] }) => r.departments[0]?.code === 'agri-tech' && r.departments[0]?.lead,
    );
    const other = plan.responsibilities.find((r: { departments: { code: string }[] }) => !r.departments.some((d) => d.code === 'agri-tech'));
    const moved = await agri.patch(`/api/coord/responsibilities/${own.id}`, { version: own.version, status: 'done' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().status).toBe('done');
    expect((await agri.patch(`/api/coord/responsibilities/${own.id}`, { version: moved.json().version, title: '改名' })).statusCode).toBe(403);
    expect((await agri.patch(`/api/coord/responsibilities/${other.id}`, { version: other.version, status: 'done' })).statusCode).toBe(403);
    expect((await agri.get('/api/coord/plan?year=2012')).statusCode).toBe(404);
  });

  it('reminds liaisons of reports due within the reminder window or overdue', async () => {
    const desk = (await forestry.get('/api/coord/desk')).json();
    expect(desk.department.code).toBe('forestry');
    // The previous months of this year are long overdue for the demo (its reports stop in 2011).
    expect(desk.reminders.length).toBeGreaterThan(0);
    expect(
      desk.reminders.every(
        (r: { department: string; daysLeft: number; overdue: boolean }) => r.department === 'forestry' && r.daysLeft <= 3 && r.overdue === r.daysLeft < 0,
      ),
    ).toBe(true);
    const officeDesk = (await office.get('/api/coord/desk')).json();
    expect(officeDesk.overdueActions.map((a: { owner: string }) => a.owner)).toEqual(expect.arrayContaining(['civil-affairs', 'statistics']));
  });

  it('serves an attachment as a download of a safe type, whatever type its uploader claimed', async () => {
    const upload = async (fileName: string, contentType: string, content: string) => {
      const boundary = '----xingfu-test-boundary';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
        Buffer.from(content),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/coord/reports/health/${month}/attachments`,
        payload,
        headers: { cookie: health.cookie, 'x-csrf-token': health.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { id: string; contentType: string };
    };
    const page = await upload('汇报.html', 'text/html', '<script>alert(document.cookie)</script>');
    const drawing = await upload('图.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const pdf = await upload('材料.pdf', 'application/pdf', '%PDF-1.4\n');
    const photo = await upload('现场.JPG', 'IMAGE/JPEG; name=x', '\xff\xd8\xff');
    expect([page.contentType, drawing.contentType, pdf.contentType, photo.contentType]).toEqual([
      'application/octet-stream',
      'application/octet-stream',
      'application/pdf',
      'image/jpeg',
    ]);
    // An attachment stored before with the uploader's type is served safely too.
    await t.db.query("UPDATE coord_attachment SET content_type = 'text/html; charset=utf-8' WHERE id = $1", [page.id]);
    const served = async (id: string) => office.get(`/api/coord/attachments/${id}`);
    for (const [id, type] of [
      [page.id, 'application/octet-stream'],
      [drawing.id, 'application/octet-stream'],
      [pdf.id, 'application/pdf'],
      [photo.id, 'image/jpeg'],
    ] as const) {
      const res = await served(id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type'], id).toBe(type);
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await served(page.id)).body).toBe('<script>alert(document.cookie)</script>');
  });
});
