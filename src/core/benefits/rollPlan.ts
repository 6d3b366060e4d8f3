/**
 * Planning the lines of a monthly payment roll (发放花名册), pure over the data it is given.
 *
 * For programme P and month M, every enrolment of P is evaluated with the engine:
 * - month M: a regular line when the person qualifies in M, else a stop with the failed conditions;
 * - an earlier month never paid (approved late, or a roll skipped): an arrears line (补发);
 * - an earlier month already paid whose due amount has changed since (a death or move-out
 *   recorded late, an exit, a parameter changed after the fact): an adjustment line with the
 *   difference, possibly negative. Months already paid are re-evaluated only for families whose
 *   register entries changed after the last approved roll, or for everyone when a parameter row
 *   was entered since.
 * Earlier months are looked at within LOOKBACK_MONTHS. A programme paid once is planned for the
 * enrolment's first month only, and evaluated on that month's last day.
 */
import { addMonths, monthEnd, monthOf, monthStart, monthsBetween } from '../calendar.ts';
import { AppError } from '../errors.ts';
import { createEvaluator, programmes, type Evaluator } from './engine.ts';
import type { ParameterRow } from './parameters.ts';
import { situationOn, type RegisterFamily } from './registerFamily.ts';
import type { ProgrammeId, ProgrammeResult } from './types.ts';

/** How far back a roll looks for unpaid months (arrears) and changed amounts (adjustments). */
export const LOOKBACK_MONTHS = 24;

/** An enrolment as the planner takes it. */
export interface RollEnrolment {
  id: string;
  personId: string;
  householdId: string;
  township: string;
  village: string;
  /** The category recorded on the enrolment (special assistance), or null. */
  category: string | null;
  /** The first day of the first month the enrolment pays (YYYY-MM-DD). */
  startMonth: string;
  /** The first day of the last month it pays, once exited (YYYY-MM-DD); null while it runs. */
  lastMonth: string | null;
}

/** A line pays the month due, a month missed (arrears), or corrects one paid (an adjustment, possibly negative). */
export const lineKinds = ['regular', 'arrears', 'adjustment'] as const;
export type LineKind = (typeof lineKinds)[number];

export interface NewLine {
  enrolmentId: string;
  personId: string;
  township: string;
  village: string;
  paidMonth: string;
  kind: LineKind;
  amount: number;
  category: string | null;
  note: string | null;
}

export interface Stop {
  enrolmentId: string;
  personId: string;
  township: string;
  reasons: string[];
}

export interface RollPlan {
  lines: NewLine[];
  stops: Stop[];
}

/** What planning a roll reads besides the enrolments. */
export interface RollPlanInput {
  programme: ProgrammeId;
  period: string;
  rows: readonly ParameterRow[];
  families: readonly RegisterFamily[];
  /** person → month → paid so far (fen) and whether a regular/arrears line exists. */
  paid: Map<string, Map<string, { fen: number; paid: boolean }>>;
  /** Households whose register entries changed since the last approved roll; 'all' after a parameter change. */
  changed: Set<string> | 'all';
}

/** Fen, to add money without float drift. */
export const fen = (yuan: number) => Math.round(yuan * 100);

/** A programme of the engine by its id; an unknown id is a 404. */
export function programmeOf(id: string) {
  const programme = programmes.find((p) => p.id === id);
  if (programme === undefined) throw new AppError('unknown_programme');
  return programme;
}

/** A family's results for one programme on one day, kept while a run of enrolments is planned: a couple enrolled together is evaluated once. */
type Evaluated = Map<string, Map<RegisterFamily, readonly ProgrammeResult[]>>;

/** What a programme owes one parent of a family for one month, and why not when it owes nothing. */
function dueFor(
  evaluator: Evaluator,
  evaluated: Evaluated,
  programme: ProgrammeId,
  once: boolean,
  family: RegisterFamily,
  parent: number,
  month: string,
): { amount: number; reasons: string[]; category: string | null } {
  const movedOut = family.movedOutOn[parent];
  const day = once ? monthEnd(month) : monthStart(month);
  if (movedOut !== null && movedOut !== undefined && movedOut < monthStart(month)) return { amount: 0, reasons: [`已于 ${movedOut} 迁出本区`], category: null };
  let onDay = evaluated.get(day);
  if (onDay === undefined) evaluated.set(day, (onDay = new Map()));
  let results = onDay.get(family);
  if (results === undefined) onDay.set(family, (results = evaluator.evaluate(situationOn(family, day), { explain: false, programme }).results));
  let result: ProgrammeResult | undefined;
  for (const r of results)
    if (r.programme === programme && r.parent === parent) {
      result = r;
      break;
    }
  if (result === undefined) return { amount: 0, reasons: ['无评估结果'], category: null };
  if (!result.eligible) return { amount: 0, reasons: result.conditions.filter((c) => !c.met).map((c) => c.label), category: result.category ?? null };
  return { amount: once ? (result.onceAmount ?? 0) : result.monthlyAmount, reasons: [], category: result.category ?? null };
}

/**
 * Plans the lines of a roll, pure over the data it is given (enrolments, families, what was paid
 * before, which families changed): what every enrolment needs (the evaluator, where each parent
 * sits) is prepared once, then enrolments are planned a run at a time, so that a run's lines can
 * be written while the next run is planned.
 */
export function rollPlanner(input: RollPlanInput): (enrolments: readonly RollEnrolment[]) => RollPlan {
  const { programme, period } = input;
  const once = programmeOf(programme).period === 'once';
  const evaluator = createEvaluator(input.rows);
  const where = new Map<string, { family: RegisterFamily; parent: number }>();
  for (const family of input.families) family.parentIds.forEach((id, parent) => where.set(id, { family, parent }));
  const windowStart = addMonths(period, -LOOKBACK_MONTHS);
  return (enrolments) => {
    const lines: NewLine[] = [];
    const stops: Stop[] = [];
    const evaluated: Evaluated = new Map();
    for (const e of enrolments) {
      const at = where.get(e.personId);
      const start = monthOf(e.startMonth);
      const last = e.lastMonth === null ? null : monthOf(e.lastMonth);
      const history = input.paid.get(e.personId);
      const changed = input.changed === 'all' || input.changed.has(e.householdId);
      const months = once ? (start <= period ? [start] : []) : monthsBetween(start > windowStart ? start : windowStart, period);
      for (const month of months) {
        const before = history?.get(month);
        const isPeriod = month === period;
        // A month paid before is only looked at again when something it depended on changed.
        if (before?.paid === true && !changed && (last === null || month <= last)) continue;
        if (before?.paid === true && isPeriod) continue;
        let due: { amount: number; reasons: string[]; category: string | null };
        if (last !== null && month > last) due = { amount: 0, reasons: ['已办理退出'], category: null };
        else if (at === undefined) due = { amount: 0, reasons: ['户籍中未找到该对象的家庭'], category: null };
        else due = dueFor(evaluator, evaluated, programme, once, at.family, at.parent, month);
        const category = due.category ?? e.category;
        const line = (kind: NewLine['kind'], amount: number, note: string | null): NewLine => ({
          enrolmentId: e.id,
          personId: e.personId,
          township: e.township,
          village: e.village,
          paidMonth: month,
          kind,
          amount,
          category,
          note,
        });
        if (before?.paid === true) {
          const difference = fen(due.amount) - before.fen;
          if (difference !== 0)
            lines.push(
              line(
                'adjustment',
                difference / 100,
                `${month} 已发 ${(before.fen / 100).toFixed(2)} 元，应发 ${due.amount.toFixed(2)} 元${due.reasons.length > 0 ? `（${due.reasons.join('；')}）` : ''}`,
              ),
            );
        } else if (due.amount > 0) {
          lines.push(isPeriod ? line('regular', due.amount, null) : line('arrears', due.amount, `补发 ${month}`));
        } else if (isPeriod && (last === null || last >= period)) {
          stops.push({ enrolmentId: e.id, personId: e.personId, township: e.township, reasons: due.reasons });
        }
      }
    }
    return { lines, stops };
  };
}
