import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsDir, signIn, startE2E, type E2E } from './browser.ts';

/** Thousands separators are the page's formatting, not the figure. */
const digits = (text: string | null) => (text ?? '').replace(/[,\s]/g, '');

describe('the benefits page in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('shows the office the 2011 figures of the report', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'office');
    await page.getByTestId('menu-benefits').click();
    await page.waitForURL(/\/benefits$/);
    // Twelve months of the register through the engine: a few seconds.
    await page.locator('[data-testid="benefits-content"][data-year="2011"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('benefits-chart').locator('canvas').waitFor();

    const table = page.getByTestId('benefits-table');
    expect(digits(await table.getByTestId('benefits-persons-reward-assistance').textContent())).toBe('5467');
    expect(digits(await table.getByTestId('benefits-persons-special-assistance').textContent())).toBe('548');
    expect(digits(await table.textContent())).toContain('1250');
    expect(await page.getByTestId('benefits-total-assistance').textContent()).toContain('645');
    expect(await page.getByTestId('benefits-scope-note').count()).toBe(0);

    // Let the spinner fade out and the bars grow (ECharts animates for a second).
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(resultsDir, 'benefits.png'), fullPage: true });
    await context.close();
  });
});
