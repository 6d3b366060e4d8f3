import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ByteCounter, readRows } from './rows.ts';

describe('reading workbooks as a stream', () => {
  it('keeps every Chinese character whole, however the compressed stream is cut into chunks', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-rows-')), 'many.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const sheet = writer.addWorksheet('花名册');
    const words = ['配偶', '农业', '非农业', '户主', '子女', '和平里社区', '杨村街道新华里社区', '男', '女'];
    for (let i = 0; i < 20_000; i++) sheet.addRow([`户${i}`, words[i % words.length], words[(i * 7) % words.length], `王${'建国军强华'[i % 5]}`]).commit();
    await sheet.commit();
    await writer.commit();
    let rows = 0;
    const broken: string[] = [];
    for await (const cells of readRows(file, 'xlsx', new ByteCounter())) {
      rows++;
      const text = cells.join('|');
      if (text.includes('\uFFFD')) broken.push(text);
    }
    expect(rows).toBe(20_000);
    expect(broken).toEqual([]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
