import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsDir, signIn, startE2E, type E2E } from './browser.ts';

const menus = ['menu-home', 'menu-org', 'menu-users', 'menu-audit', 'menu-security', 'menu-account'] as const;

/** What each demo account's side menu must show; every other entry must be absent. */
const expected: Record<string, (typeof menus)[number][]> = {
  office: ['menu-home', 'menu-org', 'menu-users', 'menu-audit', 'menu-account'],
  'liaison.health': ['menu-home', 'menu-org', 'menu-account'],
  'township.yangcun': ['menu-home', 'menu-org', 'menu-account'],
  'village.meichang': ['menu-home', 'menu-org', 'menu-account'],
  teacher: ['menu-home', 'menu-account'],
  parent: ['menu-home', 'menu-account'],
  auditor: ['menu-home', 'menu-org', 'menu-users', 'menu-audit', 'menu-account'],
  sysadmin: ['menu-home', 'menu-org', 'menu-users', 'menu-account'],
  secadmin: ['menu-home', 'menu-org', 'menu-users', 'menu-security', 'menu-account'],
};

describe('the web app in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('shows the sign-in page in Chinese with the demo accounts', async () => {
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.goto(`${e.server.url}/`);
    await page.getByTestId('login-page').waitFor();
    expect(await page.getByTestId('product-name').textContent()).toContain('幸福家庭');
    await page.getByTestId('demo-accounts').waitFor();
    await page.screenshot({ path: path.join(resultsDir, 'login.png') });
    await page.close();
  });

  for (const [username, visible] of Object.entries(expected)) {
    it(`signs in as ${username} and shows that role's menu`, async () => {
      const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      await signIn(page, e.server.url, username);
      await page.getByTestId('welcome-card').waitFor();
      for (const id of menus) {
        const count = await page.getByTestId(id).count();
        expect(count > 0, `${username}: ${id}`).toBe(visible.includes(id));
      }
      if (username === 'office') await page.screenshot({ path: path.join(resultsDir, 'home-office.png'), fullPage: true });
      await context.close();
    });
  }

  it('shows the audit log to the auditor with every action and record named in Chinese, and no codes', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'auditor');
    await page.getByTestId('menu-audit').click();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // Each row's action (its label only; the code is the cell's data-action) and record type, as shown.
    const headers = await table.locator('thead th').allTextContents();
    const [actionAt, entityAt] = [headers.indexOf('操作'), headers.indexOf('对象类型')];
    expect(actionAt >= 0 && entityAt >= 0, headers.join('|')).toBe(true);
    const cells = await table.locator('tbody tr.ant-table-row').evaluateAll(
      (rows, [a, b]) =>
        rows.map((r) => ({
          action: r.children[a ?? -1]?.textContent?.trim() ?? '',
          code: r.children[a ?? -1]?.querySelector('[data-action]')?.getAttribute('data-action') ?? '',
          entity: r.children[b ?? -1]?.textContent ?? '',
        })),
      [actionAt, entityAt],
    );
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.find((c) => c.code === 'auth.login')?.action).toBe('登录');
    // No action or record type shows a code: a code without a label shows a word made from it.
    expect(cells.filter((c) => c.code === '' || /[a-z_]+\.[a-z_]+|[a-z]+_[a-z]+/.test(c.action))).toEqual([]);
    expect(cells.filter((c) => /^[a-z_]+$/.test(c.entity.trim()))).toEqual([]);
    await page.screenshot({ path: path.join(resultsDir, 'audit-log.png'), fullPage: true });
    await context.close();
  });

  it('lets a township user open their own township and not another', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'township.yangcun');
    await page.goto(`${e.server.url}/org/townships/120114001`);
    await page.getByTestId('township-page').waitFor();
    expect(await page.getByTestId('township-code').textContent()).toBe('120114001');
    expect(await page.getByTestId('villages-table').textContent()).toContain('社区');
    await page.screenshot({ path: path.join(resultsDir, 'township-own.png') });
    await page.goto(`${e.server.url}/org/townships/120114002`);
    await page.getByTestId('result-404').waitFor();
    expect(await page.content()).not.toContain('下朱庄街道');
    await page.screenshot({ path: path.join(resultsDir, 'township-other.png') });
    await context.close();
  });

  it('shows each administrator only their own actions on the users page (三权分立)', async () => {
    const actions = async (username: string) => {
      const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      await signIn(page, e.server.url, username);
      await page.goto(`${e.server.url}/users?q=liaison.agri`);
      await page.getByTestId('user-toggle-liaison.agri').or(page.getByTestId('user-grants-liaison.agri')).first().waitFor();
      const ids = await page
        .getByTestId('users-table')
        .locator('[data-testid^="user-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
      return { page, context, ids: ids.filter((id) => id.endsWith('-liaison.agri')).map((id) => id.replace(/-liaison\.agri$/, '')) };
    };
    const sys = await actions('sysadmin');
    expect(sys.ids.sort()).toEqual(['user-edit', 'user-reset', 'user-toggle']);
    await sys.page.getByTestId('user-create').click();
    await sys.page.getByTestId('user-create-no-roles').waitFor();
    expect(await sys.page.getByTestId('user-form-modal').locator('[data-testid^="grant-"]').count()).toBe(0);
    await sys.context.close();
    const sec = await actions('secadmin');
    expect(sec.ids).toEqual(['user-grants']);
    await sec.page.getByTestId('user-grants-liaison.agri').click();
    await sec.page.getByTestId('grants-modal').getByTestId('grant-row-0').waitFor();
    await sec.page.screenshot({ path: path.join(resultsDir, 'users-grants-secadmin.png') });
    await sec.context.close();
  });

  it('switches to English and remembers the choice', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'sysadmin');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('menu-users').click();
    await page.waitForURL(/\/users$/);
    await page.reload();
    await page.getByTestId('side-menu').waitFor();
    const text = (await page.getByTestId('side-menu').textContent()) ?? '';
    expect(text).toMatch(/Users/);
    expect(text).not.toMatch(/用户与角色/);
    await page.screenshot({ path: path.join(resultsDir, 'users-en.png') });
    await context.close();
  });
});
