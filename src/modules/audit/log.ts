import { maskPersonalData } from '../../core/privacy/mask.ts';
import type { Queryable } from '../../db/types.ts';
import { auditKeys, sealOf } from './anchor.ts';

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
  const { rows } = await tx.query<{ seq: number; hash: string }>(
    `SELECT seq::int8 AS seq, hash FROM xingfu_audit_append_entry($1, $2::uuid, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb)`,
    [
      entry.district,
      entry.actorId,
      entry.actorUsername,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.result ?? 'success',
      entry.ip ?? null,
      json(entry.before),
      json(entry.after),
      json(entry.detail),
    ],
  );
  const seq = Number(rows[0]?.seq);
  const keys = auditKeys();
  if (keys !== null && rows[0]) {
    await tx.query('SELECT xingfu_audit_seal($1, $2, $3)', [entry.district, seq, sealOf(keys, entry.district, seq, rows[0].hash)]);
  }
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
