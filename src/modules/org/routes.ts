import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import * as s from './schemas.ts';
import { departments, orgTree, setMembership, township } from './service.ts';

export function orgRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/org/tree',
    {
      config: { access: 'org.read' },
      schema: { tags: ['org'], summary: 'District → townships → villages, as far as the caller may see', response: { 200: s.treeReply } },
    },
    async (req) => orgTree(deps.db, actorOf(req)),
  );

  r.get(
    '/api/org/townships/:code',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['org'],
        summary: 'One township with its villages (404 outside the caller’s scope)',
        params: s.townshipParams,
        response: { 200: s.townshipReply },
      },
    },
    async (req) => township(deps.db, actorOf(req), req.params.code),
  );

  r.get(
    '/api/org/departments',
    {
      config: { access: 'org.read' },
      schema: { tags: ['org'], summary: 'Member departments of the leading group', response: { 200: s.departmentsReply } },
    },
    async (req) => departments(deps.db, actorOf(req)),
  );

  r.patch(
    '/api/org/departments/:code',
    {
      config: { access: 'coord.manage' },
      schema: {
        tags: ['org'],
        summary: 'When a member department joined or left the leading group (refused while it has reports outside the new span)',
        params: s.departmentParams,
        body: s.membershipBody,
        response: { 200: s.department },
      },
    },
    async (req) => setMembership(deps.db, actorOf(req), req.params.code, req.body),
  );
}
