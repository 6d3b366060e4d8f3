import { describe, expect, it } from 'vitest';
import { addressKey, blockOf, claimAttempt, releaseAttempt, type Claim, type Counters } from './lockout.ts';

const policy = { threshold: 5, minutes: 15 };
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const fresh = (): Counters => ({
  address: { claims: 0, windowEnds: t0, knownUntil: null },
  account: { claims: 0, windowEnds: t0, knownUntil: null },
  pair: { claims: 0, windowEnds: t0, knownUntil: null },
});
function granted(claim: Claim) {
  if (!claim.granted) throw new Error(`refused: ${JSON.stringify(claim.block)}`);
  return claim;
}
/** `n` claims in a row that all fail, from the given counters. */
function fail(c: Counters, n: number, now = t0): Counters {
  for (let i = 0; i < n; i++) c = granted(claimAttempt(c, policy, now)).counters;
  return c;
}

describe('sign-in lockout', () => {
  it('grants the threshold of claims for a name and address, locking with the last for the lockout minutes', () => {
    let c = fresh();
    for (let i = 1; i <= 4; i++) {
      const claim = granted(claimAttempt(c, policy, at(i)));
      expect(claim.next).toBeNull();
      c = claim.counters;
    }
    const fifth = granted(claimAttempt(c, policy, at(5)));
    expect(fifth.next).toEqual({ by: 'account', until: at(20) });
    expect(claimAttempt(fifth.counters, policy, at(19))).toEqual({ granted: false, block: { by: 'account', until: at(20) } });
    expect(claimAttempt(fifth.counters, policy, at(20)).granted).toBe(true);
  });

  it('counts claims still being checked, so concurrent attempts cannot pass the limit', () => {
    // Five claims made before any check has finished: the sixth is refused all the same.
    expect(claimAttempt(fail(fresh(), 5), policy, t0).granted).toBe(false);
  });

  it('forgets failures whose window has ended', () => {
    const c = fail(fresh(), 4);
    expect(c.pair.windowEnds).toEqual(at(15));
    const later = granted(claimAttempt(c, policy, at(15)));
    expect(later.counters.pair).toEqual({ claims: 1, windowEnds: at(30), knownUntil: null });
  });

  it('locks the account everywhere at four times the threshold, except from an address it signed in from', () => {
    let account = fresh().account;
    for (let address = 0; address < 4; address++) account = fail({ ...fresh(), account }, 5).account;
    expect(account.claims).toBe(20);
    const stranger = { ...fresh(), account };
    expect(blockOf(stranger, policy, at(1))).toEqual({ by: 'account', until: at(15) });
    const owner = { ...fresh(), account, pair: { claims: 0, windowEnds: t0, knownUntil: at(60 * 24) } };
    expect(blockOf(owner, policy, at(1))).toBeNull();
    // The owner's own address still has its own limit.
    expect(blockOf(fail(owner, 5, at(1)), policy, at(2))).toEqual({ by: 'account', until: at(16) });
  });

  it('limits an address across names at four times the threshold, but not for names known there', () => {
    let address = fresh().address;
    for (let name = 0; name < 5; name++) address = fail({ ...fresh(), address }, 4).address;
    expect(address.claims).toBe(20);
    expect(claimAttempt({ ...fresh(), address }, policy, at(1))).toEqual({ granted: false, block: { by: 'address', until: at(15) } });
    const known = { ...fresh(), address, pair: { claims: 0, windowEnds: t0, knownUntil: at(60) } };
    expect(claimAttempt(known, policy, at(1)).granted).toBe(true);
  });

  it('gives a successful claim back; a completed sign-in clears the pair and makes the address known', () => {
    const c = fail(fresh(), 3);
    const pending = releaseAttempt(c, false, at(1));
    expect([pending.address.claims, pending.account.claims, pending.pair.claims]).toEqual([2, 2, 2]);
    const done = releaseAttempt(c, true, at(1));
    expect([done.address.claims, done.account.claims, done.pair.claims]).toEqual([2, 2, 0]);
    expect(done.pair.knownUntil).toEqual(at(30 * 24 * 60 + 1));
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:0:12:a:b:c:d')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:DB8:0000:0012::7')).toBe('2001:db8:0:12::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(null)).toBe('unknown');
  });
});
