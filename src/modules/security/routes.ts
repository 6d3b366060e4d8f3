import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { policy } from './schemas.ts';
import { changeSecurityPolicy, securityPolicy } from './service.ts';

export function securityRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/security/policy',
    {
      config: { access: 'security.manage' },
      schema: { tags: ['security'], summary: 'The security policy', response: { 200: policy } },
    },
    async (req) => securityPolicy(deps.db, actorOf(req)),
  );

  r.put(
    '/api/security/policy',
    {
      config: { access: 'security.manage' },
      schema: { tags: ['security'], summary: 'Change the security policy', body: policy, response: { 200: policy } },
    },
    async (req) => changeSecurityPolicy(deps.db, actorOf(req), req.body),
  );
}
