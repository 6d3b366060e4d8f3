import { createEvaluator } from '../../core/benefits/engine.ts';
import type { FundingBody, ProgrammeId } from '../../core/benefits/types.ts';
import type { Queryable } from '../../db/types.ts';
import { situationOn } from '../../core/benefits/registerFamily.ts';
import { registerFamilies } from './familyQueries.ts';
import { parameterRows } from './parameterQueries.ts';

export interface ProgrammeSummary {
  programme: ProgrammeId;
  beneficiaries: number;
  amount: number;
  fundedBy: FundingBody;
}

export interface YearSummary {
  year: number;
  programmes: ProgrammeSummary[];
  total: number;
  /** Reward plus special assistance, and that sum to the nearest 10,000 yuan, as the district reports it. */
  rewardAndSpecialAssistance: { amount: number; roundedTo10000: number };
}

/**
 * A year of the programmes over the register: every family evaluated on the first day of each
 * month by the engine with the district's parameters; persons paid in the year and yuan paid for
 * the year's months, per monthly programme. A parent who moved out of the district is paid up to
 * the month of the move.
 */
export async function yearSummary(tx: Queryable, year: number): Promise<YearSummary> {
  const evaluator = createEvaluator(await parameterRows(tx));
  const families = await registerFamilies(tx);
  const persons = new Map<ProgrammeId, Set<string>>();
  const amounts = new Map<ProgrammeId, number>();
  const funded = new Map<ProgrammeId, FundingBody>();
  for (let month = 1; month <= 12; month++) {
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    for (const family of families) {
      for (const r of evaluator.evaluate(situationOn(family, date), { explain: false }).results) {
        // One-off programmes (a delivery, an insurance bought) are counted from their rolls, not here.
        if (r.period === 'once') continue;
        funded.set(r.programme, r.fundedBy);
        const movedOut = family.movedOutOn[r.parent];
        if (!r.eligible || (movedOut !== null && movedOut !== undefined && movedOut < date)) continue;
        const id = family.parentIds[r.parent] ?? '';
        persons.set(r.programme, (persons.get(r.programme) ?? new Set()).add(id));
        amounts.set(r.programme, (amounts.get(r.programme) ?? 0) + r.monthlyAmount);
      }
    }
  }
  const programmes = [...funded.keys()].map((programme) => ({
    programme,
    beneficiaries: persons.get(programme)?.size ?? 0,
    amount: Math.round((amounts.get(programme) ?? 0) * 100) / 100,
    fundedBy: funded.get(programme) as FundingBody,
  }));
  const assistance = (amounts.get('reward-assistance') ?? 0) + (amounts.get('special-assistance') ?? 0);
  return {
    year,
    programmes,
    total: Math.round(programmes.reduce((sum, p) => sum + p.amount, 0) * 100) / 100,
    rewardAndSpecialAssistance: { amount: assistance, roundedTo10000: Math.round(assistance / 10_000) * 10_000 },
  };
}
