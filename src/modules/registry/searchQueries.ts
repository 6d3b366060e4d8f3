/**
 * The register's search: by name (characters or pinyin), ID number, household number and the
 * filters, counted up to a cap. Runs under row-level security (withScope) like every query of
 * queries.ts: rows outside the caller's township or village do not exist for it.
 */
import type { Queryable, SqlParam } from '../../db/types.ts';
import { personColumns, personJoins, type PersonRow } from './queries.ts';

export interface SearchFilter {
  name?: { kind: 'hanzi'; text: string; tokens: string[] } | { kind: 'pinyin'; text: string } | undefined;
  /** The ID number's keyed hashes: the one written now, and those of keys being rotated away from. */
  idHashes?: readonly string[] | undefined;
  householdNumber?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
  alive?: boolean | undefined;
  hukou?: 'rural' | 'urban' | undefined;
}

/**
 * The search's conditions. A name in Chinese characters is matched here by the whole text
 * (strpos); whether a person has the name's tokens is either left to the caller, which reads only
 * the persons the token index found ('joined'), or tested on each person read ('tested').
 */
function searchWhere(f: SearchFilter, params: SqlParam[], tokens: 'joined' | 'tested'): string {
  const clauses: string[] = [];
  const add = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Only leakproof operators (=, the pattern range operators) may use an index under row-level
  // security; name tokens go through xingfu_name_matches, pinyin prefixes through ranges.
  if (f.name?.kind === 'hanzi') {
    if (tokens === 'tested') clauses.push(`p.name_tokens @> ${add(f.name.tokens)}::text[]`);
    clauses.push(`strpos(p.name, ${add(f.name.text)}) > 0`);
  } else if (f.name?.kind === 'pinyin') {
    const [from, to] = [add(f.name.text), add(`${f.name.text}\u{10FFFF}`)];
    clauses.push(`(${initialsFrom(from, to)} OR ${pinyinFrom(from, to)})`);
  }
  if (f.idHashes) clauses.push(`p.id_number_hash = ANY (${add(f.idHashes)}::text[])`);
  if (f.householdNumber) clauses.push(`h.household_number = ${add(f.householdNumber)}`);
  if (f.township) clauses.push(`p.township_code = ${add(f.township)}`);
  if (f.village) clauses.push(`p.village_code = ${add(f.village)}`);
  if (f.alive !== undefined) clauses.push(`p.alive = ${add(f.alive)}`);
  if (f.hukou) clauses.push(`p.hukou = ${add(f.hukou)}`);
  return clauses.length === 0 ? 'true' : clauses.join(' AND ');
}

/** Pinyin starting with the letters searched for: a range of the name order (person_name_order, byte order). */
const pinyinFrom = (from: string, to: string) => `(p.name_pinyin COLLATE "C" >= ${from} AND p.name_pinyin COLLATE "C" < ${to})`;
const initialsFrom = (from: string, to: string) => `(p.name_initials ~>=~ ${from} AND p.name_initials ~<~ ${to})`;

/** Names sort by pinyin in byte order: lower-case letters, the order of every collation, and that of the index. */
export const sortColumns = { name: 'p.name_pinyin COLLATE "C"', birthDate: 'p.birth_date', village: 'p.village_code', updatedAt: 'p.updated_at' } as const;

/** Counting stops at this many matches: the UI shows "10000+" rather than waiting for an exact count. */
export const COUNT_CAP = 10_000;

/** The most persons a search by a common name reads in name order before it sorts the matches instead. */
export const NAME_WALK_ROWS = 5_000;

export interface SearchPage {
  limit: number;
  offset: number;
  sort: keyof typeof sortColumns;
  order: 'asc' | 'desc';
}

export async function searchPersons(tx: Queryable, f: SearchFilter, page: SearchPage): Promise<{ rows: PersonRow[]; total: number }> {
  if (f.name?.kind === 'hanzi') return searchByName(tx, f, f.name, page);
  const params: SqlParam[] = [];
  const where = searchWhere(f, params, 'tested');
  const order = orderOf(page);
  const householdJoin = householdJoinOf(f);
  // The page of matching persons first, names of households and places only for that page.
  const { rows } =
    f.name?.kind === 'pinyin' && page.sort === 'name'
      ? await pinyinPage(tx, f, f.name.text, page)
      : await tx.query<PersonRow>(
          `SELECT ${personColumns} FROM (
         SELECT p.* FROM person p ${householdJoin} WHERE ${where} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}
       ) p ${personJoins} ORDER BY ${order}`,
          params,
        );
  const count = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM person p ${householdJoin} WHERE ${where} LIMIT ${COUNT_CAP + 1}) x`,
    params,
  );
  return { rows, total: count.rows[0]?.n ?? 0 };
}

/**
 * A page of a search by pinyin in name order. The persons whose pinyin starts with the letters
 * are read in name order straight from the index (a page of a township's 刘 within a few hundred
 * of the district's); those whose initials start with them (lw: 刘伟, 李文) are spread through that
 * order, so they are found by the initials index and sorted (a few thousand at most for two or
 * more letters). One letter needs no second part: a name's initials start with its pinyin's first
 * letter. Written as one condition with OR, the planner would walk the name order from "a".
 */
async function pinyinPage(tx: Queryable, f: SearchFilter, text: string, page: SearchPage): Promise<{ rows: PersonRow[] }> {
  const params: SqlParam[] = [text, `${text}\u{10FFFF}`];
  const rest = searchWhere({ ...f, name: undefined }, params, 'tested');
  const order = orderOf(page);
  const householdJoin = householdJoinOf(f);
  const upTo = page.offset + page.limit;
  const byInitials =
    text.length < 2
      ? ''
      : `UNION ALL (SELECT * FROM (
        SELECT p.* FROM person p ${householdJoin} WHERE ${initialsFrom('$1', '$2')} AND NOT ${pinyinFrom('$1', '$2')} AND ${rest} OFFSET 0
      ) p ORDER BY ${order} LIMIT ${upTo})`;
  return tx.query<PersonRow>(
    `SELECT ${personColumns} FROM (
       SELECT * FROM (
         (SELECT p.* FROM person p ${householdJoin} WHERE ${pinyinFrom('$1', '$2')} AND ${rest} ORDER BY ${order} LIMIT ${upTo})
         ${byInitials}
       ) p ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}
     ) p ${personJoins} ORDER BY ${order}`,
    params,
  );
}

const orderOf = (page: SearchPage) => `${sortColumns[page.sort]} ${page.order === 'asc' ? 'ASC' : 'DESC'}, p.id`;
const householdJoinOf = (f: SearchFilter) => (f.householdNumber ? 'JOIN household h ON h.district_code = p.district_code AND h.id = p.household_id' : '');

interface NameCount {
  /** Persons the token index found (all of them, or the limit asked for). */
  found: number;
  /** Those of them that match the whole search, up to COUNT_CAP + 1. */
  n: number;
  /** Those of the n whose name starts with the text searched for. */
  at_start: number;
  /** Whether the caller sees the whole district. */
  whole: boolean;
}

/**
 * A search by a name in Chinese characters. The persons with the name's tokens come from the
 * token index (xingfu_name_matches) as row versions, which the same statement reads under
 * row-level security: first at most COUNT_CAP + 1 of them, for the count (enough unless some of
 * them fail the rest of the search, such as a township chosen).
 *
 * The page then. Sorting every match costs a read of each, tens of thousands for a common name;
 * so when there are more than COUNT_CAP, mostly not at the start of the name, the caller sees the
 * whole district and the page is near the start of the name order, the page is first looked for
 * by reading the district in name order (person_name_order), at most NAME_WALK_ROWS persons. A
 * name that matches in the middle or at the end is spread through that order (伟: a page of 20
 * within a few hundred persons); one that matches at the start is bunched in it (every 王 sorts
 * under "wang"), so that walk would not find its page. Otherwise, or when the walk does not find a
 * full page, the matches are sorted.
 */
async function searchByName(
  tx: Queryable,
  f: SearchFilter,
  name: { text: string; tokens: string[] },
  page: SearchPage,
): Promise<{ rows: PersonRow[]; total: number }> {
  const order = orderOf(page);
  const householdJoin = householdJoinOf(f);
  const pageOf = (from: string, where: string) => `SELECT ${personColumns} FROM (
       SELECT p.* FROM ${from} ${householdJoin} WHERE ${where} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}
     ) p ${personJoins} ORDER BY ${order}`;

  const params: SqlParam[] = [name.tokens, f.township ?? null, f.village ?? null, name.text];
  const where = searchWhere(f, params, 'joined');
  const countOf = async (limit: number | null) =>
    (
      await tx.query<NameCount>(
        `WITH m AS MATERIALIZED (SELECT xingfu_name_matches($1::text[], ${limit ?? 'NULL'}, $2, $3) AS tids)
     SELECT cardinality(m.tids) AS found, c.n, c.at_start, xingfu_reaches_all('registry.read') AS whole
       FROM m, LATERAL (SELECT count(*)::int AS n, count(*) FILTER (WHERE x.at_start)::int AS at_start FROM (
         SELECT strpos(p.name, $4) = 1 AS at_start FROM person p ${householdJoin} WHERE p.ctid = ANY (m.tids) AND ${where}
          LIMIT ${COUNT_CAP + 1}) x) c`,
        params,
      )
    ).rows[0] as NameCount;
  let count = await countOf(COUNT_CAP + 1);
  if (count.found === COUNT_CAP + 1 && count.n < count.found) count = await countOf(null);
  const total = count.n;
  if (total === 0) return { rows: [], total };

  // More than COUNT_CAP matches in a district of about a million persons: at least one name in a
  // hundred, so with most of them spread through the order (not at the start of the name), the
  // first page or two lie within NAME_WALK_ROWS persons of it. A caller who sees only part of the
  // district would read the rest of it too, unseen: only a caller who sees it all reads it in order.
  if (
    total > COUNT_CAP &&
    count.at_start * 2 < total &&
    count.whole &&
    page.sort === 'name' &&
    page.order === 'asc' &&
    (page.offset + page.limit) * 100 <= NAME_WALK_ROWS
  ) {
    const walkParams: SqlParam[] = [];
    const walkWhere = searchWhere(f, walkParams, 'tested');
    const walked = await tx.query<PersonRow>(
      pageOf(
        `(SELECT p.* FROM person p WHERE p.district_code = (SELECT xingfu_district())
                ORDER BY ${sortColumns.name}, p.id LIMIT ${NAME_WALK_ROWS}) p`,
        walkWhere,
      ),
      walkParams,
    );
    // A full page within the first NAME_WALK_ROWS persons in name order is the page: every match
    // before it is in there too.
    if (walked.rows.length === page.limit) return { rows: walked.rows, total };
  }
  // The row versions are found and read in the same statement (one snapshot).
  const pageParams: SqlParam[] = [name.tokens, f.township ?? null, f.village ?? null];
  const pageWhere = searchWhere(f, pageParams, 'joined');
  const { rows } = await tx.query<PersonRow>(
    pageOf('person p', `p.ctid = ANY ((SELECT xingfu_name_matches($1::text[], NULL, $2, $3))::tid[]) AND ${pageWhere}`),
    pageParams,
  );
  return { rows, total };
}
