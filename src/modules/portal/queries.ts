/** The portal's SQL: articles, revisions, images and the approved link domains. */
import type { Script } from '../../core/portal/script.ts';
import type { Queryable } from '../../db/types.ts';
import type { ArticleState } from './schemas.ts';

export interface ArticleRow {
  id: string;
  state: ArticleState;
  published_revision: number | null;
  publish_at: Date | null;
  withdrawn_reason: string | null;
  view_count: string;
  created_by: string;
}

export interface RevisionRow {
  article_id: string;
  number: number;
  title: string;
  body_html: string;
  script: Script;
  published_on: string;
  note: string | null;
  author: string;
  created_at: Date;
  submitted_by: string | null;
  submitted_at: Date | null;
  returned_reason: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  content_hash: string | null;
  signature: string | null;
  key_id: string | null;
}

const ARTICLE_COLUMNS = 'id, state, published_revision, publish_at, withdrawn_reason, view_count::text AS view_count, created_by';
const REVISION_COLUMNS = `article_id, number, title, body_html, script, published_on::text AS published_on, note, author, created_at, submitted_by,
  submitted_at, returned_reason, approved_by, approved_at, content_hash, signature, key_id`;

export async function articleRows(tx: Queryable): Promise<ArticleRow[]> {
  return (await tx.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM portal_article ORDER BY created_at DESC, id`)).rows;
}

/** One article, locked for the change about to be made when `forUpdate`. */
export async function articleRow(tx: Queryable, id: string, forUpdate = false): Promise<ArticleRow | undefined> {
  const lock = forUpdate ? ' FOR UPDATE' : '';
  return (await tx.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM portal_article WHERE id = $1${lock}`, [id])).rows[0];
}

/** The latest revision of each article (the one an editor works on). */
export async function latestRevisions(tx: Queryable): Promise<RevisionRow[]> {
  return (await tx.query<RevisionRow>(`SELECT DISTINCT ON (article_id) ${REVISION_COLUMNS} FROM portal_revision ORDER BY article_id, number DESC`)).rows;
}

export async function revisionRows(tx: Queryable, articleId: string): Promise<RevisionRow[]> {
  return (await tx.query<RevisionRow>(`SELECT ${REVISION_COLUMNS} FROM portal_revision WHERE article_id = $1 ORDER BY number DESC`, [articleId])).rows;
}

export async function revisionRow(tx: Queryable, articleId: string, number: number): Promise<RevisionRow | undefined> {
  return (await tx.query<RevisionRow>(`SELECT ${REVISION_COLUMNS} FROM portal_revision WHERE article_id = $1 AND number = $2`, [articleId, number])).rows[0];
}

export async function insertArticle(tx: Queryable, district: string, createdBy: string): Promise<string> {
  const r = await tx.query<{ id: string }>(`INSERT INTO portal_article (district_code, created_by) VALUES ($1, $2) RETURNING id`, [district, createdBy]);
  return (r.rows[0] as { id: string }).id;
}

export interface NewRevision {
  title: string;
  bodyHtml: string;
  script: Script;
  publishedOn: string;
  note: string | null;
}

/** The next revision of an article (numbered after the latest; the primary key refuses a concurrent twin). */
export async function insertRevision(
  tx: Queryable,
  district: string,
  articleId: string,
  number: number,
  r: NewRevision,
  author: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO portal_revision (district_code, article_id, number, title, body_html, script, published_on, note, author, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [district, articleId, number, r.title, r.bodyHtml, r.script, r.publishedOn, r.note, author, at],
  );
  await tx.query(`UPDATE portal_article SET updated_at = $2 WHERE id = $1`, [articleId, at]);
}

export async function markSubmitted(tx: Queryable, articleId: string, number: number, by: string, at: Date): Promise<void> {
  await tx.query(`UPDATE portal_revision SET submitted_by = $3, submitted_at = $4, returned_reason = NULL WHERE article_id = $1 AND number = $2`, [
    articleId,
    number,
    by,
    at,
  ]);
}

export async function markReturned(tx: Queryable, articleId: string, number: number, reason: string): Promise<void> {
  await tx.query(`UPDATE portal_revision SET submitted_by = NULL, submitted_at = NULL, returned_reason = $3 WHERE article_id = $1 AND number = $2`, [
    articleId,
    number,
    reason,
  ]);
}

export interface Approval {
  by: string;
  at: Date;
  contentHash: string;
  signature: string;
  keyId: string;
}

export async function markApproved(tx: Queryable, articleId: string, number: number, a: Approval): Promise<void> {
  await tx.query(
    `UPDATE portal_revision SET approved_by = $3, approved_at = $4, content_hash = $5, signature = $6, key_id = $7 WHERE article_id = $1 AND number = $2`,
    [articleId, number, a.by, a.at, a.contentHash, a.signature, a.keyId],
  );
}

export async function setPublished(tx: Queryable, articleId: string, number: number, publishAt: Date): Promise<void> {
  await tx.query(
    `UPDATE portal_article SET state = 'published', published_revision = $2, publish_at = $3, withdrawn_reason = NULL, updated_at = $3 WHERE id = $1`,
    [articleId, number, publishAt],
  );
}

export async function setWithdrawn(tx: Queryable, articleId: string, reason: string, at: Date): Promise<void> {
  await tx.query(`UPDATE portal_article SET state = 'withdrawn', withdrawn_reason = $2, updated_at = $3 WHERE id = $1`, [articleId, reason, at]);
}

export async function insertMedia(tx: Queryable, district: string, sha256: string, mime: string, bytes: Buffer, by: string): Promise<void> {
  await tx.query(
    `INSERT INTO portal_media (district_code, sha256, mime, bytes, uploaded_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (district_code, sha256) DO NOTHING`,
    [district, sha256, mime, bytes, by],
  );
}

export interface DomainRow {
  domain: string;
  note: string;
  added_by: string;
  added_at: Date;
}

export async function linkDomains(tx: Queryable): Promise<DomainRow[]> {
  return (await tx.query<DomainRow>(`SELECT domain, note, added_by, added_at FROM portal_link_domain ORDER BY domain`)).rows;
}

export async function insertLinkDomain(tx: Queryable, district: string, domain: string, note: string, by: string): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO portal_link_domain (district_code, domain, note, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT (district_code, domain) DO NOTHING`,
    [district, domain, note, by],
  );
  return r.rowCount > 0;
}

export async function deleteLinkDomain(tx: Queryable, domain: string): Promise<boolean> {
  return (await tx.query(`DELETE FROM portal_link_domain WHERE domain = $1`, [domain])).rowCount > 0;
}

export async function hasArticles(tx: Queryable, district: string): Promise<boolean> {
  return (await tx.query(`SELECT 1 FROM portal_article WHERE district_code = $1 LIMIT 1`, [district])).rows.length > 0;
}

/** The view count an article starts with (the demo's articles as they were published). */
export async function setViewCount(tx: Queryable, articleId: string, views: number): Promise<void> {
  await tx.query(`UPDATE portal_article SET view_count = $2 WHERE id = $1`, [articleId, views]);
}
