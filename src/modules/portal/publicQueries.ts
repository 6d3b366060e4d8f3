/** The SQL of the public portal's read path (run as the portal's reader: approved content only). */
import type { Script } from '../../core/portal/script.ts';
import type { Queryable } from '../../db/types.ts';

export interface PublishedRevisionRow {
  article_id: string;
  published_revision: number;
  publish_at: Date;
  view_count: string;
  number: number;
  title: string;
  body_html: string;
  script: Script;
  published_on: string;
  content_hash: string;
  signature: string;
}

/** The district the portal speaks for: the installation's first. */
export async function portalDistrict(tx: Queryable): Promise<{ code: string; name: string } | undefined> {
  return (await tx.query<{ code: string; name: string }>(`SELECT district_code AS code, name FROM district ORDER BY district_code LIMIT 1`)).rows[0];
}

/** Every approved revision up to the published one, of every published article, newest revision first. */
export async function publishedRevisions(tx: Queryable): Promise<PublishedRevisionRow[]> {
  return (
    await tx.query<PublishedRevisionRow>(
      `SELECT a.id AS article_id, a.published_revision, a.publish_at, a.view_count::text AS view_count, r.number, r.title, r.body_html, r.script,
              r.published_on::text AS published_on, r.content_hash, r.signature
         FROM portal_article a
         JOIN portal_revision r ON r.district_code = a.district_code AND r.article_id = a.id
        WHERE a.state = 'published' AND r.approved_at IS NOT NULL AND r.number <= a.published_revision
        ORDER BY a.id, r.number DESC`,
    )
  ).rows;
}

export async function approvedDomains(tx: Queryable): Promise<string[]> {
  return (await tx.query<{ domain: string }>(`SELECT domain FROM portal_link_domain ORDER BY domain`)).rows.map((r) => r.domain);
}

export async function mediaBytes(tx: Queryable, sha256: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
  return (await tx.query<{ mime: string; bytes: Buffer }>(`SELECT mime, bytes FROM portal_media WHERE sha256 = $1`, [sha256])).rows[0];
}

/** Adds counted views to published articles, in one statement for a batch. */
export async function addViews(tx: Queryable, ids: readonly string[], counts: readonly number[]): Promise<void> {
  await tx.query(
    `UPDATE portal_article a SET view_count = a.view_count + d.n
       FROM unnest($1::uuid[], $2::int[]) AS d(id, n)
      WHERE a.id = d.id AND a.state = 'published'`,
    [ids, counts],
  );
}

export interface PublicNoticeRow {
  stage: 'village' | 'township';
  township: string;
  village: string;
  masked_name: string;
  programme: string;
  notice_from: string;
  notice_until: string;
}

/** The beneficiaries' notices running on `date`, masked (migration 0027's function). */
export async function runningNotices(tx: Queryable, date: string): Promise<PublicNoticeRow[]> {
  return (
    await tx.query<PublicNoticeRow>(
      `SELECT stage, township, village, masked_name, programme, notice_from::text AS notice_from, notice_until::text AS notice_until FROM xingfu_portal_notices($1)`,
      [date],
    )
  ).rows;
}
