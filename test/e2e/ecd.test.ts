import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARENT_CHILD } from '../../src/seed/ecdCentre.ts';
import { resultsDir, signIn, startE2E, type E2E } from './browser.ts';
import { DEMO_TODAY } from '../../src/core/clock.ts';

/** The input behind a test id, whether antd put the id on the input or on its wrapper. */
const input = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** YYYY-MM-DD `days` before today in China (UTC+8), as the server counts days. */
/** A day so many days before the demo server's date. */
const chinaDaysAgo = (days: number) => new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('the ECD centre in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  const childName = '周小满';

  it('lets a teacher enrol a child and record a measurement in the growth archive', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'teacher');
    await page.getByTestId('menu-ecd').click();
    await page.waitForURL(/\/ecd$/);
    await page.getByTestId('ecd-page').waitFor();

    await page.getByTestId('ecd-enrol').click();
    await input(page, 'enrol-name').waitFor();
    await input(page, 'enrol-name').fill(childName);
    const birth = input(page, 'enrol-birth');
    await birth.click();
    await birth.fill(chinaDaysAgo(304));
    await birth.press('Enter');
    await input(page, 'enrol-consent-by').fill('周丽');
    await input(page, 'enrol-relation').fill('母亲');
    await input(page, 'enrol-parent').fill('parent');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await input(page, 'enrol-name').waitFor({ state: 'detached' });

    // The list shows a page at a time: find the child by name.
    await page.getByTestId('ecd-search').locator('input').fill(childName);
    await page.getByTestId('ecd-search').locator('input').press('Enter');
    const rows = page.getByTestId('ecd-children-table').locator('tbody tr.ant-table-row');
    await rows.filter({ hasText: childName }).first().click();
    await page.waitForURL(/\/ecd\/children\/[0-9a-f-]+$/);
    await page.getByTestId('archive-page').waitFor();
    expect(await page.getByTestId('child-name').textContent()).toBe(childName);

    await input(page, 'measure-weight').fill('8.9');
    await input(page, 'measure-length').fill('72.0');
    await page.locator('label:has([data-testid="measure-position-lying"])').click();
    await input(page, 'measure-head').fill('45');
    await page.getByTestId('measure-submit').click();

    const result = page.getByTestId('measure-result');
    await result.waitFor();
    expect(await result.getAttribute('data-statuses')).toBe('0');
    await page.getByTestId('measure-normal').waitFor();
    expect(await page.getByTestId('measure-error').count()).toBe(0);

    const table = page.getByTestId('measurements-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const rowText = await table.locator('tbody tr.ant-table-row').first().textContent();
    expect(rowText).toContain('8.90');
    expect(rowText).toContain('72.0');
    expect(rowText).toContain('45.0');
    // A normal measurement says so in its 评价 cell rather than leaving it blank.
    expect(await table.locator('tbody tr.ant-table-row').first().getByTestId('status-normal').textContent()).toBe('正常');
    expect(await table.getByTestId('z-waz').first().textContent()).toMatch(/^-?\d+\.\d\d$/);

    await page.locator('[data-testid="chart-points"][data-count="1"]').waitFor({ state: 'attached' });
    await page.getByTestId('growth-chart').locator('canvas').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(resultsDir, 'ecd-archive.png'), fullPage: true });
    await context.close();
  });

  it('shows a parent only their own children, read-only', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'parent');
    await page.getByTestId('menu-ecd').click();
    await page.waitForURL(/\/ecd$/);
    const rows = page.getByTestId('ecd-children-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    // Her demo daughter and the child enrolled above for her, none of the centre's other 100-odd children.
    expect(await rows.count()).toBe(2);
    const texts = await rows.allTextContents();
    expect(texts.filter((text) => text.includes(childName))).toHaveLength(1);
    expect(texts.filter((text) => text.includes(DEMO_PARENT_CHILD))).toHaveLength(1);
    expect(await page.getByTestId('ecd-enrol').count()).toBe(0);

    await rows.filter({ hasText: childName }).first().click();
    await page.getByTestId('archive-page').waitFor();
    expect(await page.getByTestId('measure-card').count()).toBe(0);
    await page.locator('[data-testid="chart-points"][data-count="1"]').waitFor({ state: 'attached' });
    await context.close();
  });
});
