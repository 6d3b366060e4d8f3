import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import type { Config } from '../../config.ts';
import { listQuery, listReply, verifyReply } from './schemas.ts';
import { auditPage, checkDistrictChain } from './readService.ts';

export function auditRoutes(app: FastifyInstance, deps: { db: Database; config: Config }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'The audit log, newest first, filtered and paged', querystring: listQuery, response: { 200: listReply } },
    },
    async (req) => auditPage(deps.db, actorOf(req), req.query),
  );

  r.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Check the district’s audit chain: links, hashes, seals and the checkpoints kept outside the database',
        response: { 200: verifyReply },
      },
    },
    async (req) => checkDistrictChain(deps.db, actorOf(req), deps.config.auditCheckpointPath),
  );
}
