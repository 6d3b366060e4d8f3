import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeCache } from '../../db/changeCache.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { homeReply } from './schemas.ts';
import { homePage, type HomeKept } from './service.ts';

export function homeRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const kept: HomeKept = { enrolled: new ChangeCache<number>('benefit_enrolment').keepWhile(app, deps.db, 'home figures') };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/home',
    {
      config: { access: 'session' },
      schema: { tags: ['home'], summary: "The caller's to-do list and figures, each in the caller's own scope", response: { 200: homeReply } },
    },
    async (req) => homePage(deps.db, actorOf(req), kept),
  );
}
