/**
 * The eligibility engine: `evaluate(situation, parameterRows)` → one result per programme per
 * parent, each with every condition (met or not), the amount and who funds it. A programme paid
 * each month gives `monthlyAmount`; one paid once (`period: 'once'`) gives `onceAmount`, with
 * `monthlyAmount` 0.
 *
 * Pure: no I/O, no clock (the date is in the situation), no logger. The input must already have
 * passed `situationSchema` (types.ts); the engine does not validate it again.
 *
 * Speed: parameters are resolved once per evaluated date into a compiled form (typed values,
 * labels) and cached, so evaluating a million persons for one month resolves them once; each
 * person then costs a few integer comparisons. With `explain: false` the engine skips the
 * detail strings and lists only the failed conditions (with empty details) — what a payment
 * roll over the whole register needs.
 */
import { deriveFacts, type Facts } from './facts.ts';
import { ParameterSnapshot, type ParameterRow } from './parameters.ts';
import { deliverySubsidy } from './programmes/delivery-subsidy.ts';
import { oneChildParentReward } from './programmes/one-child-parent-reward.ts';
import { pensionInsurance } from './programmes/pension-insurance.ts';
import type { Programme } from './programmes/programme.ts';
import { rewardAssistance } from './programmes/reward-assistance.ts';
import { specialAssistance } from './programmes/special-assistance.ts';
import { topUpDahuangbao } from './programmes/top-up-dahuangbao.ts';
import type { ConditionResult, EvaluationResult, FundingBody, ProgrammeId, ProgrammeResult, Situation, SpecialAssistanceCategory } from './types.ts';

/** Every programme the engine evaluates, in result order. */
export const programmes = [rewardAssistance, specialAssistance, oneChildParentReward, topUpDahuangbao, deliverySubsidy, pensionInsurance] as const;

export interface EvaluateOptions {
  /**
   * true (default): every condition with its detail and the amount's parameters — the trace
   * for a person. false: only the failed conditions, with empty details, and no amountDetail;
   * those condition objects, and every ineligible result with its list of them, are shared
   * between evaluations and frozen — do not mutate them.
   */
  explain?: boolean;
  /** Only this programme's results (one per parent): what a payment roll of one programme needs. */
  programme?: ProgrammeId;
}

/** A programme with its parameters resolved for one date. */
interface CompiledProgramme {
  readonly id: ProgrammeId;
  readonly fundedBy: FundingBody;
  evaluate(f: Facts, parent: number, explain: boolean): ProgrammeResult;
}

/** The id of the condition a programme fails when it has no parameter in force on the date. */
export const NOT_IN_FORCE = 'in-force';

/** A result with the amount in its period's field: `monthlyAmount`, or `onceAmount` with `monthlyAmount` 0. */
function result(
  programme: Pick<Programme<unknown>, 'id' | 'fundedBy' | 'period'>,
  parent: number,
  eligible: boolean,
  amount: number,
  conditions: ConditionResult[],
): ProgrammeResult {
  if (programme.period === 'once') {
    return { programme: programme.id, parent, eligible, period: 'once', monthlyAmount: 0, onceAmount: amount, fundedBy: programme.fundedBy, conditions };
  }
  return { programme: programme.id, parent, eligible, period: 'month', monthlyAmount: amount, fundedBy: programme.fundedBy, conditions };
}

function notInForce(programme: Pick<Programme<unknown>, 'id' | 'name' | 'fundedBy' | 'period'>, date: string): CompiledProgramme {
  const label = '项目在评估日期已实施';
  const detail = `${programme.name}在 ${date} 没有生效的参数（尚未实施或未配置）`;
  return {
    id: programme.id,
    fundedBy: programme.fundedBy,
    evaluate: (_f, parent, explain) => result(programme, parent, false, 0, [{ id: NOT_IN_FORCE, label, met: false, detail: explain ? detail : '' }]),
  };
}

function compile<P>(programme: Programme<P>, snapshot: ParameterSnapshot): CompiledProgramme {
  if (!snapshot.hasProgramme(programme.id)) return notInForce(programme, snapshot.on);
  const p = programme.resolve(snapshot);
  const conditions = programme.conditions;
  if (conditions.length > 30) throw new RangeError(`${programme.id}: more than 30 conditions`);
  const labels = conditions.map((c) => c.label(p));
  // Without explanation a failed condition is the same object every time: shared and frozen.
  const failed = conditions.map((c, i): ConditionResult => Object.freeze({ id: c.id, label: labels[i] ?? c.id, met: false, detail: '' }));
  // And so is an ineligible result: it depends only on which conditions failed (a bit each), the
  // parent and the category. A whole register evaluated for a month is mostly ineligible results.
  const refusals = new Map<number, ProgrammeResult>();
  const withCategory = (r: ProgrammeResult, category: SpecialAssistanceCategory | undefined) => {
    if (category !== undefined) r.category = category;
    return r;
  };
  const refusal = (mask: number, parent: number, category: SpecialAssistanceCategory | undefined): ProgrammeResult => {
    const key = (mask * 4 + parent) * 3 + (category === undefined ? 0 : category === 'death' ? 1 : 2);
    let r = refusals.get(key);
    if (r === undefined) {
      const trace = Object.freeze(failed.filter((_, i) => (mask & (1 << i)) !== 0)) as ConditionResult[];
      refusals.set(key, (r = Object.freeze(withCategory(result(programme, parent, false, 0, trace), category))));
    }
    return r;
  };
  return {
    id: programme.id,
    fundedBy: programme.fundedBy,
    evaluate(f, parent, explain) {
      const category = programme.category?.(f, p);
      if (!explain) {
        let mask = 0;
        for (let i = 0; i < conditions.length; i++) if (conditions[i]?.test(f, parent, p) === false) mask |= 1 << i;
        if (mask !== 0) return refusal(mask, parent, category);
        return withCategory(result(programme, parent, true, programme.amount(f, parent, p), []), category);
      }
      const trace: ConditionResult[] = [];
      let eligible = true;
      for (let i = 0; i < conditions.length; i++) {
        const c = conditions[i];
        if (c === undefined) continue;
        const met = c.test(f, parent, p);
        if (!met) eligible = false;
        trace.push({ id: c.id, label: labels[i] ?? c.id, met, detail: c.explain(f, parent, p) });
      }
      const r = withCategory(result(programme, parent, eligible, eligible ? programme.amount(f, parent, p) : 0, trace), category);
      if (eligible) r.amountDetail = programme.amountDetail(f, parent, p);
      return r;
    },
  };
}

/** Resolves every programme's parameters on one date (throws ParameterMissingError / ParameterInvalidError). */
export function compileProgrammes(rows: readonly ParameterRow[], date: string): readonly CompiledProgramme[] {
  const snapshot = new ParameterSnapshot(rows, date);
  return [
    compile(rewardAssistance, snapshot),
    compile(specialAssistance, snapshot),
    compile(oneChildParentReward, snapshot),
    compile(topUpDahuangbao, snapshot),
    compile(deliverySubsidy, snapshot),
    compile(pensionInsurance, snapshot),
  ];
}

function run(compiled: readonly CompiledProgramme[], situation: Situation, explain: boolean, only: ProgrammeId | undefined): EvaluationResult {
  const f = deriveFacts(situation);
  const parents = situation.family.parents.length;
  const results: ProgrammeResult[] = [];
  for (const programme of compiled) {
    if (only !== undefined && programme.id !== only) continue;
    for (let parent = 0; parent < parents; parent++) results.push(programme.evaluate(f, parent, explain));
  }
  return { results };
}

export interface Evaluator {
  evaluate(situation: Situation, options?: EvaluateOptions): EvaluationResult;
}

/** Compiled programmes cached per date; a payment roll touches one date, a year of arrears twelve. */
const CACHE_LIMIT = 1000;

/**
 * An evaluator over one parameter table. The rows are treated as immutable: after the office
 * edits parameters, create a new evaluator (or pass the new array to `evaluate`).
 */
export function createEvaluator(rows: readonly ParameterRow[]): Evaluator {
  const byDate = new Map<string, readonly CompiledProgramme[]>();
  return {
    evaluate(situation, options = {}) {
      let compiled = byDate.get(situation.date);
      if (compiled === undefined) {
        compiled = compileProgrammes(rows, situation.date);
        if (byDate.size >= CACHE_LIMIT) byDate.clear();
        byDate.set(situation.date, compiled);
      }
      return run(compiled, situation, options.explain ?? true, options.programme);
    },
  };
}

const evaluators = new WeakMap<readonly ParameterRow[], Evaluator>();

/**
 * Evaluates a validated situation against a parameter table: one result per programme per
 * parent, in the order of `programmes` then parents, ineligible ones included.
 */
export function evaluate(situation: Situation, parameterRows: readonly ParameterRow[], options: EvaluateOptions = {}): EvaluationResult {
  let evaluator = evaluators.get(parameterRows);
  if (evaluator === undefined) {
    evaluator = createEvaluator(parameterRows);
    evaluators.set(parameterRows, evaluator);
  }
  return evaluator.evaluate(situation, options);
}
