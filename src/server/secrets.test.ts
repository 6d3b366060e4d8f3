import { describe, expect, it } from 'vitest';
import { createSecrets } from './secrets.ts';

describe('secrets', () => {
  const secrets = createSecrets(Buffer.alloc(32, 3));

  it('decrypts what it encrypted, with a fresh nonce every time, across refills of the nonce block', () => {
    const sealed = Array.from({ length: 10_000 }, (_, i) => secrets.encrypt(`12011419500302${String(i).padStart(4, '0')}`));
    expect(sealed.map((s) => secrets.decrypt(s))).toEqual(Array.from({ length: 10_000 }, (_, i) => `12011419500302${String(i).padStart(4, '0')}`));
    const nonces = new Set(sealed.map((s) => Buffer.from(s.slice(3), 'base64').subarray(0, 12).toString('hex')));
    expect(nonces.size).toBe(sealed.length);
  });

  it('refuses a ciphertext that was altered, or sealed with another key', () => {
    const sealed = secrets.encrypt('13812345678');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => secrets.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => createSecrets(Buffer.alloc(32, 4)).decrypt(sealed)).toThrow();
  });

  it('gives the same keyed hash for the same value and key only', () => {
    expect(secrets.lookupHash('id:1')).toBe(createSecrets(Buffer.alloc(32, 3)).lookupHash('id:1'));
    expect(secrets.lookupHash('id:1')).not.toBe(createSecrets(Buffer.alloc(32, 4)).lookupHash('id:1'));
  });
});
