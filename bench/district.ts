/**
 * A district of the benches' size (bench/benefits.ts, bench/load.ts): the demo's synthetic
 * population repeated to about the persons asked for, as COPY text for the real register tables,
 * with the enrolments the engine finds on a day.
 */
import type { ParameterRow } from '../src/core/benefits/parameters.ts';
import { createEvaluator } from '../src/core/benefits/engine.ts';
import { computeCheckCharacter } from '../src/core/ids/idNumber.ts';
import { maskBankAccount, maskIdNumber, maskPhone } from '../src/core/privacy/mask.ts';
import { nameKeys } from '../src/core/registry/names.ts';
import type { Database } from '../src/db/types.ts';
import { situationOn } from '../src/core/benefits/registerFamily.ts';
import { familyOf, generatePopulation, type SyntheticHousehold, type SyntheticPerson } from '../src/seed/population.ts';
import { district, townships, villages } from '../src/seed/wuqing.ts';
import type { Secrets } from '../src/server/secrets.ts';
import { copyInto, CopyText } from './common.ts';

const CHUNK_ROWS = 50_000;

const arrayLiteral = (items: readonly string[]) => `{${items.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export const columns = {
  household: 'district_code, id, township_code, village_code, household_number, address, created_by, updated_by',
  person: `district_code, id, household_id, township_code, village_code, relation_to_head, name, name_pinyin, name_initials, name_tokens, sex,
    birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_masked, hukou, marital_status, alive, death_date,
    one_child_certificate_number, one_child_certificate_date, out_of_policy_birth, out_of_policy_source, created_by, updated_by`,
  relationship: 'district_code, person_id, related_person_id, kind, adopted, start_date, created_by',
  disability_assessment: 'district_code, person_id, grade, assessed_on, created_by',
  benefit_enrolment: `district_code, programme, person_id, household_id, township_code, village_code, category, start_month,
    approved_on, approved_by, bank_account_enc, bank_account_masked, bank_name`,
} as const;

export interface District {
  persons: number;
  households: number;
  replicas: number;
  household: CopyText;
  person: CopyText;
  relationship: CopyText;
  disability: CopyText;
  enrolment: CopyText;
  enrolments: Record<string, number>;
}

/**
 * A district of about `target` persons: the synthetic population of src/seed/population.ts (about
 * 31,000 persons with the 2011 report's beneficiary mix) repeated as often as needed, each copy
 * with fresh person and household ids, ID numbers and household numbers, its households moved
 * to another village of the same township (townships are kept: 下朱庄's one-child reward and
 * 大黄堡's top-up depend on them), so the share of beneficiaries stays that of the report —
 * about 175,000 reward-assistance persons at one million.
 *
 * Encrypted columns hold cheap placeholders that satisfy the table constraints — one ciphertext
 * made once, a unique hash string per person — because this benchmark measures the benefit
 * programmes, not the cryptography (bench/registry.ts times registration with real encryption).
 * The enrolments are every parent the engine finds eligible for a monthly programme in the
 * benchmark month, starting in that month (so the roll has one regular line per enrolment).
 */
export function buildDistrict(target: number, rows: readonly ParameterRow[], day: string, secrets: Secrets): District {
  const source = generatePopulation();
  const evaluator = createEvaluator(rows);
  // Who each generated household enrols, once: every copy of a household is the same family.
  const enrolled = source.map((h) => {
    const family = familyOf(h);
    const out: Enrolled[] = [];
    for (const r of evaluator.evaluate(situationOn(family, day), { explain: false }).results) {
      if (r.eligible && r.period === 'month') out.push({ programme: r.programme, parent: r.parent, category: r.category ?? null });
    }
    return out;
  });
  const d: District = {
    persons: 0,
    households: 0,
    replicas: 0,
    household: new CopyText(CHUNK_ROWS),
    person: new CopyText(CHUNK_ROWS),
    relationship: new CopyText(CHUNK_ROWS),
    disability: new CopyText(CHUNK_ROWS),
    enrolment: new CopyText(CHUNK_ROWS),
    enrolments: {},
  };
  const b: Build = {
    d,
    day,
    // Approved by the office on the 20th of the month before.
    approvedOn: new Date(Date.parse(`${day}T00:00:00Z`) - 12 * 86_400_000).toISOString().slice(0, 10),
    villagesOf: new Map(townships.map((t) => [t.code, villages.filter((v) => v.townshipCode === t.code)])),
    townshipName: new Map(townships.map((t) => [t.code, t.name])),
    idEnc: secrets.encrypt('placeholder: the benchmark does not encrypt every ID number'),
    phoneEnc: secrets.encrypt('placeholder'),
    bankEnc: secrets.encrypt('6217590000000000000'),
    idNumber: idNumbers(),
    serial: 0,
  };
  for (let replica = 0; d.persons < target; replica++) {
    const before = d.persons;
    for (const [i, h] of source.entries()) {
      if (d.persons + h.parents.length + h.children.length > target) break;
      addHousehold(b, h, i, replica, enrolled[i] ?? []);
    }
    if (d.persons === before) break;
    d.replicas = replica + 1;
  }
  for (const t of [d.household, d.person, d.relationship, d.disability, d.enrolment]) t.flush();
  return d;
}

const BY = 'bench';

interface Enrolled {
  programme: string;
  parent: number;
  category: string | null;
}

/** What building a district carries from one household to the next. */
interface Build {
  d: District;
  day: string;
  approvedOn: string;
  villagesOf: Map<string, typeof villages>;
  townshipName: Map<string, string>;
  idEnc: string;
  phoneEnc: string;
  bankEnc: string;
  idNumber: (birth: string, sex: 'M' | 'F') => string;
  serial: number;
}

/** Valid, distinct ID numbers: 500 per division, birth date and sex (Wuqing, then other Tianjin divisions of birth registration). */
function idNumbers(): (birth: string, sex: 'M' | 'F') => string {
  const sequences = new Map<string, number>();
  const divisions = ['120114', '120222', '120221', '120223', '120224', '120225', '120111', '120112', '120113', '120115', '120116'];
  return (birth, sex) => {
    const key = `${birth}${sex}`;
    const n = sequences.get(key) ?? 0;
    sequences.set(key, n + 1);
    const division = divisions[Math.floor(n / 500)];
    if (division === undefined) throw new Error(`more than ${divisions.length * 500} persons of sex ${sex} born on ${birth}`);
    const first17 = `${division}${birth.replaceAll('-', '')}${String((n % 500) * 2 + (sex === 'M' ? 1 : 0)).padStart(3, '0')}`;
    return first17 + computeCheckCharacter(first17);
  };
}

/** One copy of a generated household, in the village `replica` steps along its township's list. */
function addHousehold(b: Build, h: SyntheticHousehold, i: number, replica: number, enrolled: readonly Enrolled[]): void {
  const { d } = b;
  const list = b.villagesOf.get(h.township) ?? [];
  const at = list.findIndex((v) => v.code === h.village);
  const village = list[(at + replica) % list.length];
  if (village === undefined) throw new Error(`no village in ${h.township}`);
  const householdId = crypto.randomUUID();
  d.households++;
  d.household.add([
    district.code,
    householdId,
    h.township,
    village.code,
    `${h.township.slice(6)}${village.code.slice(9)}-${String(d.households).padStart(7, '0')}`,
    `${b.townshipName.get(h.township) ?? ''}${village.name}${(i % 120) + 1}号`,
    BY,
    BY,
  ]);
  const add = (p: SyntheticPerson, parent: boolean): string => {
    const id = crypto.randomUUID();
    const keys = nameKeys(p.name);
    b.serial++;
    d.person.add([
      district.code,
      id,
      householdId,
      h.township,
      village.code,
      p.relation,
      p.name,
      keys.pinyin,
      keys.initials,
      arrayLiteral(keys.tokens),
      p.sex,
      p.birthDate,
      b.idEnc,
      `bench${b.serial.toString(16).padStart(59, '0')}`,
      maskIdNumber(b.idNumber(p.birthDate, p.sex)),
      p.phone === null ? null : b.phoneEnc,
      p.phone === null ? null : maskPhone(p.phone),
      p.hukou,
      p.maritalStatus,
      p.deathDate === null,
      p.deathDate,
      parent ? (h.oneChildCertificate?.number ?? null) : null,
      parent ? (h.oneChildCertificate?.date ?? null) : null,
      parent ? h.outOfPolicyBirth.value : null,
      parent ? h.outOfPolicyBirth.source : null,
      BY,
      BY,
    ]);
    if (p.disabilityGrade !== null && p.disabilityAssessedOn !== null) d.disability.add([district.code, id, p.disabilityGrade, p.disabilityAssessedOn, BY]);
    return id;
  };
  const parents = h.parents.map((p) => add(p, true));
  const children = h.children.map((c) => add(c, false));
  d.persons += h.parents.length + h.children.length;
  if (parents.length === 2) d.relationship.add([district.code, parents[0] ?? '', parents[1] ?? '', 'spouse', false, null, BY]);
  h.children.forEach((c, k) => {
    for (const parent of parents) d.relationship.add([district.code, parent, children[k] ?? '', 'child', c.adopted, c.birthDate, BY]);
  });
  for (const e of enrolled) {
    d.enrolments[e.programme] = (d.enrolments[e.programme] ?? 0) + 1;
    d.enrolment.add([
      district.code,
      e.programme,
      parents[e.parent] ?? '',
      householdId,
      h.township,
      village.code,
      e.category,
      b.day,
      b.approvedOn,
      'office',
      b.bankEnc,
      maskBankAccount(`621759${String(b.serial).padStart(13, '0')}`),
      '天津农商银行',
    ]);
  }
}

/** COPY a district into the real tables (their triggers keep benefit_family), then VACUUM ANALYZE; the seconds of each. */
export async function loadDistrict(db: Database, d: District): Promise<Record<string, number>> {
  const ms: Record<string, number> = {};
  ms.households = await copyInto(db, 'household', columns.household, d.household.chunks);
  ms.persons = await copyInto(db, 'person', columns.person, d.person.chunks);
  ms.relationships = await copyInto(db, 'relationship', columns.relationship, d.relationship.chunks);
  ms.disabilities = await copyInto(db, 'disability_assessment', columns.disability_assessment, d.disability.chunks);
  ms.enrolments = await copyInto(db, 'benefit_enrolment', columns.benefit_enrolment, d.enrolment.chunks);
  const t0 = performance.now();
  await db.exec('VACUUM (ANALYZE) household, person, relationship, disability_assessment, benefit_family, benefit_enrolment');
  ms.vacuumAnalyze = performance.now() - t0;
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Number((v / 1000).toFixed(3))]));
}
