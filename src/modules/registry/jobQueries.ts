/**
 * The SQL of the import jobs (jobs.ts, importService.ts): a preview followed or cancelled, its
 * result, and the error workbook kept with the job. Jobs belong to the system: these statements
 * run outside row-level security and name the district themselves.
 */
import type { Queryable } from '../../db/types.ts';

/** Marks a finished preview of this kind as followed by the job `next`; false when it was followed or cancelled already. */
export async function markPreviewFollowed(tx: Queryable, district: string, previewId: string, next: string, kind: string): Promise<boolean> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE job SET result = jsonb_set(result, '{next}', to_jsonb($3::text)), updated_at = now()
        WHERE district_code = $1 AND id = $2 AND kind = $4 AND state = 'done' AND result->>'kind' = 'preview'
          AND result->>'next' IS NULL AND NOT coalesce((result->>'cancelled')::boolean, false)
        RETURNING id`,
    [district, previewId, next, kind],
  );
  return rows.length > 0;
}

/** Marks a finished preview as cancelled; false when it was followed already or is not a finished preview. */
export async function markPreviewCancelled(db: Queryable, district: string, previewId: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE job SET result = result || '{"cancelled": true}'::jsonb, updated_at = now()
        WHERE district_code = $1 AND id = $2 AND state = 'done' AND result->>'kind' = 'preview' AND result->>'next' IS NULL RETURNING id`,
    [district, previewId],
  );
  return rows.length > 0;
}

/** The result of a finished job of this kind, or null. */
export async function doneJobResult<R>(db: Queryable, district: string, jobId: string, kind: string): Promise<R | null> {
  const { rows } = await db.query<{ result: R | null }>(`SELECT result FROM job WHERE district_code = $1 AND id = $2 AND kind = $3 AND state = 'done'`, [
    district,
    jobId,
    kind,
  ]);
  return rows[0]?.result ?? null;
}

/** Keeps a job's error workbook (replacing one kept before). */
export async function saveErrorsWorkbook(tx: Queryable, district: string, jobId: string, contentType: string, content: Buffer): Promise<void> {
  await tx.query(
    `INSERT INTO job_file (district_code, job_id, name, content_type, content) VALUES ($1, $2, 'errors.xlsx', $3, $4)
           ON CONFLICT (district_code, job_id, name) DO UPDATE SET content = EXCLUDED.content`,
    [district, jobId, contentType, content],
  );
}

/** A job's error workbook, or null when it has none. */
export async function errorsWorkbookOf(db: Queryable, district: string, jobId: string): Promise<{ content: Uint8Array } | null> {
  const { rows } = await db.query<{ content: Uint8Array }>(`SELECT content FROM job_file WHERE district_code = $1 AND job_id = $2 AND name = 'errors.xlsx'`, [
    district,
    jobId,
  ]);
  return rows[0] ?? null;
}
