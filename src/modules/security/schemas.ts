import { z } from 'zod';
import { int } from '../../core/input.ts';

/** The district's security policy: passwords, lockouts, idle sessions, the second factor. */
export const policy = z.strictObject({
  minPasswordLength: int(10, 64),
  passwordExpiryDays: int(0, 3650),
  lockoutThreshold: int(3, 20),
  lockoutMinutes: int(1, 1440),
  idleTimeoutMinutes: int(5, 480),
  requireTotpForPrivileged: z.boolean(),
});
export type SecurityPolicy = z.output<typeof policy>;
