import ExcelJS from 'exceljs';
import { inertRow, inertText } from '../../core/exports/inert.ts';
import { rosterColumns, type RosterKey } from '../../core/registry/roster.ts';

/** One problem of a row that was not imported, as the error workbook lists it. */
export interface RejectedRow {
  /** The row number the spreadsheet shows. */
  row: number;
  column: string;
  reason: string;
  /** The row's cells as given, in the file's own column order. */
  values: string[];
}

/**
 * The error workbook: one line per problem, in the file's row order, with the row number the
 * township sees in its own spreadsheet, the column, the reason in Chinese and the row as given
 * under the file's own headers. The file's text comes back inert (core/exports/inert): a cell that
 * would be read as a formula gets its apostrophe.
 */
export async function errorWorkbook(result: {
  headers: readonly string[];
  errors: readonly RejectedRow[];
  rejected: number;
  errorsTruncated: boolean;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('未导入的行');
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '问题所在列', key: 'column', width: 14 },
    { header: '原因', key: 'reason', width: 60 },
    ...result.headers.map((h, i) => ({ header: inertText(h), key: `c${i}`, width: 16 })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const e of result.errors) {
    const line: Record<string, string | number> = { row: e.row, column: e.column, reason: e.reason };
    result.headers.forEach((_h, i) => {
      line[`c${i}`] = e.values[i] ?? '';
    });
    sheet.addRow(inertRow(line));
  }
  if (result.errorsTruncated) sheet.addRow({ reason: `另有问题未列出（只列出前 ${result.errors.length} 个）` });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const explain: Partial<Record<RosterKey, string>> = {
  householdNumber: '同一户的成员填相同户号；没有户号时，每户从户主行开始，下面各行是该户成员',
  village: '村（居）名称或12位代码，须属于本乡镇街',
  address: '可不填',
  relation: '户主、配偶（妻、夫）、子女（长子、次女、养子、继女……）、儿媳、女婿、孙子女、父母、公婆、岳父母、兄弟姐妹、其他；也可填 GB/T 4761 家庭关系代码',
  sex: '男或女，须与身份证号一致；可不填',
  birthDate: '如 1950-03-02；须与身份证号一致；可不填',
  idNumber: '18位（末位可为X）或15位旧号，请设置为文本格式',
  hukou: '农业或非农业',
  maritalStatus: '未婚、已婚、离婚、丧偶',
  phone: '手机号11位，或区号加座机号',
  deathDate: '已故人员填写',
  oneChildCertificateDate: '如 1985-06-01',
  headIdNumber: '可不填；填写时，同一户主身份证号的各行为一户',
  movedOutOn: '已迁出人员填写',
  moveDestination: '已迁出人员的迁往地，可不填',
};

/** The import template: the roster's Chinese headers, an example row and a sheet of notes. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.columns = rosterColumns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 3) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('idNumber').numFmt = '@';
  sheet.getColumn('headIdNumber').numFmt = '@';
  sheet.getColumn('phone').numFmt = '@';
  sheet.addRow(Object.fromEntries(rosterColumns.map((c) => [c.key, c.example])));
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'h', width: 18 },
    { header: '是否必填', key: 'r', width: 10 },
    { header: '说明', key: 'n', width: 80 },
  ];
  for (const c of rosterColumns) notes.addRow({ h: c.header, r: c.required ? '必填' : '选填', n: explain[c.key] ?? '' });
  notes.addRow({});
  notes.addRow({ n: '表头可以用常见的写法（如“身份证号码”“户口性质”“所属村（居）”），表头上方可以有标题行。' });
  notes.addRow({ n: '已登记人员的电话、婚姻状况、户籍性质、死亡、迁出等变化，导入前会先列出预览，确认后记为变更登记。' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
