/** The SQL of the portal's integrity record: check runs and findings. */
import type { Queryable } from '../../db/types.ts';

export interface FindingRow {
  id: string;
  source: 'serve' | 'check';
  url: string;
  kind: string;
  detail: string;
  user_agent: string | null;
  found_at: Date;
}

export interface NewFinding {
  url: string;
  kind: string;
  detail: string;
  userAgent: string | null;
}

export async function insertFindings(
  tx: Queryable,
  district: string,
  source: 'serve' | 'check',
  checkRun: string | null,
  findings: readonly NewFinding[],
): Promise<void> {
  for (const f of findings) {
    await tx.query(`INSERT INTO portal_finding (district_code, source, check_run, url, kind, detail, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      district,
      source,
      checkRun,
      f.url.slice(0, 2000),
      f.kind,
      f.detail.slice(0, 2000),
      f.userAgent?.slice(0, 300) ?? null,
    ]);
  }
}

export interface CheckRun {
  source: 'schedule' | 'cli';
  publicUrl: string;
  startedAt: Date;
  finishedAt: Date;
  checked: number;
  findings: number;
}

export async function insertCheckRun(tx: Queryable, district: string, run: CheckRun): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO portal_check_run (district_code, source, public_url, started_at, finished_at, checked, findings)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
    [district, run.source, run.publicUrl, run.startedAt, run.finishedAt, run.checked, run.findings],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function lastCheckRun(tx: Queryable) {
  return (
    await tx.query<{ source: 'schedule' | 'cli'; public_url: string; started_at: Date; finished_at: Date; checked: number; findings: number }>(
      `SELECT source, public_url, started_at, finished_at, checked, findings FROM portal_check_run ORDER BY finished_at DESC, id DESC LIMIT 1`,
    )
  ).rows[0];
}

export async function recentFindings(tx: Queryable, since: Date): Promise<FindingRow[]> {
  return (
    await tx.query<FindingRow>(
      `SELECT id::text AS id, source, url, kind, detail, user_agent, found_at FROM portal_finding WHERE found_at >= $1 ORDER BY found_at DESC, id DESC LIMIT 100`,
      [since],
    )
  ).rows;
}
