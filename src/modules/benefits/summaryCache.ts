import type { Database } from '../../db/types.ts';

/** Summaries kept at most (a district's offices, townships and villages over a few years). */
const MAX_ENTRIES = 256;

/**
 * Year summaries kept in memory until the facts under them change. The database notifies channel
 * `benefit_data` when a transaction that changed the kept families or the parameters commits
 * (migration 0020); each notification drops every summary. A summary whose computation overlapped
 * a notification is served to its callers but not kept: its snapshot may predate the change.
 * Until the listener runs, and after it is lost, nothing is kept.
 *
 * Callers asking for the same summary while it is being computed share the one computation.
 */
export class SummaryCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  private generation = 0;
  private listening = false;
  private stop: (() => Promise<void>) | null = null;

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(
      'benefit_data',
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
