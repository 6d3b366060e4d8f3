/**
 * The SQL of the background jobs (queue.ts): the job table's rows in, plain jobs out. Jobs belong
 * to the system, not to a user's role: these statements run outside row-level security.
 */
import type { Queryable } from '../../db/types.ts';

/** A background job: what to do (kind, payload), how far it got (progress) and how it ended (result or error). */
export interface Job<P = unknown, R = unknown> {
  district: string;
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  payload: P;
  progress: Record<string, unknown>;
  result: R | null;
  error: string | null;
  attempts: number;
}

interface JobRow {
  district_code: string;
  id: string;
  kind: string;
  state: Job['state'];
  payload: unknown;
  progress: Record<string, unknown>;
  result: unknown;
  error: string | null;
  attempts: number;
}

const toJob = (r: JobRow): Job => ({
  district: r.district_code,
  id: r.id,
  kind: r.kind,
  state: r.state,
  payload: r.payload,
  progress: r.progress,
  result: r.result,
  error: r.error,
  attempts: r.attempts,
});

const columns = 'district_code, id, kind, state, payload, progress, result, error, attempts';

export async function enqueueJob(db: Queryable, job: { district: string; kind: string; payload: unknown; createdBy?: string | null }): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO job (district_code, kind, payload, created_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING id', [
    job.district,
    job.kind,
    JSON.stringify(job.payload),
    job.createdBy ?? null,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new Error('job insert returned no id');
  return id;
}

/** The oldest runnable job of the given kinds, or one whose lease ran out, locked for the caller's transaction. */
export async function lockRunnableJob(tx: Queryable, kinds: readonly string[], leaseSeconds: number): Promise<Job | null> {
  const { rows } = await tx.query<JobRow>(
    `SELECT ${columns} FROM job
        WHERE kind = ANY ($1::text[]) AND run_after <= now()
          AND (state = 'queued' OR (state = 'running' AND locked_at < now() - make_interval(secs => $2)))
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [[...kinds], leaseSeconds],
  );
  return rows[0] ? toJob(rows[0]) : null;
}

/** Marks a job as running under this worker, its lease starting now. */
export async function markRunning(tx: Queryable, job: Pick<Job, 'district' | 'id'>, worker: string): Promise<void> {
  await tx.query(
    `UPDATE job SET state = 'running', locked_by = $3, locked_at = now(), attempts = attempts + 1, updated_at = now()
        WHERE district_code = $1 AND id = $2`,
    [job.district, job.id, worker],
  );
}

/** Saves progress and renews the lease; inside the caller's transaction when given one, so progress commits with the work it records. */
export async function saveProgress(db: Queryable, job: Pick<Job, 'district' | 'id'>, progress: Record<string, unknown>): Promise<void> {
  await db.query(`UPDATE job SET progress = $3::jsonb, locked_at = now(), updated_at = now() WHERE district_code = $1 AND id = $2`, [
    job.district,
    job.id,
    JSON.stringify(progress),
  ]);
}

export async function finishJob(db: Queryable, job: Pick<Job, 'district' | 'id'>, result: unknown): Promise<void> {
  await db.query(
    `UPDATE job SET state = 'done', result = $3::jsonb, locked_by = NULL, locked_at = NULL, updated_at = now()
      WHERE district_code = $1 AND id = $2`,
    [job.district, job.id, JSON.stringify(result)],
  );
}

export async function failJob(db: Queryable, job: Pick<Job, 'district' | 'id'>, error: string): Promise<void> {
  await db.query(
    `UPDATE job SET state = 'failed', error = $3, locked_by = NULL, locked_at = NULL, updated_at = now()
      WHERE district_code = $1 AND id = $2`,
    [job.district, job.id, error],
  );
}

export async function getJob(db: Queryable, district: string, id: string): Promise<Job | null> {
  const { rows } = await db.query<JobRow>(`SELECT ${columns} FROM job WHERE district_code = $1 AND id = $2`, [district, id]);
  return rows[0] ? toJob(rows[0]) : null;
}

/** A running job, its worker, when its lease was last renewed, and whether that was more than a quarter of an hour ago. */
export interface RunningJob {
  district_code: string;
  id: string;
  locked_by: string;
  locked_at: Date;
  stale: boolean;
}

export async function runningJobs(db: Queryable, kinds: readonly string[]): Promise<RunningJob[]> {
  const { rows } = await db.query<RunningJob>(
    `SELECT district_code, id, locked_by, locked_at, locked_at < now() - interval '15 minutes' AS stale
       FROM job WHERE kind = ANY ($1::text[]) AND state = 'running' AND locked_by IS NOT NULL`,
    [[...kinds]],
  );
  return rows;
}

/** Ends the lease of a job still held by that worker, so that it can be claimed at once. */
export async function endLease(db: Queryable, job: Pick<RunningJob, 'district_code' | 'id' | 'locked_by'>): Promise<void> {
  await db.query(`UPDATE job SET locked_at = 'epoch', updated_at = now() WHERE district_code = $1 AND id = $2 AND locked_by = $3`, [
    job.district_code,
    job.id,
    job.locked_by,
  ]);
}

/** A job this process runs itself, at once (a command line's): running from the start, under this worker's name. */
export async function startOwnJob(db: Queryable, job: { district: string; kind: string; payload: unknown; worker: string }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO job (district_code, kind, payload, state, locked_by, locked_at, attempts) VALUES ($1, $2, $3::jsonb, 'running', $4, now(), 1) RETURNING id`,
    [job.district, job.kind, JSON.stringify(job.payload), job.worker],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('job insert returned no id');
  return id;
}
