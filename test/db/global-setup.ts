import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrate.ts';
import { openEmbedded } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { usePortalKey } from '../../src/modules/portal/signing.ts';
import { seedDemo } from '../../src/seed/demo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** 'embedded': a migrated, seeded data directory dump to start each suite from; 'postgres': a template database. */
    testDatabase: { kind: 'embedded'; dumpPath: string } | { kind: 'postgres'; adminUrl: string; template: string };
    /** The secret key of the run (hex): the demo's portal articles are signed with it, every suite uses it. */
    testSecretKey: string;
  }
}

/**
 * Builds the demo database once per run; each suite then starts from its own copy: an embedded
 * engine loaded from a dump, or a server database created from a template.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.XINGFU_TEST_DATABASE_URL;
  const secretKey = randomBytes(32);
  usePortalKey(secretKey);
  project.provide('testSecretKey', secretKey.toString('hex'));
  if (adminUrl) {
    const template = `xingfu_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const db = await openPostgres(url.toString(), 2);
    await migrate(db);
    await seedDemo(db);
    await db.close();
    project.provide('testDatabase', { kind: 'postgres', adminUrl, template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const db = await openEmbedded();
  await migrate(db);
  await seedDemo(db);
  const dump = await db.pglite.dumpDataDir('none');
  await db.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-test-'));
  const dumpPath = path.join(dir, 'demo.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'embedded', dumpPath });
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}
