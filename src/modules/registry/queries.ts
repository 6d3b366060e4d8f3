import type { Queryable } from '../../db/types.ts';
import type { MaritalStatus, Relation } from './schemas.ts';

// Every query here runs under row-level security (withScope): rows outside the caller's
// township or village do not exist for it.

export interface PersonRow {
  id: string;
  household_id: string;
  household_number: string | null;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  relation_to_head: Relation;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  id_number_masked: string;
  phone_masked: string | null;
  hukou: 'rural' | 'urban';
  marital_status: MaritalStatus;
  alive: boolean;
  death_date: string | null;
  one_child_certificate_number: string | null;
  one_child_certificate_date: string | null;
  out_of_policy_birth: boolean | null;
  out_of_policy_source: string | null;
  moved_out_on: string | null;
  updated_at: Date;
  updated_by: string;
  version: number;
}

export const personColumns = `p.id, p.household_id, h.household_number, p.township_code, t.name AS township_name, p.village_code,
  v.name AS village_name, p.relation_to_head, p.name, p.sex, p.birth_date::text AS birth_date, p.id_number_masked,
  p.phone_masked, p.hukou, p.marital_status, p.alive, p.death_date::text AS death_date, p.one_child_certificate_number,
  p.one_child_certificate_date::text AS one_child_certificate_date, p.out_of_policy_birth, p.out_of_policy_source,
  p.moved_out_on::text AS moved_out_on, p.updated_at, p.updated_by, p.version`;
export const personJoins = `JOIN household h ON h.district_code = p.district_code AND h.id = p.household_id
  JOIN township t ON t.district_code = p.district_code AND t.code = p.township_code
  JOIN village v ON v.district_code = p.district_code AND v.code = p.village_code`;

export async function personsOfHousehold(tx: Queryable, householdId: string): Promise<PersonRow[]> {
  const { rows } = await tx.query<PersonRow>(
    `SELECT ${personColumns} FROM person p ${personJoins} WHERE p.household_id = $1
      ORDER BY array_position(ARRAY['head','spouse','parent','child','grandchild','other'], p.relation_to_head), p.birth_date`,
    [householdId],
  );
  return rows;
}

export async function getPerson(tx: Queryable, id: string): Promise<PersonRow | null> {
  return (await tx.query<PersonRow>(`SELECT ${personColumns} FROM person p ${personJoins} WHERE p.id = $1`, [id])).rows[0] ?? null;
}

export interface HouseholdRow {
  id: string;
  household_number: string | null;
  address: string;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
  version: number;
}

export async function getHousehold(tx: Queryable, id: string): Promise<HouseholdRow | null> {
  const { rows } = await tx.query<HouseholdRow>(
    `SELECT h.id, h.household_number, h.address, h.township_code, t.name AS township_name, h.village_code, v.name AS village_name,
            h.created_at, h.created_by, h.updated_at, h.updated_by, h.version
       FROM household h JOIN township t ON t.district_code = h.district_code AND t.code = h.township_code
       JOIN village v ON v.district_code = h.district_code AND v.code = h.village_code
      WHERE h.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface RelationshipRow {
  id: string;
  person_id: string;
  related_person_id: string;
  kind: 'spouse' | 'child';
  adopted: boolean;
  start_date: string | null;
  end_date: string | null;
}

export async function relationshipsOf(tx: Queryable, personIds: string[]): Promise<RelationshipRow[]> {
  const { rows } = await tx.query<RelationshipRow>(
    `SELECT id, person_id, related_person_id, kind, adopted, start_date::text AS start_date, end_date::text AS end_date
       FROM relationship WHERE person_id = ANY ($1::uuid[]) OR related_person_id = ANY ($1::uuid[])`,
    [personIds],
  );
  return rows;
}

export interface DisabilityRow {
  person_id: string;
  grade: number;
  assessed_on: string;
}

export async function disabilitiesOf(tx: Queryable, personIds: string[]): Promise<DisabilityRow[]> {
  const { rows } = await tx.query<DisabilityRow>(
    `SELECT person_id, grade, assessed_on::text AS assessed_on FROM disability_assessment
      WHERE person_id = ANY ($1::uuid[]) ORDER BY assessed_on`,
    [personIds],
  );
  return rows;
}

export interface EventRow {
  id: string;
  person_id: string | null;
  kind: string;
  effective_date: string;
  detail: Record<string, unknown>;
  entered_by: string;
  entered_at: Date;
}

export async function eventsOfHousehold(tx: Queryable, householdId: string): Promise<EventRow[]> {
  const { rows } = await tx.query<EventRow>(
    `SELECT id, person_id, kind, effective_date::text AS effective_date, detail, entered_by, entered_at
       FROM life_event WHERE household_id = $1 ORDER BY effective_date DESC, entered_at DESC`,
    [householdId],
  );
  return rows;
}

export interface NewEvent {
  householdId: string;
  personId: string | null;
  kind: string;
  date: string;
  detail: unknown;
}

/** Records life events, many in one statement. */
export async function insertEvents(tx: Queryable, district: string, by: string, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO life_event (district_code, household_id, person_id, kind, effective_date, detail, entered_by)
     SELECT $1, u.h, u.p, u.k, u.d, u.detail::jsonb, $2 FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::text[]) AS u(h, p, k, d, detail)`,
    [
      district,
      by,
      events.map((e) => e.householdId),
      events.map((e) => e.personId),
      events.map((e) => e.kind),
      events.map((e) => e.date),
      events.map((e) => JSON.stringify(e.detail ?? {})),
    ],
  );
}

export async function insertEvent(tx: Queryable, e: NewEvent & { district: string; by: string }): Promise<void> {
  await insertEvents(tx, e.district, e.by, [e]);
}

export async function takenIdHashes(tx: Queryable, hashes: string[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ h: string }>('SELECT xingfu_taken_id_hashes AS h FROM xingfu_taken_id_hashes($1::text[])', [hashes]);
  return new Set(rows.map((r) => r.h));
}

/** The person rows the planner's statistics know of (0 before the first ANALYZE). */
export async function estimatedPersons(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'person'::regclass`);
  return rows[0]?.n ?? 0;
}

/**
 * Merges the name-token index's pending entries into the index (run as the table's owner, after a
 * bulk insert), so that searches no longer scan them one by one.
 */
export async function mergePendingNameTokens(db: Queryable): Promise<void> {
  await db.query(`SELECT gin_clean_pending_list('person_tokens'::regclass)`);
}

export async function villageOf(tx: Queryable, code: string): Promise<{ code: string; township_code: string } | null> {
  return (await tx.query<{ code: string; township_code: string }>('SELECT code, township_code FROM village WHERE code = $1', [code])).rows[0] ?? null;
}

export async function secretsOf(tx: Queryable, personId: string): Promise<{ id_number_enc: string; phone_enc: string | null } | null> {
  const { rows } = await tx.query<{ id_number_enc: string; phone_enc: string | null }>('SELECT id_number_enc, phone_enc FROM person WHERE id = $1', [personId]);
  return rows[0] ?? null;
}

export interface NewPerson {
  id: string;
  householdId: string;
  townshipCode: string;
  villageCode: string;
  relation: string;
  name: string;
  pinyin: string;
  initials: string;
  tokens: string[];
  sex: 'M' | 'F';
  birthDate: string;
  idEnc: string;
  idHash: string;
  idMasked: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  hukou: 'rural' | 'urban';
  maritalStatus: string;
  deathDate: string | null;
  certificateNumber: string | null;
  certificateDate: string | null;
  outOfPolicyBirth?: boolean | null;
  outOfPolicySource?: string | null;
  movedOutOn?: string | null;
}

/** Inserts many persons in one statement (arrays unnested), the way bulk imports stay fast. */
export async function insertPersons(tx: Queryable, district: string, by: string, people: readonly NewPerson[]): Promise<void> {
  if (people.length === 0) return;
  const col = <K extends keyof NewPerson>(key: K) => people.map((p) => p[key]);
  await tx.query(
    `INSERT INTO person (district_code, id, household_id, township_code, village_code, relation_to_head, name, name_pinyin,
        name_initials, name_tokens, sex, birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_masked,
        hukou, marital_status, alive, death_date, one_child_certificate_number, one_child_certificate_date, out_of_policy_birth,
        out_of_policy_source, moved_out_on, created_by, updated_by)
     SELECT $1, u.id, u.household_id, u.township_code, u.village_code, u.relation, u.name, u.pinyin, u.initials,
            string_to_array(u.tokens, chr(31)), u.sex, u.birth_date, u.id_enc, u.id_hash, u.id_masked, u.phone_enc, u.phone_masked,
            u.hukou, u.marital, u.death_date IS NULL, u.death_date, u.cert_no, u.cert_date, u.oop, u.oop_source, u.moved_out_on, $2, $2
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::text[], $13::date[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],
                   $21::date[], $22::text[], $23::date[], $24::boolean[], $25::text[], $26::date[])
         AS u(id, household_id, township_code, village_code, relation, name, pinyin, initials, tokens, sex, birth_date, id_enc,
              id_hash, id_masked, phone_enc, phone_masked, hukou, marital, death_date, cert_no, cert_date, oop, oop_source, moved_out_on)`,
    [
      district,
      by,
      col('id'),
      col('householdId'),
      col('townshipCode'),
      col('villageCode'),
      col('relation'),
      col('name'),
      col('pinyin'),
      col('initials'),
      people.map((p) => p.tokens.join('\x1f')),
      col('sex'),
      col('birthDate'),
      col('idEnc'),
      col('idHash'),
      col('idMasked'),
      col('phoneEnc') as string[],
      col('phoneMasked') as string[],
      col('hukou'),
      col('maritalStatus'),
      col('deathDate') as string[],
      col('certificateNumber') as string[],
      col('certificateDate') as string[],
      people.map((p) => p.outOfPolicyBirth ?? null),
      people.map((p) => p.outOfPolicySource ?? null) as string[],
      people.map((p) => p.movedOutOn ?? null) as string[],
    ],
  );
}

export interface NewHousehold {
  id: string;
  township: string;
  village: string;
  number: string | null;
  address: string;
}

/** Registers households, many in one statement. */
export async function insertHouseholds(tx: Queryable, district: string, by: string, households: readonly NewHousehold[]): Promise<void> {
  if (households.length === 0) return;
  await tx.query(
    `INSERT INTO household (district_code, id, township_code, village_code, household_number, address, created_by, updated_by)
     SELECT $1, u.id, u.township, u.village, u.number, u.address, $2, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, township, village, number, address)`,
    [
      district,
      by,
      households.map((h) => h.id),
      households.map((h) => h.township),
      households.map((h) => h.village),
      households.map((h) => h.number),
      households.map((h) => h.address),
    ],
  );
}

/** The head and a spouse registered together: married to each other, since a date not known. */
export async function insertSpouseLink(tx: Queryable, district: string, personId: string | null, spouseId: string | null, by: string): Promise<void> {
  await tx.query(`INSERT INTO relationship (district_code, person_id, related_person_id, kind, created_by) VALUES ($1, $2, $3, 'spouse', $4)`, [
    district,
    personId,
    spouseId,
    by,
  ]);
}

/** A marriage recorded on its date. */
export async function insertMarriage(tx: Queryable, district: string, personId: string, spouseId: string, date: string, by: string): Promise<void> {
  await tx.query(`INSERT INTO relationship (district_code, person_id, related_person_id, kind, start_date, created_by) VALUES ($1, $2, $3, 'spouse', $4, $5)`, [
    district,
    personId,
    spouseId,
    date,
    by,
  ]);
}

export async function markMarried(tx: Queryable, personIds: string[], by: string): Promise<void> {
  await tx.query(`UPDATE person SET marital_status = 'married', updated_by = $2 WHERE id = ANY ($1::uuid[])`, [personIds, by]);
}

/** A parent's child, born or adopted on the date given. */
export async function insertChildLink(
  tx: Queryable,
  district: string,
  link: { parentId: string; childId: string; adopted: boolean; since: string },
  by: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO relationship (district_code, person_id, related_person_id, kind, adopted, start_date, created_by) VALUES ($1, $2, $3, 'child', $4, $5, $6)`,
    [district, link.parentId, link.childId, link.adopted, link.since, by],
  );
}

export async function markDead(tx: Queryable, personId: string, date: string, by: string): Promise<void> {
  await tx.query('UPDATE person SET alive = false, death_date = $2, marital_status = marital_status, updated_by = $3 WHERE id = $1', [personId, date, by]);
}

export async function markMovedOut(tx: Queryable, personId: string, date: string, by: string): Promise<void> {
  await tx.query('UPDATE person SET moved_out_on = $2, updated_by = $3 WHERE id = $1', [personId, date, by]);
}

export async function insertDisability(tx: Queryable, district: string, personId: string, grade: number, date: string, by: string): Promise<void> {
  await tx.query('INSERT INTO disability_assessment (district_code, person_id, grade, assessed_on, created_by) VALUES ($1, $2, $3, $4, $5)', [
    district,
    personId,
    grade,
    date,
    by,
  ]);
}
