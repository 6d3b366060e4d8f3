/**
 * Article view counts: counted in memory and written in batches (one statement every few seconds,
 * not one write per view), so a crash loses at most the last few seconds. A reader who reloads an
 * article within half an hour is counted once; known crawlers and scripts are not counted.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/types.ts';
import { withScope } from '../../db/scope.ts';
import { addViews } from './publicQueries.ts';
import { portalReader } from './snapshot.ts';

/** User agents that are not readers: search engines, link checkers, scripts. */
const NOT_A_READER =
  /bot|spider|crawl|slurp|bingpreview|mediapartners|facebookexternalhit|headless|python|curl|wget|httpclient|java\/|go-http|okhttp|axios|node-fetch|libwww|scrapy|phantomjs|monitor|checker/i;

export const isCrawler = (userAgent: string | undefined): boolean => userAgent === undefined || userAgent === '' || NOT_A_READER.test(userAgent);

const REPEAT_WINDOW_MS = 30 * 60_000;
const MAX_REMEMBERED = 200_000;

export class ViewCounter {
  /** Views counted and not yet written, by article. */
  private pending = new Map<string, number>();
  /** Views written or pending since the counts were last read from the database, by article. */
  private sinceRead = new Map<string, number>();
  /** Reader-and-article keys counted recently, with when they may count again. */
  private recent = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly district: () => string | null,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 2000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Counts one view of an article by a reader (address and user agent); true when it counted. */
  count(articleId: string, address: string, userAgent: string | undefined): boolean {
    if (isCrawler(userAgent)) return false;
    const now = Date.now(); // real clock: the repeat window is real time
    const key = createHash('sha256')
      .update(`${address}\u0000${userAgent ?? ''}\u0000${articleId}`)
      .digest('base64');
    const until = this.recent.get(key);
    if (until !== undefined && until > now) return false;
    if (this.recent.size >= MAX_REMEMBERED) this.forgetExpired(now);
    this.recent.set(key, now + REPEAT_WINDOW_MS);
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
    this.sinceRead.set(articleId, (this.sinceRead.get(articleId) ?? 0) + 1);
    return true;
  }

  /** Views of an article beyond what the database held when the counts were last read. */
  extra(articleId: string): number {
    return this.sinceRead.get(articleId) ?? 0;
  }

  /** The counts were read from the database again (what was written is in them; what is pending is not). */
  countsRead(): void {
    this.sinceRead = new Map(this.pending);
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.recent) if (until <= now) this.recent.delete(key);
    // Still full of readers within their window: forget the oldest half rather than grow.
    if (this.recent.size >= MAX_REMEMBERED) [...this.recent.keys()].slice(0, MAX_REMEMBERED / 2).forEach((k) => this.recent.delete(k));
  }

  /** Writes the pending views in one statement; views that fail to be written are kept for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const district = this.district();
    if (this.pending.size === 0 || district === null) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await withScope(this.db, portalReader(district), (tx) => addViews(tx, [...batch.keys()], [...batch.values()]));
    } catch (err) {
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      this.onError(err);
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
