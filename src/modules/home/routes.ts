import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeCache } from '../../db/changeCache.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { displayNames } from '../users/names.ts';
import { homeReply } from './schemas.ts';
import { homeFor, type HomeKept } from './service.ts';

export function homeRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const kept: HomeKept = { enrolled: new ChangeCache<number>('benefit_enrolment').keepWhile(app, deps.db, 'home figures') };
  app.withTypeProvider<ZodTypeProvider>().get('/api/home', {
    config: { access: 'session' },
    schema: { tags: ['home'], summary: "The caller's to-do list and figures, each in the caller's own scope", response: { 200: homeReply } },
  }, async (req) => {
    const actor = actorOf(req);
    return withScope(deps.db, actor, async (tx) => {
      const home = await homeFor(tx, actor, kept);
      if (!actor.permissions.includes('audit.read')) return home;
      const { rows } = await tx.query<{ at: Date; actor_username: string | null; action: string; entity_type: string; result: string }>(
        // In the order of the log's own key, read backwards: eight rows, however long the log.
        'SELECT at, actor_username, action, entity_type, result FROM audit_log WHERE district_code = $1 ORDER BY district_code DESC, seq DESC LIMIT 8',
        [actor.district],
      );
      // People by name (null: the system itself).
      const nameOf = await displayNames(tx, rows.map((r) => r.actor_username));
      return {
        ...home,
        recentActivity: rows.map((r) => ({ at: r.at.toISOString(), actor: nameOf(r.actor_username), action: r.action, entityType: r.entity_type, result: r.result })),
      };
    });
  });
}
