import type { Queryable } from '../../db/types.ts';
import type { SecurityPolicy } from './schemas.ts';

export async function readPolicy(tx: Queryable): Promise<SecurityPolicy> {
  const { rows } = await tx.query<SecurityPolicy>(
    `SELECT min_password_length AS "minPasswordLength", password_expiry_days AS "passwordExpiryDays",
            lockout_threshold AS "lockoutThreshold", lockout_minutes AS "lockoutMinutes",
            idle_timeout_minutes AS "idleTimeoutMinutes", require_totp_for_privileged AS "requireTotpForPrivileged"
       FROM security_policy`,
  );
  const row = rows[0];
  if (!row) throw new Error('no security policy');
  return row;
}

export async function writePolicy(tx: Queryable, p: SecurityPolicy): Promise<void> {
  await tx.query(
    `UPDATE security_policy SET min_password_length = $1, password_expiry_days = $2, lockout_threshold = $3,
            lockout_minutes = $4, idle_timeout_minutes = $5, require_totp_for_privileged = $6, updated_at = now()`,
    [p.minPasswordLength, p.passwordExpiryDays, p.lockoutThreshold, p.lockoutMinutes, p.idleTimeoutMinutes, p.requireTotpForPrivileged],
  );
}
