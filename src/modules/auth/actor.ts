/**
 * An actor for work done outside a web session (the command line, the demo seeding), acting as a
 * named account so that scope, the four-eyes rule and the audit log apply as in the web app.
 */
import { reachOf } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { findGrants, findUsersByUsername, toGrant } from './queries.ts';

/** The account the command acts as, with its grants in effect; disabled accounts may not act. */
export async function actorFor(db: Queryable, username: string): Promise<Actor> {
  const [user, ...others] = await findUsersByUsername(db, username, null);
  if (user === undefined || user.disabled) throw new AppError('not_found', { zh: `没有可用的账户 ${username}`, en: `No active account ${username}` });
  if (others.length > 0) throw new AppError('district_required');
  // Only the grants in effect: a suspended grant gives the command line no more than the web app.
  const rows = (await findGrants(db, user.district_code, [user.id])).get(user.id) ?? [];
  const grants = rows.filter((g) => g.confirmed).map(toGrant);
  return { district: user.district_code, userId: user.id, username: user.username, grants, reach: reachOf(grants), ip: null };
}
