import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import type { AuthContext } from '../auth/service.ts';

const text = z.object({ 'zh-CN': z.string(), en: z.string() });
const card = z.object({ key: z.string(), label: text, value: z.number(), unit: text.optional() });
type Card = z.infer<typeof card>;
const homeReply = z.object({
  district: z.object({ code: z.string(), name: z.string() }),
  cards: z.array(card),
  recentActivity: z.array(z.object({ at: z.string(), actor: z.string().nullable(), action: z.string(), entityType: z.string(), result: z.string() })).optional(),
});

const count = async (tx: Queryable, sql: string): Promise<number> => (await tx.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

async function cardsFor(tx: Queryable, actor: AuthContext): Promise<Card[]> {
  const cards: Card[] = [];
  const has = (p: AuthContext['permissions'][number]) => actor.permissions.includes(p);
  const unitOf = { 'zh-CN': '个', en: '' };
  if (has('org.read')) {
    cards.push(
      { key: 'townships', label: { 'zh-CN': '乡镇街', en: 'Townships' }, value: await count(tx, 'SELECT count(*)::int AS n FROM township'), unit: unitOf },
      { key: 'villages', label: { 'zh-CN': '村(居)', en: 'Villages' }, value: await count(tx, 'SELECT count(*)::int AS n FROM village'), unit: unitOf },
      { key: 'departments', label: { 'zh-CN': '成员单位', en: 'Departments' }, value: await count(tx, 'SELECT count(*)::int AS n FROM department'), unit: unitOf },
    );
  }
  if (has('user.read')) {
    cards.push(
      { key: 'users', label: { 'zh-CN': '用户账户', en: 'Accounts' }, value: await count(tx, 'SELECT count(*)::int AS n FROM app_user WHERE NOT disabled'), unit: unitOf },
      { key: 'lockedUsers', label: { 'zh-CN': '锁定账户', en: 'Locked accounts' }, value: await count(tx, 'SELECT count(*)::int AS n FROM app_user WHERE locked_until > now()'), unit: unitOf }, // real clock: account locks are security timing
    );
  }
  if (has('audit.read')) {
    cards.push(
      { key: 'auditToday', label: { 'zh-CN': '今日审计记录', en: 'Audit entries today' }, value: await count(tx, "SELECT count(*)::int AS n FROM audit_log WHERE at >= date_trunc('day', now())"), unit: { 'zh-CN': '条', en: '' } }, // real clock: today's sign-ins and audit entries, as they happened
      { key: 'failedLoginsToday', label: { 'zh-CN': '今日登录失败', en: 'Failed sign-ins today' }, value: await count(tx, "SELECT count(*)::int AS n FROM audit_log WHERE at >= date_trunc('day', now()) AND action = 'auth.login_failed'"), unit: { 'zh-CN': '次', en: '' } }, // real clock: today's sign-ins and audit entries, as they happened
    );
  }
  if (has('security.manage')) {
    const { rows } = await tx.query<{ lockout_threshold: number; idle_timeout_minutes: number; min_password_length: number }>(
      'SELECT lockout_threshold, idle_timeout_minutes, min_password_length FROM security_policy',
    );
    const p = rows[0];
    if (p) {
      cards.push(
        { key: 'minPasswordLength', label: { 'zh-CN': '密码最小长度', en: 'Minimum password length' }, value: p.min_password_length, unit: { 'zh-CN': '位', en: 'chars' } },
        { key: 'lockoutThreshold', label: { 'zh-CN': '失败锁定阈值', en: 'Lockout threshold' }, value: p.lockout_threshold, unit: { 'zh-CN': '次', en: 'attempts' } },
        { key: 'idleTimeout', label: { 'zh-CN': '空闲超时', en: 'Idle timeout' }, value: p.idle_timeout_minutes, unit: { 'zh-CN': '分钟', en: 'min' } },
      );
    }
  }
  return cards;
}

export function homeRoutes(app: FastifyInstance, deps: { db: Database }): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/home', {
    config: { access: 'session' },
    schema: { tags: ['home'], summary: 'Figures for the home page, by what the caller may see', response: { 200: homeReply } },
  }, async (req) => {
    const actor = actorOf(req);
    return withScope(deps.db, actor, async (tx) => {
      const d = (await tx.query<{ code: string; name: string }>('SELECT district_code AS code, name FROM district')).rows[0];
      const cards = await cardsFor(tx, actor);
      if (!actor.permissions.includes('audit.read')) return { district: d ?? { code: actor.district, name: '' }, cards };
      const { rows } = await tx.query<{ at: Date; actor_username: string | null; action: string; entity_type: string; result: string }>(
        'SELECT at, actor_username, action, entity_type, result FROM audit_log ORDER BY seq DESC LIMIT 8',
      );
      return {
        district: d ?? { code: actor.district, name: '' },
        cards,
        recentActivity: rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor_username, action: r.action, entityType: r.entity_type, result: r.result })),
      };
    });
  });
}
