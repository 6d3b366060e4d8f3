/**
 * The engine's explained decisions as the routes answer them: one family as posted, one register
 * person on a day, and a year over the register (kept until the benefit data change).
 */
import { createEvaluator, evaluate } from '../../core/benefits/engine.ts';
import { parseSituation } from '../../core/benefits/types.ts';
import { today as businessToday } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { ChangeCache } from '../../db/changeCache.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { evaluatePerson } from './person.ts';
import { parameterRows } from './parameterQueries.ts';
import { yearSummary, type YearSummary } from './summary.ts';

/** Every programme for a family as posted, with the district's parameters; missing or contradictory facts are a 400 naming each field. */
export async function evaluateFamily(db: Database, actor: Actor, body: unknown) {
  const parsed = parseSituation(body);
  if (!parsed.ok) {
    throw new AppError('validation_failed', {
      zh: `家庭情况不完整或相互矛盾：${parsed.issues.map((i) => i.path).join('、')}`,
      en: `Missing or contradictory facts: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      details: parsed.issues,
    });
  }
  const rows = await withScope(db, actor, parameterRows);
  return evaluate(parsed.situation, rows);
}

/** Every programme's explained decision for a register person (a parent) on a day, today by default. */
export async function personEvaluation(db: Database, actor: Actor, personId: string, date: string | undefined) {
  return withScope(db, actor, async (tx) => {
    const rows = await parameterRows(tx);
    return evaluatePerson(tx, rows, personId, date ?? businessToday(), createEvaluator(rows));
  });
}

/** A year of the programmes within the actor's scope; one computation per district, reach and year, kept while the data stay the same. */
export async function keptYearSummary(db: Database, actor: Actor, year: number, kept: ChangeCache<YearSummary>): Promise<YearSummary> {
  // Users of one township share it.
  const key = JSON.stringify([actor.district, actor.reach, year]);
  return kept.get(key, () => withScope(db, actor, (tx) => yearSummary(tx, year)));
}
