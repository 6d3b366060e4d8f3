import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { checkPassword, passwordProblemText } from '../../core/auth/password.ts';
import { AppError } from '../../core/errors.ts';

// Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
const options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash with the same parameters to verify against when no account has the name, so that the
 * time of the answer does not tell. prepareDecoy makes it ahead of the first such sign-in.
 */
let decoy: Promise<string> | null = null;
export function prepareDecoy(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}

/** Verifies a password against the decoy hash: as long as a real check, and never right. */
export async function verifyDecoy(password: string): Promise<false> {
  await verifyPassword(await prepareDecoy(), password);
  return false;
}

export function assertStrongPassword(password: string, username: string, minPasswordLength: number): void {
  const problems = checkPassword(password, username, { minPasswordLength });
  if (problems.length === 0) return;
  throw new AppError('weak_password', {
    zh: `密码不符合安全策略：${problems.map((p) => passwordProblemText[p].zh).join('；')}（至少 ${minPasswordLength} 位）`,
    en: `The password does not meet the policy: ${problems.map((p) => passwordProblemText[p].en).join('; ')} (at least ${minPasswordLength} characters)`,
    details: { problems, minPasswordLength },
  });
}
