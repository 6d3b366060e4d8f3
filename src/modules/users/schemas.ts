import { z } from 'zod';
import { roleCodes } from '../../core/auth/roles.ts';
import { grantView } from '../auth/schemas.ts';

export const grantInput = z.strictObject({
  role: z.enum(roleCodes),
  township: z.string().regex(/^\d{9}$/).optional(),
  village: z.string().regex(/^\d{12}$/).optional(),
  department: z.string().regex(/^[a-z][a-z0-9-]*$/).max(40).optional(),
});
export type GrantInput = z.infer<typeof grantInput>;

export const username = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, {
  message: '3–40 characters: lower-case letters, digits, . _ -',
});

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled', 'locked']),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  totpEnabled: z.boolean(),
  grants: z.array(grantView),
});
export type UserView = z.infer<typeof userView>;

export const listQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['username', 'displayName', 'lastLoginAt', 'createdAt']).default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().trim().max(60).optional(),
  role: z.enum(roleCodes).optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const listReply = z.object({ items: z.array(userView), total: z.number() });

export const createBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(256),
  grants: z.array(grantInput).min(1).max(20),
});

export const patchBody = z.strictObject({
  displayName: z.string().trim().min(1).max(60).optional(),
  disabled: z.boolean().optional(),
  grants: z.array(grantInput).min(1).max(20).optional(),
});

export const passwordBody = z.strictObject({ password: z.string().min(1).max(256) });
export const idParams = z.object({ id: z.uuid() });
