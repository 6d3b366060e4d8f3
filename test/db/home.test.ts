import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { login, startTestApp, testSecrets, type TestApp } from '../helpers.ts';

interface Text {
  'zh-CN': string;
  en: string;
}
interface Item {
  kind: string;
  count: number;
  title: Text;
  detail: Text;
  link: string;
  dueOn: string | null;
  overdue: boolean;
  waiting: boolean;
}
interface Group {
  role: string;
  scope: Text;
  figures: { key: string; value: number }[];
}
interface Home {
  today: string;
  todo: Item[];
  figures: Group[];
  children: { name: string; ageMonths: number; nextSession: { startsAt: string } | null; latestMeasurement: { date: string } | null }[];
}

/**
 * Each demo account's home page on the demo's date (2011-11-30): what waits for them, in their own
 * scope, and the figures of their roles.
 */
describe('the home page as a to-do list, per role, on the demo data', () => {
  let t: TestApp;
  const home = async (username: string): Promise<Home> => {
    const res = await (await login(t.app, username)).get('/api/home');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Home;
  };
  const kinds = (h: Home) => h.todo.map((i) => i.kind);
  const item = (h: Home, kind: string) => h.todo.find((i) => i.kind === kind);

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    await seedDemo(t.db, testSecrets);
  }, 600_000);
  afterAll(async () => t?.close());

  it("shows 梅厂镇's township worker 刘福来's application at the township review, linked to it; not 杨村街道's", async () => {
    const meichang = await home('township.meichang');
    expect(meichang.today).toBe('2011-11-30');
    const review = item(meichang, 'application.townshipReview');
    expect(review).toMatchObject({ count: 1, overdue: false, waiting: false });
    expect(review?.detail['zh-CN']).toBe('刘福来 · 六道口村 · 农村部分计划生育家庭奖励扶助');
    expect(review?.link).toMatch(/^\/benefits\/applications\/[0-9a-f-]{36}$/);
    // The village's own step is not the township's to take.
    expect(kinds(meichang)).not.toContain('application.villageReview');
    const scope = meichang.figures.find((g) => g.role === 'township');
    expect(scope?.scope['zh-CN']).toBe('梅厂镇');
    expect(scope?.figures.find((f) => f.key === 'beneficiaries')?.value).toBeGreaterThan(0);

    const yangcun = await home('township.yangcun');
    expect(JSON.stringify(yangcun.todo)).not.toContain('刘福来');
    expect(kinds(yangcun)).not.toContain('application.townshipReview');
    expect(yangcun.figures.find((g) => g.role === 'township')?.scope['zh-CN']).toBe('杨村街道');
    // Each township counts its own beneficiaries only.
    const enrolled = (h: Home) => h.figures.find((g) => g.role === 'township')?.figures.find((f) => f.key === 'beneficiaries')?.value;
    expect(enrolled(yangcun)).not.toBe(enrolled(meichang));
  });

  it('shows the village worker the applications waiting for the village review', async () => {
    const village = await home('village.meichang');
    const review = item(village, 'application.villageReview');
    expect(review?.count).toBe(2);
    expect(review?.detail['zh-CN']).toBe('高保国、孙玉兰');
    expect(review?.link).toBe('/benefits/applications?state=applied&year=2012');
    expect(kinds(village)).not.toContain('application.townshipReview');
  });

  it("shows the office December's rolls (waiting for the finance reviewer), November's reports to review and the overdue ones", async () => {
    const office = await home('office');
    // The office generated December's rolls: another person approves them (four eyes).
    expect(kinds(office)).not.toContain('roll.approve');
    const waiting = item(office, 'roll.awaitingApproval');
    expect(waiting?.waiting).toBe(true);
    expect(waiting?.detail['zh-CN']).toContain('2011年12月');
    const review = item(office, 'report.review');
    expect(review?.count).toBe(4);
    expect(review?.detail['zh-CN']).toContain('2011年11月');
    expect(review?.link).toBe('/coordination/reports?status=submitted&period=2011-11');
    const overdue = item(office, 'report.overdue');
    expect(overdue).toMatchObject({ overdue: true, count: 2 });
    expect(overdue?.detail['zh-CN']).toMatch(/总工会 2011年10月（未报送）/);
    expect(overdue?.detail['zh-CN']).toMatch(/区文化广播电视局 2011年10月（退回未重报）/);
    // Overdue first; what waits on someone else last.
    expect(office.todo[0]?.overdue).toBe(true);
    expect(office.todo.at(-1)?.waiting).toBe(true);
    expect(office.figures.find((g) => g.role === 'office')?.scope['zh-CN']).toBe('天津市武清区');

    const finance = await home('office.finance');
    const approve = item(finance, 'roll.approve');
    expect(approve?.count).toBe(waiting?.count);
    expect(approve?.waiting).toBe(false);
  });

  it("shows a liaison their own department's report to file, and nothing of other departments", async () => {
    const agri = await home('liaison.agri');
    const file = agri.todo.filter((i) => i.kind === 'report.file');
    expect(file).toEqual([expect.objectContaining({ link: '/coordination/reports/agri-tech/2011-11', dueOn: '2011-12-05', overdue: false })]);
    expect(file[0]?.detail['zh-CN']).toContain('草稿');
    const forestry = await home('liaison.forestry');
    expect(kinds(forestry)).not.toContain('report.file');
    expect(item(forestry, 'report.awaitingReview')).toMatchObject({ waiting: true, link: '/coordination/reports/forestry/2011-11' });
    const health = await home('liaison.health');
    expect(item(health, 'report.file')?.link).toBe('/coordination/reports/health/2011-11');
    expect(JSON.stringify(health.todo)).not.toMatch(/agri-tech|forestry/);
    const group = health.figures.find((g) => g.role === 'liaison');
    expect(group?.scope['zh-CN']).toBe('区卫生局');
    expect(group?.figures.find((f) => f.key === 'reportsReceived')?.value).toBe(10);
  });

  it('shows the teacher the children whose latest measurement is flagged', async () => {
    const teacher = await home('teacher');
    const flags = item(teacher, 'growth.flag');
    // The demo's stunted, wasted and overweight children (the withdrawn one is out of sight).
    expect(flags?.count).toBeGreaterThanOrEqual(5);
    expect(flags?.detail['zh-CN']).toMatch(/生长迟缓|消瘦|超重|低体重|肥胖/);
    const figures = teacher.figures.find((g) => g.role === 'teacher');
    expect(figures?.figures.find((f) => f.key === 'growthFlags')?.value).toBe(flags?.count);
    // A village worker who also teaches: the village's applications and the centre's children, each in its own scope.
    const wang = await home('wang.li');
    expect(wang.figures.map((g) => g.role).sort()).toEqual(['teacher', 'village']);
    expect(item(wang, 'growth.flag')?.count).toBe(flags?.count);
    expect(JSON.stringify(wang.todo)).not.toContain('刘福来');
  });

  it('shows the parent their own child: age on the business date, the next session and the latest measurement', async () => {
    const parent = await home('parent');
    expect(parent.children).toHaveLength(1);
    const child = parent.children[0];
    expect(child?.ageMonths).toBe(15);
    expect((child?.nextSession?.startsAt ?? '').slice(0, 10) >= '2011-11-29').toBe(true);
    expect(child?.latestMeasurement?.date ?? '9999').toMatch(/^2011-1[01]-\d\d$/);
    expect(parent.todo.filter((i) => i.kind.startsWith('application') || i.kind.startsWith('report'))).toEqual([]);
  });

  it('gives the administrators their own figures and no business to-do', async () => {
    for (const username of ['auditor', 'sysadmin', 'secadmin']) {
      const h = await home(username);
      expect(
        h.todo.filter((i) => !i.kind.startsWith('account.')),
        username,
      ).toEqual([]);
      expect(h.figures.length, username).toBeGreaterThan(0);
    }
  });

  it('puts an objection on the to-do of whoever resolves it: during the village notice, the village worker', async () => {
    const village = await login(t.app, 'village.meichang');
    const list = (await village.get('/api/benefits/applications?state=applied&year=2012')).json();
    const gao = list.items.find((a: { personName: string }) => a.personName === '高保国');
    const passed = await village.post(`/api/benefits/applications/${gao.id}/decision`, { action: 'pass', version: gao.version, noticeFrom: '2011-11-30' });
    expect(passed.statusCode, passed.body).toBe(200);
    const objected = await village.post(`/api/benefits/applications/${gao.id}/objections`, {
      receivedOn: '2011-11-30',
      objector: '同村村民',
      content: '其子仍在世，在外地务工',
    });
    expect(objected.statusCode, objected.body).toBe(201);
    const after = await home('village.meichang');
    expect(item(after, 'application.objection')).toMatchObject({ count: 1, link: `/benefits/applications/${gao.id}` });
    expect(item(after, 'application.objection')?.detail['zh-CN']).toBe('高保国');
    expect(item(after, 'application.villageReview')?.detail['zh-CN']).toMatch(/^孙玉兰/);
    // The township neither resolves it nor reviews 高保国 while the village notice runs.
    const township = await home('township.meichang');
    expect(kinds(township)).not.toContain('application.objection');
    expect(JSON.stringify(township.todo)).not.toContain('高保国');
  });

  it('drops 刘福来 from the township to-do once the township review is recorded', async () => {
    const worker = await login(t.app, 'township.meichang');
    const link = item(await home('township.meichang'), 'application.townshipReview')?.link as string;
    const id = link.split('/').at(-1) as string;
    const application = (await worker.get(`/api/benefits/applications/${id}`)).json();
    expect(application.personName).toBe('刘福来');
    const passed = await worker.post(`/api/benefits/applications/${id}/decision`, { action: 'pass', version: application.version, noticeFrom: '2011-11-30' });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(kinds(await home('township.meichang'))).not.toContain('application.townshipReview');
  });

  it('counts a beneficiary who leaves at once: the kept count is dropped when an enrolment changes', async () => {
    const enrolled = (h: Home) => h.figures.find((g) => g.role === 'office')?.figures.find((f) => f.key === 'beneficiaries')?.value;
    const before = enrolled(await home('office'));
    expect(before).toBeGreaterThan(0);
    // Asked again, the count is the kept one; then one enrolment ends, by a statement of its own.
    expect(enrolled(await home('office'))).toBe(before);
    await t.db.query(`UPDATE benefit_enrolment SET last_month = date_trunc('month', start_month)::date, exit_reason = 'home page test'
                       WHERE id = (SELECT id FROM benefit_enrolment WHERE last_month IS NULL ORDER BY id LIMIT 1)`);
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = enrolled(await home('office'));
    }
    expect(after).toBe((before as number) - 1);
  });
});
