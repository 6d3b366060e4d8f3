import type { Grant, ReachMap } from '../core/auth/roles.ts';
import type { Database, Queryable } from './types.ts';

/** Who is acting, as row-level security and the audit log see it. */
export interface Actor {
  district: string;
  userId: string;
  username: string;
  grants: Grant[];
  reach: ReachMap;
  ip: string | null;
}

/**
 * Runs fn in a transaction as the application role, with the actor's district and reach set for
 * row-level security: rows outside the actor's scope are invisible to every query inside, so a
 * forgotten WHERE clause cannot leak them.
 */
export async function withScope<T>(db: Database, actor: Actor, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // The role and the scope in one statement (set_config('role', …, true) is SET LOCAL ROLE):
    // every request that reads under a scope pays one round trip for them, not two.
    await tx.query(
      `SELECT set_config('role', 'xingfu_app', true), set_config('xingfu.district', $1, true), set_config('xingfu.user_id', $2, true),
              set_config('xingfu.reach', $3, true)`,
      [actor.district, actor.userId, JSON.stringify(actor.reach)],
    );
    return fn(tx);
  });
}
