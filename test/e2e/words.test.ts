import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { halfWidthSlips } from '../../src/core/text/punctuation.ts';
import { as, resultsDir, startE2E, type E2E } from './browser.ts';

/**
 * Words, not codes: every page a demo account can reach from its side menu and section tabs, and
 * the first detail page each list opens, shows labels and names, never codes; in Chinese mode no
 * English words and no half-width punctuation beside Chinese characters.
 */

const roles = [
  'office',
  'office.finance',
  'liaison.health',
  'township.meichang',
  'village.meichang',
  'teacher',
  'centre.head',
  'parent',
  'auditor',
  'sysadmin',
  'secadmin',
];

/**
 * Latin words a Chinese page may show: WHO (the growth standard's author), ID / IP / Excel / PDF /
 * CSV / Word (abbreviations and formats Chinese writes in Latin letters: IP 地址, Excel 文件),
 * BMI and TOTP (terms with no Chinese in use), units kg / cm / g / m (m²), and the national
 * cryptography algorithm names SM3 / SM4. Single capitals (Z 评分, 第 A 列) pass too.
 */
const allowedLatin = new Set(['WHO', 'ID', 'IP', 'Excel', 'PDF', 'CSV', 'Word', 'BMI', 'TOTP', 'kg', 'cm', 'g', 'm', 'SM3', 'SM4']);

/** Pages whose findings are reported but do not fail the crawl (none: every page is held to it). */
const pendingPages = new Set<string>();

export interface Finding {
  kind: string;
  token: string;
}

/** What in a page's text looks like a code, or like English or half-width punctuation in Chinese text. */
export function findCodes(text: string, chinese: boolean): Finding[] {
  const found: Finding[] = [];
  const add = (kind: string, token: string) => {
    if (!found.some((f) => f.kind === kind && f.token === token)) found.push({ kind, token });
  };
  // Addresses and file names are what they are.
  const plain = text.replace(/\bhttps?:\/\/\S+/g, ' ').replace(/\b[\w.-]+\.(?:xlsx|docx|pdf|csv|png|svg|json)\b/gi, ' ');
  for (const m of plain.matchAll(/(?<![\w.-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w-])/g)) add('snake_case', m[0]);
  for (const m of plain.matchAll(/(?<![\w.])[a-z]+[A-Z][A-Za-z0-9]*(?![\w-])/g)) add('camelCase', m[0]);
  for (const m of plain.matchAll(/(?<![\w.])[a-z][a-z0-9_]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)+(?![\w])/g)) add('dotted key', m[0]);
  if (chinese) {
    // Words joined by hyphens (act-1, civil-affairs); dates, ID numbers and periods start with digits.
    for (const m of plain.matchAll(/(?<![\w.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w.-])/gi)) add('kebab-case', m[0]);
    // A quoted sound or term (发“ba”“ma”音) is what it is.
    const unquoted = plain.replace(/“[^”]{0,40}”/g, ' ');
    for (const m of unquoted.matchAll(/(?<![\w.-])[A-Za-z][A-Za-z0-9]*(?![\w.-])/g)) {
      const word = m[0];
      if (allowedLatin.has(word) || /^[A-Z]{1}\d*$/.test(word)) continue;
      add('English', word);
    }
    for (const slip of halfWidthSlips(plain)) add('half-width punctuation', slip);
  } else {
    for (const m of plain.matchAll(/(?<![\w.-])[a-z]+(?:-[a-z]+)*-\d+(?![\w.-])/g)) add('kebab-case', m[0]);
    if (/×\s*10,000/.test(plain)) add('Chinese unit in English', '× 10,000');
  }
  return found;
}

/** Requests in flight, to wait until a page has its data. */
function trackRequests(page: Page): { idle(): Promise<void>; posts: Request[] } {
  const inFlight = new Set<Request>();
  const posts: Request[] = [];
  page.on('request', (r) => {
    inFlight.add(r);
    if (r.method() !== 'GET') posts.push(r);
  });
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  return {
    posts,
    async idle() {
      let quietSince = Date.now();
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const busy = inFlight.size > 0 || (await page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin').count()) > 0;
        if (busy) quietSince = Date.now();
        else if (Date.now() - quietSince > 250) return;
        await page.waitForTimeout(50);
      }
    },
  };
}

/**
 * The page's visible text, less what is marked `data-verbatim`: identifiers shown as such, where
 * they are the point (a username on the users and account pages, a roll's reference number).
 */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let text = document.body.innerText;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-verbatim]'))) {
      const own = el.innerText;
      if (own) text = text.replace(own, ' ');
    }
    return text;
  });
}

/** `/benefits/rolls/42` → `/benefits/rolls/:id`: one visit per kind of page. */
const pattern = (path: string) =>
  path
    .split('/')
    .map((part) => (/\d/.test(part) && !/^[a-z-]+$/.test(part) ? ':id' : part))
    .join('/')
    .replace(/\/reports\/[^/]+\/:id/, '/reports/:department/:id');

interface Crawl {
  pages: string[];
  findings: string[];
  /** Findings on pages in `pendingPages`: reported, not failed. */
  pending: string[];
}

/** The findings of one crawl, also written to test-results/ to read in full. */
function report(name: string, crawled: Crawl): string {
  const text = [`pages: ${crawled.pages.join(' ')}`, ...crawled.findings, ...crawled.pending.map((f) => `(pending) ${f}`)].join('\n');
  fs.writeFileSync(path.join(resultsDir, `words-${name}.txt`), `${text}\n`);
  return text;
}

async function crawl(page: Page, baseUrl: string, role: string, chinese: boolean): Promise<Crawl> {
  const net = trackRequests(page);
  const seen = new Set<string>();
  const result: Crawl = { pages: [], findings: [], pending: [] };
  const path = () => new URL(page.url()).pathname;

  const check = async () => {
    await net.idle();
    const here = path();
    result.pages.push(here);
    const into = pendingPages.has(here) ? result.pending : result.findings;
    for (const f of findCodes(await visibleText(page), chinese)) into.push(`${role} ${here} — ${f.kind}: ${f.token}`);
  };

  /** Opens what the first row of a list (or the first link into a detail page) leads to. */
  const openFirstDetail = async (from: string) => {
    const row = page.locator('main tr.xf-clickable-row, main .ant-tree-treenode:not(.ant-tree-treenode-switcher-open) .ant-tree-title').first();
    if ((await row.count()) === 0) return;
    await row.click({ timeout: 3_000 }).catch(() => undefined);
    await page.waitForTimeout(100);
    const next = path();
    if (next === from || seen.has(pattern(next))) return;
    seen.add(pattern(next));
    await check();
  };

  const visit = async (url: string) => {
    await page.goto(`${baseUrl}${url}`);
    await page.getByTestId('side-menu').waitFor();
    await net.idle();
    const here = path();
    if (seen.has(pattern(here)) || here === '/403') return;
    seen.add(pattern(here));
    await check();
    // Section tabs (扶助项目, 部门协调, 早期发展) lead to the section's other pages.
    const tabs = await page.locator('.xf-section-tabs [data-testid]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid') ?? ''));
    const lists = [here];
    for (const tab of tabs) {
      await page.getByTestId(tab).click();
      await page.waitForTimeout(100);
      const next = path();
      if (seen.has(pattern(next))) continue;
      seen.add(pattern(next));
      await check();
      lists.push(next);
    }
    for (const list of lists) {
      if (path() !== list) {
        await page.goto(`${baseUrl}${list}`);
        await net.idle();
      }
      await openFirstDetail(list);
    }
  };

  await page.goto(`${baseUrl}/`);
  await page.getByTestId('side-menu').waitFor();
  // Open submenus so their pages' entries are there to read.
  for (const submenu of await page.locator('[data-testid="side-menu"] .ant-menu-submenu-title').all()) {
    if ((await submenu.getAttribute('aria-expanded')) !== 'true') await submenu.click();
  }
  const entries = await page
    .locator('[data-testid="side-menu"] li.ant-menu-item')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-menu-id')?.replace(/^.*?-(?=\/)/, '') ?? '').filter((key) => key.startsWith('/')));
  for (const entry of entries) await visit(entry);
  return result;
}

describe('words, not codes', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  for (const role of roles) {
    it(`shows ${role} labels and names, in Chinese with full-width punctuation`, { timeout: 240_000 }, async () => {
      const page = await as(e.browser, e.server.url, role);
      const crawled = await crawl(page, e.server.url, role, true);
      expect(crawled.pages.length).toBeGreaterThan(1);
      expect(crawled.findings, report(role, crawled)).toEqual([]);
      await page.context().close();
    });
  }

  it('shows the office no codes and no Chinese units in English', { timeout: 240_000 }, async () => {
    const page = await as(e.browser, e.server.url, 'office');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    const crawled = await crawl(page, e.server.url, 'office', false);
    expect(crawled.pages.length).toBeGreaterThan(1);
    expect(crawled.findings, report('office-en', crawled)).toEqual([]);
    await page.context().close();
  });

  it('refuses a weight of 0 in the measurement form, in Chinese, naming the field, without sending', async () => {
    const page = await as(e.browser, e.server.url, 'teacher');
    const net = trackRequests(page);
    await page.goto(`${e.server.url}/ecd`);
    await page.locator('main tr.xf-clickable-row').first().click();
    await page.getByTestId('measure-card').waitFor();
    await net.idle();
    const before = net.posts.length;
    await page.getByTestId('measure-weight').fill('0');
    await page.getByTestId('measure-submit').click();
    const error = page.locator('[data-testid="measure-card"] .ant-form-item-explain-error').first();
    await error.waitFor({ timeout: 5_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('体重');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    await page.waitForTimeout(300);
    expect(net.posts.slice(before).map((r) => r.url())).toEqual([]);
    await page.context().close();
  });
});
