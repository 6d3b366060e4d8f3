import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { FormulaCell } from '../../core/registry/roster.ts';
import { AppError } from '../../core/errors.ts';

export type FileFormat = 'csv' | 'xlsx';

/** One row of a roster as the spreadsheet has it: its own row number (1-based) and its cells. */
export interface SheetRow {
  number: number;
  cells: unknown[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
/** The end of a zip file holds its central directory: the names of every entry. */
const DIRECTORY_BYTES = 256 * 1024;

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What kind of Office file a zip is, from the entry names in its central directory. */
function officeKind(file: string, size: number): 'xlsx' | 'docx' | 'pptx' | 'other' | 'broken' {
  const fd = fs.openSync(file, 'r');
  try {
    const length = Math.min(size, DIRECTORY_BYTES);
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const names = tail.toString('latin1');
    // Without the end-of-directory record the file was cut short (an interrupted download or copy).
    if (!names.includes('PK\x05\x06')) return 'broken';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('ppt/presentation.xml')) return 'pptx';
    return 'other';
  } finally {
    fs.closeSync(fd);
  }
}

/** Tells a workbook from a text file by its bytes; refuses anything else, saying what it is. */
export function sniffFormat(file: string): FileFormat {
  const size = fs.statSync(file).size;
  if (size === 0) throw importError('import_empty', '文件是空的', 'The file is empty');
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4096);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const bytes = head.subarray(0, n);
  if (startsWith(bytes, ZIP)) {
    const kind = officeKind(file, size);
    if (kind === 'xlsx') return 'xlsx';
    if (kind === 'docx')
      throw importError(
        'import_file_type',
        '这是 Word 文档，不是 Excel 表格：请上传 .xlsx 或 .csv 花名册',
        'This is a Word document, not a workbook: upload an .xlsx or .csv roster',
      );
    if (kind === 'broken')
      throw importError(
        'import_file_type',
        '文件不完整或已损坏（可能没有下载或复制完整）：请重新保存后再上传',
        'The file is incomplete or damaged; save it again and upload it',
      );
    if (kind === 'pptx')
      throw importError(
        'import_file_type',
        '这是 PowerPoint 演示文稿，不是 Excel 表格：请上传 .xlsx 或 .csv 花名册',
        'This is a PowerPoint file, not a workbook: upload an .xlsx or .csv roster',
      );
    throw importError(
      'import_file_type',
      '这是一个压缩文件，不是 Excel 表格：请上传 .xlsx 或 .csv 花名册',
      'This is a zip archive, not a workbook: upload an .xlsx or .csv roster',
    );
  }
  if (startsWith(bytes, OLE)) {
    throw importError(
      'import_file_type',
      '这是旧版 Office 文件（.xls 或 .doc）：请在 Excel 中“另存为” .xlsx 后再导入',
      'This is an old Office file (.xls or .doc); save it as .xlsx first',
    );
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw importError('import_file_type', '这是 PDF 文件：请上传 .xlsx 或 .csv 花名册', 'This is a PDF: upload an .xlsx or .csv roster');
  }
  if (bytes.includes(0)) throw importError('import_file_type', '文件类型不支持：请上传 .xlsx 或 .csv 文件', 'Unsupported file type: upload .xlsx or .csv');
  return 'csv';
}

export function importError(code: string, zh: string, en: string, details?: unknown): AppError {
  return new AppError('validation_failed', { zh, en, details: { code, ...(details === undefined ? {} : { info: details }) } });
}

/** Counts the bytes that pass, for progress. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** Decodes UTF-8 (with or without BOM) or, when the bytes are not UTF-8, GB18030 (Excel's Chinese CSV). */
class Decoder extends Transform {
  private decoder: TextDecoder | null = null;
  constructor() {
    super({ readableObjectMode: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: string) => void): void {
    if (!this.decoder) {
      let utf8 = true;
      try {
        // Streaming mode: a character cut at the chunk's end is not an error.
        new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
      this.decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030');
    }
    done(null, this.decoder.decode(chunk, { stream: true }));
  }
  override _flush(done: (err?: Error | null, data?: string) => void): void {
    done(null, this.decoder?.decode() ?? '');
  }
}

/**
 * A cell's value as the user sees it: a formula gives its last calculated result (what Excel
 * shows and saves with the file); only a formula saved without one stays a formula.
 */
export function cellValue(value: ExcelJS.CellValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result !== undefined && result !== null) return cellValue(result);
    return new FormulaCell(String((value as { formula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? ''));
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}

/** A row with nothing in it: blank cells, spaces, a stray line break. */
export function isBlank(cells: readonly unknown[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * The non-blank rows of the first worksheet or of the CSV file, streamed, each with the row number
 * the spreadsheet shows (blank rows are skipped but still counted).
 */
export async function* readRows(file: string, format: FileFormat, counter: ByteCounter): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(file).pipe(counter);
  if (format === 'csv') {
    const parser = input.pipe(new Decoder()).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: true, info: true }));
    // A record starts on the line after the one where the previous record ended.
    let endedAt = 0;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const number = endedAt + 1;
      endedAt = info.lines;
      if (!isBlank(record)) yield { number, cells: record };
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        if (!isBlank(cells)) yield { number: row.number, cells };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw importError('import_file_type', `无法读取该 Excel 文件：${(err as Error).message}`, `Cannot read the workbook: ${(err as Error).message}`);
  }
}
