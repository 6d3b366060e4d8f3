import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFamily, VILLAGE, type Family } from '../fixtures/families.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

/**
 * The confirmation workflow and the monthly rolls, over families of our own in 梅厂镇 whose facts
 * we control, so every expected line can be worked out by hand: one confirmed in January 2011
 * who dies on 2011-01-25, one approved late, one whose death on 2010-12-28 is recorded only after
 * January was paid. (The rolls at district scale are in the demo seeding test and the benchmark.)
 */
describe('benefits: confirmation workflow and payment rolls', () => {
  let t: TestApp;
  let village: Client;
  let township: Client;
  let office: Client;
  let finance: Client;
  const count = async (sql: string, args: unknown[] = []) => (await t.db.query<{ n: number }>(sql, args as never)).rows[0]?.n ?? -1;

  async function apply(personId: string, appliedOn: string, bankAccount = '6217 5900 0009 1234 567') {
    return village.post('/api/benefits/applications', {
      programme: 'reward-assistance',
      personId,
      year: 2011,
      appliedOn,
      bankName: '天津农商银行',
      bankAccount,
    });
  }

  /** Village → township → district, with notices in the past so each has ended. */
  async function confirm(personId: string, startMonth: string) {
    let a = (await apply(personId, '2011-01-05')).json();
    a = (await village.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-06' })).json();
    a = (await township.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-14' })).json();
    const approved = await office.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, startMonth });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json();
  }

  let first: Family;
  let victim: Family;

  beforeAll(async () => {
    t = await startTestApp();
    village = await login(t.app, 'village.meichang');
    township = await login(t.app, 'township.meichang');
    office = await login(t.app, 'office');
    finance = await login(t.app, 'office.finance');
    first = await registerFamily(township, '1950-03-01', '1951-05-10', 401, '测试甲');
    victim = await registerFamily(township, '1947-06-01', '1948-02-01', 404, '测试丁');
  }, 300_000);
  afterAll(async () => t.close());

  it('walks an application from the village to the district, each step by its own level, with notices and objections', async () => {
    const created = await apply(first.head, '2011-01-05');
    expect(created.statusCode, created.body).toBe(201);
    let a = created.json();
    expect(a).toMatchObject({ state: 'applied', nextStep: 'village', canAct: true, monthlyAmount: 80, bankAccountMasked: '***************4567' });
    const detail = (await village.get(`/api/benefits/applications/${a.id}`)).json();
    expect(detail.evaluation.conditions.every((c: { met: boolean }) => c.met)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM benefit_application WHERE bank_account_enc LIKE $1', ['%4567%'])).toBe(0);

    // Outside the village's township the application does not exist; other levels cannot take the village step.
    expect((await (await login(t.app, 'township.yangcun')).get(`/api/benefits/applications/${a.id}`)).statusCode).toBe(404);
    expect(
      (await office.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-06' })).json().error.code,
    ).toBe('step_not_allowed');
    expect(
      (await township.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-06' })).statusCode,
    ).toBe(403);

    const posted = await village.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-06' });
    expect(posted.statusCode, posted.body).toBe(200);
    a = posted.json();
    expect(a).toMatchObject({ state: 'village_notice', villageNotice: { from: '2011-01-06', until: '2011-01-12' }, nextStep: 'township', canAct: false });

    const late = await village.post(`/api/benefits/applications/${a.id}/objections`, {
      receivedOn: '2011-01-20',
      objector: '村民张某',
      content: '对其子女情况有疑问',
    });
    expect(late.json().error.code).toBe('notice_closed');
    const objection = await village.post(`/api/benefits/applications/${a.id}/objections`, {
      receivedOn: '2011-01-08',
      objector: '村民张某',
      content: '对其子女情况有疑问',
    });
    expect(objection.statusCode, objection.body).toBe(201);
    expect(
      (await township.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-14' })).json().error.code,
    ).toBe('objection_open');
    const resolved = await village.post(`/api/benefits/objections/${objection.json().id}/resolve`, {
      upheld: false,
      resolution: '经核实，子女情况与户籍登记一致',
    });
    expect(resolved.json()).toMatchObject({ upheld: false, resolvedBy: 'village.meichang' });

    const early = await township.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-10' });
    expect(early.statusCode).toBe(400);
    a = (await township.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-14' })).json();
    expect(a).toMatchObject({ state: 'township_notice', townshipNotice: { from: '2011-01-14', until: '2011-01-20' }, nextStep: 'district' });

    expect((await office.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version })).statusCode).toBe(400);
    expect(
      (await office.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version - 1, startMonth: '2011-01' })).json().error.code,
    ).toBe('stale_version');
    const approved = await office.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, startMonth: '2011-01' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', startMonth: '2011-01', nextStep: null });

    const full = (await office.get(`/api/benefits/applications/${a.id}`)).json();
    expect(full.steps.map((s: { toState: string }) => s.toState)).toEqual(['applied', 'village_notice', 'township_notice', 'approved']);
    expect(full.objections).toHaveLength(1);
    expect(
      await count("SELECT count(*)::int AS n FROM benefit_enrolment WHERE person_id = $1 AND start_month = '2011-01-01' AND last_month IS NULL", [first.head]),
    ).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'benefits.application_district_pass' AND entity_id = $1", [a.id])).toBe(1);

    // The district publication lists the person.
    const notice = await office.get(`/api/benefits/public-notices?stage=district&year=2011&village=${VILLAGE}`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('wordprocessingml');
    expect(notice.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The whole district's list is headed with the district's own name (the register keeps 天津市武清区).
    const whole = await office.get('/api/benefits/public-notices?stage=district&year=2011');
    expect(whole.headers['content-disposition']).toContain(encodeURIComponent('2011年武清区区级公布名单.docx'));
  });

  it('refuses an application the engine says does not qualify, a second one for the same year, and a reject without reason — writing nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM benefit_application');
    const young = await apply(first.wife, '2011-01-05');
    expect(young.statusCode).toBe(422);
    expect(young.json().error.code).toBe('not_eligible');
    expect(young.json().error.details.map((c: { id: string }) => c.id)).toContain('minimum-age');
    expect((await apply(first.head, '2011-02-01')).json().error.code).toBe('already_enrolled');
    expect((await apply(first.head, '2031-02-01')).statusCode).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM benefit_application')).toBe(before);

    // An upheld objection rejects; the step is recorded with the reason.
    const second = await registerFamily(township, '1949-07-01', '1950-02-01', 402, '测试乙');
    // A UnionPay card number whose check digit does not agree (one digit mistyped) is refused; a passbook account is taken as given.
    const mistyped = await apply(second.wife, '2011-01-05', '6217 5900 0000 1234 567');
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.json().error).toMatchObject({ code: 'validation_failed', details: { field: 'bankAccount' } });
    expect(mistyped.json().error.messages['zh-CN']).toContain('校验位');
    expect(await count('SELECT count(*)::int AS n FROM benefit_application')).toBe(before);
    let a = (await apply(second.wife, '2011-01-05', '12050101040012345')).json();
    expect(a.bankAccountMasked).toBe('*************2345');
    expect((await apply(second.wife, '2011-01-06')).json().error.code).toBe('duplicate_application');
    expect((await village.post(`/api/benefits/applications/${a.id}/decision`, { action: 'reject', version: a.version })).statusCode).toBe(400);
    a = (await village.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom: '2011-01-06' })).json();
    const o = (
      await village.post(`/api/benefits/applications/${a.id}/objections`, { receivedOn: '2011-01-07', objector: '匿名', content: '其本人户口已迁出' })
    ).json();
    await village.post(`/api/benefits/objections/${o.id}/resolve`, { upheld: true, resolution: '经核实户口已迁往外区' });
    const rejected = (await village.get(`/api/benefits/applications/${a.id}`)).json();
    expect(rejected).toMatchObject({ state: 'rejected', closingReason: '异议成立：经核实户口已迁往外区' });
  });

  it('pays each enrolment once a month through a checked, four-eyes approved, exported roll', async () => {
    await confirm(victim.head, '2011-01');
    // The first family's head (confirmed above) and this one: 80 yuan each for January.
    const expected = 2;
    const [one, two] = await Promise.all([
      office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-01' }),
      office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-01' }),
    ]);
    expect(one.statusCode, one.body).toBe(201);
    expect(two.statusCode, two.body).toBe(201);
    expect(two.json().id).toBe(one.json().id);
    expect(await count("SELECT count(*)::int AS n FROM payment_roll WHERE programme = 'reward-assistance' AND period = '2011-01-01'")).toBe(1);
    const roll = one.json();
    expect(roll).toMatchObject({
      state: 'draft',
      lineCount: expected,
      totalAmount: expected * 80,
      byFundingBody: [{ fundedBy: 'district', amount: expected * 80 }],
    });
    expect(roll.byTownship).toEqual([{ township: '120114101', townshipName: '梅厂镇', lines: 2, amount: 160 }]);

    expect((await office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-02' })).json().error.code).toBe('roll_pending');
    expect((await office.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'approve' })).json().error.code).toBe('invalid_transition');
    expect((await office.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'check' })).json().state).toBe('checked');
    const self = await office.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('four_eyes');
    expect((await finance.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'approve' })).json()).toMatchObject({
      state: 'approved',
      approvedBy: 'office.finance',
    });

    // Frozen: no regeneration, no edits, and no second payment of a month even by hand.
    expect((await office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-01' })).json().error.code).toBe('roll_locked');
    await expect(t.db.query('UPDATE payment_line SET amount = 1 WHERE roll_id = $1', [roll.id])).rejects.toThrow(/cannot change/);
    await expect(t.db.query('UPDATE payment_roll SET total_amount = 1 WHERE id = $1', [roll.id])).rejects.toThrow(/approved/);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO payment_roll (district_code, programme, period, generated_by) VALUES ('120114', 'reward-assistance', '2011-12-01', 'test')`,
        );
        await tx.query(
          `INSERT INTO payment_line (district_code, roll_id, programme, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, funded_by)
         SELECT district_code, (SELECT id FROM payment_roll WHERE period = '2011-12-01'), programme, enrolment_id, person_id, township_code, village_code, paid_month, 'arrears', amount, funded_by
           FROM payment_line WHERE roll_id = $1 LIMIT 1`,
          [roll.id],
        );
      }),
    ).rejects.toThrow(/payment_line_once|duplicate/);
    // A line's roll and enrolment exist, and neither changes its key.
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO payment_roll (district_code, programme, period, generated_by) VALUES ('120114', 'reward-assistance', '2011-12-01', 'test')`,
        );
        await tx.query(
          `INSERT INTO payment_line (district_code, roll_id, programme, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, funded_by)
         SELECT district_code, (SELECT id FROM payment_roll WHERE period = '2011-12-01'), programme, gen_random_uuid(), person_id, township_code, village_code, '2011-12-01', 'regular', amount, funded_by
           FROM payment_line WHERE roll_id = $1 LIMIT 1`,
          [roll.id],
        );
      }),
    ).rejects.toThrow(/enrolment .* does not exist/);
    await expect(
      t.db.query(
        `INSERT INTO payment_line (district_code, roll_id, programme, enrolment_id, person_id, township_code, village_code, paid_month, kind, amount, funded_by)
       SELECT district_code, gen_random_uuid(), programme, enrolment_id, person_id, township_code, village_code, '2011-12-01', 'regular', amount, funded_by
         FROM payment_line WHERE roll_id = $1 LIMIT 1`,
        [roll.id],
      ),
    ).rejects.toThrow(/roll .* does not exist/);
    await expect(t.db.query('UPDATE payment_roll SET id = gen_random_uuid() WHERE id = $1', [roll.id])).rejects.toThrow(/keep their key/);
    await expect(
      t.db.query('UPDATE benefit_enrolment SET id = gen_random_uuid() WHERE id = (SELECT enrolment_id FROM payment_line WHERE roll_id = $1 LIMIT 1)', [
        roll.id,
      ]),
    ).rejects.toThrow(/keep their key/);

    expect((await office.get(`/api/benefits/rolls/${roll.id}/bank.csv`)).statusCode).toBe(409);
    expect((await finance.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'export' })).json().state).toBe('exported');
    const xlsx = await office.get(`/api/benefits/rolls/${roll.id}/roll.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet?.getCell('A1').value)).toMatch(/^武清区农村部分计划生育家庭奖励扶助发放花名册/);
    // Who made and approved the roll, and when, as a clock in China shows it.
    const {
      rows: [made],
    } = await t.db.query<{ generated: string; approved: string }>(
      "SELECT to_char((generated_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI') AS generated, to_char((approved_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI') AS approved FROM payment_roll WHERE id = $1",
      [roll.id],
    );
    // People by name, not by username.
    expect(String(sheet?.getCell('A3').value)).toMatch(
      new RegExp(`^制表：赵建国（领导小组办公室）（${made?.generated}）.*审批：孔令华（领导小组办公室财务复核）（${made?.approved}）$`),
    );
    const totalRow = sheet?.getRows(1, sheet.rowCount)?.find((r) => r.values && (r.values as unknown[]).includes('合计'));
    expect(totalRow?.values).toContain(expected * 80);
    const bank = await office.get(`/api/benefits/rolls/${roll.id}/bank.csv`);
    expect(bank.statusCode).toBe(200);
    const lines = bank.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('account,name,amount,reference');
    expect(lines).toHaveLength(expected + 2);
    expect(lines.at(-1)).toMatch(new RegExp(`^TOTAL,${expected},${expected * 80}\\.00,reward-assistance-2011-01-`));
    expect(lines[1]).toMatch(/^6217590000091234567,测试[甲丁],80\.00,reward-assistance-2011-01-[0-9a-f]{8}-000001$/);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action IN ('benefits.roll_download_bank', 'benefits.roll_download_xlsx') AND entity_id = $1",
        [roll.id],
      ),
    ).toBe(2);

    // A name a spreadsheet would take for a formula arrives in the bank file and the roll as inert text.
    const malicious = '=HYPERLINK("http://e.cn","点")';
    await t.db.query('UPDATE person SET name = $2 WHERE id = $1', [victim.head, malicious]);
    const inertBank = (await office.get(`/api/benefits/rolls/${roll.id}/bank.csv`)).body;
    expect(inertBank).toMatch(/\r\n\d+,"'=HYPERLINK\(""http:\/\/e\.cn"",""点""\)",80\.00,reward-assistance-2011-01-/);
    const inertBook = new ExcelJS.Workbook();
    await inertBook.xlsx.load((await office.get(`/api/benefits/rolls/${roll.id}/roll.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const names = inertBook.worksheets[0]?.getColumn(4).values ?? [];
    expect(names).toContain(`'${malicious}`);
    expect(names).not.toContain(malicious);
    await t.db.query('UPDATE person SET name = $2 WHERE id = $1', [victim.head, '测试丁']);
  }, 120_000);

  it('pays late approvals and skipped months as arrears, stops deaths, and recovers a month paid after a death recorded late', async () => {
    const late = await registerFamily(township, '1948-04-01', '1949-09-01', 403, '测试丙');
    await confirm(late.head, '2011-01');
    // The first family's head dies on 2011-01-25: January stays paid, nothing after.
    expect((await township.post(`/api/registry/persons/${first.head}/death`, { date: '2011-01-25' })).statusCode).toBe(200);
    // The other head's death on 2010-12-28 is recorded only now: January was paid in error.
    const victimId = victim.head;
    expect((await township.post(`/api/registry/persons/${victimId}/death`, { date: '2010-12-28' })).statusCode).toBe(200);

    const march = await office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-03' });
    expect(march.statusCode, march.body).toBe(201);
    const roll = march.json();
    const linesOf = async (personId: string) =>
      (
        await t.db.query<{ month: string; kind: string; amount: string }>(
          "SELECT to_char(paid_month, 'YYYY-MM') AS month, kind, amount::text AS amount FROM payment_line WHERE roll_id = $1 AND person_id = $2 ORDER BY paid_month, kind",
          [roll.id, personId],
        )
      ).rows;
    expect(await linesOf(late.head)).toEqual([
      { month: '2011-01', kind: 'arrears', amount: '80.00' },
      { month: '2011-02', kind: 'arrears', amount: '80.00' },
      { month: '2011-03', kind: 'regular', amount: '80.00' },
    ]);
    expect(await linesOf(first.head)).toEqual([]);
    expect(await linesOf(victimId)).toEqual([{ month: '2011-01', kind: 'adjustment', amount: '-80.00' }]);
    expect(roll).toMatchObject({ lineCount: 4, totalAmount: 160 });
    expect(roll.stops.map((s: { personName: string; reasons: string[] }) => [s.personName, s.reasons])).toEqual(
      expect.arrayContaining([
        ['测试甲', ['本人健在']],
        ['测试丁', ['本人健在']],
      ]),
    );
    expect(roll.byKind.map((k: { kind: string }) => k.kind).sort()).toEqual(['adjustment', 'arrears', 'regular']);

    await office.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'check' });
    await finance.post(`/api/benefits/rolls/${roll.id}/transition`, { action: 'approve' });
    const april = (await office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-04' })).json();
    expect(april).toMatchObject({ lineCount: 1, totalAmount: 80, byKind: [{ kind: 'regular', lines: 1, amount: 80 }] });
    expect(await count('SELECT count(*)::int AS n FROM payment_line WHERE person_id = $1', [victimId])).toBe(2);
  }, 120_000);

  it('refuses bad roll and parameter requests with clear errors and writes nothing', async () => {
    const rolls = await count('SELECT count(*)::int AS n FROM payment_roll');
    expect((await office.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-13' })).statusCode).toBe(400);
    expect((await office.post('/api/benefits/rolls', { programme: 'no-such', period: '2011-05' })).statusCode).toBe(400);
    const missing = await office.post('/api/benefits/rolls', { programme: 'special-assistance', period: '2008-01' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('parameter_missing');
    expect((await village.post('/api/benefits/rolls', { programme: 'reward-assistance', period: '2011-05' })).statusCode).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM payment_roll')).toBe(rolls);

    const params = await count('SELECT count(*)::int AS n FROM programme_parameter');
    const locked = await office.post('/api/benefits/parameters', {
      programme: 'reward-assistance',
      name: 'amount',
      effectiveFrom: '2011-03-01',
      value: 90,
      reference: '测试文件',
    });
    expect(locked.json().error.code).toBe('parameter_locked');
    expect(
      (
        await office.post('/api/benefits/parameters', {
          programme: 'reward-assistance',
          name: 'amount',
          effectiveFrom: '2012-01-15',
          value: 90,
          reference: '测试文件',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await office.post('/api/benefits/parameters', {
          programme: 'reward-assistance',
          name: 'amount',
          effectiveFrom: '2012-01-01',
          value: -5,
          reference: '测试文件',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await township.post('/api/benefits/parameters', {
          programme: 'reward-assistance',
          name: 'amount',
          effectiveFrom: '2013-01-01',
          value: 90,
          reference: '测试文件',
        })
      ).statusCode,
    ).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM programme_parameter')).toBe(params);

    const whatIf = await office.post('/api/benefits/what-if', {
      programme: 'reward-assistance',
      parameter: 'amount',
      value: 100,
      effectiveFrom: '2012-01-01',
      years: 1,
    });
    expect(whatIf.statusCode, whatIf.body).toBe(200);
    const [year] = whatIf.json().years;
    expect(year.year).toBe(2012);
    expect(year.draft.beneficiaries).toBe(year.baseline.beneficiaries);
    // Six living parents qualify all of 2012 (both of 测试乙 and 测试丙, the widows of 测试甲 and 测试丁): 20 yuan more a month each.
    expect(year).toEqual({
      year: 2012,
      baseline: { beneficiaries: 6, amount: 6 * 80 * 12 },
      draft: { beneficiaries: 6, amount: 6 * 100 * 12 },
      gained: 0,
      lost: 0,
    });
    expect(whatIf.json().byTownship).toEqual([
      { township: '120114101', townshipName: '梅厂镇', year: 2012, baselineBeneficiaries: 6, draftBeneficiaries: 6, baselineAmount: 5760, draftAmount: 7200 },
    ]);
    expect(await count('SELECT count(*)::int AS n FROM programme_parameter')).toBe(params);

    const set = await office.post('/api/benefits/parameters', {
      programme: 'reward-assistance',
      name: 'amount',
      effectiveFrom: '2013-01-01',
      value: 100,
      reference: '测试：区政府关于提高奖励扶助标准的通知',
    });
    expect(set.statusCode, set.body).toBe(201);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'benefits.parameter_set'")).toBe(1);
    const catalog = (await office.get('/api/benefits/programmes')).json();
    const amount = catalog.programmes.find((p: { id: string }) => p.id === 'reward-assistance').parameters.find((p: { name: string }) => p.name === 'amount');
    expect(amount.rows.at(-1)).toMatchObject({ effectiveFrom: '2013-01-01', value: 100, createdBy: 'office' });
    // The window of out-of-policy births is the rule's own, worded as before, and no parameter.
    const reward = catalog.programmes.find((p: { id: string }) => p.id === 'reward-assistance');
    expect(reward.parameters.map((p: { name: string }) => p.name)).not.toContain('outOfPolicyWindowFrom');
    expect(reward.conditions.find((c: { id: string }) => c.id === 'no-out-of-policy-birth').label).toBe(
      '1973 年至 2001 年期间没有违反计划生育法律法规和政策规定生育',
    );
  }, 180_000);
});
