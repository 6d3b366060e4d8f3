import { inFlight } from './inFlight.ts';
import type { Queryable, SqlParam } from './types.ts';

/**
 * The rows of a query in batches, through a cursor of the transaction: the next batch is asked
 * for before the current one is handed over, so the database produces it while this process
 * works on the current one, and no batch outlives its turn (a million rows read at once stay in
 * memory together until the last arrives).
 *
 * The cursor is planned for all its rows (cursor_tuple_fraction 1): a cursor is otherwise planned
 * for its first tenth, which turns a district's hash joins into index probes.
 */
export class Cursor<T> {
  private next: Promise<{ rows: T[] }>;

  private constructor(
    private readonly tx: Queryable,
    private readonly name: string,
    private readonly batchSize: number,
  ) {
    this.next = this.fetch();
  }

  /**
   * Declares the cursor and asks for its first batch (which the caller awaits by iterating).
   * `planWith`: settings in force while the cursor is planned (at its declaration), restored after.
   */
  static async open<T>(
    tx: Queryable,
    name: string,
    sql: string,
    params: readonly SqlParam[],
    batchSize: number,
    planWith: Record<string, string> = {},
  ): Promise<Cursor<T>> {
    const settings = { ...planWith, cursor_tuple_fraction: '1' };
    const names = Object.keys(settings);
    const {
      rows: [was],
    } = await tx.query<{ was: string[] }>('SELECT array_agg(current_setting(name)) AS was FROM unnest($1::text[]) AS name', [names]);
    await tx.query('SELECT set_config(name, value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [names, Object.values(settings)]);
    await tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    await tx.query('SELECT set_config(name, value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [names, was?.was ?? []]);
    return new Cursor<T>(tx, name, batchSize);
  }

  /** The batches in order; the cursor is closed after the last. */
  async *batches(): AsyncGenerator<T[]> {
    for (;;) {
      const { rows } = await this.next;
      const last = rows.length < this.batchSize;
      if (!last) this.next = this.fetch();
      yield rows;
      if (last) break;
    }
    await this.tx.query(`CLOSE ${this.name}`);
  }

  private fetch(): Promise<{ rows: T[] }> {
    return inFlight(this.tx.query<T>(`FETCH ${this.batchSize} FROM ${this.name}`));
  }
}
