import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer, type ServerProcess } from '../processes.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const webIndex = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

export interface E2E {
  server: ServerProcess;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The built app on the embedded engine with the demo district, and Debian's Chromium. The demo runs
 * on its own date (2011-11-30) unless `today` moves it (a workflow that runs into 2012).
 */
export async function startE2E(options: { today?: string } = {}): Promise<E2E> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (npm test does it as root)`);
  if (!fs.existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build` first (npm test does)');
  fs.mkdirSync(resultsDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-e2e-'));
  const server = await startServer({ XINGFU_DATA_DIR: dataDir, ...(options.today ? { XINGFU_TODAY: options.today } : {}) }, ['--demo']);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = 'xingfu-demo-2011'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Attached, not visible: on a phone the menu is folded away.
  await page.getByTestId('side-menu').waitFor({ state: 'attached' });
}

/** A page of its own (own cookies) signed in as `username`, with downloads allowed. */
export async function as(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  return page;
}

/** The input of an Ant Design picker or select, whichever element carries the test id. */
async function inputOf(field: Locator): Promise<Locator> {
  return (await field.evaluate((n) => n.tagName)) === 'INPUT' ? field : field.locator('input').first();
}

export async function typeDate(page: Page, testId: string, value: string): Promise<void> {
  const input = await inputOf(page.getByTestId(testId));
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

export async function choose(page: Page, testId: string, option: string | RegExp, search?: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.click();
  if (search !== undefined) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  // A single select closes its list; until it has, the list covers the fields below it.
  const multiple = await field.evaluate((n) => n.closest('.ant-select')?.classList.contains('ant-select-multiple') ?? false);
  if (!multiple) await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'hidden' });
}

/** A full-page screenshot in test-results/, to look at. */
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
