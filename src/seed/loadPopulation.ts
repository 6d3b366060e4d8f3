import { nameKeys } from '../core/registry/names.ts';
import type { Database, Queryable } from '../db/types.ts';
import { protectIdNumber, protectPhone } from '../modules/registry/protect.ts';
import { insertEvents, insertHouseholds, insertPersons, mergePendingNameTokens, type NewEvent, type NewPerson } from '../modules/registry/queries.ts';
import type { Secrets } from '../server/secrets.ts';
import type { SyntheticHousehold, SyntheticPerson } from './population.ts';

const CHUNK = 2_000;

/**
 * Writes a generated population into the register: households, persons (encrypted as every
 * registration is), spouses and parent–child relationships, disability assessments, and the
 * life events that made them — in chunks, each one transaction.
 */
export async function loadPopulation(
  db: Database,
  secrets: Secrets,
  district: string,
  households: readonly SyntheticHousehold[],
  by = 'system',
): Promise<number> {
  let persons = 0;
  for (let start = 0; start < households.length; start += CHUNK) {
    const chunk = households.slice(start, start + CHUNK);
    persons += await db.transaction((tx) => loadChunk(tx, secrets, district, chunk, by));
  }
  await mergePendingNameTokens(db);
  return persons;
}

/** A synthetic person as the registry writes one: name search keys, ID and phone sealed. */
function newPerson(secrets: Secrets, h: SyntheticHousehold, p: SyntheticPerson, at: { id: string; householdId: string; parent: boolean }): NewPerson {
  const { id, householdId, parent } = at;
  const keys = nameKeys(p.name);
  const protectedId = protectIdNumber(secrets, p.idNumber);
  const phone = protectPhone(secrets, p.phone);
  return {
    id,
    householdId,
    townshipCode: h.township,
    villageCode: h.village,
    relation: p.relation,
    name: p.name,
    pinyin: keys.pinyin,
    initials: keys.initials,
    tokens: keys.tokens,
    sex: p.sex,
    birthDate: p.birthDate,
    idEnc: protectedId.enc,
    idHash: protectedId.hash,
    idMasked: protectedId.masked,
    phoneEnc: phone.enc,
    phoneMasked: phone.masked,
    hukou: p.hukou,
    maritalStatus: p.maritalStatus,
    deathDate: p.deathDate,
    certificateNumber: parent ? (h.oneChildCertificate?.number ?? null) : null,
    certificateDate: parent ? (h.oneChildCertificate?.date ?? null) : null,
    outOfPolicyBirth: parent ? h.outOfPolicyBirth.value : null,
    outOfPolicySource: parent ? h.outOfPolicyBirth.source : null,
  };
}

async function loadChunk(tx: Queryable, secrets: Secrets, district: string, chunk: readonly SyntheticHousehold[], by: string): Promise<number> {
  const householdIds = chunk.map(() => crypto.randomUUID());
  await insertHouseholds(
    tx,
    district,
    by,
    chunk.map((h, i) => ({ id: householdIds[i] as string, township: h.township, village: h.village, number: h.number, address: h.address })),
  );
  const people: NewPerson[] = [];
  const idOf = new Map<string, string>();
  const relations: { from: string; to: string; kind: 'spouse' | 'child'; adopted: boolean; start: string | null }[] = [];
  const disabilities: { person: string; grade: number; on: string }[] = [];
  const events: NewEvent[] = [];
  chunk.forEach((h, i) => {
    const householdId = householdIds[i] as string;
    const add = (p: SyntheticPerson, parent: boolean) => {
      const id = crypto.randomUUID();
      idOf.set(p.key, id);
      people.push(newPerson(secrets, h, p, { id, householdId, parent }));
      if (p.deathDate) events.push({ householdId, personId: id, kind: 'death', date: p.deathDate, detail: {} });
      if (p.disabilityGrade && p.disabilityAssessedOn) {
        disabilities.push({ person: id, grade: p.disabilityGrade, on: p.disabilityAssessedOn });
        events.push({ householdId, personId: id, kind: 'disability_assessed', date: p.disabilityAssessedOn, detail: { grade: p.disabilityGrade } });
      }
      return id;
    };
    const parents = h.parents.map((p) => add(p, true));
    const children = h.children.map((c) => add(c, false));
    if (parents.length === 2) relations.push({ from: parents[0] as string, to: parents[1] as string, kind: 'spouse', adopted: false, start: null });
    h.children.forEach((c, k) => {
      for (const parent of parents) relations.push({ from: parent, to: children[k] as string, kind: 'child', adopted: c.adopted, start: c.birthDate });
    });
    events.push({ householdId, personId: null, kind: 'registered', date: '2011-01-01', detail: { source: 'demo' } });
  });
  await insertPersons(tx, district, by, people);
  await tx.query(
    `INSERT INTO relationship (district_code, person_id, related_person_id, kind, adopted, start_date, created_by)
     SELECT $1, u.a, u.b, u.kind, u.adopted, u.start, $2 FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::boolean[], $7::date[]) AS u(a, b, kind, adopted, start)`,
    [
      district,
      by,
      relations.map((r) => r.from),
      relations.map((r) => r.to),
      relations.map((r) => r.kind),
      relations.map((r) => r.adopted),
      relations.map((r) => r.start),
    ],
  );
  await tx.query(
    `INSERT INTO disability_assessment (district_code, person_id, grade, assessed_on, created_by)
     SELECT $1, u.p, u.g, u.d, $2 FROM unnest($3::uuid[], $4::int[], $5::date[]) AS u(p, g, d)`,
    [district, by, disabilities.map((d) => d.person), disabilities.map((d) => d.grade), disabilities.map((d) => d.on)],
  );
  await insertEvents(tx, district, by, events);
  return people.length;
}
