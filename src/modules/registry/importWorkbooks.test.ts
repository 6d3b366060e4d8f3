import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { errorWorkbook } from './importWorkbooks.ts';

describe('the error workbook', () => {
  it('gives back a row as given, with text a spreadsheet would take for a formula made inert', async () => {
    const malicious = '=HYPERLINK("http://e.cn","点")';
    const buffer = await errorWorkbook({
      headers: ['姓名', '身份证号', '联系电话'],
      rejected: 1,
      errorsTruncated: false,
      errors: [{ row: 7, column: '身份证号', reason: '身份证号校验位错误', values: [malicious, '-120114', '+8613812345678'] }],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet?.getRow(2).values as unknown[]).slice(1)).toEqual([7, '身份证号', '身份证号校验位错误', `'${malicious}`, "'-120114", "'+8613812345678"]);
    expect(sheet?.getRow(2).getCell(4).type).toBe(ExcelJS.ValueType.String);
  });
});
