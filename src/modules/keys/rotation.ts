import { AppError } from '../../core/errors.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { appendAudit } from '../audit/log.ts';
import { idLookupHash } from '../registry/protect.ts';
import { districtCodes, markRekey, rowsToRotate, sealedForms, writeSealed, type SealedRow } from './queries.ts';

/** A table with sealed columns, and the keyed look-up hash one of them keeps beside it. */
export interface SealedTable {
  table: string;
  columns: readonly string[];
  hash?: { column: string; from: string; of: (secrets: Secrets, plain: string) => string };
}

/** Every sealed column (their primary key is `(district_code, id)`); test/db/key-rotation.test.ts checks the schema has no other. */
export const sealedTables: readonly SealedTable[] = [
  { table: 'person', columns: ['id_number_enc', 'phone_enc'], hash: { column: 'id_number_hash', from: 'id_number_enc', of: idLookupHash } },
  { table: 'app_user', columns: ['totp_secret'] },
  { table: 'benefit_application', columns: ['bank_account_enc'] },
  { table: 'benefit_enrolment', columns: ['bank_account_enc'] },
];

export interface RotationOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Stop after this many batches, as if interrupted; a later run carries on. */
  maxBatches?: number;
  onBatch?: (progress: { table: string; rows: number; total: number }) => void;
}

export interface RotationResult {
  cipher: string;
  prefix: string;
  /** Rows re-encrypted by this run, by table. */
  rows: Record<string, number>;
  batches: number;
  /** True when no sealed value is left under another key or cipher. */
  complete: boolean;
}

function opened(secrets: Secrets, t: SealedTable, value: string, row: Pick<SealedRow, 'district_code' | 'id'>): string {
  try {
    return secrets.decrypt(value);
  } catch (err) {
    throw new AppError('data_key_missing', {
      details: { table: t.table, district: row.district_code, id: row.id, problem: err instanceof Error ? err.message : String(err) },
    });
  }
}

/**
 * Re-encrypts one batch of a table's rows that are not yet under the current key and cipher, after
 * the key `after` in primary-key order, in one transaction. Returns the last key done, or null at the end.
 */
async function rotateBatch(
  tx: Queryable,
  secrets: Secrets,
  t: SealedTable,
  after: readonly [string, string],
  size: number,
): Promise<{ last: [string, string]; districts: string[] } | null> {
  await markRekey(tx);
  const rows = await rowsToRotate(tx, t.table, t.columns, secrets.prefix, after, size);
  const last = rows.at(-1);
  if (last === undefined) return null;
  const names = [...t.columns, ...(t.hash ? [t.hash.column] : [])];
  const values = names.map(() => [] as (string | null)[]);
  for (const row of rows) {
    t.columns.forEach((c, i) => {
      const v = row[c] ?? null;
      values[i]?.push(v === null || v.startsWith(secrets.prefix) ? v : secrets.encrypt(opened(secrets, t, v, row)));
    });
    const from = t.hash ? (row[t.hash.from] ?? null) : null;
    if (t.hash) values[t.columns.length]?.push(from === null ? null : t.hash.of(secrets, opened(secrets, t, from, row)));
  }
  await writeSealed(tx, t.table, names, { districts: rows.map((r) => r.district_code), ids: rows.map((r) => r.id) }, values);
  return { last: [last.district_code, last.id], districts: rows.map((r) => r.district_code) };
}

const start = ['', '00000000-0000-0000-0000-000000000000'] as const;

/**
 * Re-encrypts every sealed column under the current data key and cipher (and recomputes the ID
 * numbers' look-up hashes), in batches of committed transactions in primary-key order. Values
 * already under the current key are skipped, so a run that was stopped or killed is resumed by
 * running it again. The app may run meanwhile if it is given both keys: it reads either, and writes
 * under the current one only. Passes repeat until one finds nothing left to do. Each district's
 * audit log records the run's start and its end.
 */
export async function rotateDataKeys(db: Database, secrets: Secrets, options: RotationOptions = {}): Promise<RotationResult> {
  const size = options.batchSize ?? 500;
  const result: RotationResult = {
    cipher: secrets.cipher,
    prefix: secrets.prefix,
    rows: Object.fromEntries(sealedTables.map((t) => [t.table, 0])),
    batches: 0,
    complete: false,
  };
  const byDistrict = new Map<string, Record<string, number>>();
  const districts = await districtCodes(db);
  const key = secrets.prefix.split(':')[2] ?? '';
  await audit(db, districts, 'keys.rotate.start', key, { cipher: secrets.cipher });
  let stopped = false;
  for (let done = -1; done !== 0 && !stopped;) {
    done = 0;
    for (const t of sealedTables) {
      let after: readonly [string, string] = start;
      for (;;) {
        if (options.maxBatches !== undefined && result.batches >= options.maxBatches) {
          stopped = true;
          break;
        }
        const batch = await db.transaction((tx) => rotateBatch(tx, secrets, t, after, size));
        if (batch === null) break;
        after = batch.last;
        result.batches++;
        done += batch.districts.length;
        result.rows[t.table] = (result.rows[t.table] ?? 0) + batch.districts.length;
        for (const d of batch.districts) {
          const counts = byDistrict.get(d) ?? {};
          counts[t.table] = (counts[t.table] ?? 0) + 1;
          byDistrict.set(d, counts);
        }
        options.onBatch?.({ table: t.table, rows: batch.districts.length, total: result.rows[t.table] ?? 0 });
      }
      if (stopped) break;
    }
  }
  result.complete = !stopped;
  for (const d of districts) await audit(db, [d], 'keys.rotate', key, { cipher: secrets.cipher, complete: result.complete, rows: byDistrict.get(d) ?? {} });
  return result;
}

/** The rotation in each district's audit log: the entity is the data key, named by its key id. */
async function audit(db: Database, districts: readonly string[], action: string, key: string, detail: Record<string, unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    for (const district of districts)
      await appendAudit(tx, { district, actorId: null, actorUsername: 'cli', action, entityType: 'data_key', entityId: key, detail });
  });
}

export interface SealedCount {
  table: string;
  column: string;
  /** `v1`, or `v2:<cipher>:<key id>`. */
  form: string;
  rows: number;
  /** Written under the current key and cipher. */
  current: boolean;
}

/** How many values of each sealed column are under which cipher and key. */
export async function sealedStatus(db: Queryable, secrets: Secrets): Promise<SealedCount[]> {
  const counts: SealedCount[] = [];
  for (const t of sealedTables) {
    for (const c of t.columns) {
      for (const r of await sealedForms(db, t.table, c))
        counts.push({ table: t.table, column: c, form: r.form ?? 'unknown', rows: r.n, current: `${r.form ?? ''}:` === secrets.prefix });
    }
  }
  return counts;
}
