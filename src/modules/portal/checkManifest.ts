/**
 * The manifest a check compares with when it runs away from the database: the one the origin
 * server publishes at /portal/manifest.json, trusted only when its signature verifies with the
 * public key the checker was given (this installation's, or one passed on the command line).
 */
import { z } from 'zod';
import { manifestText, type SignedManifest } from '../../core/portal/manifest.ts';
import type { CheckFinding } from './check.ts';
import { browser, get, type Fetch } from './checkFetch.ts';
import { portalVerifier } from './signing.ts';

const signedManifest = z.object({
  version: z.literal(1),
  district: z.string(),
  generatedAt: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  pages: z.array(z.object({ url: z.string(), sha256: z.string() })),
  assets: z.array(z.object({ url: z.string(), integrity: z.string() })),
  linkHosts: z.array(z.string()),
  signature: z.string(),
});

export type ManifestResult = { manifest: SignedManifest } | { finding: CheckFinding };

/** The origin's signed manifest, or the finding that stops the check: unreachable, not a manifest, or a signature that does not verify. */
export async function manifestFromOrigin(origin: string, publicKey: string, fetchImpl: Fetch = fetch, timeoutMs = 10_000): Promise<ManifestResult> {
  const url = new URL('/portal/manifest.json', origin).href;
  const got = await get(fetchImpl, url, browser, timeoutMs);
  if (!got.ok) return { finding: { url, kind: 'unreachable', detail: got.error, userAgent: null } };
  if (got.status !== 200)
    return { finding: { url, kind: 'unreachable', detail: `HTTP ${got.status}${got.location ? ` to ${got.location}` : ''}`, userAgent: null } };
  let parsed: z.infer<typeof signedManifest>;
  try {
    parsed = signedManifest.parse(JSON.parse(got.body.toString('utf8')));
  } catch {
    return { finding: { url, kind: 'manifest-signature', detail: 'the origin does not publish a signed manifest in the expected form', userAgent: null } };
  }
  let verify: (text: string, signature: string) => boolean;
  try {
    verify = portalVerifier(publicKey);
  } catch {
    return { finding: { url, kind: 'manifest-signature', detail: 'the public key given is not an Ed25519 key (32 bytes, base64)', userAgent: null } };
  }
  if (!verify(manifestText(parsed), parsed.signature))
    return {
      finding: {
        url,
        kind: 'manifest-signature',
        detail: `the manifest's signature does not verify with the portal's public key${parsed.publicKey === publicKey ? '' : ` (the manifest names another key, ${parsed.keyId})`}`,
        userAgent: null,
      },
    };
  return { manifest: parsed };
}
