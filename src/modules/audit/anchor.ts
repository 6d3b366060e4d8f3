import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The audit chain's anchor outside the database: two keys derived (HKDF-SHA-256) from the
 * application's secret key, which the database never sees. One seals each entry's hash, the other
 * signs checkpoints, so someone who can rewrite the tables can recompute the entries' hashes but
 * neither their seals nor a checkpoint.
 */
export interface AuditKeys {
  seal: Buffer;
  checkpoint: Buffer;
}

export function deriveAuditKeys(secretKey: Buffer): AuditKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), info, 32));
  return { seal: derive('xingfu audit seal'), checkpoint: derive('xingfu audit checkpoint') };
}

const hmac = (key: Buffer, ...fields: string[]): string => createHmac('sha256', key).update(fields.join('\x1f')).digest('hex');

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The seal of one entry: its place in its district's chain and its hash, under the seal key. */
export const sealOf = (keys: AuditKeys, district: string, seq: number, hash: string): string => hmac(keys.seal, 'entry', district, String(seq), hash);

export const sealMatches = (keys: AuditKeys, district: string, seq: number, hash: string, mac: string): boolean =>
  sameHex(sealOf(keys, district, seq, hash), mac);

/**
 * A district's chain as it stood at a moment: `seq` entries (numbered 1 to seq), the last one's
 * hash, and the first sealed entry (null while none was).
 */
export interface Checkpoint {
  district: string;
  seq: number;
  head: string;
  sealedFrom: number | null;
  /** When it was taken, ISO 8601. */
  at: string;
}

export interface SignedCheckpoint extends Checkpoint {
  sig: string;
}

const signatureOf = (keys: AuditKeys, c: Checkpoint): string =>
  hmac(keys.checkpoint, 'checkpoint', c.district, String(c.seq), c.head, c.sealedFrom === null ? '' : String(c.sealedFrom), c.at);

/** The checkpoint as one line of the checkpoint file (JSON, signed). */
export function checkpointLine(keys: AuditKeys, c: Checkpoint): string {
  const signed: SignedCheckpoint = { district: c.district, seq: c.seq, head: c.head, sealedFrom: c.sealedFrom, at: c.at, sig: signatureOf(keys, c) };
  return JSON.stringify(signed);
}

export type CheckpointProblem = 'format' | 'signature';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Reads one line of the checkpoint file: the checkpoint, or why it cannot be trusted. */
export function parseCheckpointLine(keys: AuditKeys, line: string): SignedCheckpoint | CheckpointProblem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'format';
  }
  if (typeof value !== 'object' || value === null) return 'format';
  const v = value as Record<string, unknown>;
  const sealedFrom = v.sealedFrom;
  if (
    typeof v.district !== 'string' ||
    !isCount(v.seq) ||
    typeof v.head !== 'string' ||
    !(sealedFrom === null || isCount(sealedFrom)) ||
    typeof v.at !== 'string' ||
    typeof v.sig !== 'string'
  )
    return 'format';
  const c: SignedCheckpoint = { district: v.district, seq: v.seq, head: v.head, sealedFrom, at: v.at, sig: v.sig };
  return sameHex(signatureOf(keys, c), c.sig) ? c : 'signature';
}

let current: { keys: AuditKeys } | { load: () => Buffer } | null = null;

/**
 * Sets the key this process seals audit entries with (at start-up): the secret key, or a function
 * that loads it when the first entry is appended (so commands that append nothing need no key).
 */
export function useAuditKey(secretKey: Buffer | (() => Buffer)): void {
  current = typeof secretKey === 'function' ? { load: secretKey } : { keys: deriveAuditKeys(secretKey) };
}

/** The keys set for this process, or null when none was. */
export function auditKeys(): AuditKeys | null {
  if (current !== null && 'load' in current) current = { keys: deriveAuditKeys(current.load()) };
  return current?.keys ?? null;
}
