/** The server the load benches measure: `xingfu serve` in a process of its own, as in production. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/processes.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** `xingfu serve` in a child process on the database just built; resolves once /api/health answers. */
export async function startServer(key: Buffer, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/xingfu.js'), 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      XINGFU_SECRET_KEY: key.toString('hex'),
      XINGFU_TODAY: '2011-11-30',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /api/health within 5 minutes');
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** After a load bench: the server stopped, the bench's own connection closed (server only), its database dropped and its directory removed. */
export async function tearDown(
  server: { child: ChildProcess } | undefined,
  kind: 'postgres' | 'embedded',
  db: { close(): Promise<void> },
  drop: () => Promise<void>,
  dir: string,
): Promise<void> {
  if (server) await stopServer(server.child);
  if (kind === 'postgres') await db.close().catch(() => undefined);
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
