import type { RuleInput } from '../../../api/coordinationTypes.ts';
import { OPERATOR_SIGNS } from './coordmFormat.ts';

/** 农技培训人次 ≤ 咨询人次 × 100 (no "× 1"). */
export function ruleText(rule: Pick<RuleInput, 'left' | 'operator' | 'right' | 'factor'>, nameOf: (code: string) => string): string {
  const factor = rule.factor === 1 ? '' : ` × ${rule.factor}`;
  return `${nameOf(rule.left)} ${OPERATOR_SIGNS[rule.operator]} ${nameOf(rule.right)}${factor}`;
}
