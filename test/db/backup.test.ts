import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, testDatabaseKind } from '../helpers.ts';
import { runCli, testSecretKey } from '../processes.ts';

/** Where a command runs: a database of its own (empty when asked), with the test's secret key. */
async function place(empty: boolean): Promise<{ env: NodeJS.ProcessEnv; isEmpty: () => Promise<boolean>; drop: () => Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const db = await createServerDatabase({ empty });
    // A data directory of its own all the same: the audit checkpoints are written there.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-backup-test-'));
    const env = { DATABASE_URL: db.url, XINGFU_SECRET_KEY: testSecretKey, XINGFU_DATA_DIR: dir };
    const isEmpty = async () => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      await client.end();
      return rows[0]?.n === 0;
    };
    return {
      env,
      isEmpty,
      drop: async () => {
        await db.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-backup-test-'));
  const isEmpty = async () => !fs.existsSync(path.join(dir, 'pg')) || fs.readdirSync(path.join(dir, 'pg')).length === 0;
  return { env: { XINGFU_DATA_DIR: dir, XINGFU_SECRET_KEY: testSecretKey }, isEmpty, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('backup and restore', () => {
  const places: Awaited<ReturnType<typeof place>>[] = [];
  let source: Awaited<ReturnType<typeof place>>;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-backup-files-'));
  const file = path.join(scratch, 'xingfu.backup');

  beforeAll(async () => {
    source = await place(false);
    places.push(source);
    const seeded = await runCli(['seed', 'demo', '--no-register'], source.env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const added = await runCli(['user', 'add', 'office.backup', '--role', 'office', '--display-name', '备份测试'], source.env, 'Long-Enough-Pass-1\n');
    expect(added.code, added.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    for (const p of places) await p.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('writes an encrypted file that restores into an empty database with every row and an intact audit chain', async () => {
    const made = await runCli(['backup', file, '--json'], source.env);
    expect(made.code, made.stderr).toBe(0);
    const header = JSON.parse(made.stdout);
    expect(header.engine).toBe(testDatabaseKind() === 'postgres' ? 'postgres' : 'embedded');
    expect(header.counts.app_user).toBeGreaterThan(10);
    expect(header.audit[0]).toMatchObject({ district: '120114', head: expect.any(String) });
    // Encrypted: no account name or Chinese text of the database is readable in the file.
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('office.backup'))).toBe(false);
    expect(bytes.includes(Buffer.from('备份测试'))).toBe(false);

    const target = await place(true);
    places.push(target);
    const restored = await runCli(['restore', file, '--json'], target.env);
    expect(restored.code, restored.stderr || restored.stdout).toBe(0);
    const report = JSON.parse(restored.stdout);
    expect(report).toMatchObject({ ok: true, counts: { same: true, differing: [] } });
    expect(report.audit).toEqual([expect.objectContaining({ district: '120114', ok: true })]);
    // The restored database is the source's: the account added before the backup signs nothing in by itself, but it is there.
    const verify = await runCli(['audit', 'verify', '--json'], target.env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)[0].checked).toBe(header.audit[0].entries);
  }, 300_000);

  it('refuses a changed file, another key and a database that is not empty, writing nothing', async () => {
    const bytes = fs.readFileSync(file);
    const changed = Buffer.from(bytes);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = (changed[middle] ?? 0) ^ 0x01;
    const changedFile = path.join(scratch, 'changed.backup');
    fs.writeFileSync(changedFile, changed);
    // A header edited to claim other counts is refused too: it is sealed with the data.
    const header = bytes.subarray(0, bytes.indexOf(0x0a, 16) + 1).toString('utf8');
    const forged = Buffer.concat([Buffer.from(header.replace('"app_user":', '"app_user":1')), bytes.subarray(Buffer.byteLength(header))]);
    const forgedFile = path.join(scratch, 'forged.backup');
    fs.writeFileSync(forgedFile, forged);

    const target = await place(true);
    places.push(target);
    for (const bad of [changedFile, forgedFile, path.join(scratch, 'missing.backup')]) {
      const res = await runCli(['restore', bad], target.env);
      expect(res.code, bad).toBe(1);
      if (bad !== path.join(scratch, 'missing.backup')) expect(res.stderr).toContain('backup_invalid');
      expect(await target.isEmpty()).toBe(true);
    }
    const otherKey = await runCli(['restore', file], { ...target.env, XINGFU_SECRET_KEY: 'ab'.repeat(32) });
    expect(otherKey.code).toBe(1);
    expect(otherKey.stderr).toContain('backup_invalid');
    expect(await target.isEmpty()).toBe(true);

    const intoSource = await runCli(['restore', file], source.env);
    expect(intoSource.code).toBe(1);
    expect(intoSource.stderr).toContain('restore_not_empty');
  }, 300_000);
});
