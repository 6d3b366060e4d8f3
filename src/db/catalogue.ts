/**
 * What a backup and a restore ask of the database as a whole, whatever the modules keep in it:
 * the rows of every table of the application's schema, and whether a server is empty to restore into.
 */
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import type { Queryable } from './types.ts';

/** Rows of every table in the public schema, by table name. */
export async function tableCounts(db: Queryable): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const counts: Record<string, number> = {};
  for (const t of tables) {
    counts[t.name] = Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t.name.replace(/"/g, '""')}"`)).rows[0]?.n ?? 0);
  }
  return counts;
}

/** Refuses a server database that already has tables; makes sure the application's role exists there, as a dump grants to it. */
export async function assertEmptyServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    if ((rows[0]?.n ?? 0) > 0) throw new AppError('restore_not_empty');
    // The application's role is the cluster's, not the database's: the dump grants to it.
    await client.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xingfu_app') THEN CREATE ROLE xingfu_app NOLOGIN; END IF; END $$`);
  } finally {
    await client.end();
  }
}

/** A round trip to the database: the health check's proof that it answers. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
