import { z } from 'zod';
import { permissionCodes, roleCodes } from '../../core/auth/roles.ts';
import { code, districtCode, line, secret } from '../../core/input.ts';

const named = z.object({ code: z.string(), name: z.string() });

export const grantView = z.object({
  role: z.enum(roleCodes),
  /** In effect; false while it awaits the security administrator's confirmation. */
  confirmed: z.boolean(),
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
    /** Some of the user's grants await the security administrator's confirmation. */
    grantsPending: z.boolean(),
  }),
  grants: z.array(grantView),
  permissions: z.array(z.enum(permissionCodes)),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
});
export type SessionView = z.infer<typeof sessionView>;

export const loginBody = z.strictObject({
  username: line(64, { trim: true, min: 1 }),
  password: secret(),
  district: districtCode.optional(),
});

export type SessionUser = SessionView['user'];
export type GrantView = z.infer<typeof grantView>;

/** Password accepted, one-time code still needed; the token is for POST /api/auth/totp/verify. */
const totpRequired = z.object({ totpRequired: z.literal(true), csrfToken: z.string() });
export type TotpRequired = z.infer<typeof totpRequired>;

export const loginReply = z.union([sessionView, totpRequired]);
export type LoginReply = z.infer<typeof loginReply>;

export const codeBody = z.strictObject({ code: code(/^\d{6}$/, 6) });

export const passwordBody = z.strictObject({
  currentPassword: secret(),
  newPassword: secret(),
});

export const ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof ok>;

export const totpSetupReply = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export type TotpSetup = z.infer<typeof totpSetupReply>;
