/**
 * The SQL of the audit log: appending and sealing an entry, reading a page of the log, walking a
 * district's chain and the head a checkpoint ends on. Run inside the caller's transaction (or, for
 * the chain checks of the command line, on the owner's connection).
 */
import type { Queryable } from '../../db/types.ts';

export interface AuditRow {
  seq: number;
  at: Date;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  result: 'success' | 'failure';
  ip: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditFilter {
  page: number;
  pageSize: number;
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  result?: 'success' | 'failure' | undefined;
}

/** Reads the log under row-level security: only callers whose reach includes audit.read see rows. */
export async function listAudit(tx: Queryable, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const where = `($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
    AND ($3::text IS NULL OR actor_username = $3) AND ($4::text IS NULL OR action = $4 OR action LIKE $4 || '.%')
    AND ($5::text IS NULL OR entity_type = $5) AND ($6::text IS NULL OR result = $6)`;
  const params = [f.from ?? null, f.to ?? null, f.actor ?? null, f.action ?? null, f.entityType ?? null, f.result ?? null];
  const { rows } = await tx.query<AuditRow>(
    `SELECT seq::int8 AS seq, at, actor_username, action, entity_type, entity_id, result, ip, before, after, detail
       FROM audit_log WHERE district_code = (SELECT xingfu_district()) AND ${where} ORDER BY district_code DESC, seq DESC LIMIT $7 OFFSET $8`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  );
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, params);
  return { rows, total: total.rows[0]?.n ?? 0 };
}

/** An entry of a chain as the walk checks it: its hash, its link, the hash its content gives, its seal. */
export interface ChainRow {
  seq: number;
  hash: string;
  prev_hash: string;
  expected: string;
  mac: string | null;
}

/** The next `batch` entries of a district's chain after entry `after`, in order, with their seals. */
export async function chainBatch(db: Queryable, district: string, after: number, batch: number): Promise<ChainRow[]> {
  const { rows } = await db.query<ChainRow>(
    `SELECT a.seq::int8 AS seq, a.hash, a.prev_hash, xingfu_audit_hash(a) AS expected, s.mac
       FROM audit_log a LEFT JOIN audit_seal s ON s.district_code = a.district_code AND s.seq = a.seq
      WHERE a.district_code = $1 AND a.seq > $2 ORDER BY a.seq LIMIT $3`,
    [district, after, batch],
  );
  return rows;
}

/** The hash of a district's entry `seq`; null when there is no such entry. */
export async function headAt(db: Queryable, district: string, seq: number): Promise<string | null> {
  const { rows } = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE district_code = $1 AND seq = $2', [district, seq]);
  return rows[0]?.hash ?? null;
}

/** An entry as stored: before, after and detail already masked and written as JSON text. */
export interface StoredEntry {
  district: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  result: 'success' | 'failure';
  ip: string | null;
  before: string | null;
  after: string | null;
  detail: string | null;
}

/** Appends an entry (the database numbers and hashes it); answers its number and hash. */
export async function appendEntry(tx: Queryable, e: StoredEntry): Promise<{ seq: number; hash: string } | undefined> {
  const { rows } = await tx.query<{ seq: number; hash: string }>(
    `SELECT seq::int8 AS seq, hash FROM xingfu_audit_append_entry($1, $2::uuid, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb)`,
    [e.district, e.actorId, e.actorUsername, e.action, e.entityType, e.entityId, e.result, e.ip, e.before, e.after, e.detail],
  );
  return rows[0];
}

/** Stores the seal of an entry. */
export async function sealEntry(tx: Queryable, district: string, seq: number, mac: string): Promise<void> {
  await tx.query('SELECT xingfu_audit_seal($1, $2, $3)', [district, seq, mac]);
}

/** Each district's count of entries and its last entry's hash (what a restore must give back). */
export async function auditHeads(db: Queryable): Promise<{ district: string; entries: number; head: string | null }[]> {
  const { rows } = await db.query<{ district: string; entries: string; head: string | null }>(
    `SELECT district_code AS district, count(*)::text AS entries,
            (array_agg(hash ORDER BY seq DESC))[1] AS head
       FROM audit_log GROUP BY district_code ORDER BY district_code`,
  );
  return rows.map((r) => ({ district: r.district, entries: Number(r.entries), head: r.head }));
}
