/**
 * `npm run bench:load [postgres|embedded]` (also part of `npm run bench`): signed-in users reading
 * at once. The server runs in a process of its own (`xingfu serve`, as in production); this process
 * signs in BENCH_LOAD_USERS users (50: half the office, half 杨村街道's township worker), each on a
 * connection of its own, and for BENCH_LOAD_SECONDS (60) each repeats the common reads of its
 * role's working day — the home page, a registry search, the benefits overview's year summary, the
 * reports' completeness — as fast as the server answers. Beside it, the baseline: the same server
 * answering `/api/health` (one `SELECT 1`) to the same number of connections for
 * BENCH_LOAD_BASELINE_SECONDS (10). Before the load each role's reads are asked for once, one at a
 * time (firstAnswerMs: what the first reader after a start waits, the year summary computed).
 * Printed: requests per second, latency p50/p90/p99/max over every request and per read, and
 * errors (connection errors, timeouts after 30 s, non-2xx).
 *
 * Sizes: the demo district, and on the PostgreSQL server also a district of BENCH_LOAD_PERSONS
 * (1,000,000; 0 for the demo only; bench/district.ts) — BENCH_LOAD_EMBEDDED_PERSONS sets one for the
 * embedded engine; BENCH_LOAD_DEMO=0 leaves the demo district out.
 * Target (issue 17): at one million persons, no error and p99 under one second.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrate } from '../src/db/migrate.ts';
import { parameterRows } from '../src/modules/benefits/parameterQueries.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { machine, open, quantile, runBench, type Kind } from './common.ts';
import { startServer, tearDown } from './server.ts';
import { buildDistrict, loadDistrict } from './district.ts';

const USERS = Number(process.env.BENCH_LOAD_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BENCH_LOAD_BASELINE_SECONDS ?? 10);
const PERSONS = Number(process.env.BENCH_LOAD_PERSONS ?? 1_000_000);
const EMBEDDED_PERSONS = process.env.BENCH_LOAD_EMBEDDED_PERSONS === undefined ? null : Number(process.env.BENCH_LOAD_EMBEDDED_PERSONS);
const TIMEOUT_SECONDS = 30;
const KEY = Buffer.alloc(32, 7);
const secrets = createSecrets(KEY);

/** The reads of a working day, by role (the server scopes each to the user). */
const COMMON_READS: { name: string; path: string }[] = [
  { name: 'home', path: '/api/home' },
  { name: 'registrySearch', path: `/api/registry/persons?q=${encodeURIComponent('王')}&pageSize=20` },
  { name: 'registrySearchPinyin', path: '/api/registry/persons?q=liu&pageSize=20' },
  { name: 'benefitsSummary', path: '/api/benefits/summary?year=2011' },
];
const ROLES: { username: string; reads: { name: string; path: string }[] }[] = [
  { username: 'office', reads: [...COMMON_READS, { name: 'completeness', path: '/api/coord/completeness?year=2011' }] },
  { username: 'township.yangcun', reads: COMMON_READS },
];
const READ_NAMES = [...new Set(ROLES.flatMap((r) => r.reads.map((read) => read.name)))];

/** A session cookie for a demo account, signed in through the API as a browser would. */
async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('xingfu_session='));
  if (cookie === undefined) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

interface Tally {
  latencies: number[];
  byRead: Map<string, number[]>;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: number;
}

const summary = (ms: number[]) => ({ p50: quantile(ms, 0.5, 1), p90: quantile(ms, 0.9, 1), p99: quantile(ms, 0.99, 1), max: quantile(ms, 1, 1) });

/** One autocannon instance per user (one connection each, its own session), all at once; every response's latency kept. */
async function load(
  url: string,
  sessions: { cookie: string; reads: { name: string; path: string }[] }[],
  seconds: number,
): Promise<Tally & { seconds: number }> {
  const tally: Tally = { latencies: [], byRead: new Map(), errors: 0, timeouts: 0, non2xx: 0, requests: 0 };
  const started = performance.now();
  await Promise.all(
    sessions.map(({ cookie, reads }, user) => {
      // Users start at different reads, so that every read is asked for by many at once but not in lockstep.
      const order = reads.map((_, i) => reads[(i + user) % reads.length] as { name: string; path: string });
      let next = 0;
      return new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            connections: 1,
            duration: seconds,
            timeout: TIMEOUT_SECONDS,
            headers: { cookie },
            requests: order.map((r) => ({ method: 'GET' as const, path: r.path })),
          },
          (err, result) => {
            if (err) return reject(err);
            tally.errors += result.errors;
            tally.timeouts += result.timeouts;
            tally.requests += result.requests.total;
            resolve();
          },
        );
        // One connection without pipelining: responses come back in the order of the reads.
        instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
          const read = order[next % order.length]?.name ?? '';
          next++;
          tally.latencies.push(responseTime);
          const list = tally.byRead.get(read) ?? [];
          list.push(responseTime);
          tally.byRead.set(read, list);
          if (statusCode < 200 || statusCode >= 300) tally.non2xx++;
        });
      });
    }),
  );
  return { ...tally, seconds: (performance.now() - started) / 1000 };
}

async function runSize(kind: Kind, persons: number | 'demo'): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bench-load-'));
  const { db, drop, url: databaseUrl } = await open(kind, dir, `xingfu_bench_load_${process.pid}_${persons === 'demo' ? 'demo' : persons}`);
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    let t0 = performance.now();
    await migrate(db);
    if (persons === 'demo') {
      await seedDemo(db, secrets);
    } else {
      await seedDemo(db); // organisation, parameters and the demo accounts (no register)
      const district = buildDistrict(persons, await parameterRows(db), '2011-06-01', secrets);
      await loadDistrict(db, district);
    }
    const registered = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]?.n);
    const prepareSeconds = (performance.now() - t0) / 1000;
    // The embedded engine serves one process: this one lets go of it before the server opens it.
    if (kind === 'embedded') await db.close();
    // The bench's own data directory on either engine: the server writes its audit checkpoints there.
    server = await startServer(KEY, kind === 'postgres' ? { DATABASE_URL: databaseUrl ?? '', XINGFU_DATA_DIR: dir } : { XINGFU_DATA_DIR: dir });

    const users: { cookie: string; reads: { name: string; path: string }[] }[] = [];
    for (let i = 0; i < USERS; i++) {
      const role = ROLES[i % ROLES.length] as (typeof ROLES)[number];
      users.push({ cookie: await signIn(server.url, role.username), reads: role.reads });
    }
    // Each role's reads once, one after the other, before the load: the first answer of a kept
    // figure (the year summary) after a start or a change is computed then; its time is printed.
    const firstAnswerMs: Record<string, Record<string, number>> = {};
    for (const role of ROLES) {
      const cookie = users.find((_, i) => ROLES[i % ROLES.length] === role)?.cookie ?? '';
      firstAnswerMs[role.username] = {};
      for (const read of role.reads) {
        const t = performance.now();
        const res = await fetch(`${server.url}${read.path}`, { headers: { cookie } });
        await res.arrayBuffer();
        (firstAnswerMs[role.username] as Record<string, number>)[read.name] = Math.round(performance.now() - t);
      }
    }
    const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));

    t0 = performance.now();
    const baseline = await load(
      server.url,
      users.map((u) => ({ cookie: u.cookie, reads: [{ name: 'health', path: '/api/health' }] })),
      BASELINE_SECONDS,
    );
    const run = await load(server.url, users, SECONDS);
    const rps = (t: { requests: number; seconds: number }) => Math.round(t.requests / t.seconds);
    return {
      persons: registered,
      users: USERS,
      roles: ROLES.map((r) => r.username),
      prepareSeconds: Number(prepareSeconds.toFixed(1)),
      load: {
        seconds: Number(run.seconds.toFixed(1)),
        requests: run.requests,
        requestsPerSecond: rps(run),
        latencyMs: summary(run.latencies),
        byRead: Object.fromEntries(READ_NAMES.map((name) => [name, { requests: run.byRead.get(name)?.length ?? 0, ...summary(run.byRead.get(name) ?? []) }])),
        errors: run.errors,
        timeouts: run.timeouts,
        non2xx: run.non2xx,
      },
      baseline: {
        what: '/api/health (SELECT 1) on the same server, same connections',
        seconds: Number(baseline.seconds.toFixed(1)),
        requestsPerSecond: rps(baseline),
        latencyMs: summary(baseline.latencies),
        errors: baseline.errors + baseline.timeouts + baseline.non2xx,
      },
      firstAnswerMs,
      ratioToBaseline: Number((rps(run) / Math.max(1, rps(baseline))).toFixed(3)),
      target:
        persons === 'demo' ? null : { errors: 0, p99Ms: 1000, met: run.errors + run.timeouts + run.non2xx === 0 && quantile(run.latencies, 0.99, 1) < 1000 },
      loadAverageAtStart: loadAtStart,
    };
  } finally {
    await tearDown(server, kind, db, drop, dir);
  }
}

async function run(kind: Kind): Promise<Record<string, unknown>> {
  const sizes: (number | 'demo')[] = process.env.BENCH_LOAD_DEMO === '0' ? [] : ['demo'];
  if (kind === 'postgres' && PERSONS > 0) sizes.push(PERSONS);
  else if (EMBEDDED_PERSONS !== null) sizes.push(EMBEDDED_PERSONS);
  const runs = [];
  for (const size of sizes) runs.push(await runSize(kind, size));
  return { bench: 'load', database: kind, machine, runs };
}

await runBench(import.meta.url, run);
