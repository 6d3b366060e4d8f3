/**
 * Indicators a department reports each month, checked as DHIS2 checks data values: each value a
 * number within the indicator's bounds (an integer where it counts things), and validation rules
 * between indicators (left ≤ right × factor and the like), each with its own message. Months add up
 * to quarters and years by the indicator's aggregation.
 */

import type { Aggregation, IssueCode, RuleOperator } from './states.ts';

export type { Aggregation, IssueCode, RuleOperator } from './states.ts';

export interface IndicatorSpec {
  code: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  integer: boolean;
  min: number | null;
  max: number | null;
}

export interface RuleSpec {
  id: string;
  left: string;
  operator: RuleOperator;
  right: string;
  factor: number;
  message: string;
}

export interface ValueIssue {
  indicator: string | null;
  code: IssueCode;
  message: string;
  messageEn: string;
}

export const operatorLabel: Record<RuleOperator, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };

/** The rule as people read it: 培训人次 ≤ 咨询人次 × 100 */
export function describeRule(rule: RuleSpec, names: ReadonlyMap<string, string>): string {
  const factor = rule.factor === 1 ? '' : ` × ${rule.factor}`;
  return `${names.get(rule.left) ?? rule.left} ${operatorLabel[rule.operator]} ${names.get(rule.right) ?? rule.right}${factor}`;
}

function compare(left: number, operator: RuleOperator, right: number): boolean {
  switch (operator) {
    case '<=':
      return left <= right + 1e-9;
    case '<':
      return left < right;
    case '>=':
      return left + 1e-9 >= right;
    case '>':
      return left > right;
    case '=':
      return Math.abs(left - right) < 1e-9;
  }
}

/**
 * Checks each given value on its own (a draft may leave values out, but what it gives must be
 * right): a finite number, not negative, an integer where required, within the bounds.
 */
export function checkValues(indicators: readonly IndicatorSpec[], values: Readonly<Record<string, unknown>>): ValueIssue[] {
  const issues: ValueIssue[] = [];
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  for (const [code, raw] of Object.entries(values)) {
    const indicator = byCode.get(code);
    if (!indicator) {
      issues.push({
        indicator: code,
        code: 'unknown_indicator',
        message: `本单位不报送指标 ${code}`,
        messageEn: `${code} is not an indicator of this department`,
      });
      continue;
    }
    if (raw === null || raw === undefined) continue;
    const label = `${indicator.name}（${indicator.unit}）`;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      issues.push({ indicator: code, code: 'not_number', message: `${label}须填写数字`, messageEn: `${indicator.code} must be a number` });
    } else if (raw < 0) {
      issues.push({ indicator: code, code: 'negative', message: `${label}不能为负数`, messageEn: `${indicator.code} cannot be negative` });
    } else if (indicator.integer && !Number.isInteger(raw)) {
      issues.push({ indicator: code, code: 'not_integer', message: `${label}须为整数`, messageEn: `${indicator.code} must be a whole number` });
    } else if (indicator.min !== null && raw < indicator.min) {
      issues.push({
        indicator: code,
        code: 'below_min',
        message: `${label}不能小于 ${indicator.min}`,
        messageEn: `${indicator.code} must be at least ${indicator.min}`,
      });
    } else if (indicator.max !== null && raw > indicator.max) {
      issues.push({
        indicator: code,
        code: 'above_max',
        message: `${label}不能大于 ${indicator.max}`,
        messageEn: `${indicator.code} must be at most ${indicator.max}`,
      });
    }
  }
  return issues;
}

/**
 * Checks a report for submission: every indicator filled in and valid, the narrative sections
 * written, and every rule between the department's indicators satisfied.
 */
export function checkSubmission(input: {
  indicators: readonly IndicatorSpec[];
  rules: readonly RuleSpec[];
  values: Readonly<Record<string, number | null>>;
  texts: { progress: string; work: string; effect: string };
}): ValueIssue[] {
  const issues = checkValues(input.indicators, input.values);
  const textLabels = { progress: ['进展情况', 'progress'], work: ['工作内容', 'work'], effect: ['取得效果', 'effect'] } as const;
  for (const key of ['progress', 'work', 'effect'] as const) {
    if (input.texts[key].trim() === '') {
      issues.push({ indicator: null, code: 'text_required', message: `请填写${textLabels[key][0]}`, messageEn: `Write the ${textLabels[key][1]} section` });
    }
  }
  for (const indicator of input.indicators) {
    const value = input.values[indicator.code];
    if (value === null || value === undefined) {
      issues.push({
        indicator: indicator.code,
        code: 'required',
        message: `请填写${indicator.name}（无则填 0）`,
        messageEn: `${indicator.code} is required (enter 0 if none)`,
      });
    }
  }
  if (issues.length > 0) return issues;
  for (const rule of input.rules) {
    const left = input.values[rule.left];
    const right = input.values[rule.right];
    if (typeof left !== 'number' || typeof right !== 'number') continue;
    if (!compare(left, rule.operator, right * rule.factor)) {
      issues.push({
        indicator: rule.left,
        code: 'rule',
        message: rule.message,
        messageEn: `Rule failed: ${rule.left} ${rule.operator} ${rule.right} × ${rule.factor}`,
      });
    }
  }
  return issues;
}

/** A period's figure from its months' values, in month order (missing months left out). */
export function aggregate(aggregation: Aggregation, monthly: readonly number[]): number {
  if (monthly.length === 0) return 0;
  switch (aggregation) {
    case 'sum':
      return monthly.reduce((a, b) => a + b, 0);
    case 'last':
      return monthly[monthly.length - 1] as number;
    case 'max':
      return Math.max(...monthly);
  }
}
