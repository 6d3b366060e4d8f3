/**
 * 大黄堡乡奖励扶助加发 — the 大黄堡 top-up: the township pays its reward-assistance beneficiaries
 * a share (100 %) of the district reward-assistance standard again, so the standard doubles.
 *
 * Paid per person, monthly, by the township. It reads the reward-assistance parameters (amount,
 * ages, dates) rather than copying them, so a change of the district standard changes the top-up.
 * Conditions:
 * - township: the family is registered in the township named by the `township` parameter
 * - reward-assistance-eligible: the parent meets every reward-assistance condition
 */
import { describeParameter, type NumberParameter, type ParameterSnapshot, type StringParameter } from '../parameters.ts';
import { toFen, type Condition, type Programme } from './programme.ts';
import { failedRewardAssistance, meetsRewardAssistance, rewardAssistance, type RewardAssistanceParameters } from './reward-assistance.ts';

export interface TopUpDahuangbaoParameters {
  township: StringParameter;
  /** Percent of the reward-assistance standard paid again. */
  share: NumberParameter;
  reward: RewardAssistanceParameters;
}

const ID = 'top-up-dahuangbao';

const conditions: readonly Condition<TopUpDahuangbaoParameters>[] = [
  {
    id: 'township',
    label: (p) => `户籍在实施乡镇街（${p.township.value}）`,
    basis: '大黄堡乡财政负担，仅对本乡居民实施',
    test: (f, _i, p) => f.situation.township === p.township.value,
    explain: (f, _i, p) => `家庭所在乡镇街 ${f.situation.township}，实施范围 ${p.township.value}`,
  },
  {
    id: 'reward-assistance-eligible',
    label: () => '符合农村部分计划生育家庭奖励扶助条件',
    basis: '加发对象为本乡农村部分计划生育家庭奖励扶助对象',
    test: (f, i, p) => meetsRewardAssistance(f, i, p.reward),
    explain: (f, i, p) => {
      const failed = failedRewardAssistance(f, i, p.reward);
      return failed.length === 0 ? '符合奖励扶助全部条件' : `不符合奖励扶助条件：${failed.join('；')}`;
    },
  },
];

export const topUpDahuangbao: Programme<TopUpDahuangbaoParameters> = {
  id: ID,
  name: '大黄堡乡奖励扶助加发',
  fundedBy: 'township',
  period: 'month',
  basis: '武清区创建幸福家庭活动工作报告：大黄堡乡在区奖励扶助标准基础上再加发一倍（乡级文件待补录）',
  resolve(s: ParameterSnapshot): TopUpDahuangbaoParameters {
    return {
      township: s.string(ID, 'township'),
      share: s.number(ID, 'shareOfRewardAssistance'),
      reward: rewardAssistance.resolve(s),
    };
  },
  conditions,
  amount: (_f, _i, p) => toFen((p.reward.amount.value * p.share.value) / 100),
  amountDetail: (_f, _i, p) => `区奖励扶助标准 ${describeParameter(p.reward.amount.row)} × 加发比例 ${describeParameter(p.share.row)}`,
};
