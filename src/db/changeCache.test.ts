import { describe, expect, it } from 'vitest';
import { ChangeCache } from './changeCache.ts';
import type { Database } from './types.ts';

/** A database whose notifications the test sends by hand. */
function notifier() {
  const handlers: { channel: string; notify: () => void; lost: () => void }[] = [];
  const db = {
    listen: async (channel: string, notify: () => void, lost: () => void) => {
      handlers.push({ channel, notify, lost });
      return async () => undefined;
    },
  } as unknown as Database;
  return {
    db,
    channels: () => handlers.map((h) => h.channel),
    notify: () => handlers.forEach((h) => h.notify()),
    lose: () => handlers.forEach((h) => h.lost()),
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('values kept until their rows change', () => {
  it('computes once per key until a change is notified on its channel, and shares a computation under way', async () => {
    const { db, channels, notify } = notifier();
    const cache = new ChangeCache<number>('benefit_enrolment');
    await cache.start(db);
    expect(channels()).toEqual(['benefit_enrolment']);
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
    const cache = new ChangeCache<string>('benefit_data');
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
    const cache = new ChangeCache<number>('benefit_data');
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
