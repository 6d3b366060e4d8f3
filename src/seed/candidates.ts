/**
 * The demo's 2012 confirmation: a few families of 梅厂镇六道口村 (the demo village worker's village)
 * who qualify from 2012 and so are not among the 2011 beneficiaries — three parents turning 60 in
 * December 2011, counted from the following month (reward assistance; they apply in the autumn,
 * before the demo's date of 2011-11-30), and a couple whose only son died in December 2011
 * (special assistance).
 * Kept apart from the generated population so the report's 2011 figures stay as they are.
 */
import { computeCheckCharacter } from '../core/ids/idNumber.ts';
import type { SyntheticHousehold, SyntheticPerson } from './population.ts';

export const CANDIDATE_VILLAGE = '120114101201';

/** Builds the candidate households with ID numbers none of `existing` uses. */
export function confirmationCandidates(existing: readonly SyntheticHousehold[]): SyntheticHousehold[] {
  const used = new Set(existing.flatMap((h) => [...h.parents, ...h.children]).map((p) => p.idNumber));
  const id = (birth: string, sex: 'M' | 'F') => {
    for (let seq = sex === 'M' ? 901 : 900; ; seq -= 2) {
      const first17 = `120114${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const number = first17 + computeCheckCharacter(first17);
      if (!used.has(number)) {
        used.add(number);
        return number;
      }
    }
  };
  const person = (
    key: string,
    name: string,
    sex: 'M' | 'F',
    birthDate: string,
    relation: SyntheticPerson['relation'],
    deathDate: string | null = null,
  ): SyntheticPerson => ({
    key,
    name,
    sex,
    birthDate,
    idNumber: id(birthDate, sex),
    hukou: 'rural',
    relation,
    maritalStatus: relation === 'child' ? 'unmarried' : 'married',
    deathDate,
    phone: null,
    disabilityGrade: null,
    disabilityAssessedOn: null,
    adopted: false,
  });
  const household = (n: number, parents: SyntheticPerson[], children: SyntheticPerson[], certificate: boolean): SyntheticHousehold => ({
    number: `MC-2012-${n}`,
    township: '120114101',
    village: CANDIDATE_VILLAGE,
    address: `梅厂镇六道口村${n}号`,
    kind: 'other',
    parents,
    children,
    oneChildCertificate: certificate ? { number: `津独字第${1979000 + n}号`, date: '1979-06-01' } : null,
    outOfPolicyBirth: { value: false, source: '村级核查' },
  });
  return [
    household(
      801,
      [person('c801h', '刘福来', 'M', '1951-12-03', 'head'), person('c801w', '赵淑珍', 'F', '1953-08-02', 'spouse')],
      [person('c801c', '刘海燕', 'F', '1978-05-20', 'child')],
      true,
    ),
    household(
      802,
      [person('c802h', '高保国', 'M', '1951-12-18', 'head'), person('c802w', '孙玉兰', 'F', '1951-12-26', 'spouse')],
      [person('c802a', '高丽', 'F', '1977-02-11', 'child'), person('c802b', '高静', 'F', '1980-09-09', 'child')],
      false,
    ),
    household(
      803,
      [person('c803h', '马长江', 'M', '1956-01-08', 'head'), person('c803w', '韩秀云', 'F', '1958-04-26', 'spouse')],
      [person('c803c', '马磊', 'M', '1982-10-03', 'child', '2011-12-10')],
      true,
    ),
  ];
}
