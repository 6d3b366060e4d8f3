import { issueCodes } from '../../../../../src/core/coordination/states.ts';
import { isApiError } from '../../../api/client.ts';
import type { Indicator, RuleOperator, ValidationRule, ValueIssue } from '../../../api/coordinationTypes.ts';

/** The narrative fields of a report; the first three must be filled in to submit. */
export const TEXT_FIELDS = ['progress', 'work', 'effect', 'problems'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const REQUIRED_TEXTS: readonly TextField[] = ['progress', 'work', 'effect'];

export function isTextField(value: string | null): value is TextField {
  return TEXT_FIELDS.some((field) => field === value);
}

function isIssue(value: unknown): value is ValueIssue {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    (record.indicator === null || typeof record.indicator === 'string') && typeof record.message === 'string' && issueCodes.some((code) => code === record.code)
  );
}

/** The per-field problems of a refused save (400 value_invalid) or submission (422 report_invalid). */
export function issuesOf(error: unknown): ValueIssue[] | null {
  if (!isApiError(error) || (error.code !== 'value_invalid' && error.code !== 'report_invalid')) return null;
  return Array.isArray(error.details) ? error.details.filter(isIssue) : [];
}

const EPSILON = 1e-9;

function compare(left: number, operator: RuleOperator, right: number): boolean {
  switch (operator) {
    case '<=':
      return left <= right + EPSILON;
    case '<':
      return left < right - EPSILON;
    case '>=':
      return left >= right - EPSILON;
    case '>':
      return left > right + EPSILON;
    case '=':
      return Math.abs(left - right) <= EPSILON;
  }
}

/** A rule on the values as filled in: passes, fails, or cannot tell yet (a value missing). */
export function ruleState(rule: ValidationRule, values: Record<string, number | null | undefined>): 'pass' | 'fail' | 'pending' {
  const left = values[rule.left];
  const right = values[rule.right];
  if (typeof left !== 'number' || typeof right !== 'number') return 'pending';
  return compare(left, rule.operator, right * rule.factor) ? 'pass' : 'fail';
}

export type ValueProblem = 'required' | 'negative' | 'not_integer' | 'below_min' | 'above_max';

/**
 * What is wrong with one value. A draft may leave values out and go beyond the bounds (they are
 * checked on submission); it may not hold a negative or, for a count, a fractional number.
 */
export function valueProblem(indicator: Indicator, value: number | null | undefined, submitting: boolean): ValueProblem | null {
  if (value === null || value === undefined) return submitting ? 'required' : null;
  if (value < 0) return 'negative';
  if (indicator.integer && !Number.isInteger(value)) return 'not_integer';
  if (indicator.min !== null && value < indicator.min) return 'below_min';
  if (indicator.max !== null && value > indicator.max) return 'above_max';
  return null;
}

/** Problems that only matter on submission: shown as a hint while a draft. */
export const SUBMIT_ONLY: readonly ValueProblem[] = ['required', 'below_min', 'above_max'];
