import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCheckpointCommand, auditVerifyCommand } from '../../src/cli/audit.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Queryable } from '../../src/db/types.ts';
import { deriveAuditKeys, sealOf } from '../../src/modules/audit/anchor.ts';
import { CheckpointWriter } from '../../src/modules/audit/checkpoints.ts';
import { login, startTestApp, testSecretKeyBytes, type TestApp } from '../helpers.ts';

const DISTRICT = '120114';

/** What someone who holds the database but not the secret key can do, run in a transaction that is rolled back. */
const unlocked = (sql: string) => `ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_seal DISABLE TRIGGER USER; ${sql}`;

/** Recomputes every entry's link and hash from entry `from` on, the way the database computes them. */
const recomputeFrom = (from: number) => `DO $$ DECLARE r record; prev text; BEGIN
  SELECT hash INTO prev FROM audit_log WHERE district_code = '${DISTRICT}' AND seq = ${from - 1};
  FOR r IN SELECT seq FROM audit_log WHERE district_code = '${DISTRICT}' AND seq >= ${from} ORDER BY seq LOOP
    UPDATE audit_log SET prev_hash = coalesce(prev, repeat('0', 64)) WHERE district_code = '${DISTRICT}' AND seq = r.seq;
    UPDATE audit_log a SET hash = xingfu_audit_hash(a) WHERE district_code = '${DISTRICT}' AND seq = r.seq RETURNING a.hash INTO prev;
  END LOOP;
END $$;`;

describe('the audit chain anchored outside the database', () => {
  let t: TestApp;
  let dir: string;
  let config: Config;
  /** The chain's length at the first checkpoint (no entry sealed yet), at the second, and now. */
  let legacyEnd: number;
  let checkpointed: number;
  let length: number;

  const lengthOf = async (db: Queryable) =>
    Number((await db.query<{ n: string }>('SELECT max(seq)::text AS n FROM audit_log WHERE district_code = $1', [DISTRICT])).rows[0]?.n);

  /** Runs an attack and the checks in one transaction, then rolls it back: the next test finds the chain intact. */
  async function attack(sql: string, check: (tx: Queryable) => Promise<void>): Promise<void> {
    const rollback = new Error('rolled back');
    await expect(
      t.db.transaction(async (tx) => {
        await tx.exec(unlocked(sql));
        await check(tx);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  }

  const verify = async (db: Queryable, overrides: Partial<Config> = {}) => {
    const result = await auditVerifyCommand(db, { ...config, ...overrides }, true);
    return {
      ...result,
      report: (JSON.parse(result.stdout) as Array<{ district: string; ok: boolean; firstBroken: unknown }>).find((r) => r.district === DISTRICT),
    };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-audit-anchor-'));
    t = await startTestApp({ dataDir: dir });
    config = loadConfig({}, { dataDir: dir, secretKey: testSecretKeyBytes.toString('hex'), auditCheckpointPath: path.join(dir, 'audit-checkpoints.jsonl') });
    // The entries loaded before the upgrade carry no seal; a checkpoint is taken at once.
    expect((await auditCheckpointCommand(t.db, config)).exitCode).toBe(0);
    legacyEnd = await lengthOf(t.db);
    await login(t.app, 'office');
    await login(t.app, 'auditor');
    const second = await auditCheckpointCommand(t.db, config);
    expect(second).toMatchObject({ exitCode: 0, stderr: expect.stringContaining('keep a copy') });
    checkpointed = await lengthOf(t.db);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ district: DISTRICT, seq: checkpointed, sealedFrom: legacyEnd + 1 });
    // Work after the latest checkpoint.
    await login(t.app, 'office');
    await login(t.app, 'sysadmin');
    length = await lengthOf(t.db);
    expect(length).toBeGreaterThan(checkpointed + 1);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seals every new entry and verifies the untouched chain against its checkpoints', async () => {
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_seal WHERE district_code = $1 AND seq > $2', [DISTRICT, legacyEnd]);
    expect(rows[0]?.n).toBe(length - legacyEnd);
    const result = await verify(t.db);
    expect(result.exitCode).toBe(0);
    expect(result.report).toMatchObject({ ok: true, checked: length, checkpoint: { seq: checkpointed } });
    const text = await auditVerifyCommand(t.db, config, false);
    expect(text.stdout).toContain(`${DISTRICT}: OK, ${length} entries; checkpoint of `);
    const auditor = await login(t.app, 'auditor');
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, checkpoint: { seq: checkpointed }, badCheckpointLines: [] });
  });

  it('fails on an edited entry', async () => {
    const seq = checkpointed + 1;
    await attack(`UPDATE audit_log SET actor_username = 'someone-else' WHERE district_code = '${DISTRICT}' AND seq = ${seq};`, async (tx) => {
      const result = await verify(tx);
      expect(result.exitCode).toBe(1);
      expect(result.report).toMatchObject({ ok: false, firstBroken: { seq, reason: 'hash' } });
      expect((await auditVerifyCommand(tx, config, false)).stdout).toContain(`BROKEN at entry ${seq} (hash`);
    });
  });

  it('fails on an edited entry whose hash and all later ones were recomputed without the key', async () => {
    const seq = checkpointed + 1;
    await attack(
      `UPDATE audit_log SET actor_username = 'someone-else' WHERE district_code = '${DISTRICT}' AND seq = ${seq}; ${recomputeFrom(seq)}`,
      async (tx) => {
        const result = await verify(tx);
        expect(result.exitCode).toBe(1);
        expect(result.report).toMatchObject({ ok: false, checked: seq - 1, firstBroken: { seq, reason: 'seal' } });
        expect((await auditVerifyCommand(tx, config, false)).stdout).toContain(`BROKEN at entry ${seq} (seal`);
        // A new checkpoint is not signed over it.
        const run = await new CheckpointWriter(tx, deriveAuditKeys(testSecretKeyBytes), path.join(dir, 'not-written.jsonl')).run({ onlyIfChanged: false });
        expect(run.written).toEqual([]);
        expect(run.broken).toMatchObject([{ district: DISTRICT, firstBroken: { seq, reason: 'seal' } }]);
      },
    );
  });

  it('fails when the recomputed entries are sealed again under another key, or their seals are removed', async () => {
    const seq = checkpointed + 1;
    const otherKeys = deriveAuditKeys(randomBytes(32));
    await attack(
      `UPDATE audit_log SET actor_username = 'someone-else' WHERE district_code = '${DISTRICT}' AND seq = ${seq}; ${recomputeFrom(seq)}
      DELETE FROM audit_seal WHERE district_code = '${DISTRICT}' AND seq >= ${seq};`,
      async (tx) => {
        const { rows } = await tx.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_log WHERE district_code = $1 AND seq >= $2', [
          DISTRICT,
          seq,
        ]);
        for (const row of rows) {
          await tx.query('INSERT INTO audit_seal (district_code, seq, mac) VALUES ($1, $2, $3)', [
            DISTRICT,
            Number(row.seq),
            sealOf(otherKeys, DISTRICT, Number(row.seq), row.hash),
          ]);
        }
        expect((await verify(tx)).report).toMatchObject({ ok: false, firstBroken: { seq, reason: 'seal' } });
      },
    );
    // Without any seal the chain would look like one from before the upgrade; the checkpoint says where sealing began.
    await attack(
      `UPDATE audit_log SET actor_username = 'someone-else' WHERE district_code = '${DISTRICT}' AND seq = ${seq}; ${recomputeFrom(seq)}
      DELETE FROM audit_seal WHERE district_code = '${DISTRICT}';`,
      async (tx) => {
        expect((await verify(tx)).report).toMatchObject({ ok: false, firstBroken: { seq: legacyEnd + 1, reason: 'seal' } });
      },
    );
  });

  it('fails when entries from before sealing began are edited and the whole chain recomputed', async () => {
    await attack(
      `UPDATE audit_log SET actor_username = 'someone-else' WHERE district_code = '${DISTRICT}' AND seq = 2; ${recomputeFrom(2)}
      DELETE FROM audit_seal WHERE district_code = '${DISTRICT}';`,
      async (tx) => {
        const result = await verify(tx);
        expect(result.exitCode).toBe(1);
        // The entry the first checkpoint ends on no longer carries its head.
        expect(result.report).toMatchObject({ ok: false, firstBroken: { seq: legacyEnd, reason: 'head' } });
      },
    );
  });

  it('fails when the newest entries are deleted', async () => {
    const keep = checkpointed - 1;
    await attack(
      `DELETE FROM audit_seal WHERE district_code = '${DISTRICT}' AND seq > ${keep}; DELETE FROM audit_log WHERE district_code = '${DISTRICT}' AND seq > ${keep};`,
      async (tx) => {
        const result = await verify(tx);
        expect(result.exitCode).toBe(1);
        expect(result.report).toMatchObject({ ok: false, checked: keep, firstBroken: { seq: keep + 1, reason: 'truncated' } });
        expect((await auditVerifyCommand(tx, config, false)).stdout).toContain(`BROKEN (truncated): the chain has ${keep} entries, its checkpoint of`);
      },
    );
  });

  it('fails on a changed line of the checkpoint file', async () => {
    const lines = fs.readFileSync(config.auditCheckpointPath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const changed = path.join(dir, 'changed-checkpoints.jsonl');
    const forged = { ...JSON.parse(lines[1] ?? ''), seq: checkpointed - 1 };
    fs.writeFileSync(changed, `${lines[0]}\n${JSON.stringify(forged)}\n`);
    const result = await verify(t.db, { auditCheckpointPath: changed });
    expect(result.exitCode).toBe(1);
    expect(result.report).toMatchObject({ ok: true });
    expect(result.stderr).toContain(`${changed} line 2: the signature does not match`);
    const auditor = await login(t.app, 'auditor');
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, badCheckpointLines: [] });
  });
});
