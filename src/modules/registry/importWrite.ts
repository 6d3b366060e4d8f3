import { randomUUID } from 'node:crypto';
import type { NameKeys } from '../../core/registry/names.ts';
import { maskIdNumber } from '../../core/privacy/mask.ts';
import { rosterColumns, rosterHeader, type RosterKey, type RosterPerson } from '../../core/registry/roster.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { appendAudit } from '../audit/log.ts';
import type { ImportMode } from './import.ts';
import { applyChange, compareWithRegister, type PersonChange } from './importChanges.ts';
import { loadRegisteredMembers, missingLinks, type HouseholdGroup, type LinkNote } from './importFamilies.ts';
import { householdsNumbered, insertLinks, lockTownshipImports, registeredWithHashes, takenHouseholdNumbers, type RegisteredRow } from './importQueries.ts';
import { idLookupHashes, type Protected } from './protect.ts';
import * as q from './queries.ts';

/** A valid row waiting for its chunk; `sealed` (ciphertexts and name keys) is made only when it will be written. */
export interface Pending {
  row: number;
  values: string[];
  person: RosterPerson;
  village: string;
  villageName: string;
  hash: string;
  sealed: { id: Protected; phone: { enc: string | null; masked: string | null }; keys: NameKeys } | null;
  group: HouseholdGroup;
}

/** A change to a registered person as the preview lists it. */
export interface ChangeView {
  row: number;
  name: string;
  idNumber: string;
  fields: { key: RosterKey; label: string; before: string | null; after: string | null }[];
}

/** What the writer of an import knows across chunks. */
export interface WriteContext {
  actor: Actor;
  township: string;
  mode: ImportMode;
  today: string;
  secrets: Secrets;
  expectedVersions: Record<string, number> | undefined;
  job: string | null;
  /** Households by number: the register's (with the day it was registered), or null when the number is another township's. */
  households: Map<string, { id: string; village: string; since: string } | null>;
  linksMade: Set<string>;
  note: (n: LinkNote) => void;
}

export interface ChunkOutcome {
  imported: number;
  unchanged: number;
  changed: number;
  links: number;
  newHouseholds: number;
  rejected: { row: number; problems: { column: string; reason: string }[]; values: string[] }[];
  changes: { view: ChangeView; hash: string; version: number }[];
}

/** The persons registered under these ID-number hashes that the importer sees. */
async function registeredByHash(tx: Queryable, hashes: readonly string[], current: ReadonlyMap<string, string>): Promise<Map<string, RegisteredRow>> {
  if (hashes.length === 0) return new Map();
  const rows = await registeredWithHashes(tx, hashes);
  return new Map(rows.map((r) => [current.get(r.id_number_hash) ?? r.id_number_hash, r]));
}

/** Finds the households of the chunk's household numbers: in the register, another township's, or new. */
async function resolveNumbers(tx: Queryable, context: WriteContext, numbers: readonly string[]): Promise<void> {
  const unknown = [...new Set(numbers)].filter((n) => !context.households.has(n));
  if (unknown.length === 0) return;
  const taken = await takenHouseholdNumbers(tx, unknown);
  if (taken.length === 0) return;
  for (const h of await householdsNumbered(tx, taken)) context.households.set(h.household_number, { id: h.id, village: h.village_code, since: h.since });
  for (const n of taken) if (!context.households.has(n)) context.households.set(n, null);
}

/**
 * One chunk of an import, in one transaction: rows for registered persons are compared with the
 * register; new persons join their household (the register's, or a new one); the links the
 * households imply are made; in `apply` mode the changes are recorded. In `preview` mode the same
 * decisions are made and counted, and nothing is written.
 */
export async function writeChunk(tx: Queryable, context: WriteContext, chunk: readonly Pending[]): Promise<ChunkOutcome> {
  const { actor, mode, secrets } = context;
  const outcome: ChunkOutcome = { imported: 0, unchanged: 0, changed: 0, links: 0, newHouseholds: 0, rejected: [], changes: [] };
  if (chunk.length === 0) return outcome;
  const write = mode !== 'preview';
  // Imports into one township take turns chunk by chunk, so two uploads of one roster cannot both
  // find a household or a person new and then collide on the unique indexes: the second sees the
  // first's committed rows (each statement of the transaction reads after the lock is granted).
  if (write) await lockTownshipImports(tx, actor.district, context.township);
  // ID numbers taken anywhere in the district; of those, the ones the importer sees are compared.
  // While data keys rotate a row may still carry an older hash: each is read as the one written now.
  const current = new Map(chunk.flatMap((p) => idLookupHashes(secrets, p.person.idNumber).map((h) => [h, p.hash] as const)));
  const found = await q.takenIdHashes(tx, [...current.keys()]);
  const taken = new Set([...found].map((h) => current.get(h) ?? h));
  const registered = found.size === 0 ? new Map<string, RegisteredRow>() : await registeredByHash(tx, [...found], current);
  await resolveNumbers(
    tx,
    context,
    chunk.flatMap((p) => (p.person.householdNumber === null ? [] : [p.person.householdNumber])),
  );

  const refuse: Refuse = (p, key, reason) =>
    outcome.rejected.push({ row: p.row, problems: [{ column: key in labels ? rosterHeader(key as RosterKey) : key, reason }], values: p.values });

  const groupsOfChunk = new Set<HouseholdGroup>();
  for (const p of chunk) groupsOfChunk.add(p.group);
  const since = findHouseholds(context, chunk, groupsOfChunk, registered);
  const plan: Plan = { newHouseholds: [], events: [], people: [], toChange: [] };
  for (const p of chunk) {
    const already = registered.get(p.hash);
    if (already) planRegistered(context, p, already, plan, outcome, refuse);
    else if (taken.has(p.hash)) refuse(p, 'idNumber', '该身份证号已在其他乡镇街登记');
    else planNew(context, chunk, p, since, plan, outcome, refuse);
  }
  outcome.newHouseholds = plan.newHouseholds.length;

  await loadRegisteredMembers(tx, [...groupsOfChunk]);
  const links = await missingLinks(tx, [...groupsOfChunk], context.linksMade, context.note);
  outcome.links = links.length;
  if (!write) {
    outcome.changed = plan.toChange.length;
    return outcome;
  }
  await q.insertHouseholds(tx, actor.district, actor.username, plan.newHouseholds);
  await q.insertPersons(tx, actor.district, actor.username, plan.people);
  await q.insertEvents(tx, actor.district, actor.username, plan.events);
  await insertLinks(tx, actor.district, actor.username, links);
  await applyChanges(tx, context, plan.toChange, outcome, refuse);
  if (outcome.imported > 0 || outcome.links > 0) {
    await appendAudit(tx, {
      district: actor.district,
      actorId: actor.userId || null,
      actorUsername: actor.username,
      action: 'registry.import',
      entityType: 'import',
      entityId: context.job,
      ip: actor.ip,
      detail: { rows: chunk.length, imported: outcome.imported, households: outcome.newHouseholds, links: outcome.links, unchanged: outcome.unchanged },
    });
  }
  return outcome;
}

type Refuse = (p: Pending, key: RosterKey | string, reason: string) => void;

/** What a chunk will write: new households, persons and their events, and the changes to registered persons. */
interface Plan {
  newHouseholds: q.NewHousehold[];
  events: q.NewEvent[];
  people: q.NewPerson[];
  toChange: { p: Pending; registered: RegisteredRow; change: PersonChange }[];
}

/**
 * A group's household: the one its 户号 names, or the one its registered members (the head first)
 * belong to. Answers the day each of those households was registered.
 */
function findHouseholds(
  context: WriteContext,
  chunk: readonly Pending[],
  groups: ReadonlySet<HouseholdGroup>,
  registered: ReadonlyMap<string, RegisteredRow>,
): Map<string, string> {
  const since = new Map<string, string>();
  for (const group of groups) {
    if (group.householdId !== null) continue;
    const number = group.key.startsWith('n:') ? group.key.slice(2) : null;
    const byNumber = number === null ? undefined : context.households.get(number);
    if (byNumber) {
      group.householdId = byNumber.id;
      group.existed = true;
      since.set(byNumber.id, byNumber.since);
      continue;
    }
    const members = chunk.filter((p) => p.group === group && registered.has(p.hash));
    const anchor = members.find((p) => p.person.kinship.kin === 'head') ?? members[0];
    const found = anchor && registered.get(anchor.hash);
    if (found && number === null) {
      group.householdId = found.household_id;
      group.existed = true;
      since.set(found.household_id, found.household_since);
    }
  }
  return since;
}

/** A row for a registered person: unchanged, a change (refused in `new` mode, or stale since the preview), or refused. */
function planRegistered(context: WriteContext, p: Pending, already: RegisteredRow, plan: Plan, outcome: ChunkOutcome, refuse: Refuse): void {
  const { mode, secrets } = context;
  const group = p.group;
  if (group.householdId !== null && already.household_id !== group.householdId) {
    refuse(p, 'householdNumber', '此人已登记在另一户：分户、并户请办理变更登记，导入不作修改');
    return;
  }
  const { refusals, change } = compareWithRegister(p.person, already, p.village, context.today, (sealed) => secrets.decrypt(sealed));
  if (refusals.length > 0) {
    outcome.rejected.push({ row: p.row, problems: refusals.map((r) => ({ column: rosterHeader(r.key), reason: r.reason })), values: p.values });
    return;
  }
  group.members.set(already.id, {
    ref: already.id,
    kinship: p.person.kinship,
    sex: already.sex,
    birthDate: already.birth_date,
    row: p.row,
    name: p.person.name,
    registered: true,
  });
  if (!change) {
    outcome.unchanged++;
    return;
  }
  const fields = change.fields.map((f) => `${rosterHeader(f.key)}（${f.before ?? '空'} → ${f.after ?? '空'}）`).join('、');
  if (mode === 'new') {
    refuse(
      p,
      change.fields[0]?.key ?? 'idNumber',
      `该身份证号已登记，本行与登记不同：${fields}。变更须先预览、确认后导入（网页导入，或命令行 --preview、--apply）`,
    );
    return;
  }
  const expected = context.expectedVersions?.[p.hash];
  if (mode === 'apply' && context.expectedVersions && expected !== already.version) {
    refuse(p, change.fields[0]?.key ?? 'idNumber', `预览之后此人的登记已有变动，本行的变更未导入，请重新上传预览：${fields}`);
    return;
  }
  outcome.changes.push({
    hash: p.hash,
    version: already.version,
    view: {
      row: p.row,
      name: p.person.name,
      idNumber: maskIdNumber(p.person.idNumber),
      fields: change.fields.map((f) => ({ ...f, label: rosterHeader(f.key) })),
    },
  });
  plan.toChange.push({ p, registered: already, change });
}

/** The register row of a new person, with the sealed identity number, phone and search keys. */
function planPerson(context: WriteContext, p: Pending, id: string, householdId: string, plan: Plan): void {
  if (!p.sealed) return;
  const { id: idNumber, phone, keys } = p.sealed;
  plan.people.push({
    id,
    householdId,
    townshipCode: context.township,
    villageCode: p.village,
    relation: p.person.relation,
    name: p.person.name,
    pinyin: keys.pinyin,
    initials: keys.initials,
    tokens: keys.tokens,
    sex: p.person.sex,
    birthDate: p.person.birthDate,
    idEnc: idNumber.enc,
    idHash: idNumber.hash,
    idMasked: idNumber.masked,
    phoneEnc: phone.enc,
    phoneMasked: phone.masked,
    hukou: p.person.hukou,
    maritalStatus: p.person.maritalStatus,
    deathDate: p.person.deathDate,
    certificateNumber: p.person.oneChildCertificateNumber,
    certificateDate: p.person.oneChildCertificateDate,
    movedOutOn: p.person.movedOutOn,
  });
}

/** A row for a new person: joins its group's household (the register's, or a new one), with the event that brought them. */
function planNew(
  context: WriteContext,
  chunk: readonly Pending[],
  p: Pending,
  since: ReadonlyMap<string, string>,
  plan: Plan,
  outcome: ChunkOutcome,
  refuse: Refuse,
): void {
  const group = p.group;
  const number = p.person.householdNumber;
  if (number !== null && context.households.get(number) === null) {
    refuse(p, 'householdNumber', `户号 ${number} 已被其他乡镇街使用`);
    return;
  }
  const known = number === null ? undefined : context.households.get(number);
  if (known && known.village !== p.village) {
    refuse(p, 'householdNumber', `户号 ${number} 已登记在另一个村居`);
    return;
  }
  if (group.householdId === null) {
    group.householdId = randomUUID();
    const household = {
      id: group.householdId,
      township: context.township,
      village: p.village,
      number,
      address: (firstAddress(chunk, group) ?? p.villageName).slice(0, 200),
    };
    plan.newHouseholds.push(household);
    if (number !== null) context.households.set(number, { id: household.id, village: p.village, since: context.today });
    plan.events.push({ householdId: household.id, personId: null, kind: 'registered', date: context.today, detail: { source: 'import', job: context.job } });
  }
  const id = randomUUID();
  group.members.set(id, {
    ref: id,
    kinship: p.person.kinship,
    sex: p.person.sex,
    birthDate: p.person.birthDate,
    row: p.row,
    name: p.person.name,
    registered: false,
  });
  const joined = since.get(group.householdId);
  if (group.existed && joined !== undefined) {
    // A new member of a registered household: a child born since it was registered (or in the
    // last year, as births are registered late), or someone who moved in.
    const born =
      (p.person.birthDate >= joined || p.person.birthDate >= yearBefore(context.today)) &&
      ['child', 'adoptedChild', 'grandchild'].includes(p.person.kinship.kin);
    plan.events.push({
      householdId: group.householdId,
      personId: id,
      kind: born ? 'birth' : 'move_in',
      date: born ? p.person.birthDate : context.today,
      detail: { name: p.person.name, source: 'import', job: context.job },
    });
  }
  planPerson(context, p, id, group.householdId, plan);
  outcome.imported++;
}

/** Records the confirmed changes, each with its events and audit entry; one changed meanwhile is refused. */
async function applyChanges(tx: Queryable, context: WriteContext, toChange: Plan['toChange'], outcome: ChunkOutcome, refuse: Refuse): Promise<void> {
  const { actor, secrets } = context;
  for (const { p, registered: before, change } of toChange) {
    if (!(await applyChange(tx, before, change, actor.username, (plain) => secrets.encrypt(plain)))) {
      refuse(p, change.fields[0]?.key ?? 'idNumber', '导入期间此人的登记被修改，本行的变更未导入，请重新上传预览');
      outcome.changes = outcome.changes.filter((c) => c.hash !== p.hash);
      continue;
    }
    await q.insertEvents(
      tx,
      actor.district,
      actor.username,
      change.events.map((e) => ({
        householdId: before.household_id,
        personId: before.id,
        kind: e.kind,
        date: e.date,
        detail: { ...e.detail, source: 'import', job: context.job },
      })),
    );
    await appendAudit(tx, {
      district: actor.district,
      actorId: actor.userId || null,
      actorUsername: actor.username,
      action: 'registry.import_change',
      entityType: 'person',
      entityId: before.id,
      ip: actor.ip,
      before: Object.fromEntries(change.fields.map((f) => [f.key, f.before])),
      after: Object.fromEntries(change.fields.map((f) => [f.key, f.after])),
      detail: { job: context.job, row: p.row, events: change.events.map((e) => e.kind) },
    });
    outcome.changed++;
  }
}

const labels: Record<string, true> = Object.fromEntries(rosterColumns.map((c) => [c.key, true]));

function yearBefore(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

function firstAddress(chunk: readonly Pending[], group: HouseholdGroup): string | null {
  return chunk.find((p) => p.group === group && p.person.address !== null)?.person.address ?? null;
}
