/**
 * The portal's integrity record: what the read path refused (a revision whose signature does not
 * match) and what the checks from outside found. Each finding is logged, written to the audit log
 * and shown to the office on its home page and the portal pages.
 */
import type { Actor } from '../../db/scope.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { insertFindings, lastCheckRun, recentFindings, type NewFinding } from './integrityQueries.ts';
import type { PortalIntegrity } from './schemas.ts';

const WEEK_MS = 7 * 86_400_000;

/** Records findings of the read path or a check, with one audit entry for them. */
export async function recordFindings(
  db: Database,
  actor: Actor,
  source: 'serve' | 'check',
  checkRun: string | null,
  findings: readonly NewFinding[],
): Promise<void> {
  if (findings.length === 0) return;
  await withScope(db, actor, async (tx) => {
    await insertFindings(tx, actor.district, source, checkRun, findings);
    await auditBy(tx, actor, {
      action: 'portal.integrity_finding',
      entityType: 'portal_finding',
      result: 'failure',
      detail: { source, findings: findings.slice(0, 20).map((f) => ({ url: f.url, kind: f.kind, detail: f.detail.slice(0, 200) })), total: findings.length },
    });
  });
}

export async function integrityStatus(db: Database, actor: Actor, scheduled: boolean): Promise<PortalIntegrity> {
  return withScope(db, actor, async (tx) => {
    const last = await lastCheckRun(tx);
    const since = new Date(Date.now() - WEEK_MS); // real clock: findings are security events, dated by the real clock
    const recent = await recentFindings(tx, since);
    return {
      lastCheck:
        last === undefined
          ? null
          : {
              source: last.source,
              publicUrl: last.public_url,
              startedAt: last.started_at.toISOString(),
              finishedAt: last.finished_at.toISOString(),
              checked: last.checked,
              findings: last.findings,
            },
      recent: recent.map((f) => ({
        id: Number(f.id),
        source: f.source,
        url: f.url,
        kind: f.kind,
        detail: f.detail,
        userAgent: f.user_agent,
        foundAt: f.found_at.toISOString(),
      })),
      scheduled,
    };
  });
}
