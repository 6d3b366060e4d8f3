import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { reachOf, type Grant } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { ColumnMapping } from '../../core/registry/rosterHeaders.ts';
import type { RosterKey } from '../../core/registry/roster.ts';
import type { Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { failJob, finishJob, type Job } from '../jobs/queries.ts';
import { claimJob, releaseOrphans } from '../jobs/queue.ts';
import { errorWorkbook, importRoster, type ImportColumn, type ImportProgress, type ImportResult } from './import.ts';
import type { ChangeView } from './importWrite.ts';
import type { LinkNote } from './importFamilies.ts';
import { rememberedMapping } from './importQueries.ts';
import { doneJobResult, saveErrorsWorkbook } from './jobQueries.ts';

export const IMPORT_JOB = 'registry.import';
/** An import from the command line: run by that process alone; failed when that process is gone. */
export const CLI_IMPORT_JOB = 'registry.import.cli';
/** A chunk commits within seconds: a worker that has not for this long is gone. */
const IMPORT_LEASE_SECONDS = 120;

export interface ImportPayload {
  file: string;
  fileName: string;
  township: string;
  actor: { userId: string; username: string; grants: Grant[]; ip: string | null };
  /** A preview writes nothing; an apply imports what the preview showed. Older jobs have no mode: they applied at once. */
  mode?: 'preview' | 'apply';
  mapping?: ColumnMapping | undefined;
  defaultVillage?: string | null | undefined;
  /** Apply: the preview it confirms. */
  previewOf?: string | undefined;
}

/** What a preview found, as the township sees it before confirming. */
export interface PreviewView {
  status: 'needs_mapping' | 'ready';
  headerRow: number | null;
  title: string | null;
  columns: ImportColumn[];
  missing: RosterKey[];
  defaultVillage: { code: string; name: string } | null;
  counts: { rows: number; new: number; newHouseholds: number; unchanged: number; changed: number; refused: number; links: number };
  changes: ChangeView[];
  changesTruncated: boolean;
  refused: { row: number; column: string; reason: string }[];
  refusedTruncated: boolean;
  notes: LinkNote[];
  hasErrorsFile: boolean;
}

export interface PreviewJobResult {
  kind: 'preview';
  view: PreviewView;
  /** The version of each changed person when previewed, by ID-number hash; never sent to a browser. */
  versions: Record<string, number>;
  /** The job that followed: a preview with other column choices, or the apply. */
  next: string | null;
}

export interface ImportJobResult {
  kind: 'apply';
  imported: number;
  newHouseholds: number;
  updated: number;
  links: number;
  unchanged: number;
  rejected: number;
  hasErrorsFile: boolean;
}

const REFUSED_SHOWN = 200;
export const CLI_ORPHAN = '命令行导入中断（进程已退出）；已提交的部分已保存，重新运行同一命令即可继续';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function previewView(result: ImportResult, hasErrorsFile: boolean): PreviewView {
  return {
    status: result.status === 'needs_mapping' ? 'needs_mapping' : 'ready',
    headerRow: result.headerRow,
    title: result.title,
    columns: result.columns,
    missing: result.missing,
    defaultVillage: result.defaultVillage,
    counts: {
      rows: result.rows,
      new: result.imported,
      newHouseholds: result.newHouseholds,
      unchanged: result.unchanged,
      changed: result.changed,
      refused: result.rejected,
      links: result.links,
    },
    changes: result.changes,
    changesTruncated: result.changesTruncated,
    refused: result.errors.slice(0, REFUSED_SHOWN).map((e) => ({ row: e.row, column: e.column, reason: e.reason })),
    refusedTruncated: result.errors.length > REFUSED_SHOWN || result.errorsTruncated,
    notes: result.notes,
    hasErrorsFile,
  };
}

/**
 * Runs (or resumes) one import job, a preview or an apply: the roster is read from the uploaded
 * file, kept until the import is applied or cancelled; the error workbook is kept in the database.
 */
export async function runImportJob(db: Database, secrets: Secrets, job: Job, log?: FastifyBaseLogger): Promise<ImportResult | null> {
  const payload = job.payload as Partial<ImportPayload>;
  const mode = payload.mode ?? 'apply';
  try {
    if (!payload.file || !payload.township || !payload.actor) throw new Error(`import job ${job.id} has no file, township or actor`);
    const actor: Actor = {
      district: job.district,
      userId: payload.actor.userId,
      username: payload.actor.username,
      grants: payload.actor.grants,
      reach: reachOf(payload.actor.grants),
      ip: payload.actor.ip,
    };
    // A preview is read again from the start; an apply resumes after its last committed chunk.
    const resume = mode === 'apply' && typeof job.progress.lastRow === 'number' ? (job.progress as unknown as ImportProgress) : undefined;
    const expectedVersions = payload.previewOf ? (await previewResult(db, job.district, payload.previewOf))?.versions : undefined;
    const result = await importRoster(db, secrets, actor, payload.file, {
      township: payload.township,
      mode,
      mapping: payload.mapping,
      defaultVillage: payload.defaultVillage,
      expectedVersions,
      resume,
      job,
      remembered: await rememberedMapping(db, job.district, payload.township),
    });
    const hasErrorsFile = result.errors.length > 0;
    await db.transaction(async (tx) => {
      if (hasErrorsFile) {
        await saveErrorsWorkbook(tx, job.district, job.id, XLSX, await errorWorkbook(result));
      }
      const summary: PreviewJobResult | ImportJobResult =
        mode === 'preview'
          ? { kind: 'preview', view: previewView(result, hasErrorsFile), versions: result.versions, next: null }
          : {
              kind: 'apply',
              imported: result.imported,
              newHouseholds: result.newHouseholds,
              updated: result.changed,
              links: result.links,
              unchanged: result.unchanged,
              rejected: result.rejected,
              hasErrorsFile,
            };
      await finishJob(tx, job, summary);
    });
    if (mode === 'apply') fs.rmSync(payload.file, { force: true });
    return result;
  } catch (err) {
    const message = err instanceof AppError ? err.messageZh : '导入失败：服务器内部错误';
    if (!(err instanceof AppError)) log?.error({ err, job: job.id }, 'import failed');
    await failJob(db, job, message);
    if (payload.file) fs.rmSync(payload.file, { force: true });
    return null;
  }
}

export async function previewResult(db: Queryable, district: string, jobId: string): Promise<PreviewJobResult | null> {
  const result = await doneJobResult<PreviewJobResult>(db, district, jobId, IMPORT_JOB);
  return result?.kind === 'preview' ? result : null;
}

/** Picks up imports that no process is running: new ones, and those whose process died (resumed). */
export async function runPendingImports(db: Database, secrets: Secrets, worker: string, log?: FastifyBaseLogger): Promise<number> {
  let ran = 0;
  // Jobs of a worker of this host that has died (a crash, a restart) are taken up at once, not after their lease.
  await releaseOrphans(db, [IMPORT_JOB]);
  await releaseOrphans(db, [CLI_IMPORT_JOB], CLI_ORPHAN);
  for (;;) {
    const job = await claimJob(db, worker, [IMPORT_JOB], IMPORT_LEASE_SECONDS);
    if (!job) return ran;
    await runImportJob(db, secrets, job, log);
    ran++;
  }
}
