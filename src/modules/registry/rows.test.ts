import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FormulaCell } from '../../core/registry/roster.ts';
import { AppError } from '../../core/errors.ts';
import { ByteCounter, readRows, sniffFormat, type SheetRow } from './rows.ts';

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
    for await (const row of readRows(file, 'xlsx', new ByteCounter())) {
      rows++;
      const text = row.cells.join('|');
      if (text.includes('\uFFFD')) broken.push(text);
    }
    expect(rows).toBe(20_000);
    expect(broken).toEqual([]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-rows-'));
const write = (name: string, content: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const all = async (file: string): Promise<SheetRow[]> => {
  const rows: SheetRow[] = [];
  for await (const r of readRows(file, sniffFormat(file), new ByteCounter())) rows.push(r);
  return rows;
};

describe('rows as the spreadsheet numbers them', () => {
  it("keeps the workbook's own row numbers across blank rows, and gives a formula's calculated value", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.getCell('A1').value = '姓名';
    sheet.getCell('B1').value = '户籍性质';
    sheet.getCell('A2').value = '张三';
    sheet.getCell('B2').value = { formula: 'IF(1,"农业","")', result: '农业' };
    sheet.getCell('A5').value = '李四'; // rows 3 and 4 blank
    sheet.getCell('B5').value = '   ';
    sheet.getCell('A6').value = { formula: 'A5' }; // saved without a result
    const rows = await all(write('blank.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(rows.map((r) => r.number)).toEqual([1, 2, 5, 6]);
    expect(rows[1]?.cells).toEqual(['张三', '农业']);
    expect(rows[3]?.cells[0]).toBeInstanceOf(FormulaCell);
  });

  it('numbers CSV rows by line, across blank lines, quoted line breaks and a trailing line break', async () => {
    const csv = '姓名,村\r\n\r\n张三,和平里\r\n"李\n四",和平里\r\n,,\r\n王五,和平里\r\n\r\n';
    const rows = await all(write('blank.csv', csv));
    expect(rows.map((r) => [r.number, r.cells[0]])).toEqual([
      [1, '姓名'],
      [3, '张三'],
      [4, '李\n四'],
      [7, '王五'],
    ]);
  });

  it('says what a file is when it is not a roster', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('花名册')] }] }));
    const refusal = (name: string, content: Buffer | string) => {
      try {
        sniffFormat(write(name, content));
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return (e as AppError).messageZh;
      }
      throw new Error(`${name} was taken as a roster`);
    };
    expect(refusal('roster.xlsx', docx)).toContain('Word 文档');
    expect(refusal('old.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toContain('旧版');
    expect(refusal('roster.pdf', '%PDF-1.7\n')).toContain('PDF');
    expect(refusal('empty.csv', '')).toContain('空');
    expect(refusal('cut.xlsx', docx.subarray(0, 200))).toContain('不完整');
  });
});
