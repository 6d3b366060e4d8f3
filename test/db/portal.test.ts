import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePage } from '../../src/core/portal/manifest.ts';
import { makeClient, type User } from '../factories.ts';
import { startTestApp, type Client, type TestApp } from '../helpers.ts';

/** Browsers and the crawlers a hacked site shows other pages to. */
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
  'Mozilla/5.0 (compatible; 360Spider; +http://webscan.360.cn)',
  'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
];
const CHROME = USER_AGENTS[0] as string;

let t: TestApp;
let author: { user: User; client: Client };
let approver: { user: User; client: Client };

beforeAll(async () => {
  t = await startTestApp();
  author = await makeClient(t.app, t.db, { role: 'office' });
  approver = await makeClient(t.app, t.db, { role: 'office' });
});
afterAll(() => t.close());

const visit = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { 'user-agent': CHROME, ...headers }, remoteAddress: '203.0.113.7' });

const body = (title: string, extra = '') => ({
  title,
  bodyHtml: `<h2>小标题</h2><p>正文第一段。</p><ul><li>一</li></ul>${extra}`,
  script: 'hans',
  publishedOn: '2011-11-29',
});

/** Writes, submits and (by the other office user) approves an article; its id. */
async function publish(title: string): Promise<string> {
  const created = await author.client.post('/api/portal/articles', body(title));
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id as string;
  expect((await author.client.post(`/api/portal/articles/${id}/submit`, { revision: 1 })).statusCode).toBe(200);
  const approved = await approver.client.post(`/api/portal/articles/${id}/approve`, { revision: 1 });
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

describe('the demo portal', () => {
  it("serves the district's report in Traditional as published, and in Simplified on request", async () => {
    const list = await visit('/portal/news');
    expect(list.statusCode).toBe(200);
    const link = /href="(\/portal\/news\/[0-9a-f-]{36})">【天津武清】统筹协调/.exec(list.body);
    expect(link, 'the report is listed, its title in Simplified').not.toBeNull();
    const url = (link as RegExpExecArray)[1] as string;
    const hant = await visit(`${url}?script=hant`);
    expect(hant.body).toContain('統籌協調 多措并舉 扎實推進創建幸福家庭活動');
    expect(hant.body).toContain('<html lang="zh-Hant">');
    const hans = await visit(url);
    expect(hans.body).toContain('统筹协调');
    expect(hans.body).toContain('2011年11月30日');
    expect(hans.body).toMatch(/阅读 <span data-views="">3\d{3}<\/span> 次/);
  });

  it('gives every reader, person or crawler, with or without a search-engine referer, the same bytes', async () => {
    const sitemap = await visit('/portal/sitemap.xml');
    const urls = [...sitemap.body.matchAll(/<loc>https?:\/\/[^/]+([^<]+)<\/loc>/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'));
    expect(urls.length).toBeGreaterThan(6);
    for (const url of urls) {
      const pages = new Set<string>();
      for (const ua of USER_AGENTS) {
        for (const referer of [undefined, 'https://www.baidu.com/s?wd=%E6%B8%85%E6%B2%B3']) {
          const res = await visit(url, { 'user-agent': ua, ...(referer ? { referer } : {}) });
          expect(res.statusCode, url).toBe(200);
          pages.add(normalizePage(res.body).replace(/<span data-views="">\d+<\/span>/, ''));
        }
      }
      expect(pages.size, url).toBe(1);
    }
  });

  it('sends a strict Content-Security-Policy with a fresh nonce, and SRI hashes that match the assets', async () => {
    const a = await visit('/portal/');
    const b = await visit('/portal/');
    const csp = String(a.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(a.body).toContain(`nonce="${nonce}"`);
    expect(String(b.headers['content-security-policy'])).not.toContain(nonce);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    for (const m of a.body.matchAll(/(?:href|src)="(\/portal\/assets\/[^"]+)" integrity="sha384-([^"]+)"/g)) {
      const asset = await visit(m[1] as string);
      expect(createHash('sha384').update(asset.rawPayload).digest('base64')).toBe(m[2]);
    }
  });
});

describe('writing and approving an article', () => {
  it('refuses a body with scripts, hiding attributes or links to unapproved sites, saying why', async () => {
    const res = await author.client.post(
      '/api/portal/articles',
      body('含不允许内容的稿件', '<script>alert(1)</script><p style="display:none">隐藏</p><p><a href="http://spam.example.com/x">链接</a></p>'),
    );
    expect(res.statusCode).toBe(422);
    const problems = res.json().error.details.problems as { kind: string; found: string; zh: string }[];
    expect(problems.map((p) => p.kind).sort()).toEqual(['attribute', 'element', 'link']);
    expect(problems.find((p) => p.kind === 'link')?.zh).toContain('spam.example.com');
    const list = await author.client.get('/api/portal/articles');
    expect(list.json().items.some((a: { title: string }) => a.title === '含不允许内容的稿件')).toBe(false);
  });

  it('accepts a link to an outside domain once an approver has put it on the list', async () => {
    const link = '<p><a href="https://www.nhc.gov.cn/wjw/index.shtml">国家卫生健康委员会</a></p>';
    expect((await author.client.post('/api/portal/articles', body('外部链接', link))).statusCode).toBe(422);
    expect((await author.client.post('/api/portal/domains', { domain: 'nhc.gov.cn', note: '国家卫生健康委员会' })).statusCode).toBe(200);
    expect((await author.client.post('/api/portal/articles', body('外部链接', link))).statusCode).toBe(200);
  });

  it('publishes only what a second person approved', async () => {
    const created = await author.client.post('/api/portal/articles', body('第二人审核的文章'));
    const id = created.json().id as string;
    expect((await visit(`/portal/news/${id}`)).statusCode).toBe(404);
    expect((await author.client.post(`/api/portal/articles/${id}/submit`, { revision: 1 })).statusCode).toBe(200);
    const own = await author.client.post(`/api/portal/articles/${id}/approve`, { revision: 1 });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('same_person_approval');
    expect((await visit(`/portal/news/${id}`)).statusCode).toBe(404);
    const approved = await approver.client.post(`/api/portal/articles/${id}/approve`, { revision: 1 });
    expect(approved.json()).toMatchObject({ state: 'published', publishedRevision: 1, latest: { state: 'approved', approvedBy: approver.user.username } });
    const page = await visit(`/portal/news/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('第二人审核的文章');
  });

  it('keeps a scheduled article off the portal until its time', async () => {
    const created = await author.client.post('/api/portal/articles', body('定时发布的文章'));
    const id = created.json().id as string;
    await author.client.post(`/api/portal/articles/${id}/submit`, { revision: 1 });
    const res = await approver.client.post(`/api/portal/articles/${id}/approve`, { revision: 1, publishAt: '2011-12-05T09:00:00+08:00' });
    expect(res.json()).toMatchObject({ state: 'published', publishAt: '2011-12-05T01:00:00.000Z' });
    expect((await visit(`/portal/news/${id}`)).statusCode).toBe(404);
    expect((await visit('/portal/news')).body).not.toContain('定时发布的文章');
  });

  it('withdraws a published article', async () => {
    const id = await publish('将撤回的文章');
    expect((await approver.client.post(`/api/portal/articles/${id}/withdraw`, { reason: '内容已过时' })).statusCode).toBe(200);
    expect((await visit(`/portal/news/${id}`)).statusCode).toBe(404);
  });

  it('keeps every revision, and restores an earlier one as a new draft', async () => {
    const id = await publish('修订的文章');
    const revised = await author.client.post(`/api/portal/articles/${id}/revisions`, { ...body('修订的文章（第二版）'), basedOn: 1 });
    expect(revised.json().latest).toMatchObject({ number: 2, state: 'draft' });
    const stale = await author.client.post(`/api/portal/articles/${id}/revisions`, { ...body('过时的修改'), basedOn: 1 });
    expect(stale.statusCode).toBe(409);
    const restored = await author.client.post(`/api/portal/articles/${id}/restore`, { revision: 1 });
    expect(restored.json().revisions.map((r: { number: number; state: string }) => [r.number, r.state])).toEqual([
      [3, 'draft'],
      [2, 'draft'],
      [1, 'approved'],
    ]);
    expect(restored.json().current.title).toBe('修订的文章');
    // The public still reads the approved revision 1.
    expect((await visit(`/portal/news/${id}`)).body).toContain('修订的文章');
  });
});

describe('a change made in the database, bypassing the app', () => {
  it('is not served: the last approved revision is, and the office is told', async () => {
    const id = await publish('被篡改的文章');
    await author.client.post(`/api/portal/articles/${id}/revisions`, { ...body('被篡改的文章（修订）'), basedOn: 1 });
    await author.client.post(`/api/portal/articles/${id}/submit`, { revision: 2 });
    await approver.client.post(`/api/portal/articles/${id}/approve`, { revision: 2 });
    expect((await visit(`/portal/news/${id}`)).body).toContain('被篡改的文章（修订）');

    const spam = '<p><a href="http://spam-county.example.com/">主站蜘蛛池模板</a></p>';
    await t.db.query(`UPDATE portal_revision SET body_html = body_html || $2 WHERE article_id = $1 AND number = 2`, [id, spam]);
    // The server learns of the change by a notification: on the PostgreSQL server it may take a moment to arrive.
    await expect.poll(async () => (await visit(`/portal/news/${id}`)).body).not.toContain('（修订）');
    const page = await visit(`/portal/news/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('蜘蛛池');

    const integrity = await approver.client.get('/api/portal/integrity');
    const finding = integrity.json().recent.find((f: { url: string }) => f.url === `/portal/news/${id}`);
    expect(finding).toMatchObject({ source: 'serve', kind: 'signature-mismatch' });
    expect(finding.detail).toContain('第 2 版');
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.integrity_finding'`);
    expect((audit.rows[0] as { n: number }).n).toBeGreaterThan(0);

    // Every revision changed: the article is taken off the portal.
    await t.db.query(`UPDATE portal_revision SET title = title || '！' WHERE article_id = $1`, [id]);
    await expect.poll(async () => (await visit(`/portal/news/${id}`)).statusCode).toBe(404);
  });

  it('refuses an image whose bytes no longer match its address', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082',
      'hex',
    );
    const sha = createHash('sha256').update(png).digest('hex');
    await t.db.query(
      `INSERT INTO portal_media (district_code, sha256, mime, bytes, uploaded_by) SELECT district_code, $1, 'image/png', $2, 'test' FROM district LIMIT 1`,
      [sha, png],
    );
    expect((await visit(`/portal/media/${sha}`)).statusCode).toBe(200);
    await t.db.query(`UPDATE portal_media SET bytes = $2 WHERE sha256 = $1`, [sha, Buffer.concat([png, Buffer.from('x')])]);
    expect((await visit(`/portal/media/${sha}`)).statusCode).toBe(404);
  });
});

describe('view counts', () => {
  it('counts a reader once within the window, never a crawler, and writes them in a batch', async () => {
    const id = await publish('统计阅读次数的文章');
    const count = async () => Number((await t.db.query<{ n: string }>(`SELECT view_count::text AS n FROM portal_article WHERE id = $1`, [id])).rows[0]?.n);
    const before = await count();
    await visit(`/portal/news/${id}`);
    await visit(`/portal/news/${id}`);
    await visit(`/portal/news/${id}`, { 'user-agent': USER_AGENTS[1] as string });
    await t.app.inject({ method: 'GET', url: `/portal/news/${id}`, headers: { 'user-agent': CHROME }, remoteAddress: '198.51.100.9' });
    const shown = await visit(`/portal/news/${id}`);
    expect(shown.body).toMatch(new RegExp(`阅读 <span data-views="">${before + 2}</span> 次`));
    expect(await count(), 'nothing written per view').toBe(before);
    await expect.poll(count, { timeout: 10_000 }).toBe(before + 2);
  });
});
