import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachOf, type Grant } from '../../src/core/auth/roles.ts';
import { nameKeys, parseNameQuery } from '../../src/core/registry/names.ts';
import { withScope, type Actor } from '../../src/db/scope.ts';
import type { Database, Queryable, SqlParam } from '../../src/db/types.ts';
import { insertHouseholds, insertPersons, type NewHousehold, type NewPerson } from '../../src/modules/registry/queries.ts';
import { COUNT_CAP, NAME_WALK_ROWS, searchPersons, sortColumns, type SearchFilter, type SearchPage } from '../../src/modules/registry/searchQueries.ts';
import { DISTRICT, makeTownship, type Township } from '../factories.ts';
import { openTestDatabase } from '../helpers.ts';

/** Three townships of the suite's own with their villages (made before the first test), where the suite registers its persons. */
const TOWNSHIPS: string[] = [];
const townships: Township[] = [];
const actor = (grants: Grant[]): Actor => ({ district: DISTRICT, userId: '', username: 'search-test', grants, reach: reachOf(grants), ip: null });
const office = actor([{ role: 'office', township: null, village: null, department: null }]);
/** The office of the first township: its grant is given once the township is made. */
const township = actor([]);

/**
 * More than COUNT_CAP persons whose name has 伟 after the surname, the surnames spread through the
 * name order; more than COUNT_CAP named 王翔…, so that 王 is at the start of the name and 翔 is
 * not, both bunched under "wang"; and a few persons with 王 or 翔 elsewhere, early in that order.
 */
function people(): { households: NewHousehold[]; persons: NewPerson[] } {
  const spread = [...'艾白陈丁范高胡金孔李马牛欧潘秦任孙唐吴徐杨张'];
  const third = ['', ...'芳华军强丽'];
  const names: string[] = [];
  for (let i = 0; i < COUNT_CAP + 200; i++) names.push(`${spread[i % spread.length]}伟${third[i % third.length]}`);
  for (let i = 0; i < COUNT_CAP + 200; i++) names.push(`王翔${third[i % third.length]}`);
  for (let i = 0; i < 6; i++) names.push('艾王芳', '陈王丽', '白翔', '李伟芳华');
  const households = new Map<string, NewHousehold>();
  const persons: NewPerson[] = [];
  names.forEach((name, i) => {
    const townshipCode = TOWNSHIPS[i % TOWNSHIPS.length] as string;
    const townVillages = townships.find((t) => t.code === townshipCode)?.villages ?? [];
    const villageCode = (townVillages[Math.floor(i / 3) % townVillages.length] as (typeof townVillages)[number]).code;
    const key = `${villageCode} ${Math.floor(i / 60)}`;
    const head = !households.has(key);
    if (head) households.set(key, { id: randomUUID(), township: townshipCode, village: villageCode, number: null, address: `搜索测试${i}号` });
    const household = households.get(key) as NewHousehold;
    const keys = nameKeys(name);
    persons.push({
      id: randomUUID(),
      householdId: household.id,
      townshipCode,
      villageCode,
      relation: head ? 'head' : 'child',
      name,
      pinyin: keys.pinyin,
      initials: keys.initials,
      tokens: keys.tokens,
      sex: i % 2 === 0 ? 'M' : 'F',
      birthDate: `${1940 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`,
      idEnc: 'v1:test',
      idHash: `search-test-${i}`,
      idMasked: '120114**********0000',
      phoneEnc: null,
      phoneMasked: null,
      hukou: i % 4 === 0 ? 'urban' : 'rural',
      maritalStatus: 'unknown',
      deathDate: i % 13 === 0 ? '2021-05-01' : null,
      certificateNumber: null,
      certificateDate: null,
    });
  });
  return { households: [...households.values()], persons };
}

/** What a search by a name (in Chinese characters, or the start of its pinyin or initials) means, spelled out without any index: the reference. */
async function reference(tx: Queryable, f: SearchFilter, page: SearchPage): Promise<{ ids: string[]; total: number }> {
  if (f.name === undefined) throw new Error('a name');
  const params: SqlParam[] = f.name.kind === 'hanzi' ? [f.name.tokens, f.name.text] : [f.name.text];
  const clauses =
    f.name.kind === 'hanzi'
      ? ['p.name_tokens @> $1::text[]', 'strpos(p.name, $2) > 0']
      : ['(starts_with(p.name_pinyin, $1) OR starts_with(p.name_initials, $1))'];
  if (f.township) clauses.push(`p.township_code = $${params.push(f.township)}`);
  if (f.alive !== undefined) clauses.push(`p.alive = $${params.push(f.alive)}`);
  if (f.hukou) clauses.push(`p.hukou = $${params.push(f.hukou)}`);
  const where = clauses.join(' AND ');
  const order = `${sortColumns[page.sort]} ${page.order === 'asc' ? 'ASC' : 'DESC'}, p.id`;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT p.id FROM person p WHERE ${where} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`,
    params,
  );
  const count = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM person p WHERE ${where} LIMIT ${COUNT_CAP + 1}) x`, params);
  return { ids: rows.map((r) => r.id), total: count.rows[0]?.n ?? 0 };
}

/** The statements a search ran: the count, the walk through the name order, the sorted matches. */
function recording(tx: Queryable, statements: string[]): Queryable {
  return {
    exec: (sql) => tx.exec(sql),
    copyIn: (t, c, text) => tx.copyIn(t, c, text),
    query: (sql, params) => {
      statements.push(sql);
      return tx.query(sql, params);
    },
  };
}
const walked = (statements: string[]) => statements.some((s) => s.includes(`LIMIT ${NAME_WALK_ROWS})`));
const sorted = (statements: string[]) => statements.some((s) => s.includes('p.ctid = ANY ((SELECT xingfu_name_matches'));

/** Makes the suite's townships and gives the township office its grant. */
async function makeTownships(db: Database): Promise<void> {
  for (let i = 0; i < 3; i++) townships.push(await makeTownship(db, { villages: 7 }));
  TOWNSHIPS.push(...townships.map((t) => t.code));
  Object.assign(township, actor([{ role: 'township', township: TOWNSHIPS[0] as string, village: null, department: null }]));
}

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
  await makeTownships(db);
  const { households, persons } = people();
  await db.transaction(async (tx) => {
    await insertHouseholds(tx, DISTRICT, 'search-test', households);
    for (let i = 0; i < persons.length; i += 2_000) await insertPersons(tx, DISTRICT, 'search-test', persons.slice(i, i + 2_000));
  });
  // The planner's statistics must know the suite's own townships and villages too, or it misjudges the joins.
  await db.exec('ANALYZE township, village, household, person');
});
afterAll(async () => db?.close());

const search = async (who: Actor, text: string, page: Partial<SearchPage> = {}, filter: Partial<SearchFilter> = {}) => {
  const f: SearchFilter = { name: parseNameQuery(text) ?? undefined, ...filter };
  const p: SearchPage = { limit: 20, offset: 0, sort: 'name', order: 'asc', ...page };
  const statements: string[] = [];
  return withScope(db, who, async (tx) => ({
    got: await searchPersons(recording(tx, statements), f, p),
    want: await reference(tx, f, p),
    statements,
  }));
};

const expectReference = async (who: Actor, texts: string[], pages: Partial<SearchPage>[]) => {
  const filters: Partial<SearchFilter>[] = [{ township: TOWNSHIPS[1] as string }, { hukou: 'urban' }, { alive: false }];
  for (const text of texts) {
    for (const [page, filter] of [...pages.map((p) => [p, {}] as const), ...filters.map((f) => [{}, f] as const)]) {
      const { got, want } = await search(who, text, page, filter);
      expect({ ids: got.rows.map((r) => r.id), total: got.total }, `${text} ${JSON.stringify(page)} ${JSON.stringify(filter)}`).toEqual(want);
    }
  }
};

describe('registry: search by a partial name, the same as the reference', () => {
  for (const [who, label] of [
    [office, 'the office'],
    [township, 'a township user'],
  ] as const) {
    it(`returns the same page and count as the reference to ${label}, for common and rare names, pages, orders and filters`, async () => {
      await expectReference(
        who,
        ['伟', '王', '翔', '王翔', '王翔芳', '李伟', '伟芳华', '艾王芳', '张三丰'],
        [
          {},
          { offset: 20 },
          { limit: 50 },
          { order: 'desc' },
          { sort: 'birthDate' },
          { sort: 'village', order: 'desc' },
          { limit: 5_000, offset: 5_000 },
          { offset: 100_000 },
        ],
      );
    });

    it(`returns the same page and count as the reference to ${label} for pinyin and initials, pages, orders and filters`, async () => {
      // wang: every 王翔, bunched; w: the pinyin of 王 and 吴, and initials; wx and lw: initials only, spread; aiw: one surname's pinyin.
      await expectReference(
        who,
        ['wang', 'wangxiang', 'w', 'wx', 'lw', 'aiw', 'aw', 'zzz'],
        [{}, { offset: 20 }, { order: 'desc' }, { offset: 40, order: 'desc' }, { sort: 'birthDate' }, { limit: 5_000, offset: 5_000 }],
      );
    });
  }
});

describe('registry: search by a partial name, how it reads and whom it shows', () => {
  it('finds a page of a name spread through the name order by reading that order, and caps the count', async () => {
    const { got, want, statements } = await search(office, '伟');
    expect(got.total).toBe(COUNT_CAP + 1);
    expect(got.rows.map((r) => r.id)).toEqual(want.ids);
    expect(got.rows.every((r) => r.name.includes('伟'))).toBe(true);
    expect(walked(statements) && !sorted(statements)).toBe(true);
    // The second page too; a caller who sees part of the district sorts the matches instead.
    expect(walked((await search(office, '伟', { offset: 20 })).statements)).toBe(true);
    const mine = await search(township, '伟');
    expect(walked(mine.statements)).toBe(false);
    expect(mine.got.rows.map((r) => r.id)).toEqual(mine.want.ids);
  });

  it('sorts the matches of a name bunched in the name order: at the start (王), or after it but not found by the walk (翔)', async () => {
    const wang = await search(office, '王');
    expect(walked(wang.statements)).toBe(false);
    expect(wang.got.rows.map((r) => r.id)).toEqual(wang.want.ids);
    // Those with 王 elsewhere in the name sort first (ai…, chen…), before every 王翔 (wang…).
    expect(
      wang.got.rows
        .slice(0, 12)
        .map((r) => r.name)
        .sort(),
    ).toEqual([...Array(6).fill('艾王芳'), ...Array(6).fill('陈王丽')].sort());
    const xiang = await search(office, '翔');
    expect(walked(xiang.statements) && sorted(xiang.statements)).toBe(true);
    expect(xiang.got.total).toBe(COUNT_CAP + 1);
    expect(xiang.got.rows.map((r) => r.id)).toEqual(xiang.want.ids);
    expect(xiang.got.rows.slice(0, 6).map((r) => r.name)).toEqual(Array(6).fill('白翔'));
  });

  it('shows a township user only their own township, counted exactly below the cap', async () => {
    for (const text of ['伟', '王', '翔']) {
      const { got, want } = await search(township, text, { limit: 100 });
      expect(got.rows.length).toBe(100);
      expect(got.rows.every((r) => r.township_code === TOWNSHIPS[0])).toBe(true);
      expect(got.total).toBe(want.total);
      expect(got.total).toBeGreaterThan(3_000);
      expect(got.total).toBeLessThan(COUNT_CAP);
    }
    // Another township, asked for by name, is empty for them.
    const other = await search(township, '伟', {}, { township: TOWNSHIPS[1] as string });
    expect(other.got).toEqual({ rows: [], total: 0 });
  });
});
