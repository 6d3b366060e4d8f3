import { maskPhone } from '../../core/privacy/mask.ts';
import type { RosterKey, RosterPerson } from '../../core/registry/roster.ts';
import type { Queryable } from '../../db/types.ts';
import { updateRegistered, type ChangeColumn, type Registered } from './importQueries.ts';

/**
 * What a roster row says that the register does not: the changes an import may record (phone,
 * marital status, hukou type, death, move out, a one-child certificate not yet registered) and
 * the differences it may not (name, birth date, village, household: those are corrections or
 * moves, recorded by their own procedures).
 */

/** One changed field as the preview shows it: the register's value and the roster's, both as a person reads them. */
export interface FieldChange {
  key: RosterKey;
  before: string | null;
  after: string | null;
}

export interface ChangeEvent {
  kind: 'hukou_change' | 'marriage' | 'divorce' | 'death' | 'move_out' | 'changed';
  date: string;
  detail: Record<string, unknown>;
}

/** A change to record: the preview's fields, the columns to set and the life events to enter. */
export interface PersonChange {
  fields: FieldChange[];
  set: Partial<Record<ChangeColumn, string | boolean | null>>;
  events: ChangeEvent[];
}

export interface Refusal {
  key: RosterKey;
  reason: string;
}

const hukouLabel: Record<string, string> = { rural: '农业', urban: '非农业' };
const maritalLabel: Record<string, string> = { unmarried: '未婚', married: '已婚', divorced: '离婚', widowed: '丧偶', unknown: '不详' };

export interface Comparison {
  refusals: Refusal[];
  change: PersonChange | null;
}

/**
 * Compares a valid roster row with the person registered under its ID number. A column the row
 * leaves empty is not compared: the roster did not say.
 */
export function compareWithRegister(p: RosterPerson, e: Registered, village: string, today: string, decrypt: (sealed: string) => string): Comparison {
  const refusals: Refusal[] = [];
  if (p.name !== e.name) {
    refusals.push({ key: 'name', reason: `姓名与登记不一致（登记为“${e.name}”）：姓名更正须办理更正登记，导入不作修改` });
  }
  if (p.birthDate !== e.birth_date) {
    refusals.push({ key: 'birthDate', reason: `出生日期与登记不一致（登记为${e.birth_date}）：更正须办理更正登记，导入不作修改` });
  }
  if (village !== e.village_code) {
    refusals.push({ key: 'village', reason: '村（居）与登记不一致：人员迁移请办理迁出、迁入登记，导入不作修改' });
  }
  if (p.householdNumber !== null && e.household_number !== null && p.householdNumber !== e.household_number) {
    refusals.push({ key: 'householdNumber', reason: `户号与登记不一致（登记为${e.household_number}）：分户、并户请办理变更登记` });
  }
  if (p.deathDate !== null && !e.alive && e.death_date !== p.deathDate) {
    refusals.push({ key: 'deathDate', reason: `死亡日期与登记不一致（登记为${e.death_date ?? '—'}）：更正须办理更正登记` });
  }
  if (p.movedOutOn !== null && e.moved_out_on !== null && e.moved_out_on !== p.movedOutOn) {
    refusals.push({ key: 'movedOutOn', reason: `迁出日期与登记不一致（登记为${e.moved_out_on}）：更正须办理更正登记` });
  }
  if (p.oneChildCertificateNumber !== null && e.one_child_certificate_number !== null && p.oneChildCertificateNumber !== e.one_child_certificate_number) {
    refusals.push({ key: 'oneChildCertificateNumber', reason: `独生子女证号与登记不一致（登记为${e.one_child_certificate_number}）：更正须办理更正登记` });
  }
  if (refusals.length > 0) return { refusals, change: null };

  const change: PersonChange = { fields: [], set: {}, events: [] };
  const changed: string[] = [];
  if (p.hukou !== e.hukou) {
    change.fields.push({ key: 'hukou', before: hukouLabel[e.hukou] ?? e.hukou, after: hukouLabel[p.hukou] ?? p.hukou });
    change.set.hukou = p.hukou;
    change.events.push({ kind: 'hukou_change', date: today, detail: { from: e.hukou, to: p.hukou } });
  }
  if (p.maritalStatus !== 'unknown' && p.maritalStatus !== e.marital_status) {
    change.fields.push({
      key: 'maritalStatus',
      before: maritalLabel[e.marital_status] ?? e.marital_status,
      after: maritalLabel[p.maritalStatus] ?? p.maritalStatus,
    });
    change.set.marital_status = p.maritalStatus;
    const kind = p.maritalStatus === 'married' ? 'marriage' : p.maritalStatus === 'divorced' ? 'divorce' : null;
    if (kind) change.events.push({ kind, date: today, detail: { from: e.marital_status, to: p.maritalStatus } });
    else changed.push('maritalStatus');
  }
  if (p.phone !== null && (e.phone_enc === null || decrypt(e.phone_enc) !== p.phone)) {
    change.fields.push({ key: 'phone', before: e.phone_masked, after: maskPhone(p.phone) });
    change.set.phone_masked = maskPhone(p.phone);
    change.set.phone_enc = p.phone; // encrypted by the writer
    changed.push('phone');
  }
  if (p.deathDate !== null && e.alive) {
    change.fields.push({ key: 'deathDate', before: null, after: p.deathDate });
    change.set.alive = false;
    change.set.death_date = p.deathDate;
    change.events.push({ kind: 'death', date: p.deathDate, detail: {} });
  }
  if (p.movedOutOn !== null && e.moved_out_on === null) {
    change.fields.push({ key: 'movedOutOn', before: null, after: p.movedOutOn });
    change.set.moved_out_on = p.movedOutOn;
    change.events.push({ kind: 'move_out', date: p.movedOutOn, detail: { destination: p.moveDestination ?? '' } });
  }
  if (p.oneChildCertificateNumber !== null && e.one_child_certificate_number === null) {
    change.fields.push({ key: 'oneChildCertificateNumber', before: null, after: p.oneChildCertificateNumber });
    change.set.one_child_certificate_number = p.oneChildCertificateNumber;
    changed.push('oneChildCertificateNumber');
  }
  if (p.oneChildCertificateDate !== null && e.one_child_certificate_date === null) {
    change.fields.push({ key: 'oneChildCertificateDate', before: null, after: p.oneChildCertificateDate });
    change.set.one_child_certificate_date = p.oneChildCertificateDate;
    if (!changed.includes('oneChildCertificateNumber')) changed.push('oneChildCertificateDate');
  }
  if (changed.length > 0) change.events.push({ kind: 'changed', date: today, detail: { fields: changed } });
  return { refusals: [], change: change.fields.length === 0 ? null : change };
}

/**
 * Records one change: the person's row (its history is kept by the register's trigger) if it is
 * still at the version the change was computed from. Returns false when it is not.
 */
export async function applyChange(tx: Queryable, person: Registered, change: PersonChange, by: string, encrypt: (plain: string) => string): Promise<boolean> {
  const set = (Object.entries(change.set) as [ChangeColumn, string | boolean | null][]).map(
    ([column, value]) => [column, column === 'phone_enc' && typeof value === 'string' ? encrypt(value) : value] as const,
  );
  return updateRegistered(tx, person, set, by);
}
