import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { reachOf, type Grant } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { claimJob, failJob, finishJob, type Job } from '../jobs/queue.ts';
import { errorWorkbook, importRoster, type ImportProgress } from './import.ts';

export const IMPORT_JOB = 'registry.import';

export interface ImportPayload {
  file: string;
  fileName: string;
  township: string;
  actor: { userId: string; username: string; grants: Grant[]; ip: string | null };
}

export interface ImportJobResult {
  imported: number;
  unchanged: number;
  rejected: number;
  hasErrorsFile: boolean;
}

/** Runs (or resumes) one import job: the roster is read from the uploaded file, the error workbook kept in the database. */
export async function runImportJob(db: Database, secrets: Secrets, job: Job, log?: FastifyBaseLogger): Promise<ImportJobResult | null> {
  const payload = job.payload as Partial<ImportPayload>;
  try {
    if (!payload.file || !payload.township || !payload.actor) throw new Error(`import job ${job.id} has no file, township or actor`);
    const actor: Actor = { district: job.district, userId: payload.actor.userId, username: payload.actor.username, grants: payload.actor.grants, reach: reachOf(payload.actor.grants), ip: payload.actor.ip };
    const resume = typeof job.progress.lastRow === 'number' ? (job.progress as unknown as ImportProgress) : undefined;
    const result = await importRoster(db, secrets, actor, payload.file, { township: payload.township, resume, job });
    const summary: ImportJobResult = { imported: result.imported, unchanged: result.unchanged, rejected: result.rejected, hasErrorsFile: result.errors.length > 0 };
    await db.transaction(async (tx) => {
      if (summary.hasErrorsFile) {
        await tx.query(
          `INSERT INTO job_file (district_code, job_id, name, content_type, content) VALUES ($1, $2, 'errors.xlsx', $3, $4)
           ON CONFLICT (district_code, job_id, name) DO UPDATE SET content = EXCLUDED.content`,
          [job.district, job.id, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await errorWorkbook(result)],
        );
      }
      await finishJob(tx, job, summary);
    });
    fs.rmSync(payload.file, { force: true });
    return summary;
  } catch (err) {
    const message = err instanceof AppError ? err.messageZh : '导入失败:服务器内部错误';
    if (!(err instanceof AppError)) log?.error({ err, job: job.id }, 'import failed');
    await failJob(db, job, message);
    if (payload.file) fs.rmSync(payload.file, { force: true });
    return null;
  }
}

/** Picks up imports that no process is running: new ones, and those whose process died (resumed). */
export async function runPendingImports(db: Database, secrets: Secrets, worker: string, log?: FastifyBaseLogger): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimJob(db, worker, [IMPORT_JOB]);
    if (!job) return ran;
    await runImportJob(db, secrets, job, log);
    ran++;
  }
}
