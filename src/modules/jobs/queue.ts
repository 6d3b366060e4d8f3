import os from 'node:os';
import type { Database, Queryable } from '../../db/types.ts';
import { endLease, failJob, lockRunnableJob, markRunning, runningJobs, type Job } from './queries.ts';

/**
 * Background jobs, kept in PostgreSQL so that any app process may run any job and a crash loses
 * none: a job is claimed with FOR UPDATE SKIP LOCKED, its progress is saved as it goes, and a job
 * whose worker stopped answering (lease expired) is claimed again and resumes from its progress.
 * The statements are in queries.ts.
 */

/** Claims the oldest runnable job of the given kinds, or one whose lease ran out. */
export async function claimJob(db: Database, worker: string, kinds: readonly string[], leaseSeconds = 300): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const job = await lockRunnableJob(tx, kinds, leaseSeconds);
    if (!job) return null;
    await markRunning(tx, job, worker);
    return { ...job, state: 'running', attempts: job.attempts + 1 };
  });
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
  const rows = await runningJobs(db, kinds);
  // A job no server resumes, silent for a quarter of an hour, has lost its process wherever it ran.
  const dead = rows.filter((r) => deadOnThisHost(r.locked_by, r.locked_at) || (orphanMessage !== undefined && r.stale));
  for (const r of dead) {
    if (orphanMessage) await failJob(db, { district: r.district_code, id: r.id }, orphanMessage);
    else await endLease(db, r);
  }
  return dead.length;
}
