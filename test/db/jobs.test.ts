import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/types.ts';
import os from 'node:os';
import { enqueueJob, failJob, finishJob, getJob, saveProgress, startOwnJob } from '../../src/modules/jobs/queries.ts';
import { claimJob, releaseOrphans, workerName } from '../../src/modules/jobs/queue.ts';
import { openTestDatabase } from '../helpers.ts';

describe('background jobs in PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db.close());

  it('hands each job to one worker, keeps progress, and finishes it', async () => {
    const id = await enqueueJob(db, { district: '120114', kind: 'test.count', payload: { upTo: 3 } });
    const [a, b] = await Promise.all([claimJob(db, 'worker-a', ['test.count']), claimJob(db, 'worker-b', ['test.count'])]);
    const claimed = [a, b].filter((j) => j !== null);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ id, state: 'running', attempts: 1, payload: { upTo: 3 } });
    await saveProgress(db, claimed[0]!, { done: 2 });
    expect((await getJob(db, '120114', id))?.progress).toEqual({ done: 2 });
    await finishJob(db, claimed[0]!, { total: 3 });
    expect(await getJob(db, '120114', id)).toMatchObject({ state: 'done', result: { total: 3 } });
    expect(await claimJob(db, 'worker-a', ['test.count'])).toBeNull();
  });

  it('gives a job whose worker died to another worker, with its progress, and records failures', async () => {
    const id = await enqueueJob(db, { district: '120114', kind: 'test.resume', payload: {} });
    const first = await claimJob(db, 'worker-a', ['test.resume']);
    await saveProgress(db, first!, { chunk: 4 });
    expect(await claimJob(db, 'worker-b', ['test.resume'])).toBeNull();
    await db.query("UPDATE job SET locked_at = now() - interval '10 minutes' WHERE id = $1", [id]);
    const resumed = await claimJob(db, 'worker-b', ['test.resume']);
    expect(resumed).toMatchObject({ id, attempts: 2, progress: { chunk: 4 } });
    await failJob(db, resumed!, 'file vanished');
    expect(await getJob(db, '120114', id)).toMatchObject({ state: 'failed', error: 'file vanished' });
  });

  it("takes up at once the jobs of a dead worker of this host, and fails a dead command line's", async () => {
    const dead = `serve:${os.hostname()}:99999999`; // no such process
    const alive = `serve:${os.hostname()}:${process.ppid}`;
    const elsewhere = 'serve:another-host:1';
    const ids: string[] = [];
    for (const worker of [dead, alive, elsewhere]) {
      const id = await startOwnJob(db, { district: '120114', kind: 'test.orphans', payload: { worker }, worker });
      ids.push(id);
    }
    // A job just locked is not claimable: its lease runs.
    expect(await claimJob(db, 'w', ['test.orphans'])).toBeNull();
    expect(await releaseOrphans(db, ['test.orphans'])).toBe(1);
    const claimed = await claimJob(db, workerName('w'), ['test.orphans']);
    expect(claimed?.id).toBe(ids[0]);
    expect(await claimJob(db, 'w', ['test.orphans'])).toBeNull();

    const cli = await startOwnJob(db, { district: '120114', kind: 'test.cli', payload: {}, worker: `cli:${os.hostname()}:99999998` });
    const mine = await startOwnJob(db, { district: '120114', kind: 'test.cli', payload: {}, worker: workerName('cli') });
    expect(await releaseOrphans(db, ['test.cli'], 'interrupted')).toBe(1);
    expect(await getJob(db, '120114', cli)).toMatchObject({ state: 'failed', error: 'interrupted' });
    expect(await getJob(db, '120114', mine)).toMatchObject({ state: 'running' });
    // A command line on another host, silent for a quarter of an hour, is gone too.
    const far = await startOwnJob(db, { district: '120114', kind: 'test.cli', payload: {}, worker: 'cli:another-host:7' });
    await db.query(`UPDATE job SET locked_at = now() - interval '16 minutes' WHERE id = $1`, [far]);
    expect(await releaseOrphans(db, ['test.cli'], 'interrupted')).toBe(1);
    expect((await getJob(db, '120114', far))?.state).toBe('failed');
  });
});
