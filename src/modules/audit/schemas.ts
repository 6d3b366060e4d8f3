import { z } from 'zod';
import { instant, line, paging } from '../../core/input.ts';

const result = z.enum(['success', 'failure']);
export type AuditResult = z.output<typeof result>;

export const listQuery = z.strictObject({
  ...paging,
  from: instant.optional(),
  to: instant.optional(),
  actor: line(40, { trim: true }).optional(),
  action: line(60, { trim: true })
    .regex(/^[a-z_.]+$/)
    .optional(),
  entityType: line(40, { trim: true })
    .regex(/^[a-z_]+$/)
    .optional(),
  result: result.optional(),
});

export const entry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  /** The actor's display name; null for the system itself. */
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  result,
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});
export type AuditEntry = z.output<typeof entry>;

export const listReply = z.object({ items: z.array(entry), total: z.number() });

export const verifyReply = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /**
   * reason: 'hash' (entry altered), 'link' (chain broken), 'gap' (entry missing), 'seal' (rewritten
   * without the key), 'head' (not the entry a checkpoint recorded), 'truncated' (shorter than a checkpoint).
   */
  firstBroken: z.object({ seq: z.number(), reason: z.enum(['gap', 'link', 'hash', 'seal', 'head', 'truncated']) }).nullable(),
  /** The latest checkpoint of the district (kept outside the database) the chain was held against. */
  checkpoint: z.object({ seq: z.number(), at: z.string() }).nullable(),
  /** Lines of the checkpoint file that were changed or are not checkpoints. */
  badCheckpointLines: z.array(z.number()),
});
export type AuditVerify = z.output<typeof verifyReply>;
