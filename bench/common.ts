/**
 * What the benches share: COPY text and COPY into a table, a log that times SQL statements,
 * quantiles, opening a fresh bench database, the machine, and the one-child-per-database runner.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from '../src/db/copy.ts';
import { openEmbedded } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Database, Queryable, QueryResult, SqlParam } from '../src/db/types.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';

/** The databases a bench runs on. */
export type Kind = 'postgres' | 'embedded';

// --- COPY ------------------------------------------------------------------------------------

/** Rows for COPY … FROM STDIN (text format), in chunks of about `chunkRows` rows. */
export class CopyText {
  readonly chunks: Buffer[] = [];
  rows = 0;
  private lines: string[] = [];
  constructor(private readonly chunkRows: number) {}
  add(values: readonly (string | number | boolean | null)[]): void {
    this.lines.push(copyLine(values));
    this.rows++;
    if (this.lines.length >= this.chunkRows) this.flush();
  }
  flush(): this {
    if (this.lines.length > 0) this.chunks.push(Buffer.from(this.lines.join(''), 'utf8'));
    this.lines = [];
    return this;
  }
  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }
}

/** COPY the chunks into a table: one COPY … FROM STDIN on the server, one COPY per chunk (from /dev/blob) embedded. Milliseconds. */
export async function copyInto(db: Database, table: string, cols: string, chunks: readonly Buffer[]): Promise<number> {
  const started = performance.now();
  if (db.kind === 'postgres') {
    const client = await (db as Database & { pool: pg.Pool }).pool.connect();
    try {
      await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`)));
    } finally {
      client.release();
    }
  } else {
    const pglite = (db as unknown as { pglite: { query: (sql: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> } }).pglite;
    for (const chunk of chunks) await pglite.query(`COPY ${table} (${cols}) FROM '/dev/blob'`, [], { blob: new Blob([new Uint8Array(chunk)]) });
  }
  return performance.now() - started;
}

// --- Where the time goes -----------------------------------------------------------------------

/** The calls, milliseconds and rows of one statement in a QueryLog. */
export interface StatementTime {
  calls: number;
  ms: number;
  rows: number;
}

/** Times every statement run through it, by the first `keyLength` characters of its SQL (white space folded). */
export class QueryLog {
  readonly statements = new Map<string, StatementTime>();
  constructor(private readonly keyLength: number) {}
  /** The queryable (a scoped transaction), with every statement timed. */
  scoped(q: Queryable): Queryable {
    return {
      exec: async (sql: string) => {
        await this.time(sql, async () => {
          await q.exec(sql);
          return { rows: [], rowCount: 0 };
        });
      },
      copyIn: async (table: string, columns: readonly string[], text: string) => {
        await this.time(`COPY ${table}`, async () => {
          await q.copyIn(table, columns, text);
          return { rows: [], rowCount: 0 };
        });
      },
      query: <T>(sql: string, params?: readonly SqlParam[]) => this.time(sql, () => q.query<T>(sql, params)),
    };
  }
  /** The database, with every statement of its transactions timed. */
  database(db: Database): Database {
    const base = this.scoped(db);
    return {
      kind: db.kind,
      query: base.query,
      exec: base.exec,
      copyIn: base.copyIn,
      transaction: (fn) => db.transaction((tx) => fn(this.scoped(tx))),
      listen: (c, n, l) => db.listen(c, n, l),
      close: () => db.close(),
    };
  }
  private async time<T>(sql: string, run: () => Promise<QueryResult<T>>): Promise<QueryResult<T>> {
    const t0 = performance.now();
    const result = await run();
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, this.keyLength);
    const s = this.statements.get(key) ?? { calls: 0, ms: 0, rows: 0 };
    s.calls++;
    s.ms += performance.now() - t0;
    s.rows += result.rows.length;
    this.statements.set(key, s);
    return result;
  }
  /** The milliseconds of every statement together, unrounded. */
  elapsedMs(): number {
    return [...this.statements.values()].reduce((n, s) => n + s.ms, 0);
  }
  /** The statements, slowest first. */
  slowest(): [string, StatementTime][] {
    return [...this.statements.entries()].sort((a, b) => b[1].ms - a[1].ms);
  }
}

// --- Figures -----------------------------------------------------------------------------------

/** The value at quantile q (0 … 1) of the values, rounded to `digits` decimals. */
export function quantile(values: readonly number[], q: number, digits = 2): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(digits));
}

/** The machine the bench runs on, as benefits.ts and registry.ts print it. */
export const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };

// --- One database ------------------------------------------------------------------------------

/** A fresh bench database: embedded in dir/pg, or `name` created beside BENCH_DATABASE_URL (drop drops it, unless BENCH_KEEP is set: then it is kept for inspection and its name printed; url is its address). */
export async function open(kind: Kind, dir: string, name: string): Promise<{ db: Database; drop: () => Promise<void>; url: string | null }> {
  if (kind === 'embedded') return { db: await openEmbedded({ dataDir: path.join(dir, 'pg') }), drop: async () => undefined, url: null };
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  try {
    return {
      db: await openPostgres(u.toString(), 4),
      drop: async () => {
        if (process.env.BENCH_KEEP === undefined) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        else console.error(`kept database ${name}`);
        await admin.end();
      },
      url: u.toString(),
    };
  } catch (err) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    throw err;
  }
}

/** Signs a demo account (no second factor) in through app.inject: its session token and the headers a request needs. */
export async function signIn(app: FastifyInstance, username: string): Promise<{ session: string; headers: { cookie: string; 'x-csrf-token': string } }> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'xingfu_session');
  if (cookie === undefined) throw new Error('no session cookie');
  return { session: cookie.value, headers: { cookie: `xingfu_session=${cookie.value}`, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken } };
}

// --- Main --------------------------------------------------------------------------------------

/** A bench's main (script: its import.meta.url): a child runs one database and prints its JSON; else one child per database, postgres first. */
export async function runBench(script: string, run: (kind: Kind) => Promise<Record<string, unknown>>): Promise<void> {
  const file = fileURLToPath(script);
  const only = process.argv[2];
  if (only !== undefined && only !== 'postgres' && only !== 'embedded') throw new Error(`usage: bench/${path.basename(file)} [postgres|embedded], not ${only}`);
  if (process.env.XINGFU_BENCH_CHILD === '1' && only !== undefined) {
    process.stdout.write(`${JSON.stringify(await run(only))}\n`);
    return;
  }
  // One child process per database, postgres first: each one's peak RSS is its own.
  for (const kind of (['postgres', 'embedded'] as const).filter((k) => only === undefined || only === k)) {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, file, kind], { stdio: 'inherit', env: { ...process.env, XINGFU_BENCH_CHILD: '1' } });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) process.exit(code ?? 1);
  }
}
