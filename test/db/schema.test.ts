import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listMigrations, migrate, MigrationError } from '../../src/db/migrate.ts';
import { openEmbedded } from '../../src/db/pglite.ts';
import { distributionViolations } from '../../src/db/distribution.ts';
import type { Database } from '../../src/db/types.ts';
import { copyLine } from '../../src/db/copy.ts';
import { Cursor } from '../../src/db/cursor.ts';
import { inFlight } from '../../src/db/inFlight.ts';

class Rollback extends Error {}
import { openTestDatabase } from '../helpers.ts';

describe('schema', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db.close());

  it('keeps the distribution rule: district_code in every table, key, unique constraint and foreign key', async () => {
    expect(await distributionViolations(db)).toEqual([]);
  });

  it('notices a table that breaks the distribution rule', async () => {
    await db
      .transaction(async (tx) => {
        await tx.exec(`CREATE TABLE stray (id int PRIMARY KEY, district_code text, name text UNIQUE);
        CREATE TABLE stray_child (district_code text, id int, stray_id int REFERENCES stray (id), PRIMARY KEY (district_code, id));
        CREATE UNIQUE INDEX stray_child_by_id ON stray_child (id);`);
        expect(await distributionViolations(tx)).toEqual(
          expect.arrayContaining([
            'stray.stray_pkey: key without district_code',
            'stray.stray_name_key: key without district_code',
            'stray_child.stray_child_stray_id_fkey: key without district_code',
            'stray_child.stray_child_stray_id_fkey: foreign key does not reference district_code',
            'stray_child.stray_child_by_id: unique index without district_code',
          ]),
        );
        await tx.exec('CREATE TABLE orphan (id int)');
        expect(await distributionViolations(tx)).toEqual(expect.arrayContaining(['orphan: no district_code column', 'orphan: no primary key']));
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });

  it('keeps row-level security on every table the application role can read', async () => {
    const { rows } = await db.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity
          AND has_table_privilege('xingfu_app', c.oid, 'SELECT')`,
    );
    expect(rows.map((r) => r.table)).toEqual([]);
  });

  it('is at the latest migration, and migrating again changes nothing', async () => {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
  });
});

/** Reads the numbers 1 to `rows` through a cursor, `batch` rows at a time, with a planning setting changed for the cursor alone. */
function readInBatches(db: Database, rows: number, batch: number) {
  return db.transaction(async (tx) => {
    const cursor = await Cursor.open<{ n: number }>(tx, 'numbers', 'SELECT n FROM generate_series(1, $1::int) AS n ORDER BY n', [rows], batch, {
      enable_nestloop: 'off',
    });
    // The planning settings are back as they were once the cursor is declared.
    const after = (
      await tx.query<{ nestloop: string; fraction: string }>(
        "SELECT current_setting('enable_nestloop') AS nestloop, current_setting('cursor_tuple_fraction') AS fraction",
      )
    ).rows[0];
    const batches: number[][] = [];
    for await (const b of cursor.batches()) batches.push(b.map((r) => r.n));
    const open = (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_cursors WHERE name = 'numbers'")).rows[0]?.n;
    return { batches, after, open };
  });
}

describe('the database layer', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db.close());

  describe('statements sent before the previous one has finished', () => {
    it("run in the order sent, each with its own result, without leaning on the driver's deprecated queue", async () => {
      const warned = vi.spyOn(process, 'emitWarning');
      const results = await db.transaction(async (tx) => {
        const first = inFlight(tx.query<{ n: number }>('SELECT 1 AS n, pg_sleep(0.05)'));
        const second = inFlight(tx.query<{ n: number }>('SELECT 2 AS n'));
        const third = tx.query<{ n: number }>('SELECT 3 AS n');
        return [await first, await second, await third].map((r) => r.rows[0]?.n);
      });
      expect(results).toEqual([1, 2, 3]);
      expect(warned.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('already executing'))).toEqual([]);
      warned.mockRestore();
    });
  });

  describe('COPY into a temporary table', () => {
    const values: (string | number | boolean | null)[][] = [
      ['2f1d6a3e-7c55-4c1a-9f59-0d7a6b1c2e01', 'tab\there, line\nthere', 'back\\slash', 80.5, true],
      ['6b0e5c0a-1d2f-4e8b-a3c4-5d6e7f8a9b0c', '张三 · 下朱庄', null, -12, false],
    ];

    it('loads every value as written, tabs, new lines, backslashes and nulls included, as the application role', async () => {
      const rows = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL ROLE xingfu_app');
        await tx.exec('CREATE TEMPORARY TABLE copied (id uuid, note text, other text, amount numeric, flag boolean) ON COMMIT DROP');
        await tx.copyIn('copied', ['id', 'note', 'other', 'amount', 'flag'], values.map(copyLine).join(''));
        return (
          await tx.query<{ id: string; note: string; other: string | null; amount: string; flag: boolean }>(
            'SELECT id::text AS id, note, other, amount::text AS amount, flag FROM copied ORDER BY id',
          )
        ).rows;
      });
      expect(rows).toEqual(values.map(([id, note, other, amount, flag]) => ({ id, note, other, amount: String(amount), flag })));
    });

    it('fails as a whole on a bad value, and the transaction writes nothing', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.exec('CREATE TABLE copy_written (district_code text, id int, PRIMARY KEY (district_code, id))');
          await tx.query("INSERT INTO copy_written VALUES ('120114', 1)");
          await tx.query('SET LOCAL ROLE xingfu_app');
          await tx.exec('CREATE TEMPORARY TABLE copied (id uuid, note text) ON COMMIT DROP');
          await tx.copyIn('copied', ['id', 'note'], copyLine(['not-a-uuid', 'x']));
        }),
      ).rejects.toThrow(/uuid/);
      expect((await db.query<{ t: string | null }>("SELECT to_regclass('copy_written')::text AS t")).rows[0]?.t).toBeNull();
      // The connection is usable afterwards, as its own user again.
      expect((await db.query<{ role: string }>("SELECT current_setting('role') AS role")).rows[0]?.role).toBe('none');
    });
  });

  describe('a cursor read in batches', () => {
    const read = (rows: number, batch: number) => readInBatches(db, rows, batch);

    it('hands over every row once, in order, a batch at a time, and closes the cursor after the last', async () => {
      const { batches, after, open } = await read(10, 4);
      expect(batches).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10],
      ]);
      expect(after).toEqual({ nestloop: 'on', fraction: '0.1' });
      expect(open).toBe(0);
    });

    it('ends on an empty batch when the rows fill the last batch exactly, and reads nothing from an empty query', async () => {
      expect((await read(8, 4)).batches).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], []]);
      expect((await read(0, 4)).batches).toEqual([[]]);
    });
  });
});

describe('migrations that fail', () => {
  it('stop with the migration named, and leave nothing of it behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-mig-'));
    fs.writeFileSync(path.join(dir, '0001_good.sql'), 'CREATE TABLE good (district_code text PRIMARY KEY);');
    fs.writeFileSync(path.join(dir, '0002_bad.sql'), 'CREATE TABLE half (id int);\nSELECT no_such_function();');
    const db = await openEmbedded();
    try {
      const error = await migrate(db, listMigrations(dir)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/0002_bad failed: .*no_such_function/);
      const tables = await db.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname IN ('good', 'half')`);
      expect(tables.rows).toEqual([]);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse a migration edited after it was applied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-mig-'));
    const file = path.join(dir, '0001_first.sql');
    fs.writeFileSync(file, 'CREATE TABLE first (district_code text PRIMARY KEY);');
    const db = await openEmbedded();
    try {
      expect(await migrate(db, listMigrations(dir))).toEqual(['0001_first']);
      fs.writeFileSync(file, 'CREATE TABLE first (district_code text PRIMARY KEY, x int);');
      await expect(migrate(db, listMigrations(dir))).rejects.toThrow(/0001_first was changed after it was applied/);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
