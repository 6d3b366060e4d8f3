import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { rosterColumns, type RosterKey } from '../../core/registry/roster.ts';
import { normalizeHeader, type ColumnMapping } from '../../core/registry/rosterHeaders.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import type { AuthContext } from '../auth/service.ts';
import { enqueueJob, getJob, type Job } from '../jobs/queries.ts';
import { workerName } from '../jobs/queue.ts';
import { rememberMapping, villagesOfTownship } from './importQueries.ts';
import { errorsWorkbookOf, markPreviewCancelled, markPreviewFollowed } from './jobQueries.ts';
import { IMPORT_JOB, runPendingImports, type ImportJobResult, type ImportPayload, type PreviewJobResult } from './jobs.ts';

/** An uploaded roster whose preview was neither confirmed nor cancelled is deleted after this long. */
const UPLOAD_KEPT_MS = 7 * 24 * 3_600_000;

const fields = rosterColumns.map((c) => ({ key: c.key as RosterKey, label: c.header as string, required: c.required as boolean }));

/**
 * The web import of a township roster: an upload starts a preview; the township matches columns
 * by hand if it must (a new preview), then confirms (the apply) or cancels. Each step is a job
 * of its own; a preview is followed at most once, decided in the database.
 */
export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly secrets: Secrets,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Queues a job and runs pending imports in this process, in the background. */
  private async enqueue(actor: AuthContext, payload: ImportPayload, follows?: { id: string; cancel?: boolean }): Promise<string> {
    const id = await this.db.transaction(async (tx) => {
      const jobId = await enqueueJob(tx, { district: actor.district, kind: IMPORT_JOB, payload, createdBy: actor.userId });
      if (follows) await this.follow(tx, actor.district, follows.id, jobId);
      return jobId;
    });
    void runPendingImports(this.db, this.secrets, workerName('web'), this.log);
    return id;
  }

  /** Marks a preview as followed; refuses a preview that was already followed or cancelled. */
  private async follow(tx: Queryable, district: string, previewId: string, next: string): Promise<void> {
    if (!(await markPreviewFollowed(tx, district, previewId, next, IMPORT_JOB))) {
      throw new AppError('invalid_transition', {
        zh: '该预览已处理（已确认、已重新匹配或已取消），请刷新页面',
        en: 'This preview has already been confirmed, re-matched or cancelled; reload the page',
      });
    }
  }

  /** Deletes uploads left by previews nobody confirmed or cancelled (a preview then says the file is gone). */
  static sweepUploads(dir: string, now = Date.now()): void {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (name.endsWith('.upload') && fs.statSync(file).mtimeMs < now - UPLOAD_KEPT_MS) fs.rmSync(file, { force: true });
    }
  }

  async start(actor: AuthContext, upload: { file: string; fileName: string; township: string }): Promise<string> {
    const payload: ImportPayload = {
      ...upload,
      mode: 'preview',
      actor: { userId: actor.userId, username: actor.username, grants: actor.grants, ip: actor.ip },
    };
    return this.enqueue(actor, payload);
  }

  /** The user's own import job, or not found. */
  async job(actor: AuthContext, id: string): Promise<Job & { payload: ImportPayload }> {
    const job = await getJob(this.db, actor.district, id);
    const payload = job?.payload as ImportPayload | undefined;
    if (!job || job.kind !== IMPORT_JOB || payload?.actor.userId !== actor.userId) throw new AppError('not_found');
    return job as Job & { payload: ImportPayload };
  }

  private async donePreview(actor: AuthContext, id: string) {
    const job = await this.job(actor, id);
    const result = job.result as PreviewJobResult | null;
    if (job.state !== 'done' || result?.kind !== 'preview') {
      throw new AppError('invalid_transition', { zh: '预览尚未完成', en: 'The preview has not finished' });
    }
    if (!fs.existsSync(job.payload.file)) {
      throw new AppError('invalid_transition', { zh: '上传的文件已不在服务器上，请重新上传', en: 'The uploaded file is gone; upload it again' });
    }
    return { job, result };
  }

  async view(actor: AuthContext, id: string) {
    const job = await this.job(actor, id);
    const { payload } = job;
    const p = job.progress as { lastRow?: number; imported?: number; unchanged?: number; rejected?: number; bytesRead?: number; bytesTotal?: number };
    const done = job.state === 'done';
    const preview = done && (job.result as PreviewJobResult | null)?.kind === 'preview' ? (job.result as PreviewJobResult) : null;
    const applied = done && !preview ? (job.result as ImportJobResult | null) : null;
    const percent = done ? 100 : p.bytesTotal ? Math.min(99, Math.floor(((p.bytesRead ?? 0) / p.bytesTotal) * 100)) : 0;
    const villages = preview ? await villagesOfTownship(this.db, actor.district, payload.township) : [];
    return {
      id: job.id,
      state: job.state,
      mode: payload.mode ?? ('apply' as const),
      fileName: payload.fileName,
      township: payload.township,
      error: job.error,
      progress: {
        rowsDone: (p.imported ?? 0) + (p.unchanged ?? 0) + (p.rejected ?? 0),
        imported: p.imported ?? 0,
        unchanged: p.unchanged ?? 0,
        rejected: p.rejected ?? 0,
        percent,
      },
      preview: preview ? { ...preview.view, fields, villages } : null,
      result: applied
        ? {
            imported: applied.imported,
            newHouseholds: applied.newHouseholds ?? 0,
            updated: applied.updated ?? 0,
            links: applied.links ?? 0,
            unchanged: applied.unchanged,
            rejected: applied.rejected,
            hasErrorsFile: applied.hasErrorsFile,
          }
        : null,
      next: preview?.next ?? null,
    };
  }

  /** Another preview of the same file with the columns matched by hand; the choices may be remembered for the township. */
  async remap(
    actor: AuthContext,
    id: string,
    body: { columns: { column: number; key: RosterKey | null }[]; defaultVillage?: string | null | undefined; remember: boolean },
  ): Promise<string> {
    const { job, result } = await this.donePreview(actor, id);
    const byColumn = new Map(result.view.columns.map((c) => [c.column, c]));
    const mapping: ColumnMapping = {};
    const taken = new Map<RosterKey, string>();
    for (const choice of body.columns) {
      const column = byColumn.get(choice.column);
      if (!column) throw new AppError('validation_failed', { zh: `文件中没有第${choice.column + 1}列`, en: `The file has no column ${choice.column + 1}` });
      if (choice.key !== null) {
        const other = taken.get(choice.key);
        const label = fields.find((f) => f.key === choice.key)?.label ?? choice.key;
        if (other !== undefined)
          throw new AppError('validation_failed', {
            zh: `“${label}”只能对应一列（“${other}”和“${column.header}”都选了它）`,
            en: `${choice.key} can be matched to one column only`,
          });
        taken.set(choice.key, column.header);
      }
      mapping[normalizeHeader(column.header)] = choice.key;
    }
    const payload: ImportPayload = { ...job.payload, mode: 'preview', mapping, defaultVillage: body.defaultVillage ?? null };
    const next = await this.enqueue(actor, payload, { id });
    if (body.remember) await rememberMapping(this.db, actor.district, job.payload.township, mapping, actor.username);
    return next;
  }

  /** Confirms a preview: the apply job imports the new persons and records the changes shown. */
  async apply(actor: AuthContext, id: string): Promise<string> {
    const { job, result } = await this.donePreview(actor, id);
    if (result.view.status !== 'ready') {
      throw new AppError('validation_failed', { zh: '请先匹配必需的列', en: 'Match the required columns first' });
    }
    return this.enqueue(actor, { ...job.payload, mode: 'apply', previewOf: id }, { id });
  }

  /** Drops a preview and the uploaded file. */
  async cancel(actor: AuthContext, id: string): Promise<void> {
    const job = await this.job(actor, id);
    if (!(await markPreviewCancelled(this.db, actor.district, id)))
      throw new AppError('invalid_transition', { zh: '该导入已确认或仍在预览中，不能取消', en: 'This import was confirmed or is still being previewed' });
    fs.rmSync(job.payload.file, { force: true });
  }

  async errorsFile(actor: AuthContext, id: string): Promise<Buffer> {
    const job = await this.job(actor, id);
    const file = await errorsWorkbookOf(this.db, actor.district, job.id);
    if (!file) throw new AppError('not_found');
    return Buffer.from(file.content);
  }
}
