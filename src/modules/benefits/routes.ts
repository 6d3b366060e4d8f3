import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluate } from '../../core/benefits/engine.ts';
import { parseSituation } from '../../core/benefits/types.ts';
import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { parameterRows } from './register.ts';
import { yearSummary } from './summary.ts';

const programmeSummary = z.object({ programme: z.string(), beneficiaries: z.number(), amount: z.number(), fundedBy: z.string() });

export function benefitRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/benefits/evaluate', {
    config: { access: 'benefits.read' },
    schema: { tags: ['benefits'], summary: 'Eligibility and amount of every programme for one family on a date, with each condition explained', body: z.unknown() },
  }, async (req) => {
    const parsed = parseSituation(req.body);
    if (!parsed.ok) {
      throw new AppError('validation_failed', {
        zh: `家庭情况不完整或相互矛盾:${parsed.issues.map((i) => i.path).join('、')}`,
        en: `Missing or contradictory facts: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        details: parsed.issues,
      });
    }
    const rows = await withScope(deps.db, actorOf(req), parameterRows);
    return evaluate(parsed.situation, rows);
  });

  r.get('/api/benefits/summary', {
    config: { access: 'benefits.read' },
    schema: {
      tags: ['benefits'],
      summary: 'A year of the programmes over the register within the caller’s scope: persons paid and yuan paid',
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { 200: z.object({ year: z.number(), programmes: z.array(programmeSummary), total: z.number(), rewardAndSpecialAssistance: z.object({ amount: z.number(), roundedTo10000: z.number() }) }) },
    },
  }, async (req) => withScope(deps.db, actorOf(req), (tx) => yearSummary(tx, req.query.year)));
}
