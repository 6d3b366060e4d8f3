/**
 * The programmes as the UI lists them: name, funding body, period, legal basis and every
 * condition with its Chinese label and basis — without evaluating anybody.
 *
 * Labels may quote parameters ("年满 60 周岁"), so they are worded with the parameters in force
 * on a date, exactly as the engine words them in its results on that date.
 */
import { isCalendarDate } from './dates.ts';
import { programmes } from './engine.ts';
import { ParameterSnapshot, type ParameterRow } from './parameters.ts';
import type { Programme } from './programmes/programme.ts';
import type { FundingBody, ProgrammeId, ProgrammePeriod } from './types.ts';

export interface ConditionDescription {
  id: string;
  /** Chinese label; the condition id when the programme has no parameters at all. */
  label: string;
  /** Legal basis (Chinese). */
  basis: string;
}

export interface ProgrammeDescription {
  id: ProgrammeId;
  /** Chinese name. */
  name: string;
  fundedBy: FundingBody;
  period: ProgrammePeriod;
  /** Legal basis of the programme (Chinese). */
  basis: string;
  /** Every condition, in the order the engine evaluates them. */
  conditions: ConditionDescription[];
}

/** The first effectiveFrom of any row of the programme, or undefined when it has none. */
function earliestEffective(rows: readonly ParameterRow[], id: ProgrammeId): string | undefined {
  let earliest: string | undefined;
  for (const row of rows) {
    if (row.programme === id && (earliest === undefined || row.effectiveFrom < earliest)) earliest = row.effectiveFrom;
  }
  return earliest;
}

function describe<P>(programme: Programme<P>, rows: readonly ParameterRow[], date: string): ProgrammeDescription {
  let snapshot = new ParameterSnapshot(rows, date);
  if (!snapshot.hasProgramme(programme.id)) {
    const earliest = earliestEffective(rows, programme.id);
    snapshot = earliest === undefined ? snapshot : new ParameterSnapshot(rows, earliest);
  }
  const p = snapshot.hasProgramme(programme.id) ? { value: programme.resolve(snapshot) } : undefined;
  return {
    id: programme.id,
    name: programme.name,
    fundedBy: programme.fundedBy,
    period: programme.period,
    basis: programme.basis,
    conditions: programme.conditions.map((c) => ({ id: c.id, label: p === undefined ? c.id : c.label(p.value), basis: c.basis })),
  };
}

/**
 * Every programme, in the engine's order, with its conditions labelled with the parameters in
 * force on `date` (YYYY-MM-DD). A programme with no parameter in force on `date` (not started
 * yet) is labelled with the parameters of its earliest effective date; one with no parameter
 * rows at all is labelled with the condition ids.
 *
 * Throws RangeError for a `date` that is not a calendar date, and ParameterMissingError /
 * ParameterInvalidError when a started programme's parameters are incomplete on the date used,
 * as the engine would when evaluating on that date.
 */
export function describeProgrammes(rows: readonly ParameterRow[], date: string): ProgrammeDescription[] {
  if (!isCalendarDate(date)) throw new RangeError(`Expected a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  // Each module has its own parameter type; describe() only passes a module's own parameters back to it.
  return programmes.map((programme) => describe(programme as Programme<unknown>, rows, date));
}

const names = new Map<ProgrammeId, string>(programmes.map((p) => [p.id, p.name]));

/**
 * The Chinese name of a programme, e.g. 住院分娩补助 for 'delivery-subsidy'. An id that is not a
 * programme (a stale database value cast to ProgrammeId) is returned unchanged, so a page or an
 * error message that names it still renders.
 */
export function programmeName(id: ProgrammeId): string {
  return names.get(id) ?? id;
}
