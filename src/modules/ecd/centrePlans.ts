/**
 * The centre's activity-plan library: the plans as the API answers them, the check of a plan's
 * age range, and the services that read and change them in the caller's scoped transaction, each
 * change audit-logged. The SQL is in planQueries.ts.
 */
import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import { insertPlan, planRow, planRows, updatePlan as updatePlanRow, type PlanFilter, type PlanRow } from './planQueries.ts';
import type { ActivityPlanInput } from './schemas.ts';

export type { PlanFilter } from './planQueries.ts';

const present = (p: PlanRow) => ({
  id: p.id,
  title: p.title,
  ageFromMonths: p.age_from_months,
  ageToMonths: p.age_to_months,
  domain: p.domain,
  goal: p.goal,
  materials: p.materials,
  steps: p.steps,
  parentGuidance: p.parent_guidance,
  minutes: p.minutes,
  version: p.version,
});

function check(input: ActivityPlanInput) {
  if (input.ageToMonths < input.ageFromMonths)
    throw new AppError('validation_failed', { zh: '适用月龄范围不正确', en: 'The age range ends before it starts', details: { field: 'ageToMonths' } });
}

async function foundPlan(tx: Queryable, id: string): Promise<PlanRow> {
  const plan = await planRow(tx, id);
  if (!plan) throw new AppError('not_found');
  return plan;
}

export async function plans(db: Database, actor: AuthContext, filter: PlanFilter) {
  return withScope(db, actor, async (tx) => ({ items: (await planRows(tx, filter)).map(present) }));
}

export async function plan(db: Database, actor: AuthContext, id: string) {
  return withScope(db, actor, async (tx) => present(await foundPlan(tx, id)));
}

export async function createPlan(db: Database, actor: AuthContext, input: ActivityPlanInput) {
  check(input);
  return withScope(db, actor, async (tx) => {
    const created = await insertPlan(tx, actor.district, actor.username, input);
    await auditBy(tx, actor, { action: 'ecd.plan_create', entityType: 'ecd_activity_plan', entityId: created.id, after: input });
    return present(created);
  });
}

export async function updatePlan(db: Database, actor: AuthContext, id: string, input: ActivityPlanInput & { version: number }) {
  check(input);
  return withScope(db, actor, async (tx) => {
    const before = await foundPlan(tx, id);
    if (before.version !== input.version) throw new AppError('stale_version');
    const after = await updatePlanRow(tx, id, actor.username, input);
    if (!after) throw new AppError('stale_version');
    await auditBy(tx, actor, { action: 'ecd.plan_update', entityType: 'ecd_activity_plan', entityId: id, before: present(before), after: input });
    return present(after);
  });
}
