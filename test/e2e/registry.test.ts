import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber, rosterWorkbook, row, sheetWorkbook } from '../fixtures/roster.ts';
import { resultsDir, signIn, startE2E, type E2E } from './browser.ts';

const headId = idNumber('19780315', 11);
const spouseId = idNumber('19800520', 22);
const singleId = idNumber('19450101', 33);
/** A valid number with its check character changed. */
const badCheckId = (() => {
  const good = idNumber('19900101', 45);
  return good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
})();
/** Sequence 57 is odd: the number says male. */
const maleId = idNumber('19920202', 57);

const roster = [
  row({
    householdNumber: 'YC-E2E-1',
    village: '和平里社区',
    address: '杨村街道和平里5号楼1门101',
    name: '张建华',
    relation: '户主',
    sex: '男',
    idNumber: headId,
    hukou: '非农业',
    maritalStatus: '已婚',
    phone: '13812345678',
  }),
  row({
    householdNumber: 'YC-E2E-1',
    village: '和平里社区',
    address: '杨村街道和平里5号楼1门101',
    name: '李秀兰',
    relation: '配偶',
    sex: '女',
    idNumber: spouseId,
    hukou: '非农业',
    maritalStatus: '已婚',
  }),
  row({ householdNumber: 'YC-E2E-2', village: '东刘庄村', address: '东刘庄村前街8号', name: '王德福', relation: '户主', idNumber: singleId, hukou: '农业' }),
  row({ householdNumber: 'YC-E2E-3', village: '东刘庄村', address: '东刘庄村后街2号', name: '赵小军', relation: '户主', idNumber: badCheckId, hukou: '农业' }),
  row({
    householdNumber: 'YC-E2E-4',
    village: '东刘庄村',
    address: '东刘庄村后街6号',
    name: '钱丽',
    relation: '户主',
    sex: '女',
    idNumber: maleId,
    hukou: '农业',
  }),
];

/** The cells of a worksheet as text, one array per row (row 1 is the header). */
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((r) => {
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(resultsDir, name), fullPage: true });
}

describe('the registry in Chromium', () => {
  let e: E2E;
  let tmp: string;
  beforeAll(async () => {
    e = await startE2E();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-roster-'));
  });
  afterAll(async () => {
    await e?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a roster, reports the bad rows, finds a person and reveals the ID number', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'township.yangcun');
    await page.getByTestId('menu-registry').waitFor();

    // Import: three good rows (two households), two bad ones.
    const file = path.join(tmp, '杨村花名册.xlsx');
    fs.writeFileSync(file, await rosterWorkbook(roster));
    await page.goto(`${e.server.url}/registry/import`);
    await page.getByTestId('import-page').waitFor();
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe('/api/registry/import-template');
    await page.locator('[data-testid="import-page"] input[type="file"]').setInputFiles(file);
    // First a preview: nothing is written until the township confirms.
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('3');
    expect(await page.getByTestId('import-count-refused').getAttribute('data-count')).toBe('2');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-apply-confirm').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-imported').getAttribute('data-count')).toBe('3');
    expect(await page.getByTestId('import-unchanged').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('import-rejected').getAttribute('data-count')).toBe('2');
    expect(await page.getByTestId('import-imported').textContent()).toBe('3 人');
    await shot(page, 'registry-import.png');

    // The error report lists both bad rows with the reasons in Chinese.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
    expect(download.suggestedFilename()).toBe('导入错误报告.xlsx');
    const saved = path.join(tmp, 'errors.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the error report has no sheet');
    const [header, ...lines] = sheetRows(sheet);
    expect(header?.slice(0, 3)).toEqual(['行号', '问题所在列', '原因']);
    expect(lines).toHaveLength(2);
    const byName = (name: string) => lines.find((line) => line.includes(name));
    expect(byName('赵小军')?.[0]).toBe('5');
    expect(byName('赵小军')?.[2]).toContain('校验码');
    expect(byName('钱丽')?.[0]).toBe('6');
    expect(byName('钱丽')?.[2]).toContain('性别');

    // Find the head by the initials of 张建华 and open the household.
    await page.getByTestId('menu-registry').click();
    await page.waitForURL(/\/registry$/);
    const search = page.getByTestId('registry-search').locator('input');
    await search.fill('zjh');
    await search.press('Enter');
    await page.waitForURL(/q=zjh/);
    const rows = page.getByTestId('persons-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const hit = rows.filter({ hasText: '张建华' });
    await hit.waitFor();
    expect(await hit.textContent()).toContain(`${headId.slice(0, 6)}********${headId.slice(14)}`);
    expect(await hit.textContent()).toContain('YC-E2E-1');
    await page.locator('[data-testid="persons-table"] .ant-spin-blur').waitFor({ state: 'detached' });
    await page.waitForTimeout(300); // the table's fade-in after loading
    await shot(page, 'registry-search.png');
    await hit.click();

    await page.getByTestId('household-page').waitFor();
    const members = page.getByTestId('members-table');
    await members
      .locator('tbody tr.ant-table-row')
      .filter({ has: page.getByText('李秀兰', { exact: true }) })
      .waitFor();
    expect(await members.textContent()).not.toContain(headId);
    expect(await page.getByTestId('household-number').textContent()).toBe('YC-E2E-1');
    expect(await page.getByTestId('events-timeline').textContent()).toContain('建档');
    await shot(page, 'registry-household.png');

    // Reveal the head's full ID number, with a reason.
    await members
      .locator('tbody tr.ant-table-row')
      .filter({ has: page.getByText('张建华', { exact: true }) })
      .locator('[data-testid^="reveal-"]')
      .click();
    await page.getByTestId('reveal-reason').fill('核对奖扶申请材料');
    await page.getByTestId('reveal-confirm').click();
    await page.getByTestId('revealed-id').waitFor();
    expect(await page.getByTestId('revealed-id').textContent()).toBe(headId);
    expect(await page.getByTestId('revealed-phone').textContent()).toBe('13812345678');
    expect(await page.getByTestId('reveal-modal').textContent()).toContain('审计日志');
    await shot(page, 'registry-reveal.png');
    await context.close();
  });

  it('imports a roster in its own layout: a column matched by hand, a change previewed and applied, the family linked', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, e.server.url, 'township.yangcun');
    const ids = { head: idNumber('19560707', 71), wife: idNumber('19580808', 82), son: idNumber('19830303', 93) };
    // A village's own roster: a title, headers in its own words, no 户号; “证件” is a header no one else uses.
    const layout = (wifePhone: string) =>
      sheetWorkbook(
        [
          ['杨村街道振华里社区花名册'],
          ['姓名', '与户主关系', '性别', '证件', '户口性质', '婚姻状况', '联系电话', '所属村（居）'],
          ['孔繁荣', '户主', '男', ids.head, '农业', '已婚', '', '振华里社区'],
          ['陶玉梅', '妻', '女', ids.wife, '农业', '已婚', wifePhone, '振华里社区'],
          ['孔德明', '儿子', '男', ids.son, '农业', '未婚', '', '振华里社区'],
        ],
        ['A1:H1'],
      );
    const first = path.join(tmp, '振华里花名册.xlsx');
    fs.writeFileSync(first, await layout('13011112222'));
    await page.goto(`${e.server.url}/registry/import`);
    await page.locator('[data-testid="import-page"] input[type="file"]').setInputFiles(first);

    // The column no one could match is matched by hand.
    await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-mapping-missing').textContent()).toContain('身份证号');
    await shot(page, 'registry-import-mapping.png');
    await page.getByTestId('import-mapping-select-3').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="身份证号"]').click();
    await page.getByTestId('import-mapping-complete').waitFor();
    await page.getByTestId('import-mapping-submit').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-count-new').getAttribute('data-count')).toBe('3');
    expect(await page.getByTestId('import-count-households').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('import-count-links').getAttribute('data-count')).toBe('3');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-apply-confirm').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-links').getAttribute('data-count')).toBe('3');

    // The next roster of the same village: the mapping is remembered; a new phone number is previewed, then applied.
    const second = path.join(tmp, '振华里花名册-12月.xlsx');
    fs.writeFileSync(second, await layout('13099998888'));
    await page.getByTestId('import-again').click();
    await page.locator('[data-testid="import-page"] input[type="file"]').setInputFiles(second);
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-count-changed').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('import-count-unchanged').getAttribute('data-count')).toBe('2');
    const change = page.getByTestId('import-changes').locator('[data-row="4"]');
    expect(await change.textContent()).toContain('陶玉梅');
    expect(await change.textContent()).toContain('130****2222');
    expect(await change.textContent()).toContain('130****8888');
    await shot(page, 'registry-import-preview.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'registry-import-preview-phone.png');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-apply-confirm').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-updated').getAttribute('data-count')).toBe('1');

    // The household, with its members and their links, and the change in its history.
    await page.goto(`${e.server.url}/registry?q=${encodeURIComponent('孔德明')}`);
    const hit = page.getByTestId('persons-table').locator('tbody tr.ant-table-row', { hasText: '孔德明' });
    await hit.waitFor();
    await hit.click();
    await page.getByTestId('household-page').waitFor();
    const members = page.getByTestId('members-table');
    const son = members.locator('tbody tr.ant-table-row').filter({ has: page.getByText('孔德明', { exact: true }) });
    await son.waitFor();
    expect(await son.textContent()).toContain('孔繁荣');
    expect(await son.textContent()).toContain('陶玉梅');
    expect(
      await members
        .locator('tbody tr.ant-table-row')
        .filter({ has: page.getByText('孔繁荣', { exact: true }) })
        .textContent(),
    ).toContain('陶玉梅');
    expect(await page.getByTestId('event-changed').textContent()).toContain('联系电话');
    await shot(page, 'registry-import-household.png');
    await context.close();
  });
});
