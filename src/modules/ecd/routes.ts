import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../core/auth/roles.ts';
import { CURVE_SDS, growthCurve } from '../../core/growth/zscore.ts';
import { loadGrowthTables } from '../../core/growth/tables.ts';
import { day, decimal, line, paragraphs } from '../../core/input.ts';
import { actorOf } from '../../server/auth.ts';
import type { EcdService } from './service.ts';

const date = day;
const idParams = z.object({ id: z.uuid() });
/** A measurement, stored as numeric(precision, scale): positive, and small enough to fit once rounded. */
const positive = (max: number, precision: number, scale: number) => decimal({ positive: true, max, precision, scale });

const enrolBody = z.strictObject({
  name: line(40, { trim: true, min: 1 }),
  sex: z.enum(['M', 'F']),
  birthDate: date,
  enrolledOn: date,
  consent: z.strictObject({ by: line(40, { trim: true, min: 1 }), relation: line(10, { trim: true, min: 1 }), purpose: paragraphs(200, { trim: true, min: 2 }) }),
  parentUsername: line(40, { trim: true }).optional(),
});

const measurementBody = z.strictObject({
  date,
  weightKg: positive(999.99, 5, 2).optional(),
  lengthHeightCm: positive(5000, 5, 1).optional(),
  position: z.enum(['lying', 'standing']).optional(),
  headCircumferenceCm: positive(500, 4, 1).optional(),
  armCircumferenceCm: positive(100, 4, 1).optional(),
  tricepsSkinfoldMm: positive(100, 4, 1).optional(),
  subscapularSkinfoldMm: positive(100, 4, 1).optional(),
  oedema: z.boolean().optional(),
  note: paragraphs(500).optional(),
});

const tables = ['weightForAge', 'lengthHeightForAge', 'weightForLength', 'weightForHeight', 'bmiForAge', 'headCircumferenceForAge'] as const;

/** Centre staff (ecd.read), or a parent (ecd.own) for what row-level security shows them of their own child. */
export const STAFF_OR_PARENT: readonly Permission[] = ['ecd.read', 'ecd.own'];

export function ecdRoutes(app: FastifyInstance, deps: { ecd: EcdService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ecd } = deps;

  r.get('/api/ecd/children', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags: ['ecd'], summary: 'Children of the centre (a parent: their own children only)' },
  }, async (req) => ecd.children(actorOf(req)));

  r.post('/api/ecd/children', {
    config: { access: 'ecd.write' },
    schema: { tags: ['ecd'], summary: 'Enrol a child, with the guardian’s consent', body: enrolBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await ecd.enrol(actorOf(req), req.body)));

  r.get('/api/ecd/children/:id', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags: ['ecd'], summary: 'The growth archive of one child (each view is logged)', params: idParams },
  }, async (req) => ecd.archive(actorOf(req), req.params.id));

  r.post('/api/ecd/children/:id/measurements', {
    config: { access: 'ecd.write' },
    schema: { tags: ['ecd'], summary: 'Record a measurement; answers its WHO z-scores, flags and warnings', params: idParams, body: measurementBody },
  }, async (req, reply) => reply.status(201).send(await ecd.measure(actorOf(req), req.params.id, req.body)));

  r.post('/api/ecd/children/:id/withdraw-consent', {
    config: { access: STAFF_OR_PARENT },
    schema: { tags: ['ecd'], summary: 'Withdraw the guardian’s consent', params: idParams },
  }, async (req) => {
    await ecd.withdrawConsent(actorOf(req), req.params.id);
    return { ok: true };
  });

  r.get('/api/ecd/curves', {
    config: { access: 'session' },
    schema: { tags: ['ecd'], summary: 'WHO reference curves (−3, −2, 0, +2, +3 SD) for a growth chart', querystring: z.strictObject({ table: z.enum(tables), sex: z.enum(['M', 'F']) }) },
  }, async (req) => ({
    sds: CURVE_SDS,
    points: growthCurve(loadGrowthTables(), req.query.table, req.query.sex === 'M' ? 'male' : 'female', req.query.table.startsWith('weightFor') && !req.query.table.endsWith('Age') ? 5 : 7),
  }));
}
