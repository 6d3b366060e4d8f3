import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, testDatabaseKind } from '../helpers.ts';
import { runCli, startServer, testSecretKey, type ServerProcess } from '../processes.ts';

async function signIn(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'xingfu-demo-2011' }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('several processes', { timeout: 180_000 }, () => {
  const servers: ServerProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const c of cleanups) await c();
  });

  if (testDatabaseKind() === 'postgres') {
    it('share sessions through the database: sign in on one process, be served by another', async () => {
      const db = await createServerDatabase();
      cleanups.push(db.drop);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-shared-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const env = { DATABASE_URL: db.url, XINGFU_SECRET_KEY: testSecretKey, XINGFU_AUDIT_CHECKPOINT_PATH: path.join(dir, 'audit-checkpoints.jsonl') };
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      servers.push(a, b);
      const { cookie, csrf } = await signIn(a.url, 'township.yangcun');
      const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { username: string } }).user.username).toBe('township.yangcun');
      const out = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
      expect(out.status).toBe(200);
      expect((await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
      // Lockout counters are shared too: failures on both processes add up.
      for (let i = 0; i < 5; i++) {
        await fetch(`${[a, b][i % 2]?.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'teacher', password: `wrong-${i}-pass` }),
        });
      }
      const locked = await fetch(`${a.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'teacher', password: 'xingfu-demo-2011' }),
      });
      expect(locked.status).toBe(423);
      // Concurrent guesses spread over both processes are claimed in the database: no more
      // passwords are checked than the threshold.
      const guesses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${[a, b][i % 2]?.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'parent', password: `wrong-${i}-pass` }),
          }),
        ),
      );
      expect(guesses.filter((r) => r.status === 401)).toHaveLength(4);
      expect(guesses.filter((r) => r.status === 423)).toHaveLength(36);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const checked = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_username = 'parent' AND detail->>'reason' = 'password'",
      );
      await client.end();
      expect(checked.rows[0]?.n).toBe(5);
    });
  } else {
    it('keep the embedded database to one process: a second server or a CLI command is refused with a clear message', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-lock-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const env = { XINGFU_DATA_DIR: dir };
      const first = await startServer(env, ['--demo']);
      servers.push(first);
      const second = await runCli(['serve', '--port', '0'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('database_locked');
      expect(second.stderr).toContain(`process ${first.child.pid}`);
      const cli = await runCli(['user', 'add', 'office.zhao', '--role', 'office'], env, 'Long-Enough-Pass-1\n');
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/正被进程 \d+/);
      // The first server is unharmed and still serves.
      const { cookie } = await signIn(first.url, 'office');
      expect((await fetch(`${first.url}/api/home`, { headers: { cookie } })).status).toBe(200);
      // After it stops, the directory is free again, and what it committed is there.
      await first.stop();
      const after = await runCli(['audit', 'verify', '--json'], env);
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout)[0].checked).toBeGreaterThanOrEqual(2);
    });

    it('recover after a kill -9: the lock of a dead process is taken over and committed data is kept', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-kill-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const env = { XINGFU_DATA_DIR: dir };
      const server = await startServer(env, ['--demo']);
      await signIn(server.url, 'auditor');
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
      expect(fs.existsSync(path.join(dir, 'xingfu.lock'))).toBe(true);
      const verify = await runCli(['audit', 'verify', '--json'], env);
      expect(verify.stderr).toBe('');
      const [report] = JSON.parse(verify.stdout);
      expect(report.ok).toBe(true);
      expect(report.checked).toBeGreaterThanOrEqual(2);
    });
  }
});
