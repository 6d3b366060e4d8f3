import os from 'node:os';
import type { Database, Queryable } from '../../db/types.ts';

/**
 * Background jobs, kept in PostgreSQL so that any app process may run any job and a crash loses
 * none: a job is claimed with FOR UPDATE SKIP LOCKED, its progress is saved as it goes, and a job
 * whose worker stopped answering (lease expired) is claimed again and resumes from its progress.
 */
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

/** Claims the oldest runnable job of the given kinds, or one whose lease ran out. */
export async function claimJob(db: Database, worker: string, kinds: readonly string[], leaseSeconds = 300): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<JobRow>(
      `SELECT ${columns} FROM job
        WHERE kind = ANY ($1::text[]) AND run_after <= now()
          AND (state = 'queued' OR (state = 'running' AND locked_at < now() - make_interval(secs => $2)))
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [[...kinds], leaseSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    await tx.query(
      `UPDATE job SET state = 'running', locked_by = $3, locked_at = now(), attempts = attempts + 1, updated_at = now()
        WHERE district_code = $1 AND id = $2`,
      [row.district_code, row.id, worker],
    );
    return toJob({ ...row, state: 'running', attempts: row.attempts + 1 });
  });
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

/** This process as a job's worker: host and process id, so that a restarted host can tell its dead workers' jobs. */
export function workerName(role: string): string {
  return `${role}:${os.hostname()}:${process.pid}`;
}

const startedAt = new Date(Date.now() - Math.round(process.uptime() * 1000));

/** Whether a worker of this host is gone: its process has ended, or is this process since a restart (same pid, e.g. in a container). */
function deadOnThisHost(lockedBy: string, lockedAt: Date): boolean {
  const [, host, pid] = lockedBy.split(':');
  if (host !== os.hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return lockedAt < startedAt;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Jobs of these kinds whose worker on this host has died: at once claimable again (their lease is
 * ended), or, for jobs no server can resume (a command line's), failed with the given message.
 * Returns how many were found.
 */
export async function releaseOrphans(db: Queryable, kinds: readonly string[], orphanMessage?: string): Promise<number> {
  const { rows } = await db.query<{ district_code: string; id: string; locked_by: string; locked_at: Date; stale: boolean }>(
    `SELECT district_code, id, locked_by, locked_at, locked_at < now() - interval '15 minutes' AS stale
       FROM job WHERE kind = ANY ($1::text[]) AND state = 'running' AND locked_by IS NOT NULL`,
    [[...kinds]],
  );
  // A job no server resumes, silent for a quarter of an hour, has lost its process wherever it ran.
  const dead = rows.filter((r) => deadOnThisHost(r.locked_by, r.locked_at) || (orphanMessage !== undefined && r.stale));
  for (const r of dead) {
    if (orphanMessage) await failJob(db, { district: r.district_code, id: r.id }, orphanMessage);
    else
      await db.query(`UPDATE job SET locked_at = 'epoch', updated_at = now() WHERE district_code = $1 AND id = $2 AND locked_by = $3`, [
        r.district_code,
        r.id,
        r.locked_by,
      ]);
  }
  return dead.length;
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
