/**
 * A statement sent now and awaited later, while this process works on the previous one's rows:
 * the database and the process then work at the same time. Should the work throw first, the
 * statement's own failure is not reported as an unhandled rejection.
 */
export function inFlight<T>(statement: Promise<T>): Promise<T> {
  statement.catch(() => undefined);
  return statement;
}
