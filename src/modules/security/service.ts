import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import { readPolicy, writePolicy } from './queries.ts';
import type { SecurityPolicy } from './schemas.ts';

export async function securityPolicy(db: Database, actor: AuthContext): Promise<SecurityPolicy> {
  return withScope(db, actor, readPolicy);
}

/** Changes the policy and logs it, before and after. */
export async function changeSecurityPolicy(db: Database, actor: AuthContext, p: SecurityPolicy): Promise<SecurityPolicy> {
  return withScope(db, actor, async (tx) => {
    const before = await readPolicy(tx);
    await writePolicy(tx, p);
    const after = await readPolicy(tx);
    await auditBy(tx, actor, {
      action: 'security.policy_update',
      entityType: 'security_policy',
      entityId: actor.district,
      before,
      after,
    });
    return after;
  });
}
