import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noBody } from '../../core/wire.ts';
import type { Database } from '../../db/types.ts';
import { actorOf, SESSION_COOKIE } from '../../server/auth.ts';
import * as s from './schemas.ts';
import { presentSession, type AuthService } from './service.ts';

export interface CookieOptions {
  secure: 'auto' | boolean;
}

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
type Routes = ReturnType<typeof typed>;

export function authRoutes(app: FastifyInstance, deps: { db: Database; auth: AuthService; cookies: CookieOptions }): void {
  const r = typed(app);
  sessionRoutes(r, deps);
  credentialRoutes(r, deps.auth);
}

/** Signing in and out, the second sign-in step, and the signed-in user. */
function sessionRoutes(r: Routes, deps: { db: Database; auth: AuthService; cookies: CookieOptions }): void {
  const { db, auth } = deps;
  const setCookie = (req: FastifyRequest, reply: FastifyReply, value: string) =>
    reply.setCookie(SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.cookies.secure === 'auto' ? req.protocol === 'https' : deps.cookies.secure,
    });
  const current = async (cookie: string) => {
    const ctx = await auth.resolve(cookie);
    if (ctx === null || ctx === 'expired') throw new Error('session vanished right after sign-in');
    return ctx;
  };

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public', csrfExempt: true },
      schema: { tags: ['auth'], summary: 'Sign in', body: s.loginBody, response: { 200: s.loginReply } },
    },
    async (req, reply) => {
      const outcome = await auth.login(req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      setCookie(req, reply, outcome.cookie);
      if (outcome.totpRequired) return { totpRequired: true as const, csrfToken: outcome.csrfToken };
      return presentSession(db, await current(outcome.cookie));
    },
  );

  r.post(
    '/api/auth/totp/verify',
    {
      config: { access: 'totp' },
      schema: { tags: ['auth'], summary: 'Second sign-in step: one-time code', body: s.codeBody, response: { 200: s.sessionView } },
    },
    async (req) => {
      const ctx = actorOf(req);
      await auth.verifyTotp(ctx, req.body.code);
      return presentSession(db, { ...ctx, pendingTotp: false });
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: 'setup' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: s.sessionView } },
    },
    async (req) => presentSession(db, actorOf(req)),
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: 'totp' },
      schema: { tags: ['auth'], summary: 'Sign out', body: noBody, response: { 200: s.ok } },
    },
    async (req, reply) => {
      await auth.logout(actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
}

/** The user's own credentials: password and second-factor enrolment. */
function credentialRoutes(r: Routes, auth: AuthService): void {
  r.post(
    '/api/auth/password',
    {
      config: { access: 'setup' },
      schema: { tags: ['auth'], summary: 'Change own password', body: s.passwordBody, response: { 200: s.ok } },
    },
    async (req) => {
      await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'setup' },
      schema: { tags: ['auth'], summary: 'Start second-factor enrolment', body: noBody, response: { 200: s.totpSetupReply } },
    },
    async (req) => auth.setupTotp(actorOf(req)),
  );

  r.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'setup' },
      schema: { tags: ['auth'], summary: 'Finish second-factor enrolment', body: s.codeBody, response: { 200: s.ok } },
    },
    async (req) => {
      await auth.enableTotp(actorOf(req), req.body.code);
      return { ok: true as const };
    },
  );
}
