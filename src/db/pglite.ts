import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, SqlParam } from './types.ts';

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    async copyIn(table: string, columns: readonly string[], text: string): Promise<void> {
      // The engine reads COPY's rows from a virtual file, which PostgreSQL allows only to
      // privileged roles: the rows are copied as the session's user (into the temporary table
      // the caller names), and the transaction's role is set again after. A failed COPY fails
      // the transaction, whose end restores the role.
      const role = (await target.query<{ role: string }>("SELECT current_setting('role') AS role")).rows[0]?.role ?? 'none';
      if (role !== 'none') await target.query("SELECT set_config('role', 'none', true)");
      await target.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
      if (role !== 'none') await target.query("SELECT set_config('role', $1, true)", [role]);
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
    copyIn: base.copyIn,
    async transaction(fn) {
      return pglite.transaction((tx) => fn(wrap(tx)));
    },
    async listen(channel, onNotify) {
      // In-process: notifications cannot be lost while the engine is open.
      return pglite.listen(channel, () => onNotify());
    },
    async close() {
      await pglite.close();
    },
  };
}
