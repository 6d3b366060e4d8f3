/**
 * Sign-in lockout rules (pure; the counters are kept and locked in the database by the caller).
 *
 * Every password or one-time-code check first claims one attempt on three counters, and the claim
 * is refused, without checking anything, when one of them is at its limit:
 *
 * - the account from this address ("pair"): `threshold` attempts (the policy's, 5) per window;
 * - the account from anywhere: ACCOUNT_FACTOR × threshold (20) per window;
 * - this address, whatever the name: ADDRESS_FACTOR × threshold (20) per window.
 *
 * A claim stays counted when the check fails and is given back when it succeeds, so a counter
 * holds the failures of its window plus the checks still running: whatever the concurrency, no
 * more than a limit's worth of checks can run in a window. A window lasts the policy's lockout
 * minutes from its first claim; the claim that reaches a limit restarts it, so a lock lasts that
 * long from the attempt that caused it.
 *
 * Keys are the name as typed, not the account, so a name that matches no account is counted and
 * locked exactly like one that does: the answers tell nothing about which names exist.
 *
 * An address the account signed in from in the last KNOWN_ADDRESS_DAYS is "known" for it: only
 * its own (pair) limit applies there, not the account-wide or the address limit. So guesses from
 * elsewhere — from however many addresses — cannot lock an account's owner out of the computer
 * they use, and a shared address (an office behind one NAT) is not closed to the accounts that
 * work from it because of someone else's failures.
 */

export const ACCOUNT_FACTOR = 4;
export const ADDRESS_FACTOR = 4;
export const KNOWN_ADDRESS_DAYS = 30;

export interface LockoutPolicy {
  /** Failed attempts on one account from one address that lock it there (security_policy.lockout_threshold). */
  threshold: number;
  /** Length of a counting window and of a lock (security_policy.lockout_minutes). */
  minutes: number;
}

/** One counter as stored: claims of its window, the window's end and, for a pair, until when the address is known. */
export interface Counter {
  claims: number;
  windowEnds: Date;
  knownUntil: Date | null;
}

export interface Counters {
  address: Counter;
  account: Counter;
  pair: Counter;
}

export type CounterKind = keyof Counters;

/** Why attempts are refused: too many for the account (from here or everywhere), or from this address. */
export interface Block {
  by: 'account' | 'address';
  until: Date;
}

export type Claim =
  | { granted: true; counters: Counters; /** What the next attempt for this name and address would meet. */ next: Block | null }
  | { granted: false; block: Block };

export function limitOf(kind: CounterKind, policy: LockoutPolicy): number {
  if (kind === 'pair') return policy.threshold;
  return policy.threshold * (kind === 'account' ? ACCOUNT_FACTOR : ADDRESS_FACTOR);
}

const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

/** The counter as it stands at `now`: a window that has ended counts nothing. */
function live(c: Counter, now: Date): Counter {
  return c.windowEnds > now ? c : { claims: 0, windowEnds: now, knownUntil: c.knownUntil };
}

export function isKnown(c: Counters, now: Date): boolean {
  return c.pair.knownUntil !== null && c.pair.knownUntil > now;
}

/** The block an attempt for this name from this address meets now, if any (the address limit first). */
export function blockOf(c: Counters, policy: LockoutPolicy, now: Date): Block | null {
  const known = isKnown(c, now);
  const full = (kind: CounterKind) => live(c[kind], now).claims >= limitOf(kind, policy);
  if (!known && full('address')) return { by: 'address', until: c.address.windowEnds };
  const holding = [full('pair') ? c.pair.windowEnds : null, !known && full('account') ? c.account.windowEnds : null].filter((d): d is Date => d !== null);
  if (holding.length === 0) return null;
  return { by: 'account', until: new Date(Math.max(...holding.map((d) => d.getTime()))) };
}

/** Claims one check of a password or one-time code, or refuses it. */
export function claimAttempt(c: Counters, policy: LockoutPolicy, now: Date): Claim {
  const block = blockOf(c, policy, now);
  if (block) return { granted: false, block };
  const bump = (kind: CounterKind): Counter => {
    const current = live(c[kind], now);
    const claims = current.claims + 1;
    const windowEnds = current.claims === 0 || claims === limitOf(kind, policy) ? addMinutes(now, policy.minutes) : current.windowEnds;
    return { claims, windowEnds, knownUntil: current.knownUntil };
  };
  const counters = { address: bump('address'), account: bump('account'), pair: bump('pair') };
  return { granted: true, counters, next: blockOf(counters, policy, now) };
}

/**
 * Gives a claim back after a successful check. A completed sign-in also clears the pair's count
 * and makes the address known for the account; a password followed by a one-time code still to
 * come clears nothing more, so that the code's guesses stay counted.
 */
export function releaseAttempt(c: Counters, signedIn: boolean, now: Date): Counters {
  const giveBack = (kind: CounterKind): Counter => {
    const current = live(c[kind], now);
    return { ...current, claims: Math.max(0, current.claims - 1) };
  };
  return {
    address: giveBack('address'),
    account: giveBack('account'),
    pair: signedIn ? { claims: 0, windowEnds: now, knownUntil: new Date(now.getTime() + KNOWN_ADDRESS_DAYS * 86_400_000) } : giveBack('pair'),
  };
}

/**
 * The address an attempt is counted under: an IPv4 address as it is (also when written as
 * IPv4-mapped IPv6), an IPv6 address by its /64 network, which one client usually holds whole.
 */
export function addressKey(ip: string | null): string {
  if (ip === null || ip === '') return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = (ip.split('%')[0] ?? ip).toLowerCase().split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back] : front;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
