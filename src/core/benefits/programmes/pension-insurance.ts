/**
 * 计划生育养老保险 — the district buys pension insurance for the members of rural families who
 * voluntarily gave up their second-child birth quota (主动退出二孩生育指标).
 *
 * Paid once per person (each parent), by the district: the premium. The engine says whether a
 * person qualifies on the date; that the premium was bought only once is the payment record's
 * business, not the engine's. Conditions:
 * - parent-alive
 * - rural-hukou: the parent has rural hukou
 * - second-child-quota-waived: the family gave up its second-child quota
 * - no-further-child: at most one child ever born or legally adopted — the register has no
 *   waiver date, so a second child, whenever born or adopted, fails the condition
 * - below-maximum-age: the parent has not reached the maximum age (60, parameter), counted with
 *   the birthday-month rule (parameter) exactly as the minimum ages of the other programmes
 */
import { reachesAge } from '../dates.ts';
import { birthOf, parentOf } from '../facts.ts';
import { describeParameter, type BooleanParameter, type NumberParameter, type ParameterSnapshot } from '../parameters.ts';
import { ageLimitDetail, hukouName, parentAlive, person, type Condition, type Programme } from './programme.ts';

export interface PensionInsuranceParameters {
  /** Yuan per insured person, once. */
  premium: NumberParameter;
  /** The parent must be younger than this (years). */
  maximumAge: NumberParameter;
  fromFollowingMonth: BooleanParameter;
}

const ID = 'pension-insurance';

const conditions: readonly Condition<PensionInsuranceParameters>[] = [
  parentAlive('养老保险按人投保，为健在的本人购买'),
  {
    id: 'rural-hukou',
    label: () => '本人为农业户口',
    basis: '投保对象为农村计划生育家庭成员',
    test: (f, i) => parentOf(f, i).hukou === 'rural',
    explain: (f, i) => `${person(f, i)} ${hukouName[parentOf(f, i).hukou]}`,
  },
  {
    id: 'second-child-quota-waived',
    label: () => '家庭主动退出二孩生育指标',
    basis: '武清区为主动退出二孩生育指标的家庭购买养老保险',
    test: (f) => f.situation.family.secondChildQuotaWaived === true,
    explain: (f) => {
      const waived = f.situation.family.secondChildQuotaWaived;
      return `登记的主动退出二孩生育指标：${waived === true ? '是' : waived === false ? '否' : '未登记（视为否）'}`;
    },
  },
  {
    id: 'no-further-child',
    label: () => '退出指标后未再生育或收养（曾生育或合法收养子女不超过一个）',
    basis: '退出二孩生育指标即承诺不再生育；登记中没有退出日期，曾生育或收养第二个子女的视为退出后再生育',
    test: (f) => f.childCount <= 1,
    explain: (f) => `曾生育或合法收养子女 ${f.childCount} 人（其中收养 ${f.adoptedCount} 人）`,
  },
  {
    id: 'below-maximum-age',
    label: (p) => `未满 ${p.maximumAge.value} 周岁`,
    basis: '投保年龄上限：未满60周岁（年满60周岁已到养老金领取年龄；具体年龄条件待区办公室核定）',
    test: (f, i, p) => !reachesAge(birthOf(f, i), f.day, p.maximumAge.value, p.fromFollowingMonth.value),
    explain: (f, i, p) => ageLimitDetail(f, i, p.maximumAge.value, p.fromFollowingMonth.value),
  },
];

export const pensionInsurance: Programme<PensionInsuranceParameters> = {
  id: ID,
  name: '计划生育养老保险',
  fundedBy: 'district',
  period: 'once',
  basis: '武清区创建幸福家庭活动工作报告：为主动退出二孩生育指标的家庭购买养老保险，累计投保8438人，投入800余万元（区级文件名称与文号待补录）',
  resolve(s: ParameterSnapshot): PensionInsuranceParameters {
    return {
      premium: s.number(ID, 'premium'),
      maximumAge: s.number(ID, 'maximumAge'),
      fromFollowingMonth: s.boolean(ID, 'birthdayCountsFromFollowingMonth'),
    };
  },
  conditions,
  amount: (_f, _i, p) => p.premium.value,
  amountDetail: (_f, _i, p) => `养老保险保费 ${describeParameter(p.premium.row)}，按人投保一次`,
};
