import { z } from 'zod';
import { permissionCodes, roleCodes } from '../../core/auth/roles.ts';
import { line, paging, secret, slug, townshipCode, villageCode } from '../../core/input.ts';
import { grantView } from '../auth/schemas.ts';

export const grantInput = z.strictObject({
  role: z.enum(roleCodes),
  township: townshipCode.optional(),
  village: villageCode.optional(),
  department: slug.optional(),
});
export type GrantInput = z.infer<typeof grantInput>;

export const username = z
  .string()
  .max(64)
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, {
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
  /** The account still has a temporary password set by the system administrator. */
  temporaryPassword: z.boolean(),
  grants: z.array(grantView),
});
export type UserView = z.infer<typeof userView>;
export type UserStatus = UserView['status'];

export const listQuery = z.strictObject({
  ...paging,
  sort: z.enum(['username', 'displayName', 'lastLoginAt', 'createdAt']).default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
  q: line(60, { trim: true }).optional(),
  role: z.enum(roleCodes).optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;
export type UserSort = ListQuery['sort'];

export const listReply = z.object({ items: z.array(userView), total: z.number() });

/** The system administrator creates an account without roles: the security administrator grants them. */
export const createBody = z.strictObject({
  username,
  displayName: line(60, { trim: true, min: 1 }),
  password: secret(),
});

export type UserCreate = z.input<typeof createBody>;

export const patchBody = z.strictObject({
  displayName: line(60, { trim: true, min: 1 }).optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdate = z.input<typeof patchBody>;

/** The security administrator's grants of an account (none withdraws them all). */
export const grantsBody = z.strictObject({ grants: z.array(grantInput).max(20) });

export const passwordBody = z.strictObject({ password: secret() });
export const idParams = z.object({ id: z.uuid() });

const text = z.object({ 'zh-CN': z.string(), en: z.string() });
const roleScope = z.enum(['district', 'township', 'village', 'department', 'centre', 'self']);
export type RoleScope = z.output<typeof roleScope>;
const roleView = z.object({
  code: z.enum(roleCodes),
  label: text,
  description: text,
  scope: roleScope,
  permissions: z.array(z.enum(permissionCodes)),
});
export type Role = z.output<typeof roleView>;
/** The role catalog. */
export const rolesReply = z.object({ items: z.array(roleView) });
