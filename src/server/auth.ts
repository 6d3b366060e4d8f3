import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import { safeEqual, type AuthContext, type AuthService } from '../modules/auth/service.ts';

export const SESSION_COOKIE = 'xingfu_session';

/**
 * Who may call a route: 'public' (anyone); 'totp' (a session still waiting for its one-time code);
 * 'setup' (a signed-in user who still has to change the password or enrol a second factor);
 * 'session' (a fully signed-in user); a permission; or a list of permissions, any one of which will do.
 */
export type Access = 'public' | 'totp' | 'setup' | 'session' | Permission | readonly Permission[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** State-changing routes that may be called without a CSRF token (sign-in only). */
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user of a route that requires one. */
export function actorOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('unauthenticated');
  return req.auth;
}

export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  // preValidation, not preHandler: a caller who may not use a route gets 401/403 before the schema
  // is checked, never a 400 that describes the route's input. Register it before the other
  // preValidation hooks (the input guard), as hooks run in the order they are added.
  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (access === undefined) {
      // Every API route states who may call it; the not-found handler, static files and the
      // API document (guarded on its own) have no route config.
      const url = req.routeOptions.url;
      if (url?.startsWith('/api/') && !url.startsWith('/api/docs')) throw new Error(`route ${url} declares no access rule`);
      return;
    }
    if (access === 'public') return;
    const resolved = await auth.resolve(req.cookies[SESSION_COOKIE]);
    if (resolved === 'expired') throw new AppError('session_expired');
    if (resolved === null) throw new AppError('unauthenticated');
    resolved.ip = req.ip;
    req.auth = resolved;
    if (!SAFE_METHODS.has(req.method) && !req.routeOptions.config.csrfExempt) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, resolved.csrfToken)) throw new AppError('csrf_invalid');
    }
    if (access === 'totp') return;
    if (resolved.pendingTotp) throw new AppError('unauthenticated', { zh: '请输入动态验证码完成登录', en: 'Enter the one-time code to finish signing in' });
    if (access === 'setup') return;
    if (resolved.mustChangePassword) throw new AppError('password_change_required');
    if (resolved.mustEnrolTotp) throw new AppError('totp_enrolment_required');
    if (access === 'session') return;
    const anyOf = typeof access === 'string' ? [access] : access;
    if (!anyOf.some((p) => resolved.permissions.includes(p))) throw new AppError('forbidden');
  });
}
