import { randomUUID } from 'node:crypto';
import { checkIdNumber } from '../../core/ids/idNumber.ts';
import { nameKeys, parseNameQuery } from '../../core/registry/names.ts';
import { validateRosterRow, type RawRow, type RosterPerson } from '../../core/registry/roster.ts';
import { AppError } from '../../core/errors.ts';
import { maskIdNumber } from '../../core/privacy/mask.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { auditBy } from '../audit/log.ts';
import { displayNames } from '../users/names.ts';
import type { AuthContext } from '../auth/service.ts';
import { idLookupHashes, protectIdNumber, protectPhone } from './protect.ts';
import { exportPersons } from './export.ts';
import { presentPerson } from './personView.ts';
import * as q from './queries.ts';
import * as search from './searchQueries.ts';

import { businessNow, today as businessToday } from '../../core/clock.ts';

export interface SearchInput {
  q?: string | undefined;
  township?: string | undefined;
  village?: string | undefined;
  alive?: boolean | undefined;
  hukou?: 'rural' | 'urban' | undefined;
  page: number;
  pageSize: number;
  sort: keyof typeof search.sortColumns;
  order: 'asc' | 'desc';
}

export type SearchFilterInput = Omit<SearchInput, 'page' | 'pageSize' | 'sort' | 'order'>;

/** What a search box asked for, as the audit log keeps it. */
interface SearchedFor {
  kind: 'id_number' | 'household_number' | 'name';
  /** An ID number masked (120114********1234); a household number or name as typed. */
  text: string;
}

/** A member as a form or a roster row gives it; validated by the same rules as an import. */
export type MemberInput = Partial<
  Record<
    'name' | 'relation' | 'sex' | 'birthDate' | 'idNumber' | 'hukou' | 'maritalStatus' | 'phone' | 'oneChildCertificateNumber' | 'oneChildCertificateDate',
    string
  >
>;

export class RegistryService {
  constructor(
    private readonly db: Database,
    private readonly secrets: Secrets,
  ) {}

  /** The persons a search finds, as a .xlsx stream (masked; audit-logged). */
  async exportPersons(actor: AuthContext, input: SearchFilterInput) {
    return exportPersons(this.db, actor, this.filterOf(input), this.searchDetail(input));
  }

  /** What a search box and filters ask for, as the queries take it. */
  filterOf(input: SearchFilterInput): search.SearchFilter {
    return this.parse(input).filter;
  }

  /** The search as the audit log keeps it: what the box asked for (an ID number masked) and the filters set. */
  searchDetail(input: SearchFilterInput, searched: SearchedFor | null = this.parse(input).searched): Record<string, unknown> {
    return { ...(searched ? { query: searched } : {}), township: input.township, village: input.village, alive: input.alive, hukou: input.hukou };
  }

  private parse(input: SearchFilterInput): { filter: search.SearchFilter; searched: SearchedFor | null } {
    const text = input.q?.trim() ?? '';
    const filter: search.SearchFilter = { township: input.township, village: input.village, alive: input.alive, hukou: input.hukou };
    if (/^[0-9０-９]{14,17}[0-9Xx０-９Ｘｘ]$/.test(text)) {
      const id = checkIdNumber(text, businessNow());
      const normalized = id.normalized ?? text.toUpperCase();
      filter.idHashes = idLookupHashes(this.secrets, normalized);
      return { filter, searched: { kind: 'id_number', text: maskIdNumber(normalized.normalize('NFKC')) } };
    }
    if (/^[A-Za-z0-9-]*\d[A-Za-z0-9-]*$/.test(text)) {
      // Letters, digits and dashes with at least one digit: a household number (户号), matched exactly.
      filter.householdNumber = text;
      return { filter, searched: { kind: 'household_number', text } };
    }
    if (text === '') return { filter, searched: null };
    filter.name = parseNameQuery(text) ?? undefined;
    return { filter, searched: { kind: 'name', text } };
  }

  /**
   * A page of persons; every search is audit-logged (PIPL) with what was searched for and how many
   * were found — one entry, appended last in the search's own transaction, so the audit chain's lock
   * is held only until the commit that follows.
   */
  async search(actor: AuthContext, input: SearchInput) {
    const { filter, searched } = this.parse(input);
    return withScope(this.db, actor, async (tx) => {
      const { rows, total } = await search.searchPersons(tx, filter, {
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
        sort: input.sort,
        order: input.order,
      });
      await auditBy(tx, actor, {
        action: 'registry.search',
        entityType: 'person',
        detail: { ...this.searchDetail(input, searched), page: input.page, results: total },
      });
      return { items: rows.map(presentPerson), total, totalCapped: total > search.COUNT_CAP };
    });
  }

  async household(actor: AuthContext, id: string) {
    return withScope(this.db, actor, async (tx) => {
      const h = await q.getHousehold(tx, id);
      if (!h) throw new AppError('not_found');
      const members = await q.personsOfHousehold(tx, id);
      const ids = members.map((m) => m.id);
      const [relationships, disabilities, events] = await Promise.all([q.relationshipsOf(tx, ids), q.disabilitiesOf(tx, ids), q.eventsOfHousehold(tx, id)]);
      const nameOf = await displayNames(tx, [h.created_by, h.updated_by, ...events.map((e) => e.entered_by)]);
      await auditBy(tx, actor, { action: 'registry.household_view', entityType: 'household', entityId: id, detail: { members: members.length } });
      return {
        id: h.id,
        householdNumber: h.household_number,
        address: h.address,
        township: { code: h.township_code, name: h.township_name },
        village: { code: h.village_code, name: h.village_name },
        createdAt: h.created_at.toISOString(),
        createdBy: h.created_by,
        createdByName: nameOf(h.created_by),
        updatedAt: h.updated_at.toISOString(),
        updatedBy: h.updated_by,
        updatedByName: nameOf(h.updated_by),
        members: members.map(presentPerson),
        relationships: relationships.map((r) => ({
          id: r.id,
          personId: r.person_id,
          relatedPersonId: r.related_person_id,
          kind: r.kind,
          adopted: r.adopted,
          startDate: r.start_date,
          endDate: r.end_date,
        })),
        disabilities: disabilities.map((d) => ({ personId: d.person_id, grade: d.grade, assessedOn: d.assessed_on })),
        events: events.map((e) => ({
          id: e.id,
          personId: e.person_id,
          kind: e.kind,
          date: e.effective_date,
          detail: e.detail,
          enteredBy: e.entered_by,
          enteredByName: nameOf(e.entered_by),
          enteredAt: e.entered_at.toISOString(),
        })),
      };
    });
  }

  /** Registers a household with its members, checked by the roster rules. */
  async createHousehold(actor: AuthContext, input: { village: string; address: string; householdNumber?: string | undefined; members: MemberInput[] }) {
    return withScope(this.db, actor, async (tx) => {
      const village = await q.villageOf(tx, input.village);
      if (!village) throw new AppError('not_found', { zh: '村（居）不存在或不在您的管辖范围', en: 'Unknown village, or outside your scope' });
      const people = this.validateMembers(input.members, { householdNumber: input.householdNumber ?? '-', village: village.code, address: input.address });
      if (!people.some((p) => p.relation === 'head')) {
        throw new AppError('validation_failed', { zh: '户内须有一名户主', en: 'A household needs a head' });
      }
      const householdId = randomUUID();
      await q
        .insertHouseholds(tx, actor.district, actor.username, [
          { id: householdId, township: village.township_code, village: village.code, number: input.householdNumber ?? null, address: input.address },
        ])
        .catch(uniqueAs('household_number_unique', '户号已存在', 'The household number is taken'));
      const ids = await this.insertMembers(tx, actor, householdId, village, people);
      // The head and a spouse registered together are recorded as married to each other.
      const head = people.findIndex((p) => p.relation === 'head');
      const spouses = people.flatMap((p, i) => (p.relation === 'spouse' ? [i] : []));
      if (spouses.length === 1) {
        await q.insertSpouseLink(tx, actor.district, ids[head] ?? null, ids[spouses[0] ?? -1] ?? null, actor.username);
      }
      await q.insertEvent(tx, {
        district: actor.district,
        householdId,
        personId: null,
        kind: 'registered',
        date: businessToday(),
        detail: { members: people.length },
        by: actor.username,
      });
      await auditBy(tx, actor, {
        action: 'registry.household_create',
        entityType: 'household',
        entityId: householdId,
        after: { address: input.address, village: village.code, members: people.map((p) => ({ name: p.name, idNumber: p.idNumber, relation: p.relation })) },
      });
      return { id: householdId, personIds: ids };
    });
  }

  /** A birth, adoption or move-in adds a member to a household. */
  async addMember(
    actor: AuthContext,
    householdId: string,
    input: { member: MemberInput; event: 'birth' | 'adoption' | 'move_in'; date: string; parentIds?: string[] | undefined },
  ) {
    return withScope(this.db, actor, async (tx) => {
      const h = await q.getHousehold(tx, householdId);
      if (!h) throw new AppError('not_found');
      const [person] = this.validateMembers([input.member], { householdNumber: h.household_number ?? '-', village: h.village_code, address: h.address });
      if (!person) throw new Error('unreachable');
      if (input.event === 'birth' && person.birthDate !== input.date) {
        throw new AppError('validation_failed', { zh: '出生登记的日期应与出生日期一致', en: 'A birth is recorded on the date of birth' });
      }
      const [id] = await this.insertMembers(tx, actor, householdId, { code: h.village_code, township_code: h.township_code }, [person]);
      if (!id) throw new Error('unreachable');
      for (const parentId of input.parentIds ?? []) {
        const parent = await q.getPerson(tx, parentId);
        if (!parent || parent.household_id !== householdId)
          throw new AppError('validation_failed', { zh: '父母须为本户成员', en: 'Parents must be members of the household' });
        if (parent.birth_date >= person.birthDate)
          throw new AppError('validation_failed', { zh: '子女出生日期不能早于父母', en: 'A child cannot be born before its parent' });
        await q.insertChildLink(tx, actor.district, { parentId, childId: id, adopted: input.event === 'adoption', since: input.date }, actor.username);
      }
      await q.insertEvent(tx, {
        district: actor.district,
        householdId,
        personId: id,
        kind: input.event,
        date: input.date,
        detail: { name: person.name },
        by: actor.username,
      });
      await auditBy(tx, actor, {
        action: `registry.${input.event}`,
        entityType: 'person',
        entityId: id,
        after: { name: person.name, idNumber: person.idNumber, birthDate: person.birthDate },
      });
      return { id };
    });
  }

  async recordDeath(actor: AuthContext, personId: string, date: string, note: string | undefined) {
    return this.changePerson(actor, personId, 'death', date, async (tx, p) => {
      if (!p.alive) throw new AppError('validation_failed', { zh: '该人员已登记死亡', en: 'The death is already recorded' });
      if (date < p.birth_date) throw new AppError('validation_failed', { zh: '死亡日期早于出生日期', en: 'The date of death is before the date of birth' });
      await q.markDead(tx, personId, date, actor.username);
      return { note: note ?? null };
    });
  }

  async recordMoveOut(actor: AuthContext, personId: string, date: string, destination: string) {
    return this.changePerson(actor, personId, 'move_out', date, async (tx, p) => {
      if (p.moved_out_on) throw new AppError('validation_failed', { zh: '该人员已迁出', en: 'The person has already moved out' });
      await q.markMovedOut(tx, personId, date, actor.username);
      return { destination };
    });
  }

  async recordDisability(actor: AuthContext, personId: string, grade: number, date: string) {
    return this.changePerson(actor, personId, 'disability_assessed', date, async (tx) => {
      await q.insertDisability(tx, actor.district, personId, grade, date, actor.username);
      return { grade };
    });
  }

  async recordMarriage(actor: AuthContext, personId: string, spouseId: string, date: string) {
    return this.changePerson(actor, personId, 'marriage', date, async (tx) => {
      const spouse = await q.getPerson(tx, spouseId);
      if (!spouse || spouseId === personId) throw new AppError('not_found', { zh: '配偶不存在或不在您的管辖范围', en: 'Spouse not found' });
      await q.insertMarriage(tx, actor.district, personId, spouseId, date, actor.username);
      await q.markMarried(tx, [personId, spouseId], actor.username);
      return { spouse: spouse.name };
    });
  }

  /** Shows a person's full ID and phone number to a role that may see them; every reveal is logged. */
  async reveal(actor: AuthContext, personId: string, reason: string) {
    if (!actor.permissions.includes('personal_data.reveal')) throw new AppError('forbidden');
    return withScope(this.db, actor, async (tx) => {
      const secrets = await q.secretsOf(tx, personId);
      if (!secrets) throw new AppError('not_found');
      await auditBy(tx, actor, { action: 'personal_data.reveal', entityType: 'person', entityId: personId, detail: { fields: ['idNumber', 'phone'], reason } });
      return { idNumber: this.secrets.decrypt(secrets.id_number_enc), phone: secrets.phone_enc === null ? null : this.secrets.decrypt(secrets.phone_enc) };
    });
  }

  private async changePerson<T>(
    actor: AuthContext,
    personId: string,
    kind: string,
    date: string,
    change: (tx: Queryable, p: q.PersonRow) => Promise<T>,
  ): Promise<T> {
    if (date > businessToday()) throw new AppError('validation_failed', { zh: '日期不能晚于今天', en: 'The date cannot be in the future' });
    return withScope(this.db, actor, async (tx) => {
      const before = await q.getPerson(tx, personId);
      if (!before) throw new AppError('not_found');
      const detail = await change(tx, before);
      await q.insertEvent(tx, { district: actor.district, householdId: before.household_id, personId, kind, date, detail, by: actor.username });
      const after = await q.getPerson(tx, personId);
      await auditBy(tx, actor, {
        action: `registry.${kind}`,
        entityType: 'person',
        entityId: personId,
        before: presentPerson(before),
        after: after ? presentPerson(after) : null,
        detail: { date, ...(detail as object) },
      });
      return detail;
    });
  }

  private validateMembers(members: MemberInput[], household: { householdNumber: string; village: string; address: string }): RosterPerson[] {
    const today = businessToday();
    const problems: { member: number; column: string; reason: string; code: string }[] = [];
    const people: RosterPerson[] = [];
    members.forEach((m, i) => {
      const raw: RawRow = { ...m, ...household };
      const result = validateRosterRow(raw, today);
      if (result.ok) people.push(result.person);
      else problems.push(...result.problems.map((p) => ({ member: i, ...p })));
    });
    const ids = people.map((p) => p.idNumber);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems.push({ member: i, column: '身份证号', code: 'duplicate', reason: '身份证号在本户内重复' });
    });
    if (problems.length > 0) {
      throw new AppError('validation_failed', {
        zh: problems.map((p) => `第${p.member + 1}人 ${p.column}：${p.reason}`).join('；'),
        en: 'Some members are invalid; see details',
        details: problems,
      });
    }
    return people;
  }

  private async insertMembers(
    tx: Queryable,
    actor: AuthContext,
    householdId: string,
    village: { code: string; township_code: string },
    people: RosterPerson[],
  ): Promise<string[]> {
    const protectedIds = people.map((p) => protectIdNumber(this.secrets, p.idNumber));
    const hashes = people.map((p) => idLookupHashes(this.secrets, p.idNumber));
    const taken = await q.takenIdHashes(tx, hashes.flat());
    if (taken.size > 0) {
      throw new AppError('validation_failed', {
        zh: '身份证号已在本区登记，不能重复登记',
        en: 'The ID number is already registered in this district',
        details: people.filter((_, i) => hashes[i]?.some((h) => taken.has(h))).map((p) => ({ name: p.name })),
      });
    }
    const rows: q.NewPerson[] = people.map((p, i) => {
      const keys = nameKeys(p.name);
      const id = protectedIds[i] as NonNullable<(typeof protectedIds)[number]>;
      const phone = protectPhone(this.secrets, p.phone);
      return {
        id: randomUUID(),
        householdId,
        townshipCode: village.township_code,
        villageCode: village.code,
        relation: p.relation,
        name: p.name,
        pinyin: keys.pinyin,
        initials: keys.initials,
        tokens: keys.tokens,
        sex: p.sex,
        birthDate: p.birthDate,
        idEnc: id.enc,
        idHash: id.hash,
        idMasked: id.masked,
        phoneEnc: phone.enc,
        phoneMasked: phone.masked,
        hukou: p.hukou,
        maritalStatus: p.maritalStatus,
        deathDate: p.deathDate,
        certificateNumber: p.oneChildCertificateNumber,
        certificateDate: p.oneChildCertificateDate,
      };
    });
    await q.insertPersons(tx, actor.district, actor.username, rows);
    return rows.map((r) => r.id);
  }
}

function uniqueAs(constraint: string, zh: string, en: string) {
  return (err: unknown) => {
    if ((err as { constraint?: string }).constraint === constraint || String((err as Error).message).includes(constraint)) {
      throw new AppError('validation_failed', { zh, en });
    }
    throw err;
  };
}
