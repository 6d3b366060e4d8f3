/**
 * 下朱庄街道独生子女父母奖励 — the 下朱庄 one-child parent reward, a township top-up.
 *
 * Paid per person (both parents), monthly, by the township. Conditions:
 * - parent-alive
 * - township: the family is registered in the township named by the `township` parameter
 * - one-child-certificate: the family holds a one-child certificate (独生子女父母光荣证); the
 *   certificate is the proof of one-child status, the children list is not re-examined
 * - woman-minimum-age: the woman is 45 or older (parameter); a single parent: that parent
 */
import { reachesAge } from '../dates.ts';
import { birthOf } from '../facts.ts';
import { describeParameter, type BooleanParameter, type NumberParameter, type ParameterSnapshot, type StringParameter } from '../parameters.ts';
import { ageDetail, parentAlive, type Condition, type Programme } from './programme.ts';

export interface OneChildParentRewardParameters {
  township: StringParameter;
  amount: NumberParameter;
  womanMinimumAge: NumberParameter;
  fromFollowingMonth: BooleanParameter;
}

const ID = 'one-child-parent-reward';

const conditions: readonly Condition<OneChildParentRewardParameters>[] = [
  parentAlive(),
  {
    id: 'township',
    label: (p) => `户籍在实施乡镇街（${p.township.value}）`,
    basis: '下朱庄街道自筹资金，仅对本街道居民实施',
    test: (f, _i, p) => f.situation.township === p.township.value,
    explain: (f, _i, p) => `家庭所在乡镇街 ${f.situation.township}，实施范围 ${p.township.value}`,
  },
  {
    id: 'one-child-certificate',
    label: () => '持有《独生子女父母光荣证》',
    basis: '奖励对象为领取《独生子女父母光荣证》的父母',
    test: (f) => f.situation.family.oneChildCertificate,
    explain: (f) => `独生子女父母光荣证：${f.situation.family.oneChildCertificate ? '有' : '无'}`,
  },
  {
    id: 'woman-minimum-age',
    label: (p) => `女方年满 ${p.womanMinimumAge.value} 周岁（单亲家庭为本人）`,
    basis: '女方年满45周岁起按月奖励',
    test: (f, _i, p) => reachesAge(birthOf(f, f.ageParent), f.day, p.womanMinimumAge.value, p.fromFollowingMonth.value),
    explain: (f, _i, p) => ageDetail(f, f.ageParent, p.womanMinimumAge.value, p.fromFollowingMonth.value),
  },
];

export const oneChildParentReward: Programme<OneChildParentRewardParameters> = {
  id: ID,
  name: '下朱庄街道独生子女父母奖励',
  fundedBy: 'township',
  period: 'month',
  basis: '武清区创建幸福家庭活动工作报告：下朱庄街道对独生子女父母女方年满45周岁起每人每月奖励100元（街道文件待补录）',
  resolve(s: ParameterSnapshot): OneChildParentRewardParameters {
    return {
      township: s.string(ID, 'township'),
      amount: s.number(ID, 'amount'),
      womanMinimumAge: s.number(ID, 'womanMinimumAge'),
      fromFollowingMonth: s.boolean(ID, 'birthdayCountsFromFollowingMonth'),
    };
  },
  conditions,
  amount: (_f, _i, p) => p.amount.value,
  amountDetail: (_f, _i, p) => `独生子女父母奖励标准 ${describeParameter(p.amount.row)}`,
};
