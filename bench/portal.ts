/**
 * `npm run bench:portal [embedded|postgres]` (also part of `npm run bench`): the public portal
 * under load. The server runs in a process of its own on the demo district; autocannon opens
 * BENCH_PORTAL_CONNECTIONS (100) loopback connections and for BENCH_PORTAL_SECONDS (20) asks for
 * one article page as fast as the server answers, as readers (a browser user agent, so every
 * response goes through the view counter too). Beside it, the baseline: the same server's
 * static-file route (a built asset of the web app from web/dist through @fastify/static, or the
 * portal's stylesheet when the web app is not built) to the same connections for as long.
 * Printed: requests per second, latency p50/p90/p99/max, errors, and the ratio to the baseline.
 * Target (issue 19): ratio ≥ 0.5 and p99 < 50 ms on a 2-core machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { migrate } from '../src/db/migrate.ts';
import { usePortalKey } from '../src/modules/portal/signing.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { machine, open, runBench, type Kind } from './common.ts';
import { startServer, tearDown } from './server.ts';

const CONNECTIONS = Number(process.env.BENCH_PORTAL_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_PORTAL_SECONDS ?? 20);
const KEY = Buffer.alloc(32, 9);
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const webAssets = fileURLToPath(new URL('../web/dist/assets/', import.meta.url));

async function hammer(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { 'user-agent': BROWSER } });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** The static file the baseline asks for: a built asset of the web app, else the portal's stylesheet. */
async function staticPath(url: string): Promise<string> {
  const built = fs.existsSync(webAssets) ? fs.readdirSync(webAssets).find((f) => f.endsWith('.css') || f.endsWith('.js')) : undefined;
  if (built !== undefined) return `/assets/${built}`;
  const home = await (await fetch(`${url}/portal/`)).text();
  return /href="(\/portal\/assets\/[^"]+\.css)"/.exec(home)?.[1] ?? '/robots.txt';
}

async function run(kind: Kind): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bench-portal-'));
  const { db, drop, url: databaseUrl } = await open(kind, dir, `xingfu_bench_portal_${process.pid}`);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    usePortalKey(KEY);
    await migrate(db);
    await seedDemo(db, createSecrets(KEY));
    if (kind === 'embedded') await db.close();
    server = await startServer(KEY, kind === 'postgres' ? { DATABASE_URL: databaseUrl ?? '', XINGFU_DATA_DIR: dir } : { XINGFU_DATA_DIR: dir });
    const list = await (await fetch(`${server.url}/portal/news`)).text();
    const article = /href="(\/portal\/news\/[0-9a-f-]{36})"/.exec(list)?.[1];
    if (article === undefined) throw new Error('the demo portal lists no article');
    const baselinePath = await staticPath(server.url);
    // Warm both (the page is rendered once and kept), then measure the baseline first.
    for (const p of [article, baselinePath]) await (await fetch(`${server.url}${p}`, { headers: { 'user-agent': BROWSER } })).arrayBuffer();
    const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
    const baseline = await hammer(`${server.url}${baselinePath}`);
    const page = await hammer(`${server.url}${article}`);
    const ratio = Number((page.requestsPerSecond / Math.max(1, baseline.requestsPerSecond)).toFixed(3));
    return {
      bench: 'portal',
      database: kind,
      machine,
      connections: CONNECTIONS,
      seconds: SECONDS,
      articlePage: { path: '/portal/news/<id>', ...page },
      baseline: { what: `static file ${baselinePath} from the same server, same connections`, ...baseline },
      ratioToBaseline: ratio,
      target: { ratio: 0.5, p99Ms: 50, met: ratio >= 0.5 && page.latencyMs.p99 < 50 && page.errors === 0 },
      loadAverageAtStart: loadAtStart,
    };
  } finally {
    await tearDown(server, kind, db, drop, dir);
  }
}

await runBench(import.meta.url, run);
