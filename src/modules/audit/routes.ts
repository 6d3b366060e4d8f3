import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { instant, line, paging } from '../../core/input.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import type { Config } from '../../config.ts';
import { auditKeys } from './anchor.ts';
import { readCheckpoints } from './checkpoints.ts';
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
  firstBroken: z.object({ seq: z.number(), reason: z.enum(['gap', 'link', 'hash', 'seal', 'head', 'truncated']) }).nullable(),
  /** The latest checkpoint of the district the chain was held against. */
  checkpoint: z.object({ seq: z.number(), at: z.string() }).nullable(),
  /** Lines of the checkpoint file that were changed or are not checkpoints. */
  badCheckpointLines: z.array(z.number()),
});

export function auditRoutes(app: FastifyInstance, deps: { db: Database; config: Config }): void {
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
    schema: { tags: ['audit'], summary: 'Check the district’s audit chain: links, hashes, seals and the checkpoints kept outside the database', response: { 200: verifyReply } },
  }, async (req) => {
    const actor = actorOf(req);
    const keys = auditKeys();
    if (keys === null) throw new Error('no audit key set for this process');
    const file = readCheckpoints(deps.config.auditCheckpointPath, keys);
    const checkpoints = file.checkpoints.filter((c) => c.district === actor.district);
    const report = await withScope(deps.db, actor, (tx) => verifyChain(tx, actor.district, { keys, checkpoints }));
    const badCheckpointLines = file.problems.map((p) => p.line);
    return { ok: report.ok && badCheckpointLines.length === 0, checked: report.checked, firstBroken: report.firstBroken, checkpoint: report.checkpoint, badCheckpointLines };
  });
}
