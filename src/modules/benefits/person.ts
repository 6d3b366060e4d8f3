/**
 * A register person as the programmes see them: the family they are a parent in, and the
 * engine's explained decision for them on a day.
 */
import { createEvaluator, type Evaluator } from '../../core/benefits/engine.ts';
import type { ParameterRow } from '../../core/benefits/parameters.ts';
import type { ProgrammeResult, Situation } from '../../core/benefits/types.ts';
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../db/types.ts';
import { situationOn, type RegisterFamily } from '../../core/benefits/registerFamily.ts';
import { personFacts, type PersonFacts } from './personQueries.ts';
import { registerFamilies } from './familyQueries.ts';

/** The family in which the person is a parent (household head or spouse), with their index. */
export async function familyOf(tx: Queryable, person: Pick<PersonFacts, 'id' | 'householdId' | 'name'>): Promise<{ family: RegisterFamily; parent: number }> {
  // A household's third head or spouse (a register error) is a family of its own.
  const family = (await registerFamilies(tx, [person.householdId])).find((f) => f.parentIds.includes(person.id));
  const parent = family?.parentIds.indexOf(person.id) ?? -1;
  if (family === undefined || parent < 0) {
    throw new AppError('not_eligible', {
      zh: `${person.name}不是户主或配偶；扶助、奖励按父母本人发放，请选择父母`,
      en: 'Benefits are paid to the parents: choose the household head or spouse',
    });
  }
  return { family, parent };
}

export interface PersonEvaluation {
  personId: string;
  parent: number;
  situation: Situation;
  results: ProgrammeResult[];
}

/** Every programme's explained decision for the person on the day. */
export async function evaluatePerson(
  tx: Queryable,
  rows: readonly ParameterRow[],
  personId: string,
  date: string,
  evaluator: Evaluator = createEvaluator(rows),
): Promise<PersonEvaluation> {
  const person = await personFacts(tx, personId);
  const { family, parent } = await familyOf(tx, person);
  const situation = situationOn(family, date);
  const results = evaluator.evaluate(situation).results.filter((r) => r.parent === parent);
  return { personId, parent, situation, results };
}
