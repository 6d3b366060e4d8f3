import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { permissionCodes, roleCodes, roles } from '../../core/auth/roles.ts';
import { actorOf } from '../../server/auth.ts';
import { noBody } from '../../core/wire.ts';
import { ok } from '../auth/schemas.ts';
import * as s from './schemas.ts';
import type { UserService } from './service.ts';

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
type Routes = ReturnType<typeof typed>;

export function userRoutes(app: FastifyInstance, deps: { users: UserService }): void {
  const r = typed(app);

  r.get(
    '/api/roles',
    {
      config: { access: 'session' },
      schema: { tags: ['users'], summary: 'The role catalog', response: { 200: s.rolesReply } },
    },
    async () => ({
      items: roleCodes.map((code) => {
        const role = roles[code];
        return {
          code,
          label: role.label,
          description: role.description,
          scope: role.scope,
          permissions: Object.keys(role.permissions) as (typeof permissionCodes)[number][],
        };
      }),
    }),
  );

  accountRoutes(r, deps.users);
  accessRoutes(r, deps.users);
}

/** Accounts: the list, creation, name and status. */
function accountRoutes(r: Routes, users: UserService): void {
  r.get(
    '/api/users',
    {
      config: { access: 'user.read' },
      schema: { tags: ['users'], summary: 'Accounts, paged, sorted and filtered on the server', querystring: s.listQuery, response: { 200: s.listReply } },
    },
    async (req) => users.list(actorOf(req), req.query),
  );

  r.post(
    '/api/users',
    {
      config: { access: 'user.manage' },
      schema: { tags: ['users'], summary: 'Create an account (with a temporary password and no role)', body: s.createBody, response: { 201: s.userView } },
    },
    async (req, reply) => {
      const created = await users.create(actorOf(req), req.body);
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: 'user.manage' },
      schema: { tags: ['users'], summary: 'Change name or status', params: s.idParams, body: s.patchBody, response: { 200: s.userView } },
    },
    async (req) => users.update(actorOf(req), req.params.id, req.body),
  );
}

/** An account's access: its grants, its temporary password and its sign-in lockout. */
function accessRoutes(r: Routes, users: UserService): void {
  r.put(
    '/api/users/:id/grants',
    {
      config: { access: 'user.grant' },
      schema: {
        tags: ['users'],
        summary: "Grant or withdraw an account's roles (security administrator)",
        params: s.idParams,
        body: s.grantsBody,
        response: { 200: s.userView },
      },
    },
    async (req) => users.setGrants(actorOf(req), req.params.id, req.body.grants),
  );

  r.post(
    '/api/users/:id/grants/confirm',
    {
      config: { access: 'user.grant' },
      schema: {
        tags: ['users'],
        summary: 'Confirm grants suspended by a temporary password, once the holder has changed it',
        params: s.idParams,
        body: noBody,
        response: { 200: s.userView },
      },
    },
    async (req) => users.confirmGrants(actorOf(req), req.params.id),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: "Set a temporary password (to be changed at next sign-in); suspends the account's grants",
        params: s.idParams,
        body: s.passwordBody,
        response: { 200: ok },
      },
    },
    async (req) => {
      await users.resetPassword(actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/users/:id/unlock',
    {
      config: { access: 'user.manage' },
      schema: { tags: ['users'], summary: 'Lift a sign-in lockout', params: s.idParams, body: noBody, response: { 200: ok } },
    },
    async (req) => {
      await users.unlock(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
