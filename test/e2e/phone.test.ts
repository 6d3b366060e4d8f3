import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsDir, signIn, startE2E, type E2E } from './browser.ts';

const PHONE = { width: 390, height: 844 };

/** The section tabs a page may show, and the page each opens. */
const TAB_PATHS: Record<string, string> = {
  'benefits-tab-overview': '/benefits',
  'benefits-tab-programmes': '/benefits/programmes',
  'benefits-tab-applications': '/benefits/applications',
  'benefits-tab-enrolments': '/benefits/enrolments',
  'benefits-tab-rolls': '/benefits/rolls',
  'ecd-tab-children': '/ecd',
  'ecd-tab-calendar': '/ecd/calendar',
  'ecd-tab-classes': '/ecd/classes',
  'ecd-tab-plans': '/ecd/plans',
  'ecd-tab-centre': '/ecd/centre',
};

/** Detail pages reached from a list: the list's page and what to click on it. */
const DETAILS: { list: string; item: string; url: RegExp }[] = [
  { list: '/registry', item: '[data-testid="persons-table"] .xf-clickable-row', url: /\/registry\/households\/[^/]+$/ },
  { list: '/benefits/applications', item: '[data-testid="applications-table"] .xf-clickable-row', url: /\/benefits\/applications\/[^/]+$/ },
  { list: '/benefits/rolls', item: '[data-testid="rolls-table"] .xf-clickable-row', url: /\/benefits\/rolls\/[^/]+$/ },
  { list: '/ecd', item: '[data-testid="ecd-children-table"] .xf-clickable-row', url: /\/ecd\/children\/[^/]+$/ },
];

/** Waits until the page has loaded what it shows: no spinner, skeleton or element marked loading, for a moment. */
async function settled(page: Page): Promise<void> {
  await page.waitForTimeout(250);
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active, [data-loading="true"]').length === 0, undefined, {
    timeout: 20_000,
  });
  await page.waitForTimeout(250);
}

/** The page fits the phone: nothing makes the whole document scroll sideways. */
async function fits(page: Page, name: string): Promise<void> {
  await settled(page);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  // The first screen as the phone shows it, and the whole page.
  await page.screenshot({ path: path.join(resultsDir, `phone-${name}.png`) });
  await page.screenshot({ path: path.join(resultsDir, `phone-${name}-full.png`), fullPage: true });
  // A mobile browser widens its window to a page that overflows: the phone's own width is the bound too.
  expect(widths.scroll, `${name}: document ${widths.scroll}px wide in a ${widths.inner}px window`).toBeLessThanOrEqual(Math.min(widths.inner, PHONE.width));
}

/** The menu is not beside the page but behind the header's menu button, in a drawer (its submenus opened). */
async function openMenu(page: Page): Promise<void> {
  expect(await page.locator('[data-testid="sider"]').count()).toBe(0);
  await page.getByTestId('menu-button').click();
  await page.getByTestId('menu-drawer').waitFor();
  await page.getByTestId('side-menu').waitFor();
  const closed = page.locator('[data-testid="side-menu"] li.ant-menu-submenu-inline:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  while ((await closed.count()) > 0) {
    await closed.first().click();
    await page.waitForTimeout(300);
  }
}

/** The pages of the menu: their test ids. */
async function menuPages(page: Page, username: string): Promise<string[]> {
  await openMenu(page);
  await page.screenshot({ path: path.join(resultsDir, `phone-${username}-menu.png`) });
  const ids = await page
    .locator('[data-testid="side-menu"] li.ant-menu-item[data-testid]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-testid') ?? ''));
  await page.keyboard.press('Escape');
  await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
  return ids;
}

describe('the web app on a phone (390×844)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  for (const username of ['village.meichang', 'township.meichang', 'teacher', 'parent']) {
    it(`lets ${username} use every page of the menu`, async () => {
      const context = await e.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      const page = await context.newPage();
      await signIn(page, e.server.url, username);
      await page.getByTestId('welcome-card').waitFor();
      await fits(page, `${username}-home`);
      const pages = await menuPages(page, username);
      expect(pages).toContain('menu-home');
      const visited = new Set<string>(['/']);
      const tabs = new Set<string>();
      for (const id of pages) {
        await openMenu(page);
        await page.getByTestId(id).click();
        // Choosing a page closes the drawer.
        await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
        await fits(page, `${username}-${id.replace(/^menu-/, '')}`);
        visited.add(new URL(page.url()).pathname);
        for (const tab of await page
          .locator('[data-testid$="-tabs"] [data-testid*="-tab-"]')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid') ?? ''))) {
          tabs.add(tab);
        }
      }
      for (const tab of tabs) {
        const target = TAB_PATHS[tab];
        if (!target || visited.has(target)) continue;
        await page.goto(`${e.server.url}${target}`);
        await fits(page, `${username}-${target.slice(1).replaceAll('/', '-')}`);
        visited.add(target);
      }
      for (const detail of DETAILS) {
        if (!visited.has(detail.list)) continue;
        await page.goto(`${e.server.url}${detail.list}`);
        await settled(page);
        const items = page.locator(detail.item);
        if ((await items.count()) === 0) continue;
        await items.first().click();
        await page.waitForURL(detail.url);
        await fits(page, `${username}-${detail.list.slice(1).replaceAll('/', '-')}-detail`);
      }
      await context.close();
    });
  }

  it('lets the registry search box take the phone’s width', async () => {
    const context = await e.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'village.meichang');
    await page.goto(`${e.server.url}/registry`);
    const box = await page.getByTestId('registry-search').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(PHONE.width * 0.7);
    await context.close();
  });
});

describe('wide tables at 1366×768 and 1440×900', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  /** The header cell is whole on screen, inside the table's visible part, before anything is scrolled; the page does not scroll sideways. */
  async function visible(page: Page, table: string, header: string, name: string): Promise<void> {
    const width = page.viewportSize()?.width ?? 0;
    const cell = page.locator(`[data-testid="${table}"] thead th`).filter({ hasText: header }).first();
    await cell.waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(resultsDir, `desktop-${width}-${name}.png`) });
    const box = await cell.boundingBox();
    const view = await page.locator(`[data-testid="${table}"] .ant-table-container`).first().boundingBox();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(box && view, header).toBeTruthy();
    if (!box || !view) return;
    expect(
      box.x >= view.x - 1 && box.x + box.width <= Math.min(view.x + view.width, width) + 1,
      `${header} at ${box.x}+${box.width}, table ${view.x}+${view.width}`,
    ).toBe(true);
  }

  /** A page of its own at a desktop's size (1366×768 unless told), signed in as `username`, showing `target`. */
  async function at(username: string, target: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await e.browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, e.server.url, username);
    await page.goto(`${e.server.url}${target}`);
    return page;
  }

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ]) {
    it(`shows the users table’s 操作 column at ${viewport.width}`, async () => {
      const page = await at('sysadmin', '/users', viewport);
      await visible(page, 'users-table', '操作', 'users');
      await page.context().close();
    });

    it(`shows the applications table’s 公示期 column at ${viewport.width}`, async () => {
      const page = await at('office', '/benefits/applications', viewport);
      await visible(page, 'applications-table', '公示期', 'applications');
      await page.context().close();
    });
  }

  it('finds a child by name in the centre’s list, a page at a time', async () => {
    const page = await at('teacher', '/ecd');
    const rows = page.locator('[data-testid="ecd-children-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeLessThanOrEqual(20);
    await page.getByTestId('ecd-page').locator('.ant-pagination').waitFor();
    const first = ((await rows.first().getByTestId('ecd-child-name').textContent()) ?? '').trim();
    await page.getByTestId('ecd-search').locator('input').fill(first);
    await page.getByTestId('ecd-search').locator('input').press('Enter');
    await expect.poll(async () => (await rows.getByTestId('ecd-child-name').allTextContents()).every((n) => n.includes(first))).toBe(true);
    await page.screenshot({ path: path.join(resultsDir, 'desktop-1366-ecd-search.png') });
    await page.context().close();
  });
});
