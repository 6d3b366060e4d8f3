/**
 * Downloads of the benefits module: their content types and file names, and the stream a roll
 * workbook or bank file is written into.
 */
import { PassThrough } from 'node:stream';
import type { Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { downloadableRoll, rollBankFile, rollReference, rollWorkbook } from './rolls.ts';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv; charset=utf-8';

/** The Content-Disposition of a download named `name` (any characters, Chinese included). */
export const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * A document as it is written. The stream ends only once the writer's transaction (with its
 * audit entry) has committed, even if the writer ends its own stream earlier; a failure half-way
 * aborts the download rather than sending half a file.
 */
export function streamed(write: (out: PassThrough) => Promise<unknown>): PassThrough {
  const out = new PassThrough();
  const inner = new PassThrough();
  inner.pipe(out, { end: false });
  write(inner).then(
    () => {
      if (!inner.writableEnded) inner.end();
      if (inner.readableEnded) out.end();
      else inner.once('end', () => out.end());
    },
    (error: unknown) => out.destroy(error as Error),
  );
  return out;
}

export interface Download {
  type: string;
  name: string;
  body: PassThrough;
}

/** The roll as .xlsx (once exported; audited when written). */
export async function rollWorkbookDownload(db: Database, actor: Actor, id: string): Promise<Download> {
  const roll = await downloadableRoll(db, actor, id);
  return { type: XLSX, name: `${roll.programmeName}发放花名册${roll.period}.xlsx`, body: streamed((out) => rollWorkbook(db, actor, id, out)) };
}

/** The bank disbursement file (once exported; audited when written). */
export async function bankFileDownload(db: Database, actor: Actor, secrets: Secrets, id: string): Promise<Download> {
  const roll = await downloadableRoll(db, actor, id);
  const name = `${rollReference({ programme: roll.programme, period: `${roll.period}-01`, id: roll.id })}.csv`;
  return { type: CSV, name, body: streamed((out) => rollBankFile(db, actor, secrets, id, out)) };
}
