/**
 * The SQL of the roster import (import.ts, importWrite.ts, importFamilies.ts, importChanges.ts,
 * importLayout.ts): the register's persons, households and links as an import compares and joins
 * them, the links and changes it writes, and the township's villages and column choices. The new
 * households, persons and events are written by queries.ts, as the forms write them. A chunk's
 * statements run under row-level security (withScope); the villages, the column choices and the
 * planner's statistics are read and written outside it, for the district the caller names.
 */
import { randomUUID } from 'node:crypto';
import type { FamilyLink } from '../../core/registry/familyLinks.ts';
import type { RosterKey } from '../../core/registry/roster.ts';
import type { ColumnMapping } from '../../core/registry/rosterHeaders.ts';
import type { Queryable, SqlParam } from '../../db/types.ts';

/** A person of the register as an import compares a roster row with it. */
export interface Registered {
  id: string;
  household_id: string;
  household_number: string | null;
  version: number;
  id_number_hash: string;
  name: string;
  sex: 'M' | 'F';
  hukou: 'rural' | 'urban';
  birth_date: string;
  village_code: string;
  relation_to_head: string;
  marital_status: string;
  phone_enc: string | null;
  phone_masked: string | null;
  alive: boolean;
  death_date: string | null;
  moved_out_on: string | null;
  one_child_certificate_number: string | null;
  one_child_certificate_date: string | null;
}

const registeredColumns = `p.id, p.household_id, h.household_number, p.version, p.id_number_hash, p.name, p.sex, p.hukou,
  p.birth_date::text AS birth_date, p.village_code, p.relation_to_head, p.marital_status, p.phone_enc, p.phone_masked, p.alive,
  p.death_date::text AS death_date, p.moved_out_on::text AS moved_out_on, p.one_child_certificate_number,
  p.one_child_certificate_date::text AS one_child_certificate_date`;

/** A registered person with the day their household was registered. */
export interface RegisteredRow extends Registered {
  household_since: string;
}

/** The persons registered under these ID-number hashes that the importer sees. */
export async function registeredWithHashes(tx: Queryable, hashes: readonly string[]): Promise<RegisteredRow[]> {
  const { rows } = await tx.query<RegisteredRow>(
    `SELECT ${registeredColumns}, h.created_at::date::text AS household_since
       FROM person p JOIN household h ON h.district_code = p.district_code AND h.id = p.household_id
      WHERE p.id_number_hash = ANY ($1::text[])`,
    [hashes],
  );
  return rows;
}

/** The columns an import may change on a registered person. */
export type ChangeColumn =
  | 'hukou'
  | 'marital_status'
  | 'phone_enc'
  | 'phone_masked'
  | 'alive'
  | 'death_date'
  | 'moved_out_on'
  | 'one_child_certificate_number'
  | 'one_child_certificate_date';

/**
 * Sets the columns of a person's row (its history is kept by the register's trigger) if it is
 * still at the version given. Returns false when it is not.
 */
export async function updateRegistered(
  tx: Queryable,
  person: Pick<Registered, 'id' | 'version'>,
  set: readonly (readonly [ChangeColumn, SqlParam])[],
  by: string,
): Promise<boolean> {
  const columns: string[] = [];
  const values: SqlParam[] = [person.id, person.version, by];
  for (const [column, value] of set) {
    values.push(value);
    columns.push(`${column} = $${values.length}`);
  }
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE person SET ${columns.join(', ')}, updated_by = $3 WHERE id = $1 AND version = $2 RETURNING id`,
    values,
  );
  return rows.length === 1;
}

/**
 * Makes imports into one township take turns, until the transaction ends: each statement after
 * this one reads what the import before it committed.
 */
export async function lockTownshipImports(tx: Queryable, district: string, township: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('registry.import:' || $1 || ':' || $2, 0))`, [district, township]);
}

/** Which of these household numbers are taken anywhere in the district. */
export async function takenHouseholdNumbers(tx: Queryable, numbers: readonly string[]): Promise<string[]> {
  return (await tx.query<{ n: string }>('SELECT xingfu_taken_household_numbers AS n FROM xingfu_taken_household_numbers($1::text[])', [numbers])).rows.map(
    (r) => r.n,
  );
}

/** The households of these numbers that the importer sees, with the day each was registered. */
export async function householdsNumbered(
  tx: Queryable,
  numbers: readonly string[],
): Promise<{ id: string; household_number: string; village_code: string; since: string }[]> {
  const { rows } = await tx.query<{ id: string; household_number: string; village_code: string; since: string }>(
    'SELECT id, household_number, village_code, created_at::date::text AS since FROM household WHERE household_number = ANY ($1::text[])',
    [numbers],
  );
  return rows;
}

/** The members of these households, as family links are worked out from them. */
export async function membersOfHouseholds(
  tx: Queryable,
  householdIds: readonly string[],
): Promise<{ id: string; household_id: string; name: string; relation_to_head: string; sex: 'M' | 'F'; birth_date: string }[]> {
  const { rows } = await tx.query<{ id: string; household_id: string; name: string; relation_to_head: string; sex: 'M' | 'F'; birth_date: string }>(
    `SELECT id, household_id, name, relation_to_head, sex, birth_date::text AS birth_date FROM person WHERE household_id = ANY ($1::uuid[])`,
    [householdIds],
  );
  return rows;
}

export interface CurrentLink {
  person_id: string;
  related_person_id: string;
  kind: 'spouse' | 'child';
}

/** The links of these persons that have not ended. */
export async function currentLinksOf(tx: Queryable, personIds: readonly string[]): Promise<CurrentLink[]> {
  const { rows } = await tx.query<CurrentLink>(
    `SELECT person_id, related_person_id, kind FROM relationship
      WHERE (person_id = ANY ($1::uuid[]) OR related_person_id = ANY ($1::uuid[])) AND end_date IS NULL`,
    [personIds],
  );
  return rows;
}

/** Writes links, many in one statement. */
export async function insertLinks(tx: Queryable, district: string, by: string, links: readonly FamilyLink[]): Promise<void> {
  if (links.length === 0) return;
  await tx.query(
    `INSERT INTO relationship (district_code, id, person_id, related_person_id, kind, adopted, created_by)
     SELECT $1, u.id, u.person_id, u.related, u.kind, u.adopted, $2
       FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::boolean[]) AS u(id, person_id, related, kind, adopted)`,
    [district, by, links.map(() => randomUUID()), links.map((l) => l.from), links.map((l) => l.to), links.map((l) => l.kind), links.map((l) => l.adopted)],
  );
}

/** A township's villages, by code. */
export async function villagesOfTownship(db: Queryable, district: string, township: string): Promise<{ code: string; name: string }[]> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM village WHERE district_code = $1 AND township_code = $2 ORDER BY code',
    [district, township],
  );
  return rows;
}

/** The column choices a township made for its earlier files. */
export async function rememberedMapping(db: Queryable, district: string, township: string): Promise<ColumnMapping> {
  const { rows } = await db.query<{ header: string; field: RosterKey | null }>(
    'SELECT header, field FROM import_column_mapping WHERE district_code = $1 AND township_code = $2',
    [district, township],
  );
  return Object.fromEntries(rows.map((r) => [r.header, r.field]));
}

export async function rememberMapping(db: Queryable, district: string, township: string, mapping: ColumnMapping, by: string): Promise<void> {
  const entries = Object.entries(mapping);
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO import_column_mapping (district_code, township_code, header, field, updated_by)
     SELECT $1, $2, u.header, u.field, $3 FROM unnest($4::text[], $5::text[]) AS u(header, field)
     ON CONFLICT (district_code, township_code, header) DO UPDATE SET field = EXCLUDED.field, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [district, township, by, entries.map(([h]) => h), entries.map(([, f]) => f)],
  );
}

/** Leaves the scope's role for the rest of the transaction, so that a statement after it writes as the system (a job's progress). */
export async function resetRole(tx: Queryable): Promise<void> {
  await tx.query('RESET ROLE');
}

/** Renews the planner's statistics of the register's households and persons (as the tables' owner). */
export async function analyzeRegister(db: Queryable): Promise<void> {
  await db.exec('ANALYZE household, person');
}
