import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, SqlParam } from './types.ts';

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    async query<T>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/** The embedded default: PostgreSQL compiled to WASM, running in this process. */
export async function openEmbedded(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    // Dates stay 'YYYY-MM-DD' strings, as the server driver is set to return them.
    parsers: { [types.DATE]: (value: string) => value },
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
  });
  const base = wrap(pglite);
  return {
    kind: 'embedded',
    pglite,
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      return pglite.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      await pglite.close();
    },
  };
}
