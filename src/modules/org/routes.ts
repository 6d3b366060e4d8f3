import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { day, slug, townshipCode } from '../../core/input.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { setDepartmentMembership } from '../coordination/config.ts';
import * as q from './queries.ts';

const village = z.object({ code: z.string(), name: z.string(), kind: z.enum(['village', 'community']) });
const township = z.object({ code: z.string(), name: z.string(), kind: z.enum(['subdistrict', 'town', 'township']) });

const treeReply = z.object({
  district: z.object({ code: z.string(), name: z.string() }),
  townships: z.array(township.extend({ villages: z.array(village) })),
});
const townshipReply = township.extend({ villages: z.array(village), userCount: z.number() });
const department = z.object({
  code: z.string(), name: z.string(), shortName: z.string(), activeFrom: z.string(), activeTo: z.string().nullable(), liaisonCount: z.number(),
});
const departmentsReply = z.object({
  items: z.array(department),
});

const presentDepartment = (d: q.DepartmentRow) => ({
  code: d.code, name: d.name, shortName: d.short_name, activeFrom: d.active_from, activeTo: d.active_to, liaisonCount: d.liaison_count,
});

export function orgRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/org/tree', {
    config: { access: 'org.read' },
    schema: { tags: ['org'], summary: 'District → townships → villages, as far as the caller may see', response: { 200: treeReply } },
  }, async (req) =>
    withScope(deps.db, actorOf(req), async (tx) => {
      const district = (await q.districtName(tx)) ?? { code: actorOf(req).district, name: '' };
      const townships = await q.visibleTownships(tx);
      const villages = await q.visibleVillages(tx);
      return {
        district,
        townships: townships.map((t) => ({
          ...t,
          villages: villages.filter((v) => v.township_code === t.code).map(({ code, name, kind }) => ({ code, name, kind })),
        })),
      };
    }));

  r.get('/api/org/townships/:code', {
    config: { access: 'org.read' },
    schema: {
      tags: ['org'],
      summary: 'One township with its villages (404 outside the caller’s scope)',
      params: z.object({ code: townshipCode }),
      response: { 200: townshipReply },
    },
  }, async (req) =>
    withScope(deps.db, actorOf(req), async (tx) => {
      const township = await q.visibleTownship(tx, req.params.code);
      if (!township) throw new AppError('not_found');
      const villages = await q.visibleVillages(tx, township.code);
      return {
        ...township,
        villages: villages.map(({ code, name, kind }) => ({ code, name, kind })),
        userCount: await q.countUsersInTownship(tx, township.code),
      };
    }));

  r.get('/api/org/departments', {
    config: { access: 'org.read' },
    schema: { tags: ['org'], summary: 'Member departments of the leading group', response: { 200: departmentsReply } },
  }, async (req) =>
    withScope(deps.db, actorOf(req), async (tx) => ({
      items: (await q.visibleDepartments(tx)).map(presentDepartment),
    })));

  r.patch('/api/org/departments/:code', {
    config: { access: 'coord.manage' },
    schema: {
      tags: ['org'],
      summary: 'When a member department joined or left the leading group (refused while it has reports outside the new span)',
      params: z.strictObject({ code: slug }),
      body: z.strictObject({ activeFrom: day, activeTo: day.nullable() }),
      response: { 200: department },
    },
  }, async (req) =>
    withScope(deps.db, actorOf(req), async (tx) => {
      const actor = actorOf(req);
      await setDepartmentMembership(tx, actor, req.params.code, req.body);
      const row = (await q.visibleDepartments(tx)).find((d) => d.code === req.params.code);
      if (!row) throw new AppError('not_found');
      return presentDepartment(row);
    }));
}
