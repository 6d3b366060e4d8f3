/** A register person as the API answers it: the row's masked fields, in the shape the web app reads. */
import type { PersonRow } from './queries.ts';

export function presentPerson(r: PersonRow) {
  return {
    id: r.id,
    householdId: r.household_id,
    householdNumber: r.household_number,
    township: { code: r.township_code, name: r.township_name },
    village: { code: r.village_code, name: r.village_name },
    relation: r.relation_to_head,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    idNumber: r.id_number_masked,
    phone: r.phone_masked,
    hukou: r.hukou,
    maritalStatus: r.marital_status,
    alive: r.alive,
    deathDate: r.death_date,
    movedOutOn: r.moved_out_on,
    oneChildCertificate: r.one_child_certificate_number === null ? null : { number: r.one_child_certificate_number, date: r.one_child_certificate_date },
    outOfPolicyBirth: r.out_of_policy_birth === null ? null : { value: r.out_of_policy_birth, source: r.out_of_policy_source },
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
    version: r.version,
  };
}
export type PersonView = ReturnType<typeof presentPerson>;
