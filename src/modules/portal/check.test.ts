import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifestText, pageHash, type Manifest, type SignedManifest } from '../../core/portal/manifest.ts';
import { checkPortal } from './check.ts';
import type { Fetch } from './checkFetch.ts';
import { manifestFromOrigin } from './checkManifest.ts';
import { portalSigner } from './signing.ts';

const js = Buffer.from('console.log("portal")');
const asset = { url: '/portal/assets/portal.1a2b.js', integrity: `sha384-${createHash('sha384').update(js).digest('base64')}` };
const page = (title: string, nonce = 'abcdefghijklmnop') =>
  `<!doctype html><html><head><title>${title}</title><script src="${asset.url}" nonce="${nonce}"></script></head><body><h1>${title}</h1><p>阅读：<span data-views="">7</span></p><a href="/portal/news/1">新闻</a></body></html>`;
const origin: Record<string, string> = { '/portal/': page('首页'), '/portal/news/1': page('武清区创建幸福家庭活动') };

const signer = portalSigner(randomBytes(32));
function signed(pages = Object.keys(origin)): SignedManifest {
  const m: Manifest = {
    version: 1,
    district: '120114',
    generatedAt: '2011-11-30T08:00:00.000Z',
    keyId: signer.keyId,
    publicKey: signer.publicKey,
    pages: pages.map((url) => ({ url, sha256: pageHash(origin[url] ?? '') })),
    assets: [asset],
    linkHosts: ['www.tjwq.gov.cn'],
  };
  return { ...m, signature: signer.sign(manifestText(m)) };
}

type Tamper = (path: string, body: string, headers: Headers) => string | Response;

/** The public site: the origin's pages (a new nonce and view count each time) through `tamper`. */
function site(tamper: Tamper = (_p, body) => body, sitemapPaths = Object.keys(origin)): Fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    if (url.pathname === '/sitemap.xml')
      return new Response(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${sitemapPaths.map((p) => `<url><loc>${url.origin}${p}</loc></url>`).join('')}</urlset>`,
      );
    if (url.pathname === '/portal/manifest.json') return new Response(JSON.stringify(signed()));
    if (url.pathname === asset.url) return new Response(js);
    const body = origin[`${url.pathname}${url.search}`];
    if (body === undefined) return new Response('not found', { status: 404 });
    const served = tamper(url.pathname, body.replace('abcdefghijklmnop', randomBytes(12).toString('base64')).replace('>7<', '>8<'), headers);
    return typeof served === 'string' ? new Response(served, { headers: { 'content-type': 'text/html' } }) : served;
  };
}

const crawler = (headers: Headers) => /spider|bot/i.test(headers.get('user-agent') ?? '');
const keywordLine: Tamper = (_p, body) => body.replace('<body>', '<body><p>成人电影 无码女优 亚洲色图 自拍偷拍</p>');
const onlyForCrawlers =
  (t: Tamper): Tamper =>
  (p, body, headers) =>
    crawler(headers) ? t(p, body, headers) : body;
const run = (fetchImpl: Fetch, manifest = signed()) => checkPortal({ publicUrl: 'https://portal.example.gov.cn/', manifest, fetchImpl });
const kinds = (r: { findings: { kind: string }[] }) => [...new Set(r.findings.map((f) => f.kind))].sort();

describe('checkPortal', () => {
  it('finds nothing when the public site serves the approved pages (nonce and view count aside)', async () => {
    expect(await run(site())).toEqual({ checked: 2, findings: [] });
  });

  it('reports a keyword line served to everyone: content differs, spam words, with the text added', async () => {
    const r = await run(site(keywordLine));
    expect(kinds(r)).toEqual(['content-differs', 'spam-words']);
    const differs = r.findings.find((f) => f.kind === 'content-differs');
    expect(differs?.userAgent).toBe('Chrome, Baiduspider, Googlebot, Sogou web spider, 360Spider, Bytespider, Chrome from Baidu search');
  });

  it('reports a page served differently to crawlers as cloaking, naming them', async () => {
    const r = await run(site(onlyForCrawlers(keywordLine)));
    expect(kinds(r)).toEqual(['cloaking', 'content-differs', 'spam-words']);
    const cloaking = r.findings.filter((f) => f.kind === 'cloaking');
    expect(cloaking).toHaveLength(2);
    expect(cloaking[0]).toMatchObject({ url: '/portal/', userAgent: 'Baiduspider, Googlebot, Sogou web spider, 360Spider, Bytespider' });
    expect(cloaking[0]?.detail).toContain('成人电影');
  });

  it('reports a page served differently to visitors from a search engine', async () => {
    const r = await run(
      site((_p, body, h) =>
        (h.get('referer') ?? '').includes('baidu.com') ? body.replace('</body>', '<script>location="http://casino.example.com"</script></body>') : body,
      ),
    );
    expect(kinds(r)).toEqual(['cloaking', 'content-differs', 'foreign-script']);
    expect(r.findings.find((f) => f.kind === 'cloaking')?.userAgent).toBe('Chrome from Baidu search');
  });

  it('says how a page differs when the origin’s page is at hand', async () => {
    const r = await checkPortal({
      publicUrl: 'https://portal.example.gov.cn/',
      manifest: signed(),
      fetchImpl: site(keywordLine),
      originPage: async (url) => origin[url] ?? null,
    });
    expect(r.findings.find((f) => f.kind === 'content-differs')?.detail).toBe('added (1): 「成人电影 无码女优 亚洲色图 自拍偷拍」');
  });

  it('reports a redirect without following it, and a page that does not answer in time', async () => {
    const redirecting = site((p, body) => (p === '/portal/' ? new Response(null, { status: 302, headers: { location: 'http://casino.example.com/' } }) : body));
    const r = await run(redirecting);
    expect(r.findings).toEqual([
      { url: '/portal/', kind: 'redirect', detail: 'HTTP 302 to http://casino.example.com/', userAgent: expect.stringContaining('Chrome, Baiduspider') },
    ]);
    const slow: Fetch = async (input, init) =>
      String(input).endsWith('/portal/news/1')
        ? new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))
        : site()(input, init);
    const late = await checkPortal({ publicUrl: 'https://portal.example.gov.cn/', manifest: signed(), fetchImpl: slow, timeoutMs: 50 });
    expect(late.findings).toEqual([{ url: '/portal/news/1', kind: 'unreachable', detail: 'no answer within 0.05 s', userAgent: expect.any(String) }]);
  });

  it('compares the sitemap with the manifest, and reads the extra pages too', async () => {
    const approved = signed();
    origin['/portal/casino'] = page('澳门葡京 百家乐 在线赌场');
    try {
      const r = await run(site(undefined, ['/portal/news/1', '/portal/casino']), approved);
      expect(r.checked).toBe(3);
      expect(r.findings.filter((f) => f.kind === 'sitemap').map((f) => f.url)).toEqual(['/portal/', '/portal/casino']);
      expect(kinds(r)).toEqual(['sitemap', 'spam-words']);
    } finally {
      delete origin['/portal/casino'];
    }
  });

  it('reports a built asset that changed', async () => {
    const fetchImpl: Fetch = async (input, init) => (String(input).endsWith(asset.url) ? new Response('alert(1)') : site()(input, init));
    expect((await run(fetchImpl)).findings).toEqual([
      { url: asset.url, kind: 'asset-differs', detail: expect.stringContaining('integrity'), userAgent: 'Chrome' },
    ]);
  });
});

describe('manifestFromOrigin', () => {
  it('takes the manifest whose signature verifies with the key given', async () => {
    expect(await manifestFromOrigin('https://origin.example.gov.cn', signer.publicKey, site())).toEqual({ manifest: signed() });
  });

  it('refuses a manifest signed with another key or changed after signing', async () => {
    const other = portalSigner(randomBytes(32)).publicKey;
    expect(await manifestFromOrigin('https://origin.example.gov.cn', other, site())).toEqual({
      finding: expect.objectContaining({ kind: 'manifest-signature', url: 'https://origin.example.gov.cn/portal/manifest.json' }),
    });
    const changed: Fetch = async () => new Response(JSON.stringify({ ...signed(), linkHosts: ['spam.example.com'] }));
    expect(await manifestFromOrigin('https://origin.example.gov.cn', signer.publicKey, changed)).toMatchObject({ finding: { kind: 'manifest-signature' } });
    expect(await manifestFromOrigin('https://origin.example.gov.cn', signer.publicKey, async () => new Response('<html>'))).toMatchObject({
      finding: { kind: 'manifest-signature' },
    });
  });
});
