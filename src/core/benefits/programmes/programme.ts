/**
 * What a programme module declares: named conditions (a predicate with a Chinese label, its legal
 * basis and an explanation of the facts it used), an amount formula, who funds it and the period
 * it pays for. Parameters come from a `ParameterSnapshot`, resolved once per evaluated date into
 * the programme's own typed record `P`; conditions never see a parameter row table.
 */
import { ageReachedFrom, completedYears, formatDay, reachesAge } from '../dates.ts';
import { birthOf, parentOf, type Facts } from '../facts.ts';
import type { ParameterSnapshot } from '../parameters.ts';
import type { FundingBody, ProgrammeId, ProgrammePeriod, SpecialAssistanceCategory } from '../types.ts';

export interface Condition<P> {
  readonly id: string;
  /** Chinese label; may quote parameter values, so it is computed once per snapshot. */
  label(p: P): string;
  /** Legal basis of the condition (Chinese). */
  readonly basis: string;
  /** The hot path: no allocation. */
  test(f: Facts, parent: number, p: P): boolean;
  /** Which facts and parameters the test used (Chinese); only called when a trace is wanted. */
  explain(f: Facts, parent: number, p: P): string;
}

export interface Programme<P> {
  readonly id: ProgrammeId;
  /** Chinese name. */
  readonly name: string;
  readonly fundedBy: FundingBody;
  /** 'month': `amount` is yuan per month (→ monthlyAmount); 'once': a one-off sum in yuan (→ onceAmount). */
  readonly period: ProgrammePeriod;
  readonly basis: string;
  /** Typed parameters in force on the snapshot's date; throws ParameterMissingError. */
  resolve(snapshot: ParameterSnapshot): P;
  readonly conditions: readonly Condition<P>[];
  /** Yuan per month ('month') or yuan once ('once') for a parent who meets every condition. */
  amount(f: Facts, parent: number, p: P): number;
  /** Which parameter rows gave the amount (Chinese). */
  amountDetail(f: Facts, parent: number, p: P): string;
  /** special-assistance: the category the family's situation gives, if any. */
  category?(f: Facts, p: P): SpecialAssistanceCategory | undefined;
}

/** "女方" / "男方", or "本人" for a single parent. */
export function role(f: Facts, i: number): string {
  if (f.single) return '本人';
  return parentOf(f, i).sex === 'F' ? '女方' : '男方';
}

/** "女方(1950-03-02 出生)" */
export function person(f: Facts, i: number): string {
  return `${role(f, i)}（${parentOf(f, i).birthDate} 出生）`;
}

export const hukouName = { rural: '农业户口', urban: '非农业户口' } as const;

export function parentAlive<P>(basis = '扶助金、奖励金按人发放，本人死亡的自次月起停发'): Condition<P> {
  return {
    id: 'parent-alive',
    label: () => '本人健在',
    basis,
    test: (f, i) => parentOf(f, i).alive,
    explain: (f, i) => {
      const p = parentOf(f, i);
      if (p.alive) return `${person(f, i)}在 ${f.situation.date} 健在`;
      return `${person(f, i)}已故${p.deathDate ? `（${p.deathDate} 死亡）` : ''}`;
    },
  };
}

/** "2011-06-15 时 61 周岁;标准 60 周岁,…自 2010-04 起满足" */
export function ageDetail(f: Facts, i: number, years: number, fromFollowingMonth: boolean): string {
  const birth = birthOf(f, i);
  const age = completedYears(birth, f.day);
  const rule = fromFollowingMonth ? '生日所在月不计，自次月起' : '按当日实足年龄';
  const from = ageReachedFrom(birth, years, fromFollowingMonth);
  const met = reachesAge(birth, f.day, years, fromFollowingMonth);
  return `${person(f, i)}在 ${formatDay(f.day)} 实足 ${age} 周岁；标准 ${years} 周岁（${rule}），自 ${from} 起满足，${met ? '已满足' : '尚未满足'}`;
}

/**
 * For an age limit ("below 60"): "男方(…)在 2011-06-25 实足 60 周岁;上限 60 周岁(…),自 2011-07 起视为达到,尚未达到,符合".
 * The age is reached exactly as `reachesAge` counts it; the condition holds while it is not.
 */
export function ageLimitDetail(f: Facts, i: number, years: number, fromFollowingMonth: boolean): string {
  const birth = birthOf(f, i);
  const age = completedYears(birth, f.day);
  const rule = fromFollowingMonth ? '生日所在月不计，自次月起' : '按当日实足年龄';
  const from = ageReachedFrom(birth, years, fromFollowingMonth);
  const reached = reachesAge(birth, f.day, years, fromFollowingMonth);
  return `${person(f, i)}在 ${formatDay(f.day)} 实足 ${age} 周岁；上限 ${years} 周岁（${rule}），自 ${from} 起视为达到，${reached ? '已达到，不符合' : '尚未达到，符合'}`;
}

/** Rounds yuan to fen. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100) / 100;
}
