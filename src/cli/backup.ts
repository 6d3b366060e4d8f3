/**
 * `xingfu backup FILE` and `xingfu restore FILE`: the whole database in one encrypted file.
 *
 * The PostgreSQL server is dumped with `pg_dump --format=custom` and restored with `pg_restore` in
 * one transaction; the embedded engine with its own data-directory dump (a tarball). Either way the
 * file is
 *
 *   XINGFU-BACKUP 1\n  <header JSON>\n  <12-byte nonce> <AES-256-GCM ciphertext> <16-byte tag>
 *
 * under a key derived (HKDF-SHA-256) from the configured secret key — the key that also encrypts
 * the personal data inside, so a backup is only as readable as the database it came from. The
 * header (engine, migration, time, the row count of every table, each district's audit head) is
 * authenticated with the data: a changed byte anywhere refuses the restore before anything is
 * written. A restore goes into an empty database only, then checks the counts and the audit chains.
 */
import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { assertEmptyServer, tableCounts } from '../db/catalogue.ts';
import { openDatabase } from '../db/index.ts';
import { lockDataDirectory } from '../db/lock.ts';
import { listMigrations } from '../db/migrate.ts';
import { openEmbedded } from '../db/pglite.ts';
import type { Database, Queryable } from '../db/types.ts';
import { deriveAuditKeys } from '../modules/audit/anchor.ts';
import { verifyAllChains } from '../modules/audit/checkpoints.ts';
import { auditHeads } from '../modules/audit/queries.ts';
import { loadSecretKey } from '../server/secrets.ts';

const MAGIC = 'XINGFU-BACKUP 1\n';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface BackupHeader {
  engine: 'embedded' | 'postgres';
  /** The newest migration the database had. */
  migration: string | null;
  /** When the backup was taken (ISO, real time). */
  takenAt: string;
  /** Rows in every table of the application's schema. */
  counts: Record<string, number>;
  /** Each district's audit chain: entries and the newest entry's hash. */
  audit: { district: string; entries: number; head: string | null }[];
}

/** The backup key: never the data key itself, but derived from it for this one use. */
export function backupKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'xingfu backup v1', 32));
}

/** Rows of every table in the public schema, and the audit heads: what a restore must give back. */
async function inventory(db: Queryable): Promise<Pick<BackupHeader, 'counts' | 'audit'>> {
  const counts = await tableCounts(db);
  const audit = counts.audit_log === undefined ? [] : await auditHeads(db);
  return { counts, audit };
}

/**
 * The server's address for pg_dump and pg_restore as libpq's environment variables, not as an
 * argument: a password in a command line is visible to every user of the machine (ps).
 */
export function libpqEnvironment(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {};
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname);
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a command; its stdout goes to `stdout` when given. Rejects with its stderr when it fails. */
function run(command: string, args: string[], env: Record<string, string>, stdout?: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const piped = stdout && child.stdout ? pipeline(child.stdout, stdout, { end: false }) : Promise.resolve();
    child.on('error', (err) => reject(new Error(`${command}: ${err.message} (is the PostgreSQL client installed?)`)));
    child.on('close', (code) => {
      piped.then(() => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))), reject);
    });
  });
}

/** The database as one plaintext file (a pg_dump custom archive, or the embedded data directory's tarball). */
async function dumpTo(config: Config, plainFile: string): Promise<BackupHeader> {
  const takenAt = new Date().toISOString(); // real clock: when the backup was taken
  const migration = listMigrations().at(-1)?.name ?? null;
  if (config.databaseUrl !== null) {
    const db = await openDatabase(config, 'xingfu backup');
    try {
      const found = await inventory(db);
      const out = fs.createWriteStream(plainFile, { mode: 0o600 });
      await run('pg_dump', ['--format=custom', '--no-owner'], libpqEnvironment(config.databaseUrl), out);
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      return { engine: 'postgres', migration, takenAt, ...found };
    } finally {
      await db.close();
    }
  }
  const lock = lockDataDirectory(config.dataDir, 'xingfu backup');
  try {
    const embedded = await openEmbedded({ dataDir: path.join(config.dataDir, 'pg') });
    try {
      const found = await inventory(embedded);
      const tarball = await embedded.pglite.dumpDataDir('gzip');
      fs.writeFileSync(plainFile, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
      return { engine: 'embedded', migration, takenAt, ...found };
    } finally {
      await embedded.close();
    }
  } finally {
    lock.release();
  }
}

/** A private scratch directory for the plaintext, removed whatever happens. */
async function withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-backup-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function backup(config: Config, file: string): Promise<BackupHeader> {
  const key = backupKey(loadSecretKey(config));
  return withScratch(async (dir) => {
    const plain = path.join(dir, 'plain');
    const header = await dumpTo(config, plain);
    const prefix = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(prefix);
    const partial = `${file}.partial`;
    const out = fs.createWriteStream(partial, { mode: 0o600 });
    out.write(prefix);
    out.write(nonce);
    await pipeline(fs.createReadStream(plain), cipher, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
    fs.renameSync(partial, file);
    return header;
  }).catch((err: unknown) => {
    fs.rmSync(`${file}.partial`, { force: true });
    throw err;
  });
}

/** Reads and authenticates a backup into `plainFile`; throws backup_invalid on any change. */
export async function openBackup(file: string, secretKey: Buffer, plainFile: string): Promise<BackupHeader> {
  const invalid = (why: string) =>
    new AppError('backup_invalid', { zh: `备份文件无效或已被改动：${why}`, en: `The backup file is not valid or was changed: ${why}` });
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    fs.readSync(fd, head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw invalid('not a Xingfu backup');
    const end = head.indexOf(0x0a, MAGIC.length);
    if (end < 0) throw invalid('no header');
    const prefix = head.subarray(0, end + 1);
    let header: BackupHeader;
    try {
      header = JSON.parse(prefix.subarray(MAGIC.length).toString('utf8')) as BackupHeader;
    } catch {
      throw invalid('unreadable header');
    }
    const dataStart = prefix.length + NONCE_BYTES;
    const dataEnd = size - TAG_BYTES;
    if (dataEnd < dataStart) throw invalid('cut short');
    const nonce = Buffer.alloc(NONCE_BYTES);
    fs.readSync(fd, nonce, 0, NONCE_BYTES, prefix.length);
    const tag = Buffer.alloc(TAG_BYTES);
    fs.readSync(fd, tag, 0, TAG_BYTES, dataEnd);
    const decipher = createDecipheriv('aes-256-gcm', backupKey(secretKey), nonce);
    decipher.setAAD(prefix);
    decipher.setAuthTag(tag);
    try {
      await pipeline(fs.createReadStream(file, { start: dataStart, end: dataEnd - 1 }), decipher, fs.createWriteStream(plainFile, { mode: 0o600 }));
    } catch {
      throw invalid('its contents do not match their seal (a changed byte, or another secret key)');
    }
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

export interface RestoreReport {
  header: BackupHeader;
  counts: { same: boolean; differing: { table: string; backup: number | null; restored: number | null }[] };
  audit: { district: string; ok: boolean; entries: number }[];
}

export async function restore(config: Config, file: string): Promise<RestoreReport> {
  const secretKey = loadSecretKey(config);
  const header = await withScratch(async (dir) => {
    const plain = path.join(dir, 'plain');
    const read = await openBackup(file, secretKey, plain);
    if (config.databaseUrl !== null) {
      if (read.engine !== 'postgres')
        throw new AppError('backup_engine', {
          zh: '该备份来自内置数据库，不能恢复到 PostgreSQL 服务器',
          en: 'This backup is of the embedded engine, not of a PostgreSQL server',
        });
      await assertEmptyServer(config.databaseUrl);
      // pg_restore connects to the database PGDATABASE names only when told to: --dbname with that name.
      const target = libpqEnvironment(config.databaseUrl);
      if (target.PGDATABASE === undefined) throw new Error('DATABASE_URL names no database to restore into');
      await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${target.PGDATABASE ?? ''}`, plain], target);
    } else {
      if (read.engine !== 'embedded')
        throw new AppError('backup_engine', {
          zh: '该备份来自 PostgreSQL 服务器，不能恢复到内置数据库',
          en: 'This backup is of a PostgreSQL server, not of the embedded engine',
        });
      const target = path.join(config.dataDir, 'pg');
      if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new AppError('restore_not_empty');
      const lock = lockDataDirectory(config.dataDir, 'xingfu restore');
      try {
        const restored = await PGlite.create({ dataDir: target, loadDataDir: new Blob([fs.readFileSync(plain)]) });
        await restored.close();
      } finally {
        lock.release();
      }
    }
    return read;
  });
  const db: Database = await openDatabase(config, 'xingfu restore');
  try {
    const found = await inventory(db);
    const tables = [...new Set([...Object.keys(header.counts), ...Object.keys(found.counts)])].sort();
    const differing = tables
      .filter((t) => header.counts[t] !== found.counts[t])
      .map((t) => ({ table: t, backup: header.counts[t] ?? null, restored: found.counts[t] ?? null }));
    // Links, hashes and seals; not the checkpoint file, whose later checkpoints an older backup cannot reach.
    const audit = (await verifyAllChains(db, deriveAuditKeys(secretKey))).map((r) => ({ district: r.district, ok: r.ok, entries: r.checked }));
    const heads = new Map(found.audit.map((a) => [a.district, a.head]));
    const headsSame = header.audit.every((a) => heads.get(a.district) === a.head);
    return { header, counts: { same: differing.length === 0 && headsSame, differing }, audit };
  } finally {
    await db.close();
  }
}
