import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyId, sm4Block, sm4Ctr } from './ciphers.ts';
import vectors from './ciphers.vectors.json' with { type: 'json' };
import { createSecrets } from './secrets.ts';

const body = (sealed: string): Buffer => Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64');
const alter = (sealed: string, at: number): string => {
  const raw = body(sealed);
  raw[at] = (raw[at] ?? 0) ^ 1;
  return sealed.slice(0, sealed.lastIndexOf(':') + 1) + raw.toString('base64');
};

describe('the SM4 and SM3 primitives', () => {
  it.each(vectors.sm4)('SM4 gives the published ciphertext: $source', (v) => {
    expect(sm4Block(Buffer.from(v.key, 'hex'), Buffer.from(v.plaintext, 'hex')).toString('hex')).toBe(v.ciphertext);
  });

  it.each(vectors.sm3)('SM3 gives the published digest: $source', (v) => {
    expect(createHash('sm3').update(v.message).digest('hex')).toBe(v.digest);
  });

  it('SM4-CTR is the SM4 block cipher over the counter, XORed with the data', () => {
    const v = vectors.sm4[0] as (typeof vectors.sm4)[number];
    const key = Buffer.from(v.key, 'hex');
    const counter = Buffer.from(v.plaintext, 'hex');
    const data = Buffer.from('身份证号 120114195003021234', 'utf8').subarray(0, 16);
    const keystream = sm4Block(key, counter);
    expect(sm4Ctr(key, counter, data).toString('hex')).toBe(Buffer.from(data.map((b, i) => b ^ (keystream[i] ?? 0))).toString('hex'));
  });
});

describe.each(['aes-256-gcm', 'sm4'] as const)('secrets with %s', (cipher) => {
  const key = Buffer.alloc(32, 3);
  const secrets = createSecrets(key, { cipher });

  it('decrypts what it encrypted, with a fresh nonce every time, across refills of the nonce block', () => {
    const plain = Array.from({ length: 10_000 }, (_, i) => `12011419500302${String(i).padStart(4, '0')}`);
    const sealed = plain.map((p) => secrets.encrypt(p));
    expect(sealed.every((s) => s.startsWith(`v2:${cipher === 'sm4' ? 'sm4' : 'aes'}:${keyId(key)}:`))).toBe(true);
    expect(sealed.map((s) => secrets.decrypt(s))).toEqual(plain);
    const nonces = new Set(
      sealed.map((s) =>
        body(s)
          .subarray(0, cipher === 'sm4' ? 16 : 12)
          .toString('hex'),
      ),
    );
    expect(nonces.size).toBe(sealed.length);
  });

  it('refuses a value altered anywhere: nonce, tag, body or header', () => {
    const sealed = secrets.encrypt('13812345678');
    for (const at of [0, 13, 20, 30, body(sealed).length - 1]) expect(() => secrets.decrypt(alter(sealed, at))).toThrow();
    // The header is authenticated: the same bytes under the other cipher's name do not open.
    expect(() => secrets.decrypt(sealed.replace(/^v2:(aes|sm4):/, (_, c: string) => `v2:${c === 'aes' ? 'sm4' : 'aes'}:`))).toThrow();
    expect(() => createSecrets(Buffer.alloc(32, 4), { cipher }).decrypt(sealed)).toThrow(/not given/);
  });

  it('opens what the other cipher and a previous key sealed, and v1 values written before key ids', () => {
    const old = createSecrets(Buffer.alloc(32, 9), { cipher: cipher === 'sm4' ? 'aes-256-gcm' : 'sm4' });
    const rotating = createSecrets(key, { cipher, previous: [Buffer.alloc(32, 9)] });
    expect(rotating.decrypt(old.encrypt('6222021234567890123'))).toBe('6222021234567890123');
    expect(rotating.decrypt(secrets.encrypt('6222021234567890123'))).toBe('6222021234567890123');
    for (const v of vectors.v1) {
      expect(createSecrets(Buffer.alloc(32, v.keyByte), { cipher }).decrypt(v.sealed)).toBe(v.plain);
      expect(createSecrets(Buffer.alloc(32, 1), { cipher, previous: [Buffer.alloc(32, v.keyByte)] }).decrypt(v.sealed)).toBe(v.plain);
      expect(() => createSecrets(Buffer.alloc(32, 1), { cipher }).decrypt(v.sealed)).toThrow();
    }
  });

  it('gives the same keyed hash for the same value, key and cipher only, and lists the ones still in rows while keys rotate', () => {
    expect(secrets.lookupHash('id:1')).toBe(createSecrets(Buffer.alloc(32, 3), { cipher }).lookupHash('id:1'));
    expect(secrets.lookupHash('id:1')).not.toBe(createSecrets(Buffer.alloc(32, 4), { cipher }).lookupHash('id:1'));
    const other = createSecrets(Buffer.alloc(32, 3), { cipher: cipher === 'sm4' ? 'aes-256-gcm' : 'sm4' });
    expect(secrets.lookupHash('id:1')).not.toBe(other.lookupHash('id:1'));
    const rotating = createSecrets(Buffer.alloc(32, 5), { cipher, previous: [key] });
    expect(rotating.lookupHashes('id:1')[0]).toBe(rotating.lookupHash('id:1'));
    expect(rotating.lookupHashes('id:1')).toEqual(expect.arrayContaining([secrets.lookupHash('id:1'), other.lookupHash('id:1')]));
    expect(rotating.lookupHashes('id:1')).toHaveLength(4);
  });
});

it('keeps the v1 look-up hash: HMAC-SHA-256 beside AES-256-GCM', () => {
  for (const v of vectors.v1) expect(createSecrets(Buffer.alloc(32, v.keyByte)).lookupHash(v.lookupValue)).toBe(v.lookupHash);
});
