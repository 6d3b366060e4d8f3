import path from 'node:path';
import type { Config } from '../config.ts';
import { lockDataDirectory } from './lock.ts';
import { migrate } from './migrate.ts';
import { openEmbedded } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './types.ts';

export type { Database, Queryable, SqlParam } from './types.ts';

/**
 * Opens the configured database — the PostgreSQL server of DATABASE_URL, or else the embedded
 * engine in the data directory, locked to this process — and brings its schema up to date.
 */
export async function openDatabase(config: Config, purpose: string): Promise<Database> {
  let db: Database;
  if (config.databaseUrl !== null) {
    db = await openPostgres(config.databaseUrl, config.dbPoolSize);
  } else {
    const lock = lockDataDirectory(config.dataDir, purpose);
    try {
      const embedded = await openEmbedded({ dataDir: path.join(config.dataDir, 'pg') });
      db = {
        ...embedded,
        close: async () => {
          await embedded.close();
          lock.release();
        },
      };
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
