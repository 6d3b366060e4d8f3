import { nameKeys } from '../core/registry/names.ts';
import type { Database, Queryable } from '../db/types.ts';
import { protectIdNumber, protectPhone } from '../modules/registry/protect.ts';
import { insertPersons, type NewPerson } from '../modules/registry/queries.ts';
import type { Secrets } from '../server/secrets.ts';
import type { SyntheticHousehold, SyntheticPerson } from './population.ts';

const CHUNK = 2_000;

/**
 * Writes a generated population into the register: households, persons (encrypted as every
 * registration is), spouses and parent–child relationships, disability assessments, and the
 * life events that made them — in chunks, each one transaction.
 */
export async function loadPopulation(db: Database, secrets: Secrets, district: string, households: readonly SyntheticHousehold[], by = 'system'): Promise<number> {
  let persons = 0;
  for (let start = 0; start < households.length; start += CHUNK) {
    const chunk = households.slice(start, start + CHUNK);
    persons += await db.transaction((tx) => loadChunk(tx, secrets, district, chunk, by));
  }
  return persons;
}

async function loadChunk(tx: Queryable, secrets: Secrets, district: string, chunk: readonly SyntheticHousehold[], by: string): Promise<number> {
  const householdIds = chunk.map(() => crypto.randomUUID());
  await tx.query(
    `INSERT INTO household (district_code, id, township_code, village_code, household_number, address, created_by, updated_by)
     SELECT $1, u.id, u.township, u.village, u.number, u.address, $2, $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, township, village, number, address)`,
    [district, by, householdIds, chunk.map((h) => h.township), chunk.map((h) => h.village), chunk.map((h) => h.number), chunk.map((h) => h.address)],
  );
  const people: NewPerson[] = [];
  const idOf = new Map<string, string>();
  const relations: { from: string; to: string; kind: 'spouse' | 'child'; adopted: boolean; start: string | null }[] = [];
  const disabilities: { person: string; grade: number; on: string }[] = [];
  const events: { household: string; person: string | null; kind: string; date: string; detail: string }[] = [];
  chunk.forEach((h, i) => {
    const householdId = householdIds[i] as string;
    const add = (p: SyntheticPerson, parent: boolean) => {
      const id = crypto.randomUUID();
      idOf.set(p.key, id);
      const keys = nameKeys(p.name);
      const protectedId = protectIdNumber(secrets, p.idNumber);
      const phone = protectPhone(secrets, p.phone);
      people.push({
        id, householdId, townshipCode: h.township, villageCode: h.village, relation: p.relation, name: p.name, pinyin: keys.pinyin,
        initials: keys.initials, tokens: keys.tokens, sex: p.sex, birthDate: p.birthDate, idEnc: protectedId.enc, idHash: protectedId.hash,
        idMasked: protectedId.masked, phoneEnc: phone.enc, phoneMasked: phone.masked, hukou: p.hukou, maritalStatus: p.maritalStatus,
        deathDate: p.deathDate, certificateNumber: parent ? (h.oneChildCertificate?.number ?? null) : null,
        certificateDate: parent ? (h.oneChildCertificate?.date ?? null) : null,
        outOfPolicyBirth: parent ? h.outOfPolicyBirth.value : null, outOfPolicySource: parent ? h.outOfPolicyBirth.source : null,
      });
      if (p.deathDate) events.push({ household: householdId, person: id, kind: 'death', date: p.deathDate, detail: '{}' });
      if (p.disabilityGrade && p.disabilityAssessedOn) {
        disabilities.push({ person: id, grade: p.disabilityGrade, on: p.disabilityAssessedOn });
        events.push({ household: householdId, person: id, kind: 'disability_assessed', date: p.disabilityAssessedOn, detail: JSON.stringify({ grade: p.disabilityGrade }) });
      }
      return id;
    };
    const parents = h.parents.map((p) => add(p, true));
    const children = h.children.map((c) => add(c, false));
    if (parents.length === 2) relations.push({ from: parents[0] as string, to: parents[1] as string, kind: 'spouse', adopted: false, start: null });
    h.children.forEach((c, k) => {
      for (const parent of parents) relations.push({ from: parent, to: children[k] as string, kind: 'child', adopted: c.adopted, start: c.birthDate });
    });
    events.push({ household: householdId, person: null, kind: 'registered', date: '2011-01-01', detail: '{"source": "demo"}' });
  });
  await insertPersons(tx, district, by, people);
  await tx.query(
    `INSERT INTO relationship (district_code, person_id, related_person_id, kind, adopted, start_date, created_by)
     SELECT $1, u.a, u.b, u.kind, u.adopted, u.start, $2 FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::boolean[], $7::date[]) AS u(a, b, kind, adopted, start)`,
    [district, by, relations.map((r) => r.from), relations.map((r) => r.to), relations.map((r) => r.kind), relations.map((r) => r.adopted), relations.map((r) => r.start)],
  );
  await tx.query(
    `INSERT INTO disability_assessment (district_code, person_id, grade, assessed_on, created_by)
     SELECT $1, u.p, u.g, u.d, $2 FROM unnest($3::uuid[], $4::int[], $5::date[]) AS u(p, g, d)`,
    [district, by, disabilities.map((d) => d.person), disabilities.map((d) => d.grade), disabilities.map((d) => d.on)],
  );
  await tx.query(
    `INSERT INTO life_event (district_code, household_id, person_id, kind, effective_date, detail, entered_by)
     SELECT $1, u.h, u.p, u.k, u.d, u.detail::jsonb, $2 FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::text[]) AS u(h, p, k, d, detail)`,
    [district, by, events.map((e) => e.household), events.map((e) => e.person), events.map((e) => e.kind), events.map((e) => e.date), events.map((e) => e.detail)],
  );
  return people.length;
}
