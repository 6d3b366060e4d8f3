import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { instant, line, paging } from '../../core/input.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { displayNames } from '../users/names.ts';
import { listAudit, verifyChain } from './service.ts';

const listQuery = z.strictObject({
  ...paging,
  from: instant.optional(),
  to: instant.optional(),
  actor: line(40, { trim: true }).optional(),
  action: line(60, { trim: true }).regex(/^[a-z_.]+$/).optional(),
  entityType: line(40, { trim: true }).regex(/^[a-z_]+$/).optional(),
  result: z.enum(['success', 'failure']).optional(),
});

const entry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  /** The actor's display name; null for the system itself. */
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  result: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});

const verifyReply = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ seq: z.number(), reason: z.enum(['hash', 'link', 'gap']) }).nullable(),
});

export function auditRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/audit', {
    config: { access: 'audit.read' },
    schema: { tags: ['audit'], summary: 'The audit log, newest first, filtered and paged', querystring: listQuery, response: { 200: z.object({ items: z.array(entry), total: z.number() }) } },
  }, async (req) =>
    withScope(deps.db, actorOf(req), async (tx) => {
      const { rows, total } = await listAudit(tx, req.query);
      const nameOf = await displayNames(tx, rows.map((row) => row.actor_username));
      return {
        total,
        items: rows.map((row) => ({
          seq: Number(row.seq), at: row.at.toISOString(), actor: row.actor_username, actorName: nameOf(row.actor_username), action: row.action,
          entityType: row.entity_type, entityId: row.entity_id, result: row.result, ip: row.ip,
          before: row.before, after: row.after, detail: row.detail,
        })),
      };
    }));

  r.get('/api/audit/verify', {
    config: { access: 'audit.read' },
    schema: { tags: ['audit'], summary: 'Check the hash chain of the district’s audit log', response: { 200: verifyReply } },
  }, async (req) => {
    const actor = actorOf(req);
    const report = await withScope(deps.db, actor, (tx) => verifyChain(tx, actor.district));
    return { ok: report.ok, checked: report.checked, firstBroken: report.firstBroken };
  });
}
