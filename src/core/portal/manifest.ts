/**
 * The portal's signed manifest: every public page's address with the SHA-256 of its normalised
 * bytes, and every built asset with its SRI hash, signed with the portal's key. The origin server
 * publishes it at /portal/manifest.json; the integrity check compares what the public address
 * serves with it, so a proxy, a CDN or a hacked front server that changes a page is caught.
 */
import { createHash } from 'node:crypto';

export interface ManifestPage {
  /** Path and query, as the sitemap lists it: /portal/news/<id>?script=hant. */
  url: string;
  sha256: string;
}

export interface ManifestAsset {
  url: string;
  /** The Subresource Integrity value: sha384-<base64>. */
  integrity: string;
}

export interface Manifest {
  version: 1;
  district: string;
  /** When the pages were rendered (ISO instant). */
  generatedAt: string;
  keyId: string;
  /** The Ed25519 public key (raw, base64) that verifies `signature`. */
  publicKey: string;
  pages: ManifestPage[];
  assets: ManifestAsset[];
  /** Outside hosts article bodies may link to (the district's own hosts and the approved domains). */
  linkHosts: string[];
}

export interface SignedManifest extends Manifest {
  signature: string;
}

/** The nonce a page's script and style tags carry (new on every response). */
export const NONCE_PLACEHOLDER = '__XINGFU_NONCE__';
/** The view count an article page shows (changes with every reader). */
export const VIEWS_PLACEHOLDER = '__XINGFU_VIEWS__';

/**
 * A page with what changes between two responses of the same content set to fixed values: the
 * CSP nonce and the view count. Only those exact attribute and element forms are normalised, so
 * nothing else a page carries can hide behind them.
 */
export function normalizePage(html: string): string {
  return html.replace(/ nonce="[A-Za-z0-9+/=]{16,64}"/g, ' nonce=""').replace(/<span data-views="">\d{1,15}<\/span>/g, '<span data-views="">0</span>');
}

export const pageHash = (html: string): string => createHash('sha256').update(normalizePage(html), 'utf8').digest('hex');

/** The text a manifest's signature is made over: the manifest without its signature, keys in a fixed order. */
export function manifestText(m: Manifest): string {
  return JSON.stringify({
    version: m.version,
    district: m.district,
    generatedAt: m.generatedAt,
    keyId: m.keyId,
    publicKey: m.publicKey,
    pages: m.pages.map((p) => ({ url: p.url, sha256: p.sha256 })),
    assets: m.assets.map((a) => ({ url: a.url, integrity: a.integrity })),
    linkHosts: m.linkHosts,
  });
}
