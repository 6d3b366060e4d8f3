import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DEMO_TODAY } from '../../src/core/clock.ts';
import type { Database } from '../../src/db/types.ts';
import { rotateDataKeys, sealedStatus, sealedTables } from '../../src/modules/keys/rotation.ts';
import { confirmationCandidates } from '../../src/seed/candidates.ts';
import { seedApplications, seedEnrolments } from '../../src/seed/enrolments.ts';
import { loadPopulation } from '../../src/seed/loadPopulation.ts';
import { generatePopulation } from '../../src/seed/population.ts';
import { buildApp } from '../../src/server/app.ts';
import { aesGcmSeal } from '../../src/server/ciphers.ts';
import { createSecrets, type Secrets } from '../../src/server/secrets.ts';
import { login, openTestDatabase } from '../helpers.ts';

describe('rotating the data key and cipher', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  const aesA = createSecrets(keyA);
  const households = generatePopulation(7, {
    rewardCouples: 25,
    rewardWidowed: 2,
    specialDeathCouples: 3,
    specialDeathSingles: 1,
    specialDisabilityCouples: 3,
    specialDisabilitySingles: 1,
    xiazhuzhuangCouples: 3,
    others: 20,
  });
  const candidates = confirmationCandidates(households);
  const people = [...households, ...candidates].flatMap((h) => [...h.parents, ...h.children]);
  const totp = 'JBSWY3DPEHPK3PXP';
  let db: Database;
  let accounts: Map<string, string>;

  beforeAll(async () => {
    db = await openTestDatabase();
    await loadPopulation(db, aesA, '120114', households);
    await loadPopulation(db, aesA, '120114', candidates);
    await seedEnrolments(db, aesA, '120114');
    await seedApplications(db, aesA);
    await db.query("UPDATE app_user SET totp_secret = $1 WHERE username = 'auditor'", [aesA.encrypt(totp)]);
    // Some phone numbers as written before key ids (v1: AES-256-GCM under the key, no header).
    await db.query(`UPDATE person AS p SET phone_enc = v.enc FROM unnest($1::text[], $2::text[]) AS v(hash, enc) WHERE p.id_number_hash = v.hash`, [
      people.slice(0, 10).map((p) => aesA.lookupHash(`id:${p.idNumber}`)),
      people.slice(0, 10).map((p) => (p.phone === null ? null : `v1:${aesGcmSeal(keyA, randomBytes(12), Buffer.alloc(0), p.phone).toString('base64')}`)),
    ]);
    accounts = await bankAccounts(aesA);
    expect(accounts.size).toBeGreaterThan(0);
  });
  afterAll(async () => db.close());

  async function bankAccounts(secrets: Secrets): Promise<Map<string, string>> {
    const { rows } = await db.query<{ id: string; bank_account_enc: string }>(
      'SELECT id, bank_account_enc FROM benefit_enrolment UNION ALL SELECT id, bank_account_enc FROM benefit_application',
    );
    return new Map(rows.map((r) => [r.id, secrets.decrypt(r.bank_account_enc)]));
  }

  /** Every person's ID and phone number opens under `secrets`, and the app finds each by ID number. */
  async function expectRegisterReadable(secrets: Secrets, options: { hashesCurrent: boolean }): Promise<void> {
    const { rows } = await db.query<{ id_number_enc: string; id_number_hash: string; phone_enc: string | null }>(
      'SELECT id_number_enc, id_number_hash, phone_enc FROM person',
    );
    expect(rows).toHaveLength(people.length);
    const opened = new Map(rows.map((r) => [secrets.decrypt(r.id_number_enc), r]));
    for (const p of people) {
      const row = opened.get(p.idNumber);
      expect(row, p.idNumber).toBeDefined();
      expect(row?.phone_enc === null || row?.phone_enc === undefined ? null : secrets.decrypt(row.phone_enc)).toBe(p.phone);
      if (options.hashesCurrent) expect(row?.id_number_hash).toBe(secrets.lookupHash(`id:${p.idNumber}`));
    }
    expect(await bankAccounts(secrets)).toEqual(accounts);
    const {
      rows: [auditor],
    } = await db.query<{ totp_secret: string }>("SELECT totp_secret FROM app_user WHERE username = 'auditor'");
    expect(secrets.decrypt(auditor?.totp_secret ?? '')).toBe(totp);
    const app = await appWith(secrets);
    try {
      const office = await login(app, 'office');
      for (const p of people) {
        const found = (await office.get(`/api/registry/persons?q=${p.idNumber}`)).json() as { items: { name: string }[] };
        expect(
          found.items.map((x) => x.name),
          p.idNumber,
        ).toEqual([p.name]);
      }
    } finally {
      await app.close();
    }
  }

  async function appWith(secrets: Secrets): Promise<FastifyInstance> {
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, { demo: false, today: DEMO_TODAY }), db, secrets });
    await app.ready();
    return app;
  }

  const versions = async () =>
    (
      await db.query<{ v: string }>(
        "SELECT string_agg(id::text || ':' || version, ',' ORDER BY id) AS v FROM (SELECT id, version FROM person UNION ALL SELECT id, version FROM benefit_application) r",
      )
    ).rows[0]?.v;
  const history = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_history')).rows[0]?.n;

  it('knows every sealed column of the schema', async () => {
    const { rows } = await db.query<{ t: string; c: string }>(
      `SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND (c.column_name LIKE '%\\_enc' OR c.column_name = 'totp_secret') ORDER BY 1, 2`,
    );
    expect(rows.map((r) => `${r.t}.${r.c}`)).toEqual(sealedTables.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`)).sort());
  });

  it('moves AES-256-GCM to SM4 under a new key, stopped midway and resumed, the app reading both meanwhile', async () => {
    const rotating = createSecrets(keyB, { cipher: 'sm4', previous: [keyA] });
    const [versionsBefore, historyBefore] = [await versions(), await history()];
    const first = await rotateDataKeys(db, rotating, { batchSize: 20, maxBatches: 3 });
    expect(first).toMatchObject({ complete: false, batches: 3, rows: { person: 60, app_user: 0 } });
    expect((await sealedStatus(db, rotating)).filter((c) => c.table === 'person' && c.current).reduce((n, c) => n + c.rows, 0)).toBeGreaterThanOrEqual(60);
    await expectRegisterReadable(rotating, { hashesCurrent: false });

    const second = await rotateDataKeys(db, rotating, { batchSize: 20 });
    expect(second.complete).toBe(true);
    expect((first.rows.person ?? 0) + (second.rows.person ?? 0)).toBe(people.length);
    const applications = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM benefit_application')).rows[0]?.n ?? 0;
    expect(applications).toBeGreaterThan(0);
    expect(second.rows).toMatchObject({ app_user: 1, benefit_application: applications, benefit_enrolment: accounts.size - applications });
    expect((await sealedStatus(db, rotating)).every((c) => c.current && c.form === rotating.prefix.slice(0, -1))).toBe(true);
    // Re-encryption is not a change to the record: no history snapshot, no new version.
    expect(await versions()).toBe(versionsBefore);
    expect(await history()).toBe(historyBefore);
    // The old key can go: everything opens, and every person is found, under the new key alone.
    await expectRegisterReadable(createSecrets(keyB, { cipher: 'sm4' }), { hashesCurrent: true });
    const {
      rows: [sample],
    } = await db.query<{ id_number_enc: string }>('SELECT id_number_enc FROM person LIMIT 1');
    expect(() => createSecrets(keyA).decrypt(sample?.id_number_enc ?? '')).toThrow(/not given/);
    const logged = await db.query<{ action: string; entity_id: string; detail: { complete?: boolean; cipher: string } }>(
      "SELECT action, entity_id, detail FROM audit_log WHERE entity_type = 'data_key' ORDER BY seq",
    );
    expect(logged.rows.map((r) => [r.action, r.detail.complete ?? null])).toEqual([
      ['keys.rotate.start', null],
      ['keys.rotate', false],
      ['keys.rotate.start', null],
      ['keys.rotate', true],
    ]);
    expect(logged.rows.every((r) => r.detail.cipher === 'sm4' && rotating.prefix.includes(r.entity_id))).toBe(true);
  });

  it('moves back to AES-256-GCM under the first key, resumed after a stop, a stale write picked up again', async () => {
    const rotating = createSecrets(keyA, { cipher: 'aes-256-gcm', previous: [keyB] });
    const first = await rotateDataKeys(db, rotating, { batchSize: 7, maxBatches: 5 });
    expect(first).toMatchObject({ complete: false, batches: 5, rows: { person: 35 } });
    // A value written under the old key after its row was done (an app process not yet restarted with the new key).
    const sm4 = createSecrets(keyB, { cipher: 'sm4' });
    const {
      rows: [done],
    } = await db.query<{ id: string; id_number_enc: string }>(
      'SELECT id, id_number_enc FROM person WHERE starts_with(id_number_enc, $1) ORDER BY district_code, id LIMIT 1',
      [rotating.prefix],
    );
    await db.query('UPDATE person SET id_number_enc = $1 WHERE id = $2', [sm4.encrypt(rotating.decrypt(done?.id_number_enc ?? '')), done?.id ?? '']);
    const second = await rotateDataKeys(db, rotating, { batchSize: 7 });
    expect(second.complete).toBe(true);
    expect(second.rows.person).toBe(people.length - 35 + 1);
    await expectRegisterReadable(createSecrets(keyA), { hashesCurrent: true });
    expect((await sealedStatus(db, rotating)).every((c) => c.current)).toBe(true);
  });

  it('refuses to rotate what no configured key opens, naming the row', async () => {
    const stranger = createSecrets(randomBytes(32), { cipher: 'sm4' });
    await expect(rotateDataKeys(db, stranger)).rejects.toMatchObject({ code: 'data_key_missing', details: { table: 'person' } });
  });
});
