import { claimAttempt, limitOf, releaseAttempt, type Block, type Claim, type LockoutPolicy } from '../../core/auth/lockout.ts';
import { AppError } from '../../core/errors.ts';
import type { Database, Queryable } from '../../db/types.ts';
import * as q from './queries.ts';

/** A claimed (or refused) sign-in attempt, and where it is counted. */
export interface Attempt {
  key: q.AttemptKey;
  policy: LockoutPolicy;
  /** Whether the district exists, so the attempt can be audited there. */
  auditable: boolean;
  claim: Claim;
}

/**
 * Claims the check of one password or one-time code under the lockout rules (src/core/auth/lockout.ts),
 * or refuses it, in one transaction that holds the attempt's counters locked: concurrent attempts
 * for the same name or address, in any app process, are decided one after another.
 */
export async function claim(db: Database, what: { district: string | null; username: string; address: string }): Promise<Attempt> {
  return db.transaction(async (tx) => {
    const { district, exists, policy } = await q.findLockoutPolicy(tx, what.district);
    const key = { district, username: what.username, address: what.address };
    const { counters, now } = await q.lockCounters(tx, key);
    const claim = claimAttempt(counters, policy, now);
    if (claim.granted) {
      await q.saveCounters(tx, key, claim.counters);
      await q.reportLock(tx, key, limitsOf(policy));
    }
    return { key, policy, auditable: exists, claim };
  });
}

/** Gives a claim back after a successful check, inside the caller's transaction (see releaseAttempt). */
export async function giveBack(tx: Queryable, attempt: Attempt, signedIn: boolean): Promise<void> {
  const { counters, now } = await q.lockCounters(tx, attempt.key);
  await q.saveCounters(tx, attempt.key, releaseAttempt(counters, signedIn, now));
  await q.reportLock(tx, attempt.key, limitsOf(attempt.policy));
}

const limitsOf = (policy: LockoutPolicy) => ({ account: limitOf('account', policy), pair: limitOf('pair', policy) });

/**
 * The answer to an attempt that meets a lock. It is the same for every name, with or without an
 * account, so it tells nothing about which names exist.
 */
export function blockedError(block: Block): AppError {
  const iso = block.until.toISOString();
  const local = block.until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  if (block.by === 'address') {
    return new AppError('too_many_attempts', {
      zh: `此地址登录失败次数过多，请于 ${local} 之后再试`,
      en: `Too many failed sign-ins from this address; try again after ${iso}`,
      details: { retryAfter: iso },
    });
  }
  return new AppError('account_locked', {
    zh: `登录失败次数过多，账户已锁定至 ${local}`,
    en: `Too many failed sign-ins; the account is locked until ${iso}`,
    details: { lockedUntil: iso },
  });
}
