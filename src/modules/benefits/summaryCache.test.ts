import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/types.ts';
import { SummaryCache } from './summaryCache.ts';

/** A database whose notifications the test sends by hand. */
function notifier() {
  const handlers: { notify: () => void; lost: () => void }[] = [];
  const db = {
    listen: async (_channel: string, notify: () => void, lost: () => void) => {
      handlers.push({ notify, lost });
      return async () => undefined;
    },
  } as unknown as Database;
  return { db, notify: () => handlers.forEach((h) => h.notify()), lose: () => handlers.forEach((h) => h.lost()) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('kept year summaries', () => {
  it('computes once per key until a change is notified, and shares a computation under way', async () => {
    const { db, notify } = notifier();
    const cache = new SummaryCache<number>();
    await cache.start(db);
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, await cache.get('k', compute), runs]).toEqual([1, 1, 1, 1]);
    expect(await cache.get('other', compute)).toBe(2);
    notify();
    expect(await cache.get('k', compute)).toBe(3);
  });

  it('does not keep a summary whose computation overlapped a change', async () => {
    const { db, notify } = notifier();
    const cache = new SummaryCache<string>();
    await cache.start(db);
    const slow = deferred<string>();
    const pending = cache.get('k', () => slow.promise);
    notify(); // a write committed while the summary was read from an older snapshot
    slow.resolve('old');
    expect(await pending).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('keeps nothing before it listens or after the listener is lost, and forgets failures', async () => {
    const { db, lose } = notifier();
    const cache = new SummaryCache<number>();
    let runs = 0;
    const compute = async () => ++runs;
    await cache.get('k', compute);
    await cache.get('k', compute);
    expect(runs).toBe(2);
    await cache.start(db);
    await expect(cache.get('f', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await cache.get('f', compute)).toBe(3);
    lose();
    await cache.get('k', compute);
    await cache.get('k', compute);
    expect(runs).toBe(5);
  });
});
