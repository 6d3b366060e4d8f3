import type { Queryable } from '../../db/types.ts';
import { sealMatches, type AuditKeys, type Checkpoint } from './anchor.ts';

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

const GENESIS = '0'.repeat(64);

interface ChainRow {
  seq: number;
  hash: string;
  prev_hash: string;
  expected: string;
  mac: string | null;
}

/**
 * Why a chain fails: an entry missing ('gap'), not linked to the previous one ('link'), not
 * matching its hash ('hash'), without a valid seal ('seal'); the entry a checkpoint ends on has
 * another hash ('head'); the chain ends before a checkpoint does ('truncated').
 */
export type BreakReason = 'gap' | 'link' | 'hash' | 'seal' | 'head' | 'truncated';

export interface ChainReport {
  district: string;
  ok: boolean;
  /** Entries found intact before the first broken one. */
  checked: number;
  firstBroken: { seq: number; reason: BreakReason } | null;
  /** The latest checkpoint the chain was checked against; null when there is none. */
  checkpoint: { seq: number; at: string } | null;
  /** The last entry walked and the first sealed one: what a new checkpoint records. */
  last: { seq: number; hash: string } | null;
  sealedFrom: number | null;
}

export interface VerifyOptions {
  keys: AuditKeys;
  /** The district's checkpoints (signatures already checked). */
  checkpoints?: readonly Checkpoint[];
  /** Start after this entry, known good (the latest checkpoint), instead of at the first. */
  from?: Checkpoint;
  batch?: number;
}

/**
 * Walks a district's chain in order and reports the first entry whose number leaves a gap, whose
 * link does not match the previous entry's hash, whose hash does not match its content or whose
 * seal does not match its hash; then holds the chain against every checkpoint: each one's entry
 * must still carry its head hash, the chain must be at least as long, and every entry from the
 * checkpoint's first sealed one on must be sealed. Entries from before sealing began carry no
 * seal; once one is sealed, all later ones must be.
 */
export async function verifyChain(db: Queryable, district: string, options: VerifyOptions): Promise<ChainReport> {
  const { keys, checkpoints = [], from, batch = 5000 } = options;
  const heads = new Map<number, string[]>();
  for (const c of checkpoints) heads.set(c.seq, [...(heads.get(c.seq) ?? []), c.head]);
  const mustSealFrom = [...checkpoints, ...(from ? [from] : [])].reduce((min, c) => Math.min(min, c.sealedFrom ?? Infinity), Infinity);
  const latest = checkpoints.reduce<Checkpoint | null>((a, c) => (a === null || c.seq >= a.seq ? c : a), null);
  let previous: { seq: number; hash: string } | null = from && from.seq > 0 ? { seq: from.seq, hash: from.head } : null;
  let sealedFrom = from?.sealedFrom ?? null;
  let checked = 0;
  const report = (firstBroken: ChainReport['firstBroken']): ChainReport => ({
    district,
    ok: firstBroken === null,
    checked,
    firstBroken,
    checkpoint: latest && { seq: latest.seq, at: latest.at },
    last: previous,
    sealedFrom,
  });
  for (;;) {
    const { rows }: { rows: ChainRow[] } = await db.query<ChainRow>(
      `SELECT a.seq::int8 AS seq, a.hash, a.prev_hash, xingfu_audit_hash(a) AS expected, s.mac
         FROM audit_log a LEFT JOIN audit_seal s ON s.district_code = a.district_code AND s.seq = a.seq
        WHERE a.district_code = $1 AND a.seq > $2 ORDER BY a.seq LIMIT $3`,
      [district, previous?.seq ?? 0, batch],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const expectedSeq = previous === null ? 1 : previous.seq + 1;
      const expectedPrev = previous === null ? GENESIS : previous.hash;
      const unsealed = row.mac === null ? sealedFrom !== null || seq >= mustSealFrom : !sealMatches(keys, district, seq, row.hash, row.mac);
      const reason: BreakReason | null =
        seq !== expectedSeq
          ? 'gap'
          : row.prev_hash !== expectedPrev
            ? 'link'
            : row.hash !== row.expected
              ? 'hash'
              : unsealed
                ? 'seal'
                : heads.get(seq)?.some((head) => head !== row.hash)
                  ? 'head'
                  : null;
      if (reason) return report({ seq, reason });
      if (row.mac !== null) sealedFrom ??= seq;
      previous = { seq, hash: row.hash };
      checked++;
    }
    if (rows.length < batch) break;
  }
  const length = previous?.seq ?? 0;
  return report(latest !== null && latest.seq > length ? { seq: length + 1, reason: 'truncated' } : null);
}
