/**
 * What the public portal may show, read and verified once and kept until it changes: the approved
 * revisions of the published articles whose signature matches their canonical form. A published
 * revision whose signature does not match (a row changed outside the app) is not served: the
 * article falls back to its last approved revision that does match — or disappears when none
 * does — and the mismatch is recorded as a finding for the office and the audit log.
 */
import { businessNow } from '../../core/clock.ts';
import { contentHash } from '../../core/portal/canonical.ts';
import { articlePath } from '../../core/portal/pages.ts';
import { sanitizeBody, type LinkPolicy } from '../../core/portal/review.ts';
import type { Script } from '../../core/portal/script.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { NewFinding } from './integrityQueries.ts';
import { approvedDomains, publishedRevisions, type PublishedRevisionRow } from './publicQueries.ts';
import { currentSigner } from './signing.ts';

/** The internal actor the public side runs as: it reads approved content, adds views, records findings. */
export function portalReader(district: string): Actor {
  return {
    district,
    userId: '',
    username: 'portal',
    grants: [],
    reach: { 'portal.public': { all: true, townships: [], villages: [], departments: [] } },
    ip: null,
  };
}

/** The link policy in force: the district's own hosts and the office's approved outside domains. */
export async function linkPolicy(tx: Queryable, ownHosts: readonly string[]): Promise<LinkPolicy> {
  return { ownHosts, approvedDomains: await approvedDomains(tx) };
}

export interface ServedArticle {
  id: string;
  /** The revision served: the published one, or an earlier approved one when that fails its signature. */
  number: number;
  title: string;
  bodyHtml: string;
  script: Script;
  publishedOn: string;
  publishAt: Date;
  views: number;
}

export interface Snapshot {
  /** Visible now, newest publication date first. */
  articles: ServedArticle[];
  byId: Map<string, ServedArticle>;
  policy: LinkPolicy;
  /** When the snapshot must be read again: the next scheduled publication (null: none waiting). */
  nextChange: Date | null;
  findings: NewFinding[];
}

function verified(district: string, r: PublishedRevisionRow): boolean {
  const hash = contentHash({
    district,
    articleId: r.article_id,
    number: r.number,
    title: r.title,
    bodyHtml: r.body_html,
    script: r.script,
    publishedOn: r.published_on,
  });
  return hash === r.content_hash && currentSigner().verify(hash, r.signature);
}

/** The revision of one article to serve, from its approved revisions (newest first), and what was refused. */
function choose(district: string, revisions: readonly PublishedRevisionRow[], findings: NewFinding[]): PublishedRevisionRow | undefined {
  const refused: number[] = [];
  for (const r of revisions) {
    if (verified(district, r)) {
      if (refused.length > 0) findings.push(mismatch(r.article_id, refused, r.number));
      return r;
    }
    refused.push(r.number);
  }
  if (refused.length > 0) findings.push(mismatch(revisions[0]?.article_id ?? '', refused, null));
  return undefined;
}

function mismatch(articleId: string, refused: readonly number[], servedInstead: number | null): NewFinding {
  const what = `第 ${refused.join('、')} 版的内容与审核时的签名不符（数据库中的内容被改动过）`;
  return {
    url: articlePath(articleId),
    kind: 'signature-mismatch',
    detail: servedInstead === null ? `${what}，该文章已停止显示。` : `${what}，已改为显示审核通过的第 ${servedInstead} 版。`,
    userAgent: null,
  };
}

export async function readSnapshot(db: Database, district: string, ownHosts: readonly string[]): Promise<Snapshot> {
  const { rows, domains } = await withScope(db, portalReader(district), async (tx) => ({
    rows: await publishedRevisions(tx),
    domains: await approvedDomains(tx),
  }));
  const policy: LinkPolicy = { ownHosts, approvedDomains: domains };
  const byArticle = new Map<string, PublishedRevisionRow[]>();
  for (const r of rows) byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), r]);
  const now = businessNow();
  const findings: NewFinding[] = [];
  const articles: ServedArticle[] = [];
  let nextChange: Date | null = null;
  for (const revisions of byArticle.values()) {
    const first = revisions[0] as PublishedRevisionRow;
    // A revision scheduled for later: until then the article shows what it showed before (if anything).
    const scheduled = first.publish_at > now;
    if (scheduled && (nextChange === null || first.publish_at < nextChange)) nextChange = first.publish_at;
    const candidates = scheduled ? revisions.filter((r) => r.number < first.published_revision) : revisions;
    const r = choose(district, candidates, findings);
    if (r === undefined) continue;
    articles.push({
      id: r.article_id,
      number: r.number,
      title: r.title,
      bodyHtml: sanitizeBody(r.body_html, policy),
      script: r.script,
      publishedOn: r.published_on,
      publishAt: r.publish_at,
      views: Number(r.view_count),
    });
  }
  articles.sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || b.publishAt.getTime() - a.publishAt.getTime() || a.id.localeCompare(b.id));
  return { articles, byId: new Map(articles.map((a) => [a.id, a])), policy, nextChange, findings };
}
