import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cases from '../../src/core/portal/selfCheck.cases.json' with { type: 'json' };
import { registerFamily } from '../fixtures/families.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

/**
 * The portal's policy, notice and self-check pages, read as the public on the demo's date
 * (2011-11-30): figures from the parameters in force, a change decided by the office shown at
 * once with its date, notices masked and only while they run, and the self-check's answers.
 */
let t: TestApp;
let office: Client;
const page = async (url: string) => (await t.app.inject({ method: 'GET', url })).body;
const check = (form: Record<string, string>, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/portal/self-check${query}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

beforeAll(async () => {
  t = await startTestApp();
  office = await login(t.app, 'office');
}, 300_000);
afterAll(async () => t.close());

describe('portal: policies and notices', () => {
  it('shows the amounts in force on the business date, and a raise the office decides with the day it takes effect', async () => {
    const before = await page('/portal/policies/reward-assistance');
    expect(before).toContain('每人每月 80 元（自2011年1月1日起执行）');
    expect(before).not.toContain('100 元');
    expect(await page('/portal/policies/special-assistance')).toContain('自2012年1月1日起调整为每人每月 270 元');

    const raised = await office.post('/api/benefits/parameters', {
      programme: 'reward-assistance',
      name: 'amount',
      effectiveFrom: '2011-12-01',
      value: 100,
      reference: '测试：提高奖励扶助标准',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    // The page is kept for a minute at most, but the parameters' change notification drops it at once.
    await expect.poll(() => page('/portal/policies/reward-assistance'), { timeout: 10_000 }).toContain('自2011年12月1日起调整为每人每月 100 元');
    expect(await page('/portal/policies/reward-assistance')).toContain('每人每月 80 元（自2011年1月1日起执行）');

    expect((await t.app.inject({ method: 'GET', url: '/portal/policies/no-such-programme' })).statusCode).toBe(404);
    const list = await page('/portal/policies');
    expect(list).toContain('href="/portal/policies/pension-insurance"');
    const sitemap = await page('/portal/sitemap.xml');
    for (const path of ['/portal/policies', '/portal/policies/reward-assistance', '/portal/notices', '/portal/self-check']) {
      expect(sitemap).toContain(`${path}</loc>`);
    }
  }, 120_000);

  it('shows a running notice masked, and not one whose notice has ended', async () => {
    const village = await login(t.app, 'village.meichang');
    const township = await login(t.app, 'township.meichang');
    const onNotice = async (seq: number, name: string, noticeFrom: string) => {
      const family = await registerFamily(township, '1950-03-01', '1951-05-10', seq, name);
      const applied = await village.post('/api/benefits/applications', {
        programme: 'reward-assistance',
        personId: family.head,
        year: 2011,
        appliedOn: '2011-10-20',
        bankName: '天津农商银行',
        bankAccount: '6217 5900 0009 1234 567',
      });
      expect(applied.statusCode, applied.body).toBe(201);
      const a = applied.json();
      const passed = await village.post(`/api/benefits/applications/${a.id}/decision`, { action: 'pass', version: a.version, noticeFrom });
      expect(passed.statusCode, passed.body).toBe(200);
    };
    await onNotice(461, '公示甲', '2011-11-28');
    await onNotice(462, '公示乙', '2011-11-01');

    const notices = await page('/portal/notices');
    expect(notices).toContain('<td>公*甲</td>');
    expect(notices).toContain('2011年11月28日至2011年12月4日');
    expect(notices).toContain('梅厂镇');
    expect(notices).toContain('村级公示');
    expect(notices).toContain('农村部分计划生育家庭奖励扶助');
    expect(notices).not.toContain('公示甲');
    expect(notices).not.toContain('公*乙');
  }, 120_000);
});

describe('portal: the self-check', () => {
  const family: Record<string, string> = cases.couple;

  it('tells a family that meets reward assistance it may qualify, and one that does not which condition fails; stores nothing', async () => {
    const yes = await check(family);
    expect(yes.statusCode).toBe(200);
    expect(yes.headers['cache-control']).toBe('no-store');
    expect(yes.headers['content-security-policy']).toContain("style-src 'self'");
    expect(yes.body).toContain('农村部分计划生育家庭奖励扶助：可能符合');
    expect(yes.body).toContain('您本人：<strong class="result-met">可能符合</strong>，每月 80 元');

    const no = await check({ ...family, c2Sex: 'M', c2Birth: '1978-02-01', c3Sex: 'M', c3Birth: '1980-03-01' });
    expect(no.statusCode).toBe(200);
    expect(no.body).toContain('农村部分计划生育家庭奖励扶助：不符合');
    expect(no.body).toContain('✗ 不符合</span>：现存一个子女或两个女孩');

    const hant = await check(family, '?script=hant');
    expect(hant.body).toContain('農村部分計劃生育家庭獎勵扶助：可能符合');

    // Not kept: the form's address still shows the form.
    expect(await page('/portal/self-check')).toContain('<form class="self-check" method="post" action="/portal/self-check">');
  }, 120_000);

  it('answers bad input with a 400 and the form, saying what to correct — never a 500', async () => {
    const bad = await check({ ...family, birth: '1950-02-30', c1Birth: '1940-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['cache-control']).toBe('no-store');
    expect(bad.body).toContain('您的出生日期“1950-02-30”不是有效的日期');
    expect(bad.body).toContain('第 1 个子女的出生日期早于（或等于）父母的出生日期');
    expect(bad.body).toContain('value="1950-02-30"');

    const empty = await check({});
    expect(empty.statusCode).toBe(400);
    const json = await t.app.inject({ method: 'POST', url: '/portal/self-check', headers: { 'content-type': 'application/json' }, payload: '{"birth":1}' });
    expect(json.statusCode).toBeLessThan(500);
    const big = await check({ ...family, township: 'x'.repeat(9000) });
    expect(big.statusCode).toBe(413);
  }, 120_000);
});
