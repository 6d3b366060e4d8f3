/**
 * A report's attachments: added and removed while the report is editable, downloaded by whoever
 * may read it, always with a content type no browser runs.
 */
import { checkMove } from '../../core/coordination/reports.ts';
import { AppError } from '../../core/errors.ts';
import { safeContentType } from '../../core/files/contentType.ts';
import type { Queryable } from '../../db/types.ts';
import { actorName, audit } from './config.ts';
import { attachmentContent, attachmentReport, deleteAttachmentRow, findReport, insertAttachment, insertReport, type ReportRow } from './reportQueries.ts';
import { checkFiling, filesFor, iso, type CoordActor } from './reportRows.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function addAttachment(
  tx: Queryable,
  actor: CoordActor,
  departmentCode: string,
  month: string,
  file: { fileName: string; contentType: string; content: Buffer },
) {
  await checkFiling(tx, actor, departmentCode, month);
  if (file.content.length === 0) throw new AppError('validation_failed', { zh: '文件为空', en: 'The file is empty' });
  if (file.content.length > MAX_ATTACHMENT_BYTES) throw new AppError('body_too_large', { zh: '附件不能超过 10 MB', en: 'Attachments are limited to 10 MB' });
  let row = await findReport(tx, departmentCode, month);
  checkMove(row?.status ?? null, [null, 'draft', 'returned']);
  if (!row) {
    await insertReport(tx, actor, departmentCode, month);
    row = (await findReport(tx, departmentCode, month)) as ReportRow;
  }
  const fileName = file.fileName.replace(/[\\/]/g, '_').slice(0, 200) || 'attachment';
  const contentType = safeContentType(file.contentType);
  const created = await insertAttachment(
    tx,
    actor,
    { id: row.id, department: departmentCode },
    {
      fileName,
      contentType,
      content: file.content,
      uploadedBy: await actorName(tx, actor),
    },
  );
  await audit(tx, actor, 'coord.attachment_add', 'coord_attachment', created.id, { detail: { report: row.id, fileName, size: file.content.length } });
  return {
    id: created.id,
    fileName,
    contentType,
    size: file.content.length,
    uploadedBy: await actorName(tx, actor),
    uploadedAt: iso(created.uploaded_at) as string,
  };
}

/** An attachment as it is downloaded: its content type is a safe one, even for a file stored with the uploader's. */
export async function readAttachment(tx: Queryable, id: string) {
  const row = await attachmentContent(tx, id);
  if (!row) throw new AppError('not_found');
  return { fileName: row.file_name, contentType: safeContentType(row.content_type), content: Buffer.from(row.content) };
}

export async function deleteAttachment(tx: Queryable, actor: CoordActor, id: string): Promise<void> {
  const row = await attachmentReport(tx, id);
  if (!row) throw new AppError('not_found');
  if (!filesFor(actor, row.department_code)) throw new AppError('forbidden');
  if (row.status === 'accepted') throw new AppError('report_locked');
  if (row.status === 'submitted') throw new AppError('invalid_transition');
  await deleteAttachmentRow(tx, id);
  await audit(tx, actor, 'coord.attachment_delete', 'coord_attachment', id, { detail: { department: row.department_code, period: row.period } });
}
