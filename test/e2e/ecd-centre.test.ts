import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, resultsDir, shot, startE2E, typeDate, type E2E } from './browser.ts';
import { DEMO_TODAY } from '../../src/core/clock.ts';

/** The demo parent's (陈静's) child, as src/seed/ecdCentre.ts links it. */
const PARENT_CHILD = '刘梓萌';

/** The input behind a test id, whether antd put the id on the input or on its wrapper. */
const input = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Today as the demo server counts days: the demo's own date. */
const chinaToday = () => DEMO_TODAY;

interface ListedChild {
  id: string;
  name: string;
  birthDate: string;
  consent: { withdrawnAt: string | null };
}

/** The children the signed-in user may see, through the page's own session. */
async function listChildren(page: Page): Promise<ListedChild[]> {
  const response = await page.request.get(new URL('/api/ecd/children', page.url()).toString());
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: ListedChild[] }).items;
}

describe('the ECD centre: milestones, calendar and the printed archive, in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('lets a teacher measure a demo child, see the new point on the chart, tick a milestone and take attendance', async () => {
    const page = await as(e.browser, e.server.url, 'teacher');
    await page.getByTestId('menu-ecd').click();
    await page.getByTestId('ecd-page').waitFor();
    for (const tab of ['children', 'calendar', 'classes', 'plans', 'centre']) await page.getByTestId(`ecd-tab-${tab}`).waitFor();

    // A demo child of 10–17 months (not the parent's): some motor milestones are still to come.
    const today = chinaToday();
    const months = (birth: string) => (Date.parse(today) - Date.parse(birth)) / 86_400_000 / 30.4375;
    const children = await listChildren(page);
    expect(children.length).toBeGreaterThan(100);
    const child = children.find((c) => c.name !== PARENT_CHILD && c.consent.withdrawnAt === null && months(c.birthDate) > 10 && months(c.birthDate) < 17);
    expect(child).toBeDefined();
    if (!child) return;

    // The list shows a page at a time: find the child by name.
    await page.getByTestId('ecd-search').locator('input').fill(child.name);
    await page.getByTestId('ecd-search').locator('input').press('Enter');
    await page.getByTestId('ecd-children-table').locator('tbody tr.ant-table-row').filter({ hasText: child.name }).first().click();
    await page.waitForURL(new RegExp(`/ecd/children/${child.id}$`));
    await page.getByTestId('archive-page').waitFor();
    await page.locator('[data-testid="growth-chart"][data-ready="true"]').waitFor();
    const before = Number(await page.getByTestId('chart-points').getAttribute('data-count'));

    // A measurement today: one more point on the weight-for-age chart.
    const rows = page.getByTestId('measurements-table').locator('tbody tr.ant-table-row');
    const rowsBefore = await rows.count();
    await input(page, 'measure-weight').fill('10.2');
    await input(page, 'measure-length').fill('76.5');
    await page.locator('label:has([data-testid="measure-position-lying"])').click();
    await input(page, 'measure-head').fill('46');
    await page.getByTestId('measure-submit').click();
    await page.getByTestId('measure-result').waitFor();
    await page.locator(`[data-testid="chart-points"][data-count="${before + 1}"]`).waitFor({ state: 'attached' });
    expect(await rows.count()).toBe(rowsBefore + 1);

    // Milestones: six rows; tick one not yet achieved, dated today.
    const panel = page.getByTestId('milestones-panel');
    await panel.getByTestId('milestone-walking_alone').waitFor();
    expect(
      await panel
        .locator('[data-testid^="milestone-"][data-state]')
        .filter({ has: page.locator('.xf-ms-bar') })
        .count(),
    ).toBe(6);
    await panel.getByTestId('milestone-crawling-note').waitFor();
    const open = panel.locator('.xf-ms-row[data-state="in_window"], .xf-ms-row[data-state="late"], .xf-ms-row[data-state="not_yet"]').first();
    const code = ((await open.getAttribute('data-testid')) ?? '').replace('milestone-', '');
    expect(code).not.toBe('');
    await page.getByTestId(`milestone-set-${code}`).click();
    const achievedOn = new Date(Date.parse(today) - 3 * 86_400_000).toISOString().slice(0, 10);
    await typeDate(page, 'milestone-date', achievedOn);
    await page.getByTestId('milestone-save').click();
    await page.getByTestId('milestone-save').waitFor({ state: 'detached' });
    await page.locator(`[data-testid="milestone-${code}"][data-state^="achieved"]`).waitFor();
    await page.getByTestId(`milestone-undo-${code}`).waitFor();
    expect(await page.getByTestId(`milestone-${code}`).textContent()).toContain(achievedOn);
    await page.waitForTimeout(500);
    await shot(page, 'ecd-centre-archive-teacher');

    // The calendar: a session of this month opens its drawer; attendance is taken for the class.
    await page.getByTestId('ecd-tab-calendar').click();
    await page.waitForURL(/\/ecd\/calendar$/);
    await page.locator('[data-testid="ecd-calendar"][data-loading="false"]').waitFor();
    const chips = page.locator('.xf-cal-session');
    await chips.first().waitFor();
    const held = page.locator('.xf-cal-session[data-status="held"]');
    await ((await held.count()) > 0 ? held.first() : chips.first()).click();
    const drawer = page.getByTestId('session-drawer');
    await drawer.waitFor();
    await shot(page, 'ecd-centre-calendar');
    const boxes = drawer.locator('[data-testid^="attendance-"] input[type="checkbox"]');
    if ((await drawer.getByTestId('attendance-form').count()) > 0 && (await boxes.count()) > 0) {
      await drawer.getByTestId('attendance-all').click();
      await page.getByTestId('attendance-save').click();
      await page.locator('[data-testid="session-status"][data-status="held"]').waitFor();
      const enrolled = await boxes.count();
      expect(await drawer.textContent()).toContain(`${enrolled}/${enrolled}`);
    }
    await page.keyboard.press('Escape');

    // The other tabs load.
    await page.getByTestId('ecd-tab-classes').click();
    await page.getByTestId('classes-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'ecd-centre-classes');
    // A class is renamed from its row; the list shows the new name.
    await page.getByTestId('classes-table').locator('tbody tr.ant-table-row').first().locator('[data-testid^="class-edit-"]').click();
    const className = page.getByTestId('class-name');
    const renamed = `${await className.inputValue()}（春季）`;
    await className.fill(renamed);
    await page.waitForTimeout(400); // the dialog's opening animation
    await shot(page, 'ecd-centre-class-edit');
    await page.getByTestId('class-save').click();
    await page.getByTestId('classes-table').getByText(renamed, { exact: true }).waitFor();
    await page.getByTestId('ecd-tab-plans').click();
    await page.getByTestId('plans-cards').waitFor();
    await shot(page, 'ecd-centre-plans');
    await page.getByTestId('ecd-tab-centre').click();
    await page.getByTestId('centre-rooms').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('centre-area-sum').textContent()).toBe('380');
    await page.waitForTimeout(500);
    await shot(page, 'ecd-centre-centre');
    await page.context().close();
  });

  it('shows a parent only their own child and lets them save the printed archive as a PDF', async () => {
    const page = await as(e.browser, e.server.url, 'parent');
    await page.getByTestId('menu-ecd').click();
    await page.getByTestId('ecd-page').waitFor();
    const rows = page.getByTestId('ecd-children-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(PARENT_CHILD);
    const own = await listChildren(page);
    expect(own.map((c) => c.name)).toEqual([PARENT_CHILD]);

    // Only the archives and the calendar.
    await page.getByTestId('ecd-tab-calendar').waitFor();
    for (const tab of ['classes', 'plans', 'centre']) expect(await page.getByTestId(`ecd-tab-${tab}`).count()).toBe(0);

    await rows.first().click();
    await page.getByTestId('archive-page').waitFor();
    await page.getByTestId('milestones-panel').getByTestId('milestone-sitting').waitFor();
    expect(await page.locator('[data-testid^="milestone-set-"]').count()).toBe(0);
    await page.getByTestId('archive-print').click();
    await page.waitForURL(/\/ecd\/children\/[0-9a-f-]+\/print$/);
    await page.locator('[data-testid="archive-print-page"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    await page.locator('[data-testid="growth-chart"][data-ready="true"] svg').nth(3).waitFor();
    expect(await page.getByTestId('print-child-name').textContent()).toBe(PARENT_CHILD);
    await page.waitForTimeout(500);
    await shot(page, 'ecd-centre-print');

    const pdf = path.join(resultsDir, 'ecd-archive-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(PARENT_CHILD);
    expect(text).toContain('宝宝成长档案');
    expect(text).toContain('体重');
    expect(text).toContain('测量日期');
    expect(text).toContain('大运动发育里程碑');
    expect(text).not.toContain('打印/保存为PDF');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(resultsDir, 'ecd-archive-print')]);
    expect(fs.readdirSync(resultsDir).some((f) => f.startsWith('ecd-archive-print-') && f.endsWith('.png'))).toBe(true);

    // The calendar holds only the sessions of the child's classes, with only the child in attendance.
    await page.goto(`${e.server.url}/ecd/calendar`);
    await page.locator('[data-testid="ecd-calendar"][data-loading="false"]').waitFor();
    expect(await page.getByTestId('session-new').count()).toBe(0);
    const chip = page.locator('.xf-cal-session').first();
    if ((await chip.count()) > 0) {
      await chip.click();
      await page.getByTestId('session-drawer').waitFor();
      expect(await page.getByTestId('attendance-form').count()).toBe(0);
      expect(await page.getByTestId('attendance-list').locator('.xf-attendance-row').count()).toBe(1);
      await shot(page, 'ecd-centre-calendar-parent');
    }
    await page.context().close();
  });
});
