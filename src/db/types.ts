export type SqlParam = string | number | boolean | null | Date | Buffer | readonly (string | number | boolean | null)[];

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>>;
  /** Runs several statements separated by semicolons (migrations, seeds); no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Loads rows into a table with COPY … FROM STDIN: `text` in COPY's text format (src/db/copy.ts).
   * For a temporary table of the transaction: COPY does not pass row-level security.
   */
  copyIn(table: string, columns: readonly string[], text: string): Promise<void>;
}

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls onNotify for each NOTIFY on `channel` (delivered after the notifying transaction
   * commits), and onLost once if the engine can no longer deliver them (a dropped connection).
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
