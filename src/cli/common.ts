import { loadConfig, type Config } from '../config.ts';
import { clockFor, setClock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import { openDatabase } from '../db/index.ts';
import { MigrationError } from '../db/migrate.ts';
import type { Database } from '../db/types.ts';
import { useAuditKey } from '../modules/audit/anchor.ts';
import { usePortalKey } from '../modules/portal/signing.ts';
import { loadSecretKey } from '../server/secrets.ts';

/**
 * Opens the configured database for one CLI command and closes it afterwards. The audit entries
 * the command appends are sealed with the secret key, loaded when the first one is.
 */
export async function withDatabase<T>(purpose: string, fn: (db: Database, config: Config) => Promise<T>, overrides: Partial<Config> = {}): Promise<T> {
  const config = loadConfig(process.env, overrides);
  setClock(clockFor(config));
  useAuditKey(() => loadSecretKey(config));
  usePortalKey(() => loadSecretKey(config));
  const db = await openDatabase(config, purpose);
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** An error as a program reads it: the stable code, both messages and the details. */
export function errorJson(err: unknown): { code: string; message: { zh: string; en: string }; details?: unknown } {
  if (err instanceof AppError)
    return { code: err.code, message: { zh: err.messageZh, en: err.messageEn }, ...(err.details === undefined ? {} : { details: err.details }) };
  if (err instanceof MigrationError) return { code: 'migration_failed', message: { zh: '数据库迁移失败', en: err.message } };
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'internal_error', message: { zh: text, en: text } };
}

/** Prints an error the way an operator can act on it, and sets a failing exit code. */
export function reportError(err: unknown): void {
  if (err instanceof AppError) {
    process.stderr.write(`错误 [${err.code}]: ${err.messageZh}\nError [${err.code}]: ${err.messageEn}\n`);
  } else if (err instanceof MigrationError) {
    process.stderr.write(`数据库迁移失败，服务未启动 / Database migration failed; not starting.\n${err.message}\n`);
  } else if (err instanceof Error) {
    process.stderr.write(`Error: ${err.message}\n`);
  } else {
    process.stderr.write(`Error: ${String(err)}\n`);
  }
  process.exitCode = 1;
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password (input is visible; end with Enter): ');
    return new Promise((resolve) =>
      process.stdin.once('data', (d) => {
        process.stdin.pause();
        resolve(d.toString());
      }),
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
