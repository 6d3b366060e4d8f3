/**
 * A family of the register as the payment rolls, summaries and what-if runs see it: the parents
 * (with person ids) and the facts over time, and the situation it gives the engine on a day.
 * Pure: the module that reads the register (modules/benefits/register.ts) builds these.
 */
import type { Situation } from './types.ts';

/** A child of a register family. */
export interface RegisterChild {
  sex: 'M' | 'F';
  birthDate: string;
  adopted: boolean;
  deathDate: string | null;
  disability: readonly { grade: number; on: string }[];
  hospitalDelivery?: boolean;
}

/** A family of the register: its parents (with person ids, to count persons paid) and the facts over time. */
export interface RegisterFamily {
  township: string;
  parentIds: string[];
  parents: { sex: 'M' | 'F'; birthDate: string; hukou: 'rural' | 'urban'; deathDate: string | null }[];
  children: RegisterChild[];
  outOfPolicyBirth: boolean;
  oneChildCertificate: boolean;
  movedOutOn: (string | null)[];
  /** The day the family gave up its second-child quota, if it did. */
  secondChildQuotaWaivedOn?: string | null;
}

/** The family as it stood on a date: later births, deaths and assessments are not yet facts. */
export function situationOn(f: RegisterFamily, date: string): Situation {
  // Plain loops: a payment roll or a summary builds one situation per family and month.
  const children: Situation['family']['children'] = [];
  for (const c of f.children) {
    if (c.birthDate > date) continue;
    let disabilityGrade: number | null = null;
    for (const d of c.disability) if (d.on <= date) disabilityGrade = d.grade;
    const child: Situation['family']['children'][number] = {
      sex: c.sex,
      birthDate: c.birthDate,
      adopted: c.adopted,
      alive: c.deathDate === null || c.deathDate > date,
      deathDate: c.deathDate !== null && c.deathDate <= date ? c.deathDate : null,
      disabilityGrade,
    };
    if (c.hospitalDelivery === true && !c.adopted) child.hospitalDelivery = true;
    children.push(child);
  }
  const family: Situation['family'] = {
    parents: f.parents.map((p) => ({
      sex: p.sex,
      birthDate: p.birthDate,
      hukou: p.hukou,
      alive: p.deathDate === null || p.deathDate > date,
      deathDate: p.deathDate !== null && p.deathDate <= date ? p.deathDate : null,
    })),
    children,
    outOfPolicyBirth1973to2001: f.outOfPolicyBirth,
    oneChildCertificate: f.oneChildCertificate,
  };
  if (f.secondChildQuotaWaivedOn != null && f.secondChildQuotaWaivedOn <= date) family.secondChildQuotaWaived = true;
  return { date, township: f.township, family };
}
