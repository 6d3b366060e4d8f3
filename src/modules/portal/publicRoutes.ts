/**
 * The public portal's routes: HTML pages, images, built assets, sitemap, robots.txt and the
 * signed manifest. Public (no session), outside the API document. Pages carry a strict
 * Content-Security-Policy with a fresh nonce, and never vary by user agent, referer or address.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NONCE_PLACEHOLDER, VIEWS_PLACEHOLDER } from '../../core/portal/manifest.ts';
import type { Script } from '../../core/portal/script.ts';
import { recordFindings } from './integrity.ts';
import { mediaBytes } from './publicQueries.ts';
import { listPublicPages } from './publicPages.ts';
import { SELF_CHECK_PATH, selfCheckAnswer } from './publicPolicies.ts';
import type { PortalSite } from './site.ts';
import { portalReader } from './snapshot.ts';

const PUBLIC = { access: 'public' as const };
const HIDDEN = { hide: true };

export function pageHeaders(reply: FastifyReply, nonce: string): void {
  reply.header(
    'content-security-policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'`,
  );
  reply.header('cache-control', 'no-cache');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
}

const scriptOf = (req: FastifyRequest): Script => ((req.query as Record<string, unknown>).script === 'hant' ? 'hant' : 'hans');

/** Sends a page: a new nonce, the view count filled in, the headers. */
export async function sendPage(site: PortalSite, req: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> {
  const url = new URL(req.url, 'http://portal.invalid');
  // Only the parameters a page reads (the news list's page) make a different page: any other
  // (?utm_source=…) is ignored, so it neither changes the bytes nor adds a kept page.
  const query = new URLSearchParams();
  const pageNumber = url.searchParams.get('page');
  if (pageNumber !== null) query.set('page', pageNumber);
  const script = scriptOf(req);
  const page = await site.page(path, script, query);
  const nonce = randomBytes(16).toString('base64');
  let html = page.html.replaceAll(NONCE_PLACEHOLDER, nonce);
  if (page.articleId !== undefined) {
    site.views.count(page.articleId, req.ip, req.headers['user-agent']);
    const article = (await site.current()).byId.get(page.articleId);
    html = html.replace(VIEWS_PLACEHOLDER, String((article?.views ?? 0) + site.views.extra(page.articleId)));
  }
  pageHeaders(reply, nonce);
  return reply.status(page.status).type('text/html; charset=utf-8').send(html);
}

function sitemapXml(base: string, urls: readonly string[]): string {
  const entries = urls.map((u) => `<url><loc>${base}${u.replaceAll('&', '&amp;')}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</urlset>\n`;
}

/** The origin the request was addressed to (behind a proxy, as it forwarded it when trusted). */
const originOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

export function publicRoutes(app: FastifyInstance, site: PortalSite): void {
  app.addHook('onReady', () => site.start());
  app.addHook('onClose', () => site.close());

  app.get('/portal', { config: PUBLIC, schema: HIDDEN }, (_req, reply) => reply.redirect('/portal/', 301));
  app.get('/portal/*', { config: PUBLIC, schema: HIDDEN }, (req, reply) => sendPage(site, req, reply, new URL(req.url, 'http://portal.invalid').pathname));

  // The self-check's form, posted: answered for this request only (no-store), never kept or logged.
  // Form bodies are read here only, so the API keeps accepting JSON alone.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => {
      done(null, new URLSearchParams(String(body)));
    });
    scope.post(SELF_CHECK_PATH, { config: PUBLIC, schema: HIDDEN }, async (req, reply) => {
      const form = req.body instanceof URLSearchParams ? req.body : new URLSearchParams();
      const page = await selfCheckAnswer(site, form, scriptOf(req));
      const nonce = randomBytes(16).toString('base64');
      pageHeaders(reply, nonce);
      reply.header('cache-control', 'no-store');
      return reply.status(page.status).type('text/html; charset=utf-8').send(page.html.replaceAll(NONCE_PLACEHOLDER, nonce));
    });
  });

  for (const asset of [site.css, site.js]) {
    app.get(asset.url, { config: PUBLIC, schema: HIDDEN }, (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('cross-origin-resource-policy', 'same-origin')
        .type(asset.type)
        .send(asset.body),
    );
  }

  app.get<{ Params: { sha256: string } }>('/portal/media/:sha256', { config: PUBLIC, schema: HIDDEN }, async (req, reply) => {
    const sha256 = req.params.sha256;
    const missing = () => sendPage(site, req, reply, '/portal/media/missing');
    if (!/^[0-9a-f]{64}$/.test(sha256)) return missing();
    const media = await site.asReader((tx) => mediaBytes(tx, sha256));
    if (media === undefined) return missing();
    // The address is the image's hash: bytes changed in the database are refused, and reported.
    if (createHash('sha256').update(media.bytes).digest('hex') !== sha256) {
      const { code } = await site.districtInfo();
      await recordFindings(site.db, portalReader(code), 'serve', null, [
        { url: req.url, kind: 'media-mismatch', detail: '图片的内容与其地址中的哈希不符（数据库中的图片被改动过），已拒绝提供。', userAgent: null },
      ]);
      return missing();
    }
    return reply.header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').type(media.mime).send(media.bytes);
  });

  const sitemap = async (req: FastifyRequest, reply: FastifyReply) =>
    reply.type('application/xml; charset=utf-8').send(sitemapXml(originOf(req), await site.addresses(listPublicPages)));
  app.get('/portal/sitemap.xml', { config: PUBLIC, schema: HIDDEN }, sitemap);
  app.get('/sitemap.xml', { config: PUBLIC, schema: HIDDEN }, sitemap);
  app.get('/robots.txt', { config: PUBLIC, schema: HIDDEN }, (req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nAllow: /portal/\nDisallow: /api/\nDisallow: /\n\nSitemap: ${originOf(req)}/portal/sitemap.xml\n`),
  );
  app.get('/portal/manifest.json', { config: PUBLIC, schema: HIDDEN }, async (_req, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(await site.manifest(listPublicPages))),
  );
}
