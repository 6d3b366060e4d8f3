import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The two ways personal data is sealed, each under one 32-byte data key:
 *
 * - `aes-256-gcm`: AES-256-GCM with the key itself, a 96-bit nonce and a 128-bit tag.
 * - `sm4`: SM4-CTR (GB/T 32907) with a 128-bit random initial counter, then HMAC-SM3 (GB/T 32905)
 *   over the header, the counter and the ciphertext (encrypt-then-MAC; OpenSSL here has no
 *   SM4-GCM). The SM4 key and the MAC key are derived from the data key with HKDF-SM3 under two
 *   different labels, so neither is the data key and neither can stand in for the other.
 *
 * A sealed value names its cipher and key: `v2:<cipher>:<key id>:` + base64(nonce | tag | body).
 * The header is authenticated too (GCM's additional data, the HMAC's first bytes).
 */
export const cipherNames = ['aes-256-gcm', 'sm4'] as const;
export type CipherName = (typeof cipherNames)[number];

/** The short name a sealed value carries. */
export const cipherTag: Record<CipherName, string> = { 'aes-256-gcm': 'aes', sm4: 'sm4' };

export interface Sealer {
  /** `v2:<cipher>:<key id>:`: every value this sealer writes starts with it. */
  readonly prefix: string;
  seal(plain: string): string;
  /** The plain text of a value that starts with `prefix`; throws when it was altered. */
  open(sealed: string): string;
}

const derive = (digest: 'sha256' | 'sm3', key: Buffer, label: string, length: number): Buffer =>
  Buffer.from(hkdfSync(digest, key, Buffer.alloc(0), label, length));

/** The key id a sealed value carries: 32 bits derived from the key, naming it without revealing it. */
export function keyId(key: Buffer): string {
  return derive('sha256', key, 'xingfu data key id', 4).toString('hex');
}

/** Random nonces cut from a block of CSPRNG output: one system call per 4,096 of them, not one each. */
class NoncePool {
  private block = Buffer.alloc(0);
  private offset = 0;
  constructor(private readonly size: number) {}
  next(): Buffer {
    if (this.offset === this.block.length) {
      this.block = randomBytes(this.size * 4096);
      this.offset = 0;
    }
    const nonce = this.block.subarray(this.offset, this.offset + this.size);
    this.offset += this.size;
    return nonce;
  }
}

/** AES-256-GCM: `iv(12) | tag(16) | body`, with `aad` (the header, or nothing for `v1:`) authenticated. */
export function aesGcmSeal(key: Buffer, iv: Buffer, aad: Buffer, plain: string): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function aesGcmOpen(key: Buffer, aad: Buffer, raw: Buffer): string {
  if (raw.length < 28) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** SM4 in counter mode: encryption and decryption are the same operation. */
export function sm4Ctr(key: Buffer, counter: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('sm4-ctr', key, counter);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** One SM4 block in ECB mode, no padding: the primitive the published test vectors describe. */
export function sm4Block(key: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

function aesSealer(key: Buffer): Sealer {
  const prefix = `v2:aes:${keyId(key)}:`;
  const aad = Buffer.from(prefix, 'utf8');
  const nonces = new NoncePool(12);
  return {
    prefix,
    seal: (plain) => prefix + aesGcmSeal(key, nonces.next(), aad, plain).toString('base64'),
    open: (sealed) => aesGcmOpen(key, aad, Buffer.from(sealed.slice(prefix.length), 'base64')),
  };
}

function sm4Sealer(key: Buffer): Sealer {
  const prefix = `v2:sm4:${keyId(key)}:`;
  const header = Buffer.from(prefix, 'utf8');
  const encKey = derive('sm3', key, 'xingfu sm4-ctr encryption key', 16);
  const macKey = derive('sm3', key, 'xingfu hmac-sm3 tag key', 32);
  const nonces = new NoncePool(16);
  const tagOf = (counter: Buffer, body: Buffer): Buffer => createHmac('sm3', macKey).update(header).update(counter).update(body).digest();
  return {
    prefix,
    seal(plain) {
      const counter = nonces.next();
      const body = sm4Ctr(encKey, counter, Buffer.from(plain, 'utf8'));
      return prefix + Buffer.concat([counter, tagOf(counter, body), body]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
      if (raw.length < 48) throw new Error('sealed value too short');
      const counter = raw.subarray(0, 16);
      const body = raw.subarray(48);
      if (!timingSafeEqual(raw.subarray(16, 48), tagOf(counter, body))) throw new Error('sealed value was altered (HMAC-SM3 tag mismatch)');
      return sm4Ctr(encKey, counter, body).toString('utf8');
    },
  };
}

export function sealerFor(cipher: CipherName, key: Buffer): Sealer {
  return cipher === 'sm4' ? sm4Sealer(key) : aesSealer(key);
}

/**
 * Keyed hashes for exact look-ups (ID numbers): HMAC-SHA-256 beside AES, HMAC-SM3 beside SM4, each
 * under its own key derived from the data key. The `aes-256-gcm` form is the one written since v1.
 */
export function lookupHasher(cipher: CipherName, key: Buffer): (value: string) => string {
  const [digest, lookupKey] =
    cipher === 'sm4'
      ? (['sm3', derive('sm3', key, 'xingfu hmac-sm3 lookup key', 32)] as const)
      : (['sha256', createHmac('sha256', key).update('xingfu lookup key').digest()] as const);
  return (value) => createHmac(digest, lookupKey).update(value).digest('hex');
}
