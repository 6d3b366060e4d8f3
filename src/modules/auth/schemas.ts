import { z } from 'zod';
import { permissionCodes, roleCodes } from '../../core/auth/roles.ts';

const named = z.object({ code: z.string(), name: z.string() });

export const grantView = z.object({
  role: z.enum(roleCodes),
  township: named.nullable(),
  village: named.nullable(),
  department: named.nullable(),
});

export const sessionView = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    district: named,
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
    mustEnrolTotp: z.boolean(),
  }),
  grants: z.array(grantView),
  permissions: z.array(z.enum(permissionCodes)),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type SessionView = z.infer<typeof sessionView>;

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  district: z.string().regex(/^\d{6}$/).optional(),
});

export const loginReply = z.union([
  sessionView,
  z.object({ totpRequired: z.literal(true), csrfToken: z.string() }),
]);

export const codeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

export const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const ok = z.object({ ok: z.literal(true) });

export const totpSetupReply = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
