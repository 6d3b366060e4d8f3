import type { Database } from '../src/db/types.ts';

/**
 * Tells whether anything in the database changed between two points, cheaply and on both engines.
 *
 * First the transaction-id horizon (pg_snapshot_xmax of the current snapshot, the first id not yet
 * handed out): no insert, update or delete happens without taking a new id, so an unmoved horizon
 * means nothing was written. When it has moved (a write, a rolled-back write, or on a shared
 * server another database's work), each table's row count and the newest transaction id among
 * its rows (max xmin) are compared: an insert or an update leaves a newer xmin, a delete lowers
 * the count, and a rolled-back write leaves both as they were.
 */
export class WriteWatch {
  private marksQuery = '';
  private horizon = '';
  private marks = new Map<string, string>();

  constructor(private readonly db: Database) {}

  private async currentHorizon(): Promise<string> {
    return (await this.db.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x')).rows[0]?.x ?? '';
  }

  private async currentMarks(): Promise<Map<string, string>> {
    if (!this.marksQuery) {
      const tables = await this.db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      this.marksQuery = tables.rows
        .map(({ name }) => `SELECT '${name}' AS name, count(*) || ':' || coalesce(max(xmin::text::int8), 0) AS mark FROM "${name}"`)
        .join(' UNION ALL ');
    }
    const { rows } = await this.db.query<{ name: string; mark: string }>(this.marksQuery);
    return new Map(rows.map((r) => [r.name, r.mark]));
  }

  /** Takes the state to compare with; cheap when nothing was written since the last call. */
  async settle(): Promise<void> {
    const horizon = await this.currentHorizon();
    if (horizon === this.horizon) return;
    this.marks = await this.currentMarks();
    this.horizon = horizon;
  }

  /**
   * The tables written since the last settle(), with the newest transaction id each held then (to
   * find the rows written since); the state now becomes the one to compare with.
   */
  async changedTables(): Promise<{ name: string; newestBefore: string }[]> {
    const horizon = await this.currentHorizon();
    if (horizon === this.horizon) return [];
    const before = this.marks;
    this.marks = await this.currentMarks();
    this.horizon = horizon;
    return [...this.marks]
      .filter(([name, mark]) => before.get(name) !== mark)
      .map(([name]) => ({ name, newestBefore: before.get(name)?.split(':')[1] ?? '0' }));
  }
}
