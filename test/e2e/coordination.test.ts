import fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/core/calendar.ts';
import { as, choose, shot, startE2E, type E2E } from './browser.ts';

/** A date after the demo's year, so the month just ended has no reports yet. */
const TODAY = '2012-02-20';
/** The month just ended: its reports were due on the 5th, so every department is expected and most are late. */
const month = addMonths(TODAY.slice(0, 7), -1);

async function statusOf(page: Page): Promise<string> {
  return (await page.getByTestId('report-status').textContent()) ?? '';
}

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ today: TODAY });
});
afterAll(async () => e?.close());

/**
 * The monthly report cycle of the done-means: the agri-tech centre's liaison files last month's
 * report, the office returns it with a comment, the liaison fixes and resubmits, the office accepts
 * and drafts the month's bulletin, and its .docx names the department, lists the late departments
 * and carries the indicator totals.
 */
describe('a monthly report from the liaison to the bulletin, in Chromium', () => {
  it('files, returns, resubmits, accepts and reports it in the bulletin', async () => {
    const liaison = await as(e.browser, e.server.url, 'liaison.agri');
    await liaison.goto(`${e.server.url}/coordination`);
    // Last month's report is overdue: the desk says so, and its button opens the form.
    const reminder = liaison.getByTestId(`reminder-agri-tech-${month}`);
    await reminder.waitFor();
    expect(await reminder.getAttribute('data-overdue')).toBe('true');
    await liaison.getByTestId('desk-current-report').waitFor();
    await shot(liaison, 'coordination-desk-liaison');
    await reminder.getByRole('button').click();
    const formUrl = `${e.server.url}/coordination/reports/agri-tech/${month}`;
    await liaison.waitForURL(formUrl);
    await liaison.getByTestId('report-progress').fill('本月深化“心系农民、守护丰收”服务品牌创建，组织技术人员下乡入户。');
    await liaison.getByTestId('report-work').fill('1. 接受农民电话及入户咨询\n2. 编印发放技术资料\n3. 培训农民技术骨干');
    await liaison.getByTestId('report-effect').fill('接受咨询 46 人次，发放技术资料 16,500 份，培训农民技术骨干 38,200 人次。');
    for (const [code, value] of [
      ['agri_consultations', '46'],
      ['agri_materials', '16500'],
      ['agri_trainings', '38200'],
      ['publicity_events', '4'],
      ['people_served', '1260'],
    ] as const) {
      await liaison.getByTestId(`report-value-${code}`).fill(value);
    }
    await liaison.getByTestId('report-save').click();
    await expect.poll(() => statusOf(liaison)).toMatch(/草稿/);
    await liaison.getByTestId('report-submit').click();
    await expect.poll(() => statusOf(liaison)).toMatch(/已报送|待审核/);
    await shot(liaison, 'coordination-report-submitted');

    // The office returns it with a comment.
    const office = await as(e.browser, e.server.url, 'office');
    await office.goto(formUrl);
    await office.getByTestId('report-return').click();
    await office.getByTestId('report-return-comment').fill('培训人次请分别写明集中培训和广播电视培训人数。');
    await office.getByTestId('report-return-confirm').click();
    await expect.poll(() => statusOf(office)).toMatch(/退回/);

    // The liaison sees the comment, fixes the work section and resubmits.
    await liaison.reload();
    await expect.poll(async () => (await liaison.locator('body').textContent()) ?? '').toContain('培训人次请分别写明集中培训和广播电视培训人数。');
    await shot(liaison, 'coordination-report-returned');
    await liaison.getByTestId('report-work').fill('1. 接受农民电话及入户咨询\n2. 编印发放技术资料\n3. 集中培训 8,200 人次，广播电视培训 30,000 人次');
    await liaison.getByTestId('report-save').click();
    await expect.poll(() => statusOf(liaison)).toMatch(/退回|草稿/);
    await liaison.getByTestId('report-submit').click();
    await expect.poll(() => statusOf(liaison)).toMatch(/已报送|待审核/);

    // The office accepts; the report is locked.
    await office.reload();
    await office.getByTestId('report-accept').click();
    await expect.poll(() => statusOf(office)).toMatch(/通过|已采用|已审核/);
    await shot(office, 'coordination-report-accepted');

    await office.goto(`${e.server.url}/coordination/completeness`);
    await office.getByText('农技推广中心').first().waitFor();
    await shot(office, 'coordination-completeness');

    // The month's bulletin, from the accepted report; the .docx is downloaded and read.
    await office.goto(`${e.server.url}/coordination/bulletins`);
    await office.getByTestId('bulletin-generate').click();
    await choose(office, 'bulletin-period-kind', /月/);
    const picker = office.getByTestId('bulletin-period');
    const input = (await picker.evaluate((n) => n.tagName)) === 'INPUT' ? picker : picker.locator('input').first();
    await input.click();
    await input.fill(month);
    await input.press('Enter');
    await office.getByTestId('bulletin-generate-confirm').click();
    await office.waitForURL(/\/coordination\/bulletins\/[0-9a-f-]{36}$/);
    await office.getByText('一、报送情况').waitFor();
    await shot(office, 'coordination-bulletin');

    const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('bulletin-docx').click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('农技推广中心');
    // Every other department is late for the month; the totals carry the accepted figures.
    expect(text).toMatch(/逾期|未报送/);
    for (const late of ['林业局', '卫生局', '妇联']) expect(text).toContain(late);
    for (const total of ['16,500', '38,200']) expect(text).toContain(total);
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(true);
    // The page shows the bulletin the .docx prints: the same list of late departments, word for word.
    const onScreen = ((await office.getByTestId('bulletin-late').textContent()) ?? '').trim();
    expect(onScreen).toMatch(/^逾期或未报送：.+。$/);
    expect(text).toContain(onScreen);
  });
});
