/** What the audit pages read: the log, a page at a time, and the check of the district's chain. */
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import type { AuthContext } from '../auth/service.ts';
import { displayNames } from '../users/names.ts';
import { auditKeys } from './anchor.ts';
import { readCheckpoints } from './checkpoints.ts';
import type { AuditEntry, AuditVerify } from './schemas.ts';
import { listAudit, type AuditFilter } from './queries.ts';
import { verifyChain } from './service.ts';

/** A page of the log, newest first, with people by name. */
export async function auditPage(db: Database, actor: AuthContext, filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  return withScope(db, actor, async (tx) => {
    const { rows, total } = await listAudit(tx, filter);
    const nameOf = await displayNames(
      tx,
      rows.map((row) => row.actor_username),
    );
    return {
      total,
      items: rows.map((row) => ({
        seq: Number(row.seq),
        at: row.at.toISOString(),
        actor: row.actor_username,
        actorName: nameOf(row.actor_username),
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        result: row.result,
        ip: row.ip,
        before: row.before,
        after: row.after,
        detail: row.detail,
      })),
    };
  });
}

/** Checks the caller's district's chain against the checkpoints kept in the file outside the database. */
export async function checkDistrictChain(db: Database, actor: AuthContext, checkpointPath: string): Promise<AuditVerify> {
  const keys = auditKeys();
  if (keys === null) throw new Error('no audit key set for this process');
  const file = readCheckpoints(checkpointPath, keys);
  const checkpoints = file.checkpoints.filter((c) => c.district === actor.district);
  const report = await withScope(db, actor, (tx) => verifyChain(tx, actor.district, { keys, checkpoints }));
  const badCheckpointLines = file.problems.map((p) => p.line);
  return {
    ok: report.ok && badCheckpointLines.length === 0,
    checked: report.checked,
    firstBroken: report.firstBroken,
    checkpoint: report.checkpoint,
    badCheckpointLines,
  };
}
