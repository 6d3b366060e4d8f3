import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { clockFor, clockSetting, setClock, today } from '../core/clock.ts';
import { AppError, errorBody } from '../core/errors.ts';
import { ping } from '../db/catalogue.ts';
import type { Database } from '../db/types.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { benefitRoutes } from '../modules/benefits/routes.ts';
import { coordinationRoutes } from '../modules/coordination/routes.ts';
import { ecdCentreRoutes } from '../modules/ecd/centreRoutes.ts';
import { ecdRoutes } from '../modules/ecd/routes.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { AuthService } from '../modules/auth/service.ts';
import { homeRoutes } from '../modules/home/routes.ts';
import { orgRoutes } from '../modules/org/routes.ts';
import { createPortalSite } from '../modules/portal/publicPages.ts';
import { publicRoutes } from '../modules/portal/publicRoutes.ts';
import { portalRoutes } from '../modules/portal/routes.ts';
import { registryRoutes } from '../modules/registry/routes.ts';
import { RegistryService } from '../modules/registry/service.ts';
import { securityRoutes } from '../modules/security/routes.ts';
import { userRoutes } from '../modules/users/routes.ts';
import { UserService } from '../modules/users/service.ts';
import { demoAccounts } from '../seed/demo.ts';
import { registerAuth, SESSION_COOKIE } from './auth.ts';
import { answerFrameworkError, registerErrorHandling, requestLanguage } from './errors.ts';
import { registerInputGuard } from './inputGuard.ts';
import { loggerOptions, type LogStream } from './logging.ts';
import type { Secrets } from './secrets.ts';
import { registerUploads } from './uploads.ts';

const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppDeps {
  config: Config;
  db: Database;
  secrets: Secrets;
  /** Where the log goes; standard output by default. */
  logStream?: LogStream;
}

/** The OpenAPI transform: each operation also states who may call it (`x-access`, see ./auth.ts). */
const withAccessRule: typeof jsonSchemaTransform = (input) => {
  const result = jsonSchemaTransform(input);
  const access = input.route.config?.access;
  return access === undefined ? result : { ...result, schema: { ...result.schema, 'x-access': access } };
};

export async function buildApp({ config, db, secrets, logStream }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : loggerOptions(config.logLevel, logStream),
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: answerFrameworkError,
  });
  setClock(clockFor(config));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(cookie);
  await registerUploads(app);
  // Who may call a route is settled before its input is looked at: the access check runs first
  // among the preValidation hooks, so a caller without access never learns a route's schema.
  const auth = new AuthService(db, secrets, { sessionLifetimeHours: config.sessionLifetimeHours });
  registerAuth(app, auth);
  registerInputGuard(app);

  await registerApiDocument(app, config, auth);
  healthRoute(app, config, db);

  const cookies = { secure: config.cookieSecure };
  authRoutes(app, { db, auth, cookies });
  orgRoutes(app, { db });
  userRoutes(app, { users: new UserService(db) });
  auditRoutes(app, { db, config });
  securityRoutes(app, { db });
  homeRoutes(app, { db });
  portalRoutes(app, { db, portal: config.portal });
  publicRoutes(app, createPortalSite(db, config, app.log));
  benefitRoutes(app, { db, secrets });
  coordinationRoutes(app, { db });
  ecdRoutes(app, { db });
  ecdCentreRoutes(app, { db });
  registryRoutes(app, { db, secrets, registry: new RegistryService(db, secrets), uploadDir: path.join(config.dataDir, 'uploads') });

  await registerWebApp(app);
  return app;
}

/** The OpenAPI document and its viewer at /api/docs: open in demo mode, else for the system and security administrators. */
async function registerApiDocument(app: FastifyInstance, config: Config, auth: AuthService): Promise<void> {
  await app.register(swagger, {
    openapi: { info: { title: 'Xingfu 幸福 API', version: config.version } },
    transform: withAccessRule,
  });
  await app.register(async (docs) => {
    // Outside demo mode the API document is for signed-in administrators only.
    docs.addHook('onRequest', async (req) => {
      if (config.demo) return;
      const ctx = await auth.resolve(req.cookies[SESSION_COOKIE]);
      if (ctx === null || ctx === 'expired' || ctx.pendingTotp) throw new AppError('unauthenticated');
      if (!ctx.grants.some((g) => g.role === 'sysadmin' || g.role === 'secadmin')) throw new AppError('forbidden');
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });
}

/** GET /api/health: liveness, the database engine, the business date (and the demo accounts in demo mode). */
function healthRoute(app: FastifyInstance, config: Config, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and configuration',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['embedded', 'postgres']),
            version: z.string(),
            demo: z.boolean(),
            /** The application's business date, and whether it is fixed (a demo living in its own year). */
            today: z.object({ date: z.string(), fixed: z.boolean() }),
            demoAccounts: z.array(z.object({ username: z.string(), password: z.string(), roles: z.array(z.string()), label: z.string() })).optional(),
          }),
        },
      },
    },
    async () => {
      await ping(db);
      return {
        status: 'ok' as const,
        database: db.kind,
        version: config.version,
        demo: config.demo,
        today: { date: today(), fixed: clockSetting().fixedDate !== null },
        ...(config.demo
          ? {
              demoAccounts: demoAccounts.map((a) => ({ username: a.username, password: a.password, roles: a.grants.map((g) => g.role), label: a.displayName })),
            }
          : {}),
      };
    },
  );
}

/** The built web app (when there is one): its files, index.html for its own routes, and the security headers of every answer. */
async function registerWebApp(app: FastifyInstance): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return reply.status(404).send(errorBody(new AppError('not_found'), requestLanguage(req)));
    }
    return reply.type('text/html').sendFile('index.html');
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // The portal's pages set their own policy, with the nonce of their scripts.
    if (!req.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });
}
