/**
 * The canonical form of an approved article revision: what its approval signs. Any change to a
 * field a reader sees — title, body (which names its images by their SHA-256), script, publication
 * date — or to which article and revision it is, changes the hash.
 */
import { createHash } from 'node:crypto';
import type { Script } from './script.ts';

export interface CanonicalRevision {
  district: string;
  articleId: string;
  number: number;
  title: string;
  bodyHtml: string;
  script: Script;
  publishedOn: string;
}

/** The images an article body uses, by the SHA-256 in their address (/portal/media/<sha256>). */
export function mediaOf(bodyHtml: string): string[] {
  return [...new Set([...bodyHtml.matchAll(/\/portal\/media\/([0-9a-f]{64})/g)].map((m) => m[1] as string))].sort();
}

/** One line of JSON, keys in a fixed order, strings as written (NFC is the editor's job, not this). */
export function canonicalText(r: CanonicalRevision): string {
  return JSON.stringify({
    v: 1,
    district: r.district,
    article: r.articleId,
    revision: r.number,
    title: r.title,
    script: r.script,
    publishedOn: r.publishedOn,
    media: mediaOf(r.bodyHtml),
    body: r.bodyHtml,
  });
}

export const contentHash = (r: CanonicalRevision): string => createHash('sha256').update(canonicalText(r), 'utf8').digest('hex');
