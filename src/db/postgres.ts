import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Queryable, QueryResult, SqlParam } from './types.ts';

// Keep 64-bit integers and dates as the embedded engine returns them: bigint as number when safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  // A transaction's statements may be sent before the previous one has finished (inFlight.ts):
  // they wait here for their turn, in the order sent, rather than in the driver's own queue
  // (deprecated, and to be removed in pg 9). The pool gives each statement a connection of its own.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    if (target instanceof pg.Pool) return run();
    const result = turn.then(run);
    turn = result.catch(() => undefined);
    return result;
  };
  return {
    copyIn: (table: string, columns: readonly string[], text: string) =>
      inTurn(async () => {
        // A COPY holds its connection from start to end: on the pool, take one for it.
        const client = target instanceof pg.Pool ? await target.connect() : target;
        try {
          await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
        } finally {
          if (client !== target) (client as pg.PoolClient).release();
        }
      }),
    exec: (sql: string) =>
      inTurn(async () => {
        await target.query(sql);
      }),
    query: <T>(sql: string, params: readonly SqlParam[] = []) =>
      inTurn(async (): Promise<QueryResult<T>> => {
        const result = await target.query(sql, params as unknown[]);
        return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
      }),
  };
}

/** A PostgreSQL server (production): a connection pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'xingfu' });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  await pool.query('SELECT 1');
  const base = wrap(pool);
  return {
    kind: 'postgres',
    pool,
    query: base.query,
    exec: base.exec,
    copyIn: base.copyIn,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify, onLost) {
      // A connection of its own, outside the pool: LISTEN lasts as long as the session.
      const client = new pg.Client({ connectionString: url, application_name: 'xingfu-listen' });
      let stopped = false;
      const lost = () => {
        if (!stopped) onLost();
        stopped = true;
      };
      client.on('notification', (n) => {
        if (n.channel === channel) onNotify();
      });
      client.on('error', lost);
      client.on('end', lost);
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      return async () => {
        stopped = true;
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await pool.end();
    },
  };
}
