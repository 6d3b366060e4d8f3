/**
 * The portal's signing key: an Ed25519 key derived (HKDF-SHA-256) from the application's secret
 * key, which the database never sees. Approving a revision signs the hash of its canonical form;
 * the read path and the integrity check verify it, so a revision changed in the database without
 * the app cannot be served unnoticed. The signed manifest the origin publishes is signed with it too.
 */
import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

export interface PortalSigner {
  /** Short id of the key (the first 16 hex digits of the SHA-256 of its public key). */
  keyId: string;
  /** The public key, raw 32 bytes as base64: enough to verify, nothing to sign. */
  publicKey: string;
  sign(text: string): string;
  verify(text: string, signature: string): boolean;
}

/** PKCS #8 header of an Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SubjectPublicKeyInfo header of an Ed25519 public key; the 32-byte key follows. */
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export function portalSigner(secretKey: Buffer): PortalSigner {
  const seed = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'xingfu portal signing', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length);
  return {
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKey: raw.toString('base64'),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    verify: (text, signature) => verifyWith(publicKey, text, signature),
  };
}

function verifyWith(key: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A verifier from a published public key (raw, base64): for a checker that holds no secret. */
export function portalVerifier(publicKeyBase64: string): (text: string, signature: string) => boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(publicKeyBase64, 'base64')]), format: 'der', type: 'spki' });
  return (text, signature) => verifyWith(key, text, signature);
}

let current: { signer: PortalSigner } | { load: () => Buffer } | null = null;

/** Sets the secret key this process signs and verifies portal content with (at start-up), or a loader for it. */
export function usePortalKey(secretKey: Buffer | (() => Buffer)): void {
  current = typeof secretKey === 'function' ? { load: secretKey } : { signer: portalSigner(secretKey) };
}

/** The signer set for this process; throws when none was (a start-up that forgot usePortalKey). */
export function currentSigner(): PortalSigner {
  if (current !== null && 'load' in current) current = { signer: portalSigner(current.load()) };
  if (current === null) throw new Error('no portal signing key: usePortalKey() was not called');
  return current.signer;
}
