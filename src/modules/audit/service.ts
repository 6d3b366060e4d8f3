import type { Queryable } from '../../db/types.ts';
import { sealMatches, type AuditKeys, type Checkpoint } from './anchor.ts';
import { chainBatch, type ChainRow } from './queries.ts';

const GENESIS = '0'.repeat(64);

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
    const rows: ChainRow[] = await chainBatch(db, district, previous?.seq ?? 0, batch);
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
