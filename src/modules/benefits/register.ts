import type { ParameterRow } from '../../core/benefits/parameters.ts';
import { parameterRowsSchema } from '../../core/benefits/parameters.ts';
import type { Situation } from '../../core/benefits/types.ts';
import type { Queryable } from '../../db/types.ts';

/** The parameter rows in force for the district (all dates), as the engine takes them. */
export async function parameterRows(tx: Queryable): Promise<ParameterRow[]> {
  const { rows } = await tx.query<{ programme: string; name: string; value: unknown; unit: string; effective_from: string; reference: string }>(
    'SELECT programme, name, value, unit, effective_from::text AS effective_from, reference FROM programme_parameter ORDER BY programme, name, effective_from',
  );
  return parameterRowsSchema.parse(rows.map((r) => ({ programme: r.programme, name: r.name, value: r.value, unit: r.unit, effectiveFrom: r.effective_from, reference: r.reference })));
}

interface MemberRow {
  id: string;
  household_id: string;
  township_code: string;
  relation_to_head: string;
  sex: 'M' | 'F';
  birth_date: string;
  hukou: 'rural' | 'urban';
  death_date: string | null;
  moved_out_on: string | null;
  one_child_certificate_number: string | null;
  out_of_policy_birth: boolean | null;
  second_child_quota_waived_on: string | null;
}

/** A family of the register: its parents (with person ids, to count persons paid) and the facts over time. */
export interface RegisterFamily {
  township: string;
  parentIds: string[];
  parents: { sex: 'M' | 'F'; birthDate: string; hukou: 'rural' | 'urban'; deathDate: string | null }[];
  children: { sex: 'M' | 'F'; birthDate: string; adopted: boolean; deathDate: string | null; disability: { grade: number; on: string }[]; hospitalDelivery?: boolean }[];
  outOfPolicyBirth: boolean;
  oneChildCertificate: boolean;
  movedOutOn: (string | null)[];
  /** The day the family gave up its second-child quota, if it did. */
  secondChildQuotaWaivedOn?: string | null;
}

/**
 * Families as the programmes see them: per household, the head and the spouse as parents, and
 * every child linked to either of them (born or adopted), with deaths and disability assessments.
 * Reads under the caller's row-level security, so a township sees its own families only.
 */
export async function registerFamilies(tx: Queryable, households?: readonly string[] | { enrolledIn: string }): Promise<RegisterFamily[]> {
  // Without a filter, the whole register in scope; with one, the listed households or those with
  // an enrolment in a programme (chosen on the server: a long id list is slow to pass).
  const only = households === undefined ? ''
    : 'enrolledIn' in households ? 'AND household_id IN (SELECT e.household_id FROM benefit_enrolment e WHERE e.programme = $1)'
    : 'AND household_id = ANY ($1::uuid[])';
  const args = households === undefined ? [] : 'enrolledIn' in households ? [households.enrolledIn] : [[...households]];
  const { rows: parents } = await tx.query<MemberRow>(
    `SELECT id, household_id, township_code, relation_to_head, sex, birth_date::text AS birth_date, hukou, death_date::text AS death_date,
            moved_out_on::text AS moved_out_on, one_child_certificate_number, out_of_policy_birth,
            second_child_quota_waived_on::text AS second_child_quota_waived_on
       FROM person WHERE relation_to_head IN ('head', 'spouse') ${only} ORDER BY household_id, relation_to_head DESC`,
    args,
  );
  // The same filter, applied on the server, picks the parents' children and their assessments.
  const ofParents = only === '' ? '' : `AND r.person_id IN (SELECT id FROM person WHERE relation_to_head IN ('head', 'spouse') ${only})`;
  const { rows: children } = await tx.query<{ parent_id: string; sex: 'M' | 'F'; birth_date: string; adopted: boolean; death_date: string | null; child_id: string; hospital_delivery: boolean | null }>(
    `SELECT r.person_id AS parent_id, c.id AS child_id, c.sex, c.birth_date::text AS birth_date, r.adopted, c.death_date::text AS death_date, c.hospital_delivery
       FROM relationship r JOIN person c ON c.district_code = r.district_code AND c.id = r.related_person_id
      WHERE r.kind = 'child' ${ofParents}`,
    args,
  );
  // Assessments are few: all of them in scope, matched to the children below, cost less than
  // the filter that would pick them on the server (1.7 s at a million persons).
  const { rows: disabilities } = await tx.query<{ person_id: string; grade: number; assessed_on: string }>(
    'SELECT person_id, grade, assessed_on::text AS assessed_on FROM disability_assessment ORDER BY assessed_on',
  );
  const disabilityOf = new Map<string, { grade: number; on: string }[]>();
  for (const d of disabilities) {
    const list = disabilityOf.get(d.person_id);
    if (list === undefined) disabilityOf.set(d.person_id, [{ grade: d.grade, on: d.assessed_on }]);
    else list.push({ grade: d.grade, on: d.assessed_on });
  }
  const childrenOf = new Map<string, typeof children>();
  for (const c of children) {
    const list = childrenOf.get(c.parent_id);
    if (list === undefined) childrenOf.set(c.parent_id, [c]);
    else list.push(c);
  }

  const families: RegisterFamily[] = [];
  let current: MemberRow[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const seen = new Set<string>();
    const kids = current.flatMap((p) => childrenOf.get(p.id) ?? []).filter((c) => (seen.has(c.child_id) ? false : (seen.add(c.child_id), true)));
    families.push({
      township: current[0]?.township_code ?? '',
      parentIds: current.map((p) => p.id),
      parents: current.map((p) => ({ sex: p.sex, birthDate: p.birth_date, hukou: p.hukou, deathDate: p.death_date })),
      children: kids.map((c) => ({
        sex: c.sex, birthDate: c.birth_date, adopted: c.adopted, deathDate: c.death_date, disability: disabilityOf.get(c.child_id) ?? [], hospitalDelivery: c.hospital_delivery === true,
      })),
      outOfPolicyBirth: current.some((p) => p.out_of_policy_birth === true),
      oneChildCertificate: current.some((p) => p.one_child_certificate_number !== null),
      movedOutOn: current.map((p) => p.moved_out_on),
      secondChildQuotaWaivedOn: current.map((p) => p.second_child_quota_waived_on).filter((d) => d !== null).sort()[0] ?? null,
    });
    current = [];
  };
  for (const p of parents) {
    if (current.length > 0 && (current[0]?.household_id !== p.household_id || current.length === 2)) flush();
    current.push(p);
  }
  flush();
  return families;
}

/** The family as it stood on a date: later births, deaths and assessments are not yet facts. */
export function situationOn(f: RegisterFamily, date: string): Situation {
  return {
    date,
    township: f.township,
    family: {
      parents: f.parents.map((p) => ({ sex: p.sex, birthDate: p.birthDate, hukou: p.hukou, alive: p.deathDate === null || p.deathDate > date, deathDate: p.deathDate !== null && p.deathDate <= date ? p.deathDate : null })),
      children: f.children.filter((c) => c.birthDate <= date).map((c) => ({
        sex: c.sex, birthDate: c.birthDate, adopted: c.adopted, alive: c.deathDate === null || c.deathDate > date,
        deathDate: c.deathDate !== null && c.deathDate <= date ? c.deathDate : null,
        disabilityGrade: c.disability.filter((d) => d.on <= date).at(-1)?.grade ?? null,
        ...(c.hospitalDelivery === true && !c.adopted ? { hospitalDelivery: true } : {}),
      })),
      outOfPolicyBirth1973to2001: f.outOfPolicyBirth,
      oneChildCertificate: f.oneChildCertificate,
      ...(f.secondChildQuotaWaivedOn != null && f.secondChildQuotaWaivedOn <= date ? { secondChildQuotaWaived: true } : {}),
    },
  };
}
