import type { FastifyInstance } from 'fastify';
import type { Database } from './types.ts';

/** Values kept at most (a district's offices, townships and villages over a few years). */
const MAX_ENTRIES = 256;

/**
 * Figures computed from the database, kept in memory until the rows under them change. Triggers
 * notify a channel when a transaction that changed those rows commits — `benefit_data` for the
 * year summaries (the kept families and the parameters, migration 0020), `benefit_enrolment` for
 * the home page's count of beneficiaries (0025) — and each notification drops every value kept. A
 * value whose computation overlapped a notification is served to its callers but not kept: its
 * snapshot may predate the change. Until the listener runs, and after it is lost, nothing is kept.
 *
 * Callers asking for the same value while it is being computed share the one computation.
 */
export class ChangeCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  private generation = 0;
  private listening = false;
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly channel: string) {}

  /**
   * Listens from the moment the server is ready until it closes. Without the listener the values
   * are computed on every request, as they would be without the cache (logged once as a warning).
   */
  keepWhile(app: FastifyInstance, db: Database, what: string): this {
    app.addHook('onReady', async () => {
      await this.start(db).catch((err: unknown) => app.log.warn({ err }, `${what} are not kept: no change notifications`));
    });
    app.addHook('onClose', () => this.close());
    return this;
  }

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(
      this.channel,
      () => this.invalidate(),
      () => {
        this.listening = false;
        this.invalidate();
      },
    );
    this.listening = true;
  }

  async close(): Promise<void> {
    this.listening = false;
    await this.stop?.();
    this.stop = null;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.listening) return compute();
    const kept = this.entries.get(key);
    if (kept) {
      // Most recently used last: the oldest entry is the first to go.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const generation = this.generation;
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const forget = () => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    };
    value.then(() => {
      if (generation !== this.generation) forget();
    }, forget);
    return value;
  }
}
