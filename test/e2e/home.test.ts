import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { shot, signIn, startE2E, type E2E } from './browser.ts';

const viewports = { desktop: { width: 1440, height: 900 }, laptop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

/** A fresh page signed in as `username` at a viewport, on its home page with the to-do loaded. */
async function homeAs(browser: Browser, baseUrl: string, username: string, viewport: { width: number; height: number } = viewports.desktop): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  await page.getByTestId('home-todo').locator('.xf-todo-list, [data-testid="todo-empty"]').first().waitFor();
  return page;
}

const kinds = (page: Page) =>
  page
    .getByTestId('home-todo')
    .locator('[data-kind]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
const todoText = async (page: Page) => (await page.getByTestId('home-todo').textContent()) ?? '';

/** Every demo role signs in to its own to-do list on the demo's date (2011-11-30). */
describe('the home page as each role’s to-do list, in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it("shows 梅厂镇's township worker 刘福来 waiting for review, and goes through to the application", async () => {
    for (const [name, viewport] of Object.entries(viewports)) {
      const page = await homeAs(e.browser, e.server.url, 'township.meichang', viewport);
      const item = page.getByTestId('todo-application.townshipReview');
      expect(await item.textContent()).toMatch(/待乡镇审核的申请.*刘福来/);
      expect(await page.getByTestId('home-figures').textContent()).toContain('梅厂镇');
      // Nothing on the page is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `home-township-meichang-${name}`);
      if (name === 'phone') {
        // The menu folds away on a phone; the header's menu button opens it as a drawer.
        expect(await page.getByTestId('side-menu').count()).toBe(0);
        await page.getByTestId('menu-button').click();
        await page.getByTestId('menu-drawer').getByTestId('side-menu').waitFor();
        await shot(page, 'home-township-meichang-phone-menu');
      }
      if (name === 'desktop') {
        await item.click();
        await page.waitForURL(/\/benefits\/applications\/[0-9a-f-]{36}$/);
        expect(await page.getByTestId('application-person').textContent()).toBe('刘福来');
        await shot(page, 'home-township-meichang-to-application');
      }
      await page.context().close();
    }
  });

  it('speaks English when asked, naming the same records', async () => {
    const page = await homeAs(e.browser, e.server.url, 'township.meichang');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await page.getByText('My to-do').waitFor();
    expect(await page.getByTestId('todo-application.townshipReview').textContent()).toMatch(
      /Applications for township review.*刘福来 · 六道口村 · Reward assistance/,
    );
    expect(await page.getByTestId('home-figures').textContent()).toContain('Beneficiaries enrolled');
    await shot(page, 'home-township-meichang-en');
    await page.context().close();
  });

  it('shows 杨村街道 nothing of 梅厂镇: an empty to-do that still shows its figures', async () => {
    const page = await homeAs(e.browser, e.server.url, 'township.yangcun');
    expect(await todoText(page)).not.toContain('刘福来');
    expect(await kinds(page)).not.toContain('application.townshipReview');
    expect(await page.getByTestId('home-figures').textContent()).toContain('杨村街道');
    await shot(page, 'home-township-yangcun');
    await page.context().close();
  });

  it('shows the village worker the two applications for the village review', async () => {
    const page = await homeAs(e.browser, e.server.url, 'village.meichang');
    expect(await page.getByTestId('todo-application.villageReview').textContent()).toContain('高保国、孙玉兰');
    await shot(page, 'home-village-meichang');
    await page.context().close();
  });

  it("shows the office the reports to review and to chase, and December's rolls with the finance reviewer", async () => {
    for (const [name, viewport] of Object.entries(viewports)) {
      const page = await homeAs(e.browser, e.server.url, 'office', viewport);
      const shown = await kinds(page);
      expect(shown).toEqual(expect.arrayContaining(['report.overdue', 'report.review', 'roll.awaitingApproval']));
      expect(shown).not.toContain('roll.approve');
      expect(await page.getByTestId('todo-report.overdue').textContent()).toContain('区总工会 2011年10月');
      expect(await page.getByTestId('todo-report.review').textContent()).toContain('2011年11月');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `home-office-${name}`);
      await page.context().close();
    }
    const finance = await homeAs(e.browser, e.server.url, 'office.finance');
    expect(await finance.getByTestId('todo-roll.approve').textContent()).toMatch(/待审批的发放花名册.*2011年12月/);
    await finance.getByTestId('todo-roll.approve').click();
    await finance.waitForURL(/\/benefits\/rolls/);
    await finance.context().close();
  });

  it("shows each liaison their own department's report", async () => {
    const agri = await homeAs(e.browser, e.server.url, 'liaison.agri');
    expect(await agri.getByTestId('todo-report.file').textContent()).toMatch(/待报送的月报.*区农业技术推广中心 2011年11月月报（草稿）.*2011-12-05 前/);
    await shot(agri, 'home-liaison-agri');
    await agri.getByTestId('todo-report.file').click();
    await agri.waitForURL(/\/coordination\/reports\/agri-tech\/2011-11$/);
    await agri.context().close();
    const forestry = await homeAs(e.browser, e.server.url, 'liaison.forestry');
    expect(await kinds(forestry)).not.toContain('report.file');
    expect(await forestry.getByTestId('todo-report.awaitingReview').textContent()).toContain('等待他人办理');
    await forestry.context().close();
    const health = await homeAs(e.browser, e.server.url, 'liaison.health');
    expect(await health.getByTestId('todo-report.file').textContent()).toContain('区卫生局 2011年11月月报');
    expect(await health.getByTestId('home-figures').textContent()).toContain('区卫生局');
    await health.context().close();
  });

  it('shows the centre’s staff the children with growth flags', async () => {
    for (const username of ['teacher', 'centre.head', 'wang.li']) {
      const page = await homeAs(e.browser, e.server.url, username);
      expect(await page.getByTestId('todo-growth.flag').textContent()).toMatch(/生长监测异常、待跟进的儿童.*(生长迟缓|消瘦|超重|肥胖|低体重)/);
      await shot(page, `home-${username.replace('.', '-')}`);
      await page.context().close();
    }
    const phone = await homeAs(e.browser, e.server.url, 'teacher', viewports.phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewports.phone.width);
    await shot(phone, 'home-teacher-phone');
    await phone.context().close();
  });

  it('shows the parent their child and opens the growth archive', async () => {
    for (const [name, viewport] of Object.entries(viewports)) {
      const page = await homeAs(e.browser, e.server.url, 'parent', viewport);
      const child = page.getByTestId('home-child');
      const childName = (await child.getByTestId('child-name').textContent()) ?? '';
      expect(childName).toMatch(/女孩 · 1岁3个月/);
      expect(await child.getByTestId('child-next-session').textContent()).toMatch(/^2011-1[12]-\d\d \d\d:\d\d · /);
      expect(await child.getByTestId('child-growth').textContent()).toMatch(/^2011-1[01]-\d\d/);
      expect(await page.getByTestId('todo-empty').textContent()).toContain('今日无待办');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await shot(page, `home-parent-${name}`);
      if (name === 'desktop') {
        await child.getByTestId('child-archive-link').click();
        await page.waitForURL(/\/ecd\/children\/[0-9a-f-]{36}$/);
        expect(await page.getByTestId('child-header').getByTestId('child-name').textContent()).toBe(childName.split(' ')[0]);
      }
      await page.context().close();
    }
  });

  it('gives the administrators an empty to-do with their own figures', async () => {
    for (const username of ['auditor', 'sysadmin', 'secadmin']) {
      const page = await homeAs(e.browser, e.server.url, username);
      await page.getByTestId('todo-empty').waitFor();
      expect(await page.getByTestId('home-figures').locator('.ant-statistic').count(), username).toBeGreaterThan(0);
      await shot(page, `home-${username}`);
      await page.context().close();
    }
  });
});
