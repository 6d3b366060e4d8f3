import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { FormulaCell } from '../../core/registry/roster.ts';
import { AppError } from '../../core/errors.ts';

export type FileFormat = 'csv' | 'xlsx';

/** Tells a workbook from a text file by its first bytes; refuses anything else. */
export function sniffFormat(file: string): FileFormat {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4096);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (n === 0) throw importError('import_empty', '文件是空的', 'The file is empty');
  const bytes = head.subarray(0, n);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw importError('import_file_type', '这是旧版 .xls 文件,请在 Excel 中“另存为” .xlsx 后再导入', 'This is an old .xls file; save it as .xlsx first');
  }
  if (bytes.includes(0)) throw importError('import_file_type', '文件类型不支持:请上传 .xlsx 或 .csv 文件', 'Unsupported file type: upload .xlsx or .csv');
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

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('formula' in value || 'sharedFormula' in value) return new FormulaCell(String((value as { formula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? ''));
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}

/** Rows of the first worksheet or of the CSV file, as arrays of cell values, streamed. */
export async function* readRows(file: string, format: FileFormat, counter: ByteCounter): AsyncGenerator<unknown[]> {
  const input = fs.createReadStream(file).pipe(counter);
  if (format === 'csv') {
    const parser = input.pipe(new Decoder()).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }));
    for await (const record of parser) yield record as string[];
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i] ?? null));
        if (cells.some((c) => c !== null && String(c).trim() !== '')) yield cells;
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw importError('import_file_type', `无法读取该 Excel 文件:${(err as Error).message}`, `Cannot read the workbook: ${(err as Error).message}`);
  }
}
