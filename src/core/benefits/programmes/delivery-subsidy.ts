/**
 * 住院分娩补助 — the health bureau's hospital delivery subsidy: a one-off sum for each hospital
 * delivery of a woman in a rural family-planning family.
 *
 * Paid once per delivery, to the mother, by the district health bureau. The engine evaluates a
 * month: a delivery counts in the month of the child's birth (up to the evaluated day), so each
 * delivery is paid in exactly one month. Twins or more (one birth date) are one delivery, and
 * two births registered in one month still give one payment. Conditions:
 * - recipient-mother: the parent is the woman of the family (the father's result never pays)
 * - rural-hukou: the woman has rural hukou
 * - hospital-delivery-in-month: a child born (not adopted) in hospital in the evaluated month,
 *   on or before the evaluated day
 * - family-planning-family: no registered out-of-policy birth
 */
import { dayNumber, formatMonth, monthOfDay } from '../dates.ts';
import { bornInMonthOf, parentOf, type Facts } from '../facts.ts';
import { describeParameter, type NumberParameter, type ParameterSnapshot } from '../parameters.ts';
import { hukouName, person, type Condition, type Programme } from './programme.ts';

export interface DeliverySubsidyParameters {
  /** Yuan per delivery. */
  amount: NumberParameter;
}

const ID = 'delivery-subsidy';
const REPORT = '武清区创建幸福家庭活动工作报告：卫生局对全区农村计划生育家庭孕产妇住院分娩，给予100元补助';

/** The children born in the evaluated month and how each one counts. */
function deliveryDetail(f: Facts): string {
  const month = formatMonth(monthOfDay(f.day));
  const born = f.situation.family.children.filter((c) => bornInMonthOf(dayNumber(c.birthDate), f.day));
  const scope = `评估月份 ${month}（截至 ${f.situation.date}）`;
  if (born.length === 0) return `${scope}没有子女出生`;
  const each = born.map((c) => {
    const how = c.adopted ? '收养，不是本家庭分娩' : c.hospitalDelivery === true ? '住院分娩' : '未登记为住院分娩';
    return `${c.birthDate} 出生的子女${how}`;
  });
  const delivered = born.filter((c) => !c.adopted && c.hospitalDelivery === true);
  let note = '';
  if (delivered.length > 1) {
    note = new Set(delivered.map((c) => c.birthDate)).size === 1 ? '；同日出生的多胞胎计一次分娩，补助一次' : '；同一月份内的分娩补助一次';
  }
  return `${scope}：${each.join('、')}${note}`;
}

const conditions: readonly Condition<DeliverySubsidyParameters>[] = [
  {
    id: 'recipient-mother',
    label: () => '产妇本人（女方）',
    basis: '补助对象为住院分娩的孕产妇本人',
    test: (f, i) => parentOf(f, i).sex === 'F',
    explain: (f, i) => (parentOf(f, i).sex === 'F' ? `${person(f, i)}为女性，是产妇本人` : `${person(f, i)}为男性；补助发给产妇本人，不发给男方`),
  },
  {
    id: 'rural-hukou',
    label: () => '产妇为农业户口',
    basis: '补助对象为全区农村计划生育家庭的孕产妇',
    test: (f) => f.woman !== -1 && parentOf(f, f.woman).hukou === 'rural',
    explain: (f) => (f.woman === -1 ? '家庭未登记女方（产妇）' : `${person(f, f.woman)} ${hukouName[parentOf(f, f.woman).hukou]}`),
  },
  {
    id: 'hospital-delivery-in-month',
    label: () => '评估月份内住院分娩（多胞胎计一次分娩）',
    basis: '卫生局对孕产妇住院分娩给予补助，每次分娩补助一次；收养的子女不属分娩',
    test: (f) => f.hospitalDeliveryInMonth,
    explain: (f) => deliveryDetail(f),
  },
  {
    id: 'family-planning-family',
    label: () => '计划生育家庭（无政策外生育）',
    basis: '补助对象为农村计划生育家庭；平台以登记的政策外生育记录（1973—2001 年）认定',
    test: (f) => !f.situation.family.outOfPolicyBirth1973to2001,
    explain: (f) => `登记的政策外生育：${f.situation.family.outOfPolicyBirth1973to2001 ? '有' : '无'}`,
  },
];

export const deliverySubsidy: Programme<DeliverySubsidyParameters> = {
  id: ID,
  name: '住院分娩补助',
  fundedBy: 'health-bureau',
  period: 'once',
  basis: `${REPORT}（区卫生局文件名称与文号待补录）`,
  resolve(s: ParameterSnapshot): DeliverySubsidyParameters {
    return { amount: s.number(ID, 'amount') };
  },
  conditions,
  amount: (_f, _i, p) => p.amount.value,
  amountDetail: (_f, _i, p) => `住院分娩补助标准 ${describeParameter(p.amount.row)}，每次分娩补助一次`,
};
