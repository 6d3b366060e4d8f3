import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../src/db/pglite.ts';
import { startServer, type ServerProcess } from '../processes.ts';
import { CHROMIUM, shot } from './browser.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let dataDir: string;
let server: ServerProcess;
let browser: Browser;
const start = () => startServer({ XINGFU_DATA_DIR: dataDir }, ['--demo']);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-e2e-portal-'));
  server = await start();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function reader(size: 'desktop' | 'phone', options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const viewport = size === 'desktop' ? { width: 1440, height: 900 } : { width: 390, height: 844 };
  const context = await browser.newContext({ viewport, ...(size === 'phone' ? { isMobile: true, hasTouch: true } : {}), ...options });
  return context.newPage();
}

/** axe-core's serious and critical violations of WCAG 2 A/AA on the page. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}

describe('the public portal in the browser', () => {
  it("reads the district's report in both scripts, with a large-font switch and a skip link", async () => {
    const page = await reader('desktop');
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/portal/`);
    await shot(page, 'portal-home-desktop');
    await page.getByRole('link', { name: /统筹协调 多措并举/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('统筹协调 多措并举 扎实推进创建幸福家庭活动');
    await expect.poll(() => page.locator('.article-meta').textContent()).toContain('2011年11月30日');
    await page.getByRole('link', { name: '繁體' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('統籌協調 多措并舉 扎實推進創建幸福家庭活動');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    await shot(page, 'portal-article-hant-desktop');
    await page.getByRole('button', { name: '大字版' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('large');
    expect(await page.getByRole('button', { name: '大字版' }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    expect(await page.locator('html').getAttribute('class'), 'the choice is remembered').toContain('large');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    expect(errors, 'no CSP or script errors').toEqual([]);
  });

  it('has no serious accessibility problems (axe-core)', async () => {
    const page = await reader('desktop', { bypassCSP: true });
    await page.goto(`${server.url}/portal/news`);
    const article = await page.locator('.news-list a').first().getAttribute('href');
    for (const url of ['/portal/', '/portal/news', article as string, `${article}?script=hant`, '/portal/policies', '/portal/notices', '/portal/self-check']) {
      await page.goto(`${server.url}${url}`);
      expect(await accessibilityProblems(page), url).toEqual([]);
    }
  });

  it('fits a phone', async () => {
    const page = await reader('phone');
    await page.goto(`${server.url}/portal/`);
    await shot(page, 'portal-home-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('link', { name: /统筹协调/ }).click();
    await page.locator('.article-body').waitFor();
    await shot(page, 'portal-article-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

describe('the self-check and a tampered row', () => {
  it('runs the eligibility self-check and explains the result', async () => {
    const couple = JSON.parse(fs.readFileSync(new URL('../../src/core/portal/selfCheck.cases.json', import.meta.url), 'utf8')).couple as Record<string, string>;
    for (const size of ['desktop', 'phone'] as const) {
      const page = await reader(size);
      await page.goto(`${server.url}/portal/self-check`);
      for (const [name, value] of Object.entries(couple)) {
        const field = page.locator(`[name="${name}"]`);
        if ((await field.evaluate((n) => n.tagName)) === 'SELECT') await field.selectOption(value);
        else await field.fill(value);
      }
      await page.getByRole('button', { name: '开始自测' }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('可能符合');
      expect(await page.locator('main').textContent()).toContain('农村部分计划生育家庭奖励扶助');
      await shot(page, `portal-self-check-${size}`);
      if (size === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });

  it('does not serve a row changed in the database outside the app, and tells the office', async () => {
    await server.stop();
    const db = await openEmbedded({ dataDir: path.join(dataDir, 'pg') });
    const spam = '<p>主站蜘蛛池模板</p><p><a href="http://spam-county.example.com/">某某县</a></p>';
    const changed = await db.query(`UPDATE portal_revision SET body_html = body_html || $1 WHERE title LIKE '%早期教育指导中心%'`, [spam]);
    expect(changed.rowCount).toBe(1);
    await db.close();
    server = await start();

    const page = await reader('desktop');
    await page.goto(`${server.url}/portal/news`);
    await expect.poll(() => page.locator('main').textContent()).toContain('工作动态');
    expect(await page.locator('main').textContent()).not.toContain('早期教育指导中心');
    const all = await (await fetch(`${server.url}/portal/sitemap.xml`)).text();
    for (const loc of all.matchAll(/<loc>([^<]+)<\/loc>/g)) expect(await (await fetch(loc[1] as string)).text()).not.toContain('蜘蛛池');

    const office = await reader('desktop');
    await office.goto(`${server.url}/login`);
    await office.getByTestId('login-username').fill('office');
    await office.getByTestId('login-password').fill('xingfu-demo-2011');
    await office.getByTestId('login-submit').click();
    await office.getByTestId('side-menu').waitFor();
    const integrity = await office.request.get(`${server.url}/api/portal/integrity`);
    const findings = (await integrity.json()).recent as { kind: string; detail: string }[];
    expect(findings.some((f) => f.kind === 'signature-mismatch' && f.detail.includes('停止显示'))).toBe(true);
  });
});
