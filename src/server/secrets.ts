import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * The data-encryption key: XINGFU_SECRET_KEY (32 bytes, base64 or hex), or else a key generated
 * into the data directory on first start. Personal data and second-factor secrets are encrypted
 * with AES-256-GCM; exact look-ups use a keyed hash (HMAC-SHA-256) derived from the same key.
 */
export interface Secrets {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  lookupHash(value: string): string;
}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('XINGFU_SECRET_KEY must be 32 bytes (64 hex digits or base64)');
  return key;
}

export function loadSecretKey(config: Config): Buffer {
  if (config.secretKey !== null) return parseKey(config.secretKey);
  if (config.databaseUrl !== null && !config.demo) {
    throw new Error(
      'XINGFU_SECRET_KEY is required with DATABASE_URL (every app process must share it). ' +
        'Generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'hex\'))"',
    );
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return parseKey(fs.readFileSync(file, 'utf8'));
}

/** 96-bit nonces for AES-GCM, cut from a block of CSPRNG output: one system call per 4,096 of them, not one each. */
class NoncePool {
  private block = Buffer.alloc(0);
  private offset = 0;
  next(): Buffer {
    if (this.offset === this.block.length) {
      this.block = randomBytes(12 * 4096);
      this.offset = 0;
    }
    const nonce = this.block.subarray(this.offset, this.offset + 12);
    this.offset += 12;
    return nonce;
  }
}

export function createSecrets(key: Buffer): Secrets {
  const lookupKey = createHmac('sha256', key).update('xingfu lookup key').digest();
  const nonces = new NoncePool();
  return {
    encrypt(plain) {
      const iv = nonces.next();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(value) {
      return createHmac('sha256', lookupKey).update(value).digest('hex');
    },
  };
}
