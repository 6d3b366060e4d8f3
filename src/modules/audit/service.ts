import type { Database, Queryable } from '../../db/types.ts';

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
       FROM audit_log WHERE ${where} ORDER BY seq DESC LIMIT $7 OFFSET $8`,
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
}

export interface ChainReport {
  district: string;
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: 'hash' | 'link' | 'gap' } | null;
}

/**
 * Walks a district's chain in order and reports the first entry whose hash does not match its
 * content, whose link does not match the previous entry's hash, or whose number leaves a gap.
 */
export async function verifyChain(db: Queryable, district: string, batch = 5000): Promise<ChainReport> {
  let previous = null as { seq: number; hash: string } | null;
  let checked = 0;
  for (;;) {
    const { rows }: { rows: ChainRow[] } = await db.query<ChainRow>(
      `SELECT seq::int8 AS seq, hash, prev_hash, xingfu_audit_hash(a) AS expected
         FROM audit_log a WHERE district_code = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [district, previous?.seq ?? 0, batch],
    );
    for (const row of rows) {
      const expectedSeq = previous === null ? 1 : previous.seq + 1;
      const expectedPrev = previous === null ? GENESIS : previous.hash;
      const reason = row.seq !== expectedSeq ? 'gap' : row.prev_hash !== expectedPrev ? 'link' : row.hash !== row.expected ? 'hash' : null;
      if (reason) return { district, ok: false, checked, firstBroken: { seq: row.seq, reason } };
      previous = { seq: row.seq, hash: row.hash };
      checked++;
    }
    if (rows.length < batch) return { district, ok: true, checked, firstBroken: null };
  }
}

export async function verifyAllChains(db: Database): Promise<ChainReport[]> {
  const { rows } = await db.query<{ district_code: string }>('SELECT district_code FROM district ORDER BY district_code');
  const reports: ChainReport[] = [];
  for (const row of rows) reports.push(await verifyChain(db, row.district_code));
  return reports;
}
