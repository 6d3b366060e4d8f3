import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { DEMO_TODAY } from '../src/core/clock.ts';
import { migrate } from '../src/db/migrate.ts';
import { openEmbedded } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Database } from '../src/db/types.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { useAuditKey } from '../src/modules/audit/anchor.ts';
import { usePortalKey } from '../src/modules/portal/signing.ts';

/** The suite's secret key: it encrypts personal data and seals the audit entries the suite appends. */
export const testSecretKeyBytes = randomBytes(32);
export const testSecrets = createSecrets(testSecretKeyBytes);
useAuditKey(testSecretKeyBytes);
usePortalKey(testSecretKeyBytes);

/** A fresh copy of the migrated demo database for one suite, on the engine this run tests. */
export async function openTestDatabase(): Promise<Database> {
  const source = inject('testDatabase');
  if (source.kind === 'embedded') {
    const db = await openEmbedded({ loadDataDir: new Blob([fs.readFileSync(source.dumpPath)]) });
    await migrate(db);
    return db;
  }
  const name = `xingfu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: source.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source.template}`);
  const url = new URL(source.adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function testDatabaseKind(): 'embedded' | 'postgres' {
  return inject('testDatabase').kind;
}

/** The URL of a fresh empty server database, for suites that start server processes. */
export async function createServerDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = inject('testDatabase');
  if (source.kind !== 'postgres') throw new Error('needs the PostgreSQL server run');
  const name = `xingfu_proc_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: source.adminUrl });
  await admin.connect();
  // Empty: no migration applied, as a new production database is.
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : source.template}`);
  const url = new URL(source.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

/** An app on a fresh copy of the demo database, on the demo's own date unless `today` says otherwise ('real' for the real date). */
export async function startTestApp(options: { demo?: boolean; dataDir?: string; today?: string } = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const config = loadConfig(
    { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' },
    { demo: options.demo ?? false, today: options.today ?? DEMO_TODAY, ...(options.dataDir ? { dataDir: options.dataDir } : {}) },
  );
  const app = await buildApp({ config, db, secrets: testSecrets });
  await app.ready();
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A signed-in client: keeps the session cookie and sends the CSRF token. */
export interface Client {
  csrfToken: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'xingfu_session');
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `xingfu_session=${c.value}`;
}

export function clientFor(app: FastifyInstance, cookie: string, csrfToken: string): Client {
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  return {
    csrfToken,
    cookie,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    put: (url, body) => send('PUT', url, body),
    patch: (url, body) => send('PATCH', url, body),
  };
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return clientFor(app, sessionCookie(res), (res.json() as { csrfToken: string }).csrfToken);
}
