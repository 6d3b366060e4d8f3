import { maskPersonalData } from '../../core/privacy/mask.ts';
import type { Queryable } from '../../db/types.ts';
import { auditKeys, sealOf } from './anchor.ts';
import { appendEntry, sealEntry } from './queries.ts';

export interface AuditEntry {
  district: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  result?: 'success' | 'failure';
  ip?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(maskPersonalData(value)));

/**
 * Appends one entry to the district's audit chain, inside the caller's transaction, so the entry
 * commits with the change it records. ID and phone numbers are masked in the log itself. The
 * database computes the entry's hash; this process seals it with its audit key (./anchor.ts).
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<number> {
  const row = await appendEntry(tx, {
    district: entry.district,
    actorId: entry.actorId,
    actorUsername: entry.actorUsername,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    result: entry.result ?? 'success',
    ip: entry.ip ?? null,
    before: json(entry.before),
    after: json(entry.after),
    detail: json(entry.detail),
  });
  const seq = Number(row?.seq);
  const keys = auditKeys();
  if (keys !== null && row) await sealEntry(tx, entry.district, seq, sealOf(keys, entry.district, seq, row.hash));
  return seq;
}

/** Who acts, as the audit log records them: a signed-in user (with the address they came from), or a process. */
export interface AuditActor {
  district: string;
  /** Empty or null for a process without an account (an import run from the command line). */
  userId: string | null;
  username: string;
  ip?: string | null;
}

/** Appends an entry of what `actor` did: the district, who and from where come from the actor. */
export function auditBy(tx: Queryable, actor: AuditActor, entry: Omit<AuditEntry, 'district' | 'actorId' | 'actorUsername' | 'ip'>): Promise<number> {
  return appendAudit(tx, { ...entry, district: actor.district, actorId: actor.userId || null, actorUsername: actor.username, ip: actor.ip ?? null });
}
