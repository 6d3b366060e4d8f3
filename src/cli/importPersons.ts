import fs from 'node:fs';
import { reachOf, type Grant } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import type { Actor } from '../db/scope.ts';
import type { Database } from '../db/types.ts';
import { enqueueJob, failJob, finishJob } from '../modules/jobs/queue.ts';
import { errorWorkbook, importRoster } from '../modules/registry/import.ts';
import type { Secrets } from '../server/secrets.ts';

export interface ImportSummary {
  imported: number;
  unchanged: number;
  rejected: number;
  errorsFile: string | null;
}

/**
 * `xingfu import persons FILE --township CODE`: imports a roster on behalf of the township office,
 * as one job; the error workbook is written beside the file.
 */
export async function importPersonsCommand(db: Database, secrets: Secrets, file: string, township: string, progress: (text: string) => void): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new AppError('not_found', { zh: `文件不存在:${file}`, en: `No such file: ${file}` });
  const { rows } = await db.query<{ district_code: string }>('SELECT district_code FROM township WHERE code = $1', [township]);
  const district = rows[0]?.district_code;
  if (!district) throw new AppError('not_found', { zh: `乡镇街代码 ${township} 不存在`, en: `Unknown township ${township}` });
  const grants: Grant[] = [{ role: 'township', township, village: null, department: null }];
  const actor: Actor = { district, userId: '', username: 'cli', grants, reach: reachOf(grants), ip: null };
  const jobId = await enqueueJob(db, { district, kind: 'registry.import.cli', payload: { file, township } });
  const job = { district, id: jobId };
  try {
    const result = await importRoster(db, secrets, actor, file, {
      township, job,
      onProgress: (p) => progress(`${Math.floor((p.bytesRead / Math.max(1, p.bytesTotal)) * 100)}% rows ${p.lastRow - 1}: imported ${p.imported}, unchanged ${p.unchanged}, rejected ${p.rejected}`),
    });
    let errorsFile: string | null = null;
    if (result.errors.length > 0) {
      errorsFile = `${file.replace(/\.(xlsx|csv)$/i, '')}.errors.xlsx`;
      fs.writeFileSync(errorsFile, await errorWorkbook(result));
    }
    const summary = { imported: result.imported, unchanged: result.unchanged, rejected: result.rejected, errorsFile };
    await finishJob(db, job, summary);
    return summary;
  } catch (err) {
    await failJob(db, job, err instanceof AppError ? err.messageZh : String(err));
    throw err;
  }
}
