/**
 * 计划生育家庭特别扶助 — special assistance for families whose only child died or is disabled.
 *
 * Paid per person, monthly, by the district, in two categories with different amounts: death
 * (the only child died) and disability (the only child is disabled at grade 1, 2 or 3; grade 1 is
 * the most severe, grade 4 does not qualify). Conditions:
 * - parent-alive
 * - born-on-or-after: the parent was born on or after 1933-01-01 (parameter)
 * - woman-minimum-age: the woman of the couple is 49 or older (parameter); for a single parent
 *   (only one parent listed) that parent, whatever their sex. A deceased woman's age still
 *   counts from her birth date, so a widower qualifies once his late wife would be 49.
 * - one-child: exactly one child ever born or legally adopted — which is also "no further birth
 *   or adoption": the register has no adoption dates, so any second child fails this condition
 * - child-died-or-disabled: the first (earliest-born) child died, or is disabled at a grade
 *   between 1 and the threshold (3). Death takes precedence over a disability grade.
 */
import { dayNumber, reachesAge } from '../dates.ts';
import { birthOf, type Facts } from '../facts.ts';
import { describeParameter, type BooleanParameter, type NumberParameter, type ParameterSnapshot, type StringParameter } from '../parameters.ts';
import type { SpecialAssistanceCategory } from '../types.ts';
import { ageDetail, parentAlive, person, type Condition, type Programme } from './programme.ts';

export interface SpecialAssistanceParameters {
  amountDeath: NumberParameter;
  amountDisability: NumberParameter;
  womanMinimumAge: NumberParameter;
  bornOnOrAfter: StringParameter;
  bornOnOrAfterDay: number;
  gradeThreshold: NumberParameter;
  fromFollowingMonth: BooleanParameter;
}

const ID = 'special-assistance';
const BASIS = '国家人口计生委、财政部《全国独生子女伤残死亡家庭扶助制度试点方案》（国人口发〔2007〕78号）及天津市特别扶助标准';

function categoryOf(f: Facts, p: SpecialAssistanceParameters): SpecialAssistanceCategory | undefined {
  const child = f.firstChild;
  if (child === undefined) return undefined;
  if (!child.alive) return 'death';
  if (child.disabilityGrade !== null && child.disabilityGrade >= 1 && child.disabilityGrade <= p.gradeThreshold.value) return 'disability';
  return undefined;
}

function childDetail(f: Facts, p: SpecialAssistanceParameters): string {
  const child = f.firstChild;
  if (child === undefined) return '无子女';
  const who = `${child.adopted ? '收养' : '生育'}的子女（${child.birthDate} 出生）`;
  if (!child.alive) return `${who}已于 ${child.deathDate ?? '（日期不详）'} 死亡，属死亡类`;
  if (child.disabilityGrade === null) return `${who}健在，无残疾等级`;
  const grade = `${who}残疾等级 ${child.disabilityGrade} 级，标准为 1 至 ${p.gradeThreshold.value} 级`;
  return child.disabilityGrade <= p.gradeThreshold.value ? `${grade}，属伤残类` : `${grade}，不符合`;
}

const conditions: readonly Condition<SpecialAssistanceParameters>[] = [
  parentAlive(),
  {
    id: 'born-on-or-after',
    label: (p) => `${p.bornOnOrAfter.value} 以后出生`,
    basis: '特别扶助对象条件：1933年1月1日以后出生',
    test: (f, i, p) => birthOf(f, i) >= p.bornOnOrAfterDay,
    explain: (f, i, p) => `${person(f, i)}，标准为 ${p.bornOnOrAfter.value} 或以后出生`,
  },
  {
    id: 'woman-minimum-age',
    label: (p) => `女方年满 ${p.womanMinimumAge.value} 周岁（单亲家庭为本人）`,
    basis: '特别扶助对象条件：女方年满49周岁',
    test: (f, _i, p) => reachesAge(birthOf(f, f.ageParent), f.day, p.womanMinimumAge.value, p.fromFollowingMonth.value),
    explain: (f, _i, p) => ageDetail(f, f.ageParent, p.womanMinimumAge.value, p.fromFollowingMonth.value),
  },
  {
    id: 'one-child',
    label: () => '只生育或合法收养一个子女，且未再生育或收养',
    basis: '特别扶助对象条件：只生育一个子女或合法收养一个子女，现无存活子女或独生子女被依法鉴定为残疾（伤病残达到三级以上），且未再生育或收养子女',
    test: (f) => f.childCount === 1,
    explain: (f) => `曾生育或合法收养子女 ${f.childCount} 人（其中收养 ${f.adoptedCount} 人）`,
  },
  {
    id: 'child-died-or-disabled',
    label: (p) => `该子女死亡，或伤病残达到 ${p.gradeThreshold.value} 级以上（1 级最重）`,
    basis: '特别扶助对象条件：独生子女死亡，或独生子女伤、病残后经鉴定达到三级以上残疾',
    test: (f, _i, p) => categoryOf(f, p) !== undefined,
    explain: (f, _i, p) => childDetail(f, p),
  },
];

export const specialAssistance: Programme<SpecialAssistanceParameters> = {
  id: ID,
  name: '计划生育家庭特别扶助',
  fundedBy: 'district',
  period: 'month',
  basis: BASIS,
  resolve(s: ParameterSnapshot): SpecialAssistanceParameters {
    const bornOnOrAfter = s.date(ID, 'bornOnOrAfter');
    return {
      amountDeath: s.number(ID, 'amountDeath'),
      amountDisability: s.number(ID, 'amountDisability'),
      womanMinimumAge: s.number(ID, 'womanMinimumAge'),
      bornOnOrAfter,
      bornOnOrAfterDay: dayNumber(bornOnOrAfter.value),
      gradeThreshold: s.number(ID, 'disabilityGradeThreshold'),
      fromFollowingMonth: s.boolean(ID, 'birthdayCountsFromFollowingMonth'),
    };
  },
  conditions,
  category: categoryOf,
  amount: (f, _i, p) => (categoryOf(f, p) === 'death' ? p.amountDeath.value : p.amountDisability.value),
  amountDetail: (f, _i, p) =>
    categoryOf(f, p) === 'death'
      ? `特别扶助（死亡类）标准 ${describeParameter(p.amountDeath.row)}`
      : `特别扶助（伤残类）标准 ${describeParameter(p.amountDisability.row)}`,
};
