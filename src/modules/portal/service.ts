/**
 * The office's side of the portal: articles written as revisions (every one kept), submitted,
 * approved by a second person — approval signs the canonical revision — scheduled, withdrawn,
 * restored. Bodies are reviewed against the allow-list on every save; what it refuses is reported.
 */
import { createHash } from 'node:crypto';
import { businessNow } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { contentHash } from '../../core/portal/canonical.ts';
import { reviewBody } from '../../core/portal/review.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { displayNames, type NameOf } from '../users/names.ts';
import * as q from './queries.ts';
import type { Article, ArticleSummary, Revision, RevisionInput, RevisionState, RevisionSummary } from './schemas.ts';
import { currentSigner } from './signing.ts';
import { portalContentChanged } from './site.ts';
import { linkPolicy } from './snapshot.ts';

export const articleUrl = (id: string): string => `/portal/news/${id}`;

export function revisionState(r: q.RevisionRow): RevisionState {
  if (r.approved_at !== null) return 'approved';
  if (r.submitted_at !== null) return 'submitted';
  return r.returned_reason !== null ? 'returned' : 'draft';
}

function presentRevision(r: q.RevisionRow, nameOf: NameOf): RevisionSummary {
  return {
    number: r.number,
    title: r.title,
    script: r.script,
    publishedOn: r.published_on,
    state: revisionState(r),
    note: r.note,
    author: r.author,
    authorName: nameOf(r.author) ?? r.author,
    createdAt: r.created_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    returnedReason: r.returned_reason,
    approvedBy: r.approved_by,
    approvedByName: r.approved_by === null ? null : (nameOf(r.approved_by) ?? r.approved_by),
    approvedAt: r.approved_at?.toISOString() ?? null,
  };
}

function presentArticle(a: q.ArticleRow, latest: q.RevisionRow, nameOf: NameOf): ArticleSummary {
  return {
    id: a.id,
    state: a.state,
    title: latest.title,
    latest: presentRevision(latest, nameOf),
    publishedRevision: a.published_revision,
    publishAt: a.publish_at?.toISOString() ?? null,
    withdrawnReason: a.withdrawn_reason,
    viewCount: Number(a.view_count),
    url: articleUrl(a.id),
  };
}

/** Runs a change of what the public sees and, once it has committed, tells this process's portal pages. */
async function changingContent<T>(change: () => Promise<T>): Promise<T> {
  const result = await change();
  portalContentChanged();
  return result;
}

function refuseProblems(problems: ReturnType<typeof reviewBody>): void {
  if (problems.length === 0) return;
  throw new AppError('body_refused', { details: { problems } });
}

export async function listArticles(db: Database, actor: Actor): Promise<{ items: ArticleSummary[] }> {
  return withScope(db, actor, async (tx) => {
    const articles = await q.articleRows(tx);
    const latest = new Map((await q.latestRevisions(tx)).map((r) => [r.article_id, r]));
    const nameOf = await displayNames(
      tx,
      [...latest.values()].map((r) => r.author),
    );
    return {
      items: articles.flatMap((a) => {
        const r = latest.get(a.id);
        return r === undefined ? [] : [presentArticle(a, r, nameOf)];
      }),
    };
  });
}

async function loadArticle(tx: Queryable, id: string): Promise<Article> {
  const a = await q.articleRow(tx, id);
  const revisions = await q.revisionRows(tx, id);
  const latest = revisions[0];
  if (a === undefined || latest === undefined) throw new AppError('not_found');
  const nameOf = await displayNames(
    tx,
    revisions.flatMap((r) => [r.author, r.approved_by]),
  );
  return {
    ...presentArticle(a, latest, nameOf),
    revisions: revisions.map((r) => presentRevision(r, nameOf)),
    current: { ...presentRevision(latest, nameOf), bodyHtml: latest.body_html },
  };
}

export const getArticle = (db: Database, actor: Actor, id: string): Promise<Article> => withScope(db, actor, (tx) => loadArticle(tx, id));

export async function getRevision(db: Database, actor: Actor, id: string, number: number): Promise<Revision> {
  return withScope(db, actor, async (tx) => {
    const r = await q.revisionRow(tx, id, number);
    if (r === undefined) throw new AppError('not_found');
    const nameOf = await displayNames(tx, [r.author, r.approved_by]);
    return { ...presentRevision(r, nameOf), bodyHtml: r.body_html };
  });
}

/** What the allow-list refuses in a body, for the editor to show while writing. */
export async function reviewHtml(db: Database, actor: Actor, ownHosts: readonly string[], bodyHtml: string) {
  return withScope(db, actor, async (tx) => ({ problems: reviewBody(bodyHtml, await linkPolicy(tx, ownHosts)) }));
}

const revisionOf = (input: RevisionInput): q.NewRevision => ({ ...input, note: input.note ?? null });

export async function createArticle(db: Database, actor: Actor, ownHosts: readonly string[], input: RevisionInput): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    refuseProblems(reviewBody(input.bodyHtml, await linkPolicy(tx, ownHosts)));
    const id = await q.insertArticle(tx, actor.district, actor.username);
    await q.insertRevision(tx, actor.district, id, 1, revisionOf(input), actor.username, businessNow());
    await auditBy(tx, actor, { action: 'portal.article_create', entityType: 'portal_article', entityId: id, after: { title: input.title, revision: 1 } });
    return loadArticle(tx, id);
  });
}

/** The article locked for a change, with its latest revision. */
async function lockArticle(tx: Queryable, id: string) {
  const a = await q.articleRow(tx, id, true);
  const latest = (await q.revisionRows(tx, id))[0];
  if (a === undefined || latest === undefined) throw new AppError('not_found');
  return { article: a, latest };
}

async function addRevision(tx: Queryable, actor: Actor, id: string, number: number, r: q.NewRevision, action: string, detail: object) {
  await q.insertRevision(tx, actor.district, id, number, r, actor.username, businessNow());
  await auditBy(tx, actor, { action, entityType: 'portal_article', entityId: id, after: { title: r.title, revision: number }, detail });
  return loadArticle(tx, id);
}

export async function reviseArticle(
  db: Database,
  actor: Actor,
  ownHosts: readonly string[],
  id: string,
  input: RevisionInput & { basedOn: number },
): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    const { latest } = await lockArticle(tx, id);
    if (latest.number !== input.basedOn) throw new AppError('stale_version');
    refuseProblems(reviewBody(input.bodyHtml, await linkPolicy(tx, ownHosts)));
    return addRevision(tx, actor, id, latest.number + 1, revisionOf(input), 'portal.revision_save', { basedOn: input.basedOn });
  });
}

export async function restoreRevision(db: Database, actor: Actor, ownHosts: readonly string[], id: string, number: number): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    const { latest } = await lockArticle(tx, id);
    const old = await q.revisionRow(tx, id, number);
    if (old === undefined) throw new AppError('not_found');
    // The links the office approved then may since have been taken off the list.
    refuseProblems(reviewBody(old.body_html, await linkPolicy(tx, ownHosts)));
    const copy = { title: old.title, bodyHtml: old.body_html, script: old.script, publishedOn: old.published_on, note: `恢复自第 ${number} 版` };
    return addRevision(tx, actor, id, latest.number + 1, copy, 'portal.revision_restore', { restoredFrom: number });
  });
}

/** The latest revision, which must be `number` and in one of `states`. */
function expectLatest(latest: q.RevisionRow, number: number, states: readonly RevisionState[]): void {
  if (latest.number !== number) throw new AppError('stale_version');
  if (!states.includes(revisionState(latest))) throw new AppError('invalid_transition');
}

export async function submitRevision(db: Database, actor: Actor, ownHosts: readonly string[], id: string, number: number): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    const { latest } = await lockArticle(tx, id);
    expectLatest(latest, number, ['draft', 'returned']);
    refuseProblems(reviewBody(latest.body_html, await linkPolicy(tx, ownHosts)));
    await q.markSubmitted(tx, id, number, actor.username, businessNow());
    await auditBy(tx, actor, { action: 'portal.submit', entityType: 'portal_article', entityId: id, detail: { revision: number } });
    return loadArticle(tx, id);
  });
}

export async function returnRevision(db: Database, actor: Actor, id: string, number: number, reason: string): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    const { latest } = await lockArticle(tx, id);
    expectLatest(latest, number, ['submitted']);
    await q.markReturned(tx, id, number, reason);
    await auditBy(tx, actor, { action: 'portal.return', entityType: 'portal_article', entityId: id, detail: { revision: number, reason } });
    return loadArticle(tx, id);
  });
}

/**
 * Approves the submitted latest revision: someone other than its author signs the hash of its
 * canonical form, and the article is published from `publishAt` (now when null).
 */
export async function approveRevision(db: Database, actor: Actor, id: string, number: number, publishAt: string | null | undefined): Promise<Article> {
  return changingContent(() => approveIn(db, actor, id, number, publishAt));
}

function approveIn(db: Database, actor: Actor, id: string, number: number, publishAt: string | null | undefined): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    const { latest } = await lockArticle(tx, id);
    expectLatest(latest, number, ['submitted']);
    if (latest.author === actor.username) throw new AppError('same_person_approval');
    const now = businessNow();
    const from = publishAt == null ? now : new Date(publishAt);
    const hash = contentHash({
      district: actor.district,
      articleId: id,
      number,
      title: latest.title,
      bodyHtml: latest.body_html,
      script: latest.script,
      publishedOn: latest.published_on,
    });
    const signer = currentSigner();
    await q.markApproved(tx, id, number, { by: actor.username, at: now, contentHash: hash, signature: signer.sign(hash), keyId: signer.keyId });
    await q.setPublished(tx, id, number, from < now ? now : from);
    await auditBy(tx, actor, {
      action: 'portal.approve',
      entityType: 'portal_article',
      entityId: id,
      detail: { revision: number, contentHash: hash, publishAt: (from < now ? now : from).toISOString() },
    });
    return loadArticle(tx, id);
  });
}

export async function withdrawArticle(db: Database, actor: Actor, id: string, reason: string): Promise<Article> {
  return changingContent(() => withdrawIn(db, actor, id, reason));
}

function withdrawIn(db: Database, actor: Actor, id: string, reason: string): Promise<Article> {
  return withScope(db, actor, async (tx) => {
    const { article } = await lockArticle(tx, id);
    if (article.state !== 'published') throw new AppError('invalid_transition');
    await q.setWithdrawn(tx, id, reason, businessNow());
    await auditBy(tx, actor, { action: 'portal.withdraw', entityType: 'portal_article', entityId: id, detail: { reason } });
    return loadArticle(tx, id);
  });
}

const IMAGE_SIGNATURES: readonly [string, (b: Buffer) => boolean][] = [
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a'],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

/** An image for article bodies, stored under its SHA-256; the type is read from its bytes, not its name. */
export async function uploadMedia(db: Database, actor: Actor, bytes: Buffer) {
  const mime = IMAGE_SIGNATURES.find(([, test]) => test(bytes))?.[0];
  if (mime === undefined)
    throw new AppError('unsupported_media_type', { zh: '只能上传 PNG、JPEG、GIF 或 WebP 图片', en: 'Only PNG, JPEG, GIF or WebP images can be uploaded' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return withScope(db, actor, async (tx) => {
    await q.insertMedia(tx, actor.district, sha256, mime, bytes, actor.username);
    await auditBy(tx, actor, { action: 'portal.media_upload', entityType: 'portal_media', entityId: sha256, detail: { mime, bytes: bytes.length } });
    return { sha256, url: `/portal/media/${sha256}`, mime, bytes: bytes.length };
  });
}

export async function listLinkDomains(db: Database, actor: Actor, ownHosts: readonly string[]) {
  return withScope(db, actor, async (tx) => ({
    ownHosts: [...ownHosts],
    items: (await q.linkDomains(tx)).map((d) => ({ domain: d.domain, note: d.note, addedBy: d.added_by, addedAt: d.added_at.toISOString() })),
  }));
}

export async function addLinkDomain(db: Database, actor: Actor, ownHosts: readonly string[], domain: string, note: string) {
  await changingContent(() =>
    withScope(db, actor, async (tx) => {
      if (!(await q.insertLinkDomain(tx, actor.district, domain, note, actor.username))) return;
      await auditBy(tx, actor, { action: 'portal.domain_add', entityType: 'portal_link_domain', entityId: domain, after: { domain, note } });
    }),
  );
  return listLinkDomains(db, actor, ownHosts);
}

export async function removeLinkDomain(db: Database, actor: Actor, ownHosts: readonly string[], domain: string) {
  await changingContent(() =>
    withScope(db, actor, async (tx) => {
      if (!(await q.deleteLinkDomain(tx, domain))) throw new AppError('not_found');
      await auditBy(tx, actor, { action: 'portal.domain_remove', entityType: 'portal_link_domain', entityId: domain, before: { domain } });
    }),
  );
  return listLinkDomains(db, actor, ownHosts);
}
