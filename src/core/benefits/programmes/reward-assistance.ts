/**
 * 农村部分计划生育家庭奖励扶助 — rural reward assistance (BRIEF.md §Benefits).
 *
 * Paid per person, monthly, by the district: each parent who meets every condition gets the
 * standard. Conditions:
 * - parent-alive
 * - rural-hukou: every listed parent has rural hukou (a couple: both spouses, a deceased
 *   spouse's recorded hukou included; a single parent: that parent)
 * - no-out-of-policy-birth: no out-of-policy birth in the window 1973–2001 (fixed by the
 *   programme's founding document; the register records one flag for the window, not the years)
 * - children: now exactly one living child, or exactly two living children who are both girls,
 *   or children born/adopted who have all died. Legally adopted children count as children.
 *   A family that never had a child does not qualify.
 * - born-on-or-after: the parent was born on or after 1933-01-01 (parameter)
 * - minimum-age: the parent is 60 or older (parameter), birthday month per parameter
 */
import { dayNumber, reachesAge } from '../dates.ts';
import { birthOf, type Facts } from '../facts.ts';
import { describeParameter, type BooleanParameter, type NumberParameter, type ParameterSnapshot, type StringParameter } from '../parameters.ts';
import { ageDetail, hukouName, parentAlive, person, role, type Condition, type Programme } from './programme.ts';

export interface RewardAssistanceParameters {
  amount: NumberParameter;
  minimumAge: NumberParameter;
  bornOnOrAfter: StringParameter;
  bornOnOrAfterDay: number;
  fromFollowingMonth: BooleanParameter;
}

const ID = 'reward-assistance';

/**
 * The years in which an out-of-policy birth excludes the family (国办发〔2004〕21号: "1973年至2001年期间
 * 没有违反计划生育法律法规和政策规定生育"). Fixed rather than a parameter: the register and the kept
 * families record whether the family had such a birth in this window (outOfPolicyBirth1973to2001),
 * not the years of the births, so another window could not be decided on.
 */
export const OUT_OF_POLICY_WINDOW_FROM = 1973;
export const OUT_OF_POLICY_WINDOW_TO = 2001;
const BASIS = '《国务院办公厅转发人口计生委财政部关于开展农村部分计划生育家庭奖励扶助制度试点工作意见的通知》（国办发〔2004〕21号）及天津市、武清区实施规定';

/** The children condition: one living child, two living girls, or all children died. */
export function childrenQualify(f: Facts): boolean {
  return f.livingCount === 1 || (f.livingCount === 2 && f.livingGirls === 2) || (f.childCount > 0 && f.livingCount === 0);
}

function childrenDetail(f: Facts): string {
  const counts = `曾生育或合法收养子女 ${f.childCount} 人（其中收养 ${f.adoptedCount} 人），现存 ${f.livingCount} 人（女孩 ${f.livingGirls} 人），已故 ${f.childCount - f.livingCount} 人`;
  let verdict: string;
  if (f.livingCount === 1) verdict = '符合「现存一个子女」';
  else if (f.livingCount === 2 && f.livingGirls === 2) verdict = '符合「现存两个女孩」';
  else if (f.childCount > 0 && f.livingCount === 0) verdict = '符合「子女死亡现无子女」';
  else if (f.childCount === 0) verdict = '从未生育或收养子女，不符合';
  else verdict = '不符合（现存子女超过一个且不是两个女孩）';
  return `${counts}；${verdict}`;
}

const conditions: readonly Condition<RewardAssistanceParameters>[] = [
  parentAlive(),
  {
    id: 'rural-hukou',
    label: () => '夫妻双方均为农业户口（单亲家庭为本人）',
    basis: '奖励扶助对象确认条件：本人及配偶均为农业户口或界定为农村居民户口',
    test: (f) => f.allRural,
    explain: (f) => f.situation.family.parents.map((p, i) => `${role(f, i)}${p.alive ? '' : '（已故）'} ${hukouName[p.hukou]}`).join('、'),
  },
  {
    id: 'no-out-of-policy-birth',
    label: () => `${OUT_OF_POLICY_WINDOW_FROM} 年至 ${OUT_OF_POLICY_WINDOW_TO} 年期间没有违反计划生育法律法规和政策规定生育`,
    basis: '奖励扶助对象确认条件：1973年至2001年期间没有违反计划生育法律法规和政策规定生育',
    test: (f) => !f.situation.family.outOfPolicyBirth1973to2001,
    explain: (f) =>
      `登记的 ${OUT_OF_POLICY_WINDOW_FROM}—${OUT_OF_POLICY_WINDOW_TO} 年间政策外生育：${f.situation.family.outOfPolicyBirth1973to2001 ? '有' : '无'}`,
  },
  {
    id: 'children',
    label: () => '现存一个子女或两个女孩，或子女死亡现无子女（合法收养的子女视同亲生）',
    basis: '奖励扶助对象确认条件：现存一个子女或两个女孩或子女死亡现无子女',
    test: (f) => childrenQualify(f),
    explain: (f) => childrenDetail(f),
  },
  {
    id: 'born-on-or-after',
    label: (p) => `${p.bornOnOrAfter.value} 以后出生`,
    basis: '奖励扶助对象确认条件：1933年1月1日以后出生',
    test: (f, i, p) => birthOf(f, i) >= p.bornOnOrAfterDay,
    explain: (f, i, p) => `${person(f, i)}，标准为 ${p.bornOnOrAfter.value} 或以后出生`,
  },
  {
    id: 'minimum-age',
    label: (p) => `年满 ${p.minimumAge.value} 周岁`,
    basis: '奖励扶助对象确认条件：年满60周岁',
    test: (f, i, p) => reachesAge(birthOf(f, i), f.day, p.minimumAge.value, p.fromFollowingMonth.value),
    explain: (f, i, p) => ageDetail(f, i, p.minimumAge.value, p.fromFollowingMonth.value),
  },
];

export const rewardAssistance: Programme<RewardAssistanceParameters> = {
  id: ID,
  name: '农村部分计划生育家庭奖励扶助',
  fundedBy: 'district',
  period: 'month',
  basis: BASIS,
  resolve(s: ParameterSnapshot): RewardAssistanceParameters {
    const bornOnOrAfter = s.date(ID, 'bornOnOrAfter');
    return {
      amount: s.number(ID, 'amount'),
      minimumAge: s.number(ID, 'minimumAge'),
      bornOnOrAfter,
      bornOnOrAfterDay: dayNumber(bornOnOrAfter.value),
      fromFollowingMonth: s.boolean(ID, 'birthdayCountsFromFollowingMonth'),
    };
  },
  conditions,
  amount: (_f, _i, p) => p.amount.value,
  amountDetail: (_f, _i, p) => `奖励扶助标准 ${describeParameter(p.amount.row)}`,
};

/** Whether a parent meets every reward-assistance condition (used by programmes that build on it). */
export function meetsRewardAssistance(f: Facts, parent: number, p: RewardAssistanceParameters): boolean {
  for (const c of conditions) if (!c.test(f, parent, p)) return false;
  return true;
}

/** Labels of the reward-assistance conditions a parent fails, for traces of dependent programmes. */
export function failedRewardAssistance(f: Facts, parent: number, p: RewardAssistanceParameters): string[] {
  return conditions.filter((c) => !c.test(f, parent, p)).map((c) => c.label(p));
}
