import { describe, expect, it } from 'vitest';
import { validateRosterRow, type RawRow, type RosterPerson } from '../../core/registry/roster.ts';
import { compareWithRegister } from './importChanges.ts';
import type { Registered } from './importQueries.ts';

const today = '2026-12-07';
const village = '120114001001';

/** A person of the register, as compared: rural, married, no phone, alive. */
const registered: Registered = {
  id: 'p1',
  household_id: 'h1',
  household_number: 'H1',
  version: 3,
  id_number_hash: 'hash',
  name: '王建国',
  sex: 'M',
  hukou: 'rural',
  birth_date: '1950-03-02',
  village_code: village,
  relation_to_head: 'head',
  marital_status: 'married',
  phone_enc: null,
  phone_masked: null,
  alive: true,
  death_date: null,
  moved_out_on: null,
  one_child_certificate_number: null,
  one_child_certificate_date: null,
};

function rowSaying(values: RawRow): RosterPerson {
  const result = validateRosterRow(
    { village, name: '王建国', relation: '户主', idNumber: '120114195003021231', hukou: '农业', householdNumber: 'H1', ...values },
    today,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.person;
}

const compare = (values: RawRow, person: Partial<Registered> = {}) =>
  compareWithRegister(rowSaying(values), { ...registered, ...person }, village, today, (sealed) => sealed.replace(/^sealed:/, ''));

describe('a roster row against the register', () => {
  it('says nothing when the row agrees, or leaves a column empty', () => {
    expect(compare({})).toEqual({ refusals: [], change: null });
    expect(compare({ phone: '13812345678' }, { phone_enc: 'sealed:13812345678', phone_masked: '138****5678' })).toEqual({ refusals: [], change: null });
  });

  it('turns each change into the fields shown, the columns set and the life events recorded', () => {
    const hukou = compare({ hukou: '非农业' });
    expect(hukou.change).toEqual({
      fields: [{ key: 'hukou', before: '农业', after: '非农业' }],
      set: { hukou: 'urban' },
      events: [{ kind: 'hukou_change', date: today, detail: { from: 'rural', to: 'urban' } }],
    });
    expect(compare({ maritalStatus: '离婚' }).change?.events).toEqual([{ kind: 'divorce', date: today, detail: { from: 'married', to: 'divorced' } }]);
    expect(compare({ maritalStatus: '丧偶' }).change?.events).toEqual([{ kind: 'changed', date: today, detail: { fields: ['maritalStatus'] } }]);
    expect(compare({ maritalStatus: '已婚' }, { marital_status: 'unmarried' }).change?.events.map((e) => e.kind)).toEqual(['marriage']);
    const phone = compare({ phone: '13900001111' }, { phone_enc: 'sealed:13812345678', phone_masked: '138****5678' });
    expect(phone.change?.fields).toEqual([{ key: 'phone', before: '138****5678', after: '139****1111' }]);
    expect(phone.change?.set).toEqual({ phone_masked: '139****1111', phone_enc: '13900001111' });
    const death = compare({ deathDate: '2026-10-01' });
    expect(death.change?.set).toEqual({ alive: false, death_date: '2026-10-01' });
    expect(death.change?.events).toEqual([{ kind: 'death', date: '2026-10-01', detail: {} }]);
    const moved = compare({ movedOutOn: '2026-09-01', moveDestination: '北京市朝阳区' });
    expect(moved.change?.events).toEqual([{ kind: 'move_out', date: '2026-09-01', detail: { destination: '北京市朝阳区' } }]);
    const certificate = compare({ oneChildCertificateNumber: '津武0012345', oneChildCertificateDate: '1985-06-01' });
    expect(certificate.change?.set).toEqual({ one_child_certificate_number: '津武0012345', one_child_certificate_date: '1985-06-01' });
    expect(certificate.change?.events).toEqual([{ kind: 'changed', date: today, detail: { fields: ['oneChildCertificateNumber'] } }]);
  });

  it('refuses what is a correction or a move, naming the registered value, and changes nothing then', () => {
    const refused = compare({ name: '王建军', phone: '13900001111' });
    expect(refused.change).toBeNull();
    expect(refused.refusals).toEqual([{ key: 'name', reason: expect.stringContaining('登记为“王建国”') }]);
    expect(compare({}, { village_code: '120114001002' }).refusals.map((r) => r.key)).toEqual(['village']);
    expect(compare({ householdNumber: 'H9' }).refusals.map((r) => r.key)).toEqual(['householdNumber']);
    expect(compare({ deathDate: '2026-10-01' }, { alive: false, death_date: '2026-09-30' }).refusals.map((r) => r.key)).toEqual(['deathDate']);
    expect(compare({ deathDate: '2026-10-01' }, { alive: false, death_date: '2026-10-01' })).toEqual({ refusals: [], change: null });
    expect(compare({ movedOutOn: '2026-09-01' }, { moved_out_on: '2026-08-01' }).refusals.map((r) => r.key)).toEqual(['movedOutOn']);
    expect(compare({ oneChildCertificateNumber: 'B' }, { one_child_certificate_number: 'A' }).refusals.map((r) => r.key)).toEqual([
      'oneChildCertificateNumber',
    ]);
  });
});
