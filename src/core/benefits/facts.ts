/**
 * The facts every programme reads, derived once per situation: dates as integers, counts of
 * children, who the "woman" of the age conditions is. Conditions read these instead of walking
 * the situation again, so evaluating one family is a handful of integer comparisons.
 */
import { dayNumber } from './dates.ts';
import type { Child, Parent, Situation } from './types.ts';

export interface Facts {
  readonly situation: Situation;
  /** The evaluated day, yyyymmdd. */
  readonly day: number;
  /** Birth day (yyyymmdd) of each parent, by index. */
  readonly births: readonly number[];
  /** Only one parent is listed: a single parent (divorced, widowed or never married). */
  readonly single: boolean;
  /**
   * The parent whose age the "woman aged N" conditions use: the woman of a couple (alive or
   * not — her age is counted from her birth date), or the single parent whatever their sex.
   */
  readonly ageParent: number;
  /** Index of the woman (sex F) among the parents; -1 when no woman is listed (a single father). */
  readonly woman: number;
  /** Every listed parent has rural hukou (a deceased parent's recorded hukou included). */
  readonly allRural: boolean;
  /** Children ever born or legally adopted, living or dead. */
  readonly childCount: number;
  readonly adoptedCount: number;
  readonly livingCount: number;
  readonly livingGirls: number;
  /** The earliest-born child (the first listed on a tie); undefined when there are none. */
  readonly firstChild: Child | undefined;
  /**
   * A child was born (not adopted) in hospital in the evaluated month, on or before the evaluated
   * day. Twins, or two births in one month, still make one `true`: the fact is per month.
   */
  readonly hospitalDeliveryInMonth: boolean;
}

/** Whether a child born on `birth` (yyyymmdd) was born in the month of `day`, on or before it. */
export function bornInMonthOf(birth: number, day: number): boolean {
  return birth <= day && Math.floor(birth / 100) === Math.floor(day / 100);
}

export function deriveFacts(situation: Situation): Facts {
  const { parents, children } = situation.family;
  const today = dayNumber(situation.date);
  const births: number[] = [];
  let allRural = true;
  let woman = -1;
  for (let i = 0; i < parents.length; i++) {
    const p = parents[i] as Parent;
    births.push(dayNumber(p.birthDate));
    if (p.hukou !== 'rural') allRural = false;
    if (p.sex === 'F' && woman === -1) woman = i;
  }
  let adoptedCount = 0;
  let livingCount = 0;
  let livingGirls = 0;
  let firstChild: Child | undefined;
  let firstBirth = Number.POSITIVE_INFINITY;
  let hospitalDeliveryInMonth = false;
  for (const c of children) {
    if (c.adopted) adoptedCount++;
    if (c.alive) {
      livingCount++;
      if (c.sex === 'F') livingGirls++;
    }
    const birth = dayNumber(c.birthDate);
    if (birth < firstBirth) {
      firstBirth = birth;
      firstChild = c;
    }
    if (c.hospitalDelivery === true && !c.adopted && bornInMonthOf(birth, today)) hospitalDeliveryInMonth = true;
  }
  const single = parents.length === 1;
  return {
    situation,
    day: today,
    births,
    single,
    ageParent: single || woman === -1 ? 0 : woman,
    woman,
    allRural,
    childCount: children.length,
    adoptedCount,
    livingCount,
    livingGirls,
    firstChild,
    hospitalDeliveryInMonth,
  };
}

/** Birth day of parent `i`; the index always comes from the engine's own loop. */
export function birthOf(f: Facts, i: number): number {
  const birth = f.births[i];
  if (birth === undefined) throw new RangeError(`No parent ${i}`);
  return birth;
}

export function parentOf(f: Facts, i: number): Parent {
  const parent = f.situation.family.parents[i];
  if (parent === undefined) throw new RangeError(`No parent ${i}`);
  return parent;
}
