import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../core/auth/roles.ts';
import { noBody, okReply } from '../../core/wire.ts';
import { actorOf } from '../../server/auth.ts';
import { childArchive, childrenReply, curvesQuery, curvesReply, enrolBody, enrolled, idParams, measurementBody, measurementResult } from './schemas.ts';
import type { Database } from '../../db/types.ts';
import { archive, children, curves, enrol, measure, withdrawConsent } from './service.ts';

/** Centre staff (ecd.read), or a parent (ecd.own) for what row-level security shows them of their own child. */
export const STAFF_OR_PARENT: readonly Permission[] = ['ecd.read', 'ecd.own'];

export function ecdRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/ecd/children',
    {
      config: { access: STAFF_OR_PARENT },
      schema: { tags: ['ecd'], summary: 'Children of the centre (a parent: their own children only)', response: { 200: childrenReply } },
    },
    async (req) => children(db, actorOf(req)),
  );

  r.post(
    '/api/ecd/children',
    {
      config: { access: 'ecd.write' },
      schema: { tags: ['ecd'], summary: 'Enrol a child, with the guardian’s consent', body: enrolBody, response: { 201: enrolled } },
    },
    async (req, reply) => reply.status(201).send(await enrol(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/ecd/children/:id',
    {
      config: { access: STAFF_OR_PARENT },
      schema: { tags: ['ecd'], summary: 'The growth archive of one child (each view is logged)', params: idParams, response: { 200: childArchive } },
    },
    async (req) => archive(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/ecd/children/:id/measurements',
    {
      config: { access: 'ecd.write' },
      schema: {
        tags: ['ecd'],
        summary: 'Record a measurement; answers its WHO z-scores, flags and warnings',
        params: idParams,
        body: measurementBody,
        response: { 201: measurementResult },
      },
    },
    async (req, reply) => reply.status(201).send(await measure(db, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/ecd/children/:id/withdraw-consent',
    {
      config: { access: STAFF_OR_PARENT },
      schema: { tags: ['ecd'], summary: 'Withdraw the guardian’s consent', params: idParams, body: noBody, response: { 200: okReply } },
    },
    async (req) => {
      await withdrawConsent(db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/ecd/curves',
    {
      config: { access: 'session' },
      schema: {
        tags: ['ecd'],
        summary: 'WHO reference curves (−3, −2, 0, +2, +3 SD) for a growth chart',
        querystring: curvesQuery,
        response: { 200: curvesReply },
      },
    },
    async (req) => curves(req.query.table, req.query.sex),
  );
}
