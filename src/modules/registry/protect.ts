import { maskIdNumber, maskPhone } from '../../core/privacy/mask.ts';
import type { Secrets } from '../../server/secrets.ts';

/** How an ID or phone number is kept: encrypted, a keyed hash for exact look-up, a masked copy to show. */
export interface Protected {
  enc: string;
  hash: string;
  masked: string;
}

export function protectIdNumber(secrets: Secrets, normalized: string): Protected {
  return { enc: secrets.encrypt(normalized), hash: secrets.lookupHash(`id:${normalized}`), masked: maskIdNumber(normalized) };
}

export function idLookupHash(secrets: Secrets, normalized: string): string {
  return secrets.lookupHash(`id:${normalized}`);
}

/** Every hash a person's row may carry while data keys rotate, the one written now first. */
export function idLookupHashes(secrets: Secrets, normalized: string): string[] {
  return secrets.lookupHashes(`id:${normalized}`);
}

export function protectPhone(secrets: Secrets, phone: string | null): { enc: string | null; masked: string | null } {
  return phone === null ? { enc: null, masked: null } : { enc: secrets.encrypt(phone), masked: maskPhone(phone) };
}
