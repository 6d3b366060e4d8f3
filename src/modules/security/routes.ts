import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int } from '../../core/input.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { auditBy } from '../audit/log.ts';

const policy = z.strictObject({
  minPasswordLength: int(10, 64),
  passwordExpiryDays: int(0, 3650),
  lockoutThreshold: int(3, 20),
  lockoutMinutes: int(1, 1440),
  idleTimeoutMinutes: int(5, 480),
  requireTotpForPrivileged: z.boolean(),
});
type Policy = z.infer<typeof policy>;

async function readPolicy(tx: Queryable): Promise<Policy> {
  const { rows } = await tx.query<Policy>(
    `SELECT min_password_length AS "minPasswordLength", password_expiry_days AS "passwordExpiryDays",
            lockout_threshold AS "lockoutThreshold", lockout_minutes AS "lockoutMinutes",
            idle_timeout_minutes AS "idleTimeoutMinutes", require_totp_for_privileged AS "requireTotpForPrivileged"
       FROM security_policy`,
  );
  const row = rows[0];
  if (!row) throw new Error('no security policy');
  return row;
}

export function securityRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/security/policy', {
    config: { access: 'security.manage' },
    schema: { tags: ['security'], summary: 'The security policy', response: { 200: policy } },
  }, async (req) => withScope(deps.db, actorOf(req), readPolicy));

  r.put('/api/security/policy', {
    config: { access: 'security.manage' },
    schema: { tags: ['security'], summary: 'Change the security policy', body: policy, response: { 200: policy } },
  }, async (req) => {
    const actor = actorOf(req);
    const p = req.body;
    return withScope(deps.db, actor, async (tx) => {
      const before = await readPolicy(tx);
      await tx.query(
        `UPDATE security_policy SET min_password_length = $1, password_expiry_days = $2, lockout_threshold = $3,
                lockout_minutes = $4, idle_timeout_minutes = $5, require_totp_for_privileged = $6, updated_at = now()`,
        [p.minPasswordLength, p.passwordExpiryDays, p.lockoutThreshold, p.lockoutMinutes, p.idleTimeoutMinutes, p.requireTotpForPrivileged],
      );
      const after = await readPolicy(tx);
      await auditBy(tx, actor, {
        action: 'security.policy_update',
        entityType: 'security_policy', entityId: actor.district, before, after,
      });
      return after;
    });
  });
}
