import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * An exclusive lock on the embedded database's data directory. The embedded engine does not lock
 * its files itself, and two processes writing one directory lose commits; so one process owns it.
 * The lock file records the owner's pid; a lock left behind by a process that died is taken over.
 */
export interface DirectoryLock {
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  purpose: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

export function lockDataDirectory(dir: string, purpose: string): DirectoryLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'xingfu.lock');
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        const owner = readOwner(file);
        if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      const stale = owner === null || (owner.host === me.host && !processAlive(owner.pid));
      if (!stale || attempt > 0) {
        const who = owner ? `process ${owner.pid} (${owner.purpose}, since ${owner.since})` : 'another process';
        throw new AppError('database_locked', {
          en: `The embedded database in ${dir} is in use by ${who}. Stop it first, or run this against a PostgreSQL server (DATABASE_URL).`,
          zh: `内置数据库 ${dir} 正被${owner ? `进程 ${owner.pid}（${owner.purpose}）` : '另一进程'}使用。请先停止该进程，或改用 PostgreSQL 服务器（DATABASE_URL）。`,
          details: { dataDir: dir, owner },
        });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error('unreachable');
}
