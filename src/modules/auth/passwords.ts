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

/** A hash to verify against when the user does not exist, so that timing does not tell. */
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoy, password);
}

export function assertStrongPassword(password: string, username: string, minPasswordLength: number): void {
  const problems = checkPassword(password, username, { minPasswordLength });
  if (problems.length === 0) return;
  throw new AppError('weak_password', {
    zh: `密码不符合安全策略：${problems.map((p) => passwordProblemText[p].zh).join(';')}（至少 ${minPasswordLength} 位）`,
    en: `The password does not meet the policy: ${problems.map((p) => passwordProblemText[p].en).join('; ')} (at least ${minPasswordLength} characters)`,
    details: { problems, minPasswordLength },
  });
}
