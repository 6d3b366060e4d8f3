import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { aesGcmOpen, cipherNames, lookupHasher, sealerFor, type CipherName, type Sealer } from './ciphers.ts';

/**
 * The secret key: XINGFU_SECRET_KEY (32 bytes, base64 or hex), or else a key generated into the
 * data directory on first start. It seals the audit log and backups, and is the data key too unless
 * XINGFU_DATA_KEY is set. Personal data and second-factor secrets are encrypted with AES-256-GCM, or
 * SM4 with an HMAC-SM3 tag (XINGFU_CIPHER=sm4; ./ciphers.ts); exact look-ups use a keyed hash.
 */
export interface Secrets {
  readonly cipher: CipherName;
  /** What every value encrypted now starts with: values that do not are due for rotation. */
  readonly prefix: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** The keyed hash written now (HMAC-SHA-256 beside AES, HMAC-SM3 beside SM4). */
  lookupHash(value: string): string;
  /** The hash written now first, then every other hash a row may still carry while keys rotate. */
  lookupHashes(value: string): string[];
}

function parseKey(text: string, name = 'XINGFU_SECRET_KEY'): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes (64 hex digits or base64)`);
  return key;
}

export function loadSecretKey(config: Config): Buffer {
  if (config.secretKey !== null) return parseKey(config.secretKey);
  if (config.databaseUrl !== null && !config.demo) {
    throw new Error(
      'XINGFU_SECRET_KEY is required with DATABASE_URL (every app process must share it). ' +
        "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return parseKey(fs.readFileSync(file, 'utf8'));
}

/** The keys and cipher personal data is sealed with: written under `current`, readable under any of them. */
export interface DataKeys {
  cipher: CipherName;
  current: Buffer;
  /** Keys being rotated away from: values sealed under them still open, none is written. */
  previous: readonly Buffer[];
}

/**
 * The data keys from the configuration: XINGFU_DATA_KEY, or else the secret key itself (as before
 * there was a separate data key), and XINGFU_PREVIOUS_DATA_KEY during a rotation.
 */
export function loadDataKeys(config: Config): DataKeys {
  return {
    cipher: config.cipher,
    current: config.dataKey === null ? loadSecretKey(config) : parseKey(config.dataKey, 'XINGFU_DATA_KEY'),
    previous: config.previousDataKeys.map((k) => parseKey(k, 'XINGFU_PREVIOUS_DATA_KEY')),
  };
}

export function loadSecrets(config: Config): Secrets {
  const keys = loadDataKeys(config);
  return createSecrets(keys.current, keys);
}

/**
 * Seals under the current key with the configured cipher, and opens what any configured key
 * sealed with either cipher, `v1:` values (AES-256-GCM with no header, before key ids) included.
 */
export function createSecrets(key: Buffer, options: { cipher?: CipherName; previous?: readonly Buffer[] } = {}): Secrets {
  const cipher = options.cipher ?? 'aes-256-gcm';
  const keys = [key, ...(options.previous ?? []).filter((k) => !k.equals(key))];
  const writer = sealerFor(cipher, key);
  const readers = new Map<string, Sealer>();
  for (const k of keys)
    for (const c of cipherNames) {
      const s = sealerFor(c, k);
      readers.set(s.prefix, s);
    }
  readers.set(writer.prefix, writer); // the writer's own nonce pool, not a second one
  const hash = lookupHasher(cipher, key);
  const hashers = [hash, ...keys.flatMap((k) => cipherNames.filter((c) => k !== key || c !== cipher).map((c) => lookupHasher(c, k)))];
  return {
    cipher,
    prefix: writer.prefix,
    encrypt: (plain) => writer.seal(plain),
    decrypt(sealed) {
      if (sealed.startsWith('v1:')) return openV1(keys, Buffer.from(sealed.slice(3), 'base64'));
      const header = /^v2:[a-z0-9]+:[0-9a-f]{8}:/.exec(sealed)?.[0];
      if (header === undefined) throw new Error('unknown ciphertext version');
      const reader = readers.get(header);
      if (reader === undefined)
        throw new Error(`sealed under ${header.slice(3, -1)}, a cipher or key this process is not given (XINGFU_DATA_KEY, XINGFU_PREVIOUS_DATA_KEY)`);
      return reader.open(sealed);
    },
    lookupHash: hash,
    lookupHashes: (value) => hashers.map((h) => h(value)),
  };
}

/** A `v1:` value carries no key id: the GCM tag tells which key sealed it. */
function openV1(keys: readonly Buffer[], raw: Buffer): string {
  for (const k of keys) {
    try {
      return aesGcmOpen(k, Buffer.alloc(0), raw);
    } catch {
      // not this key: try the next
    }
  }
  throw new Error('v1 value does not open under any configured data key');
}
