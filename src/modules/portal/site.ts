/**
 * The public portal as the server renders it: pages built from the verified snapshot, kept in
 * memory with placeholders for the CSP nonce and the view count, and dropped when what they show
 * changes (the trigger of migration 0027 notifies channel portal_content; a scheduled publication
 * drops them when its time comes). Rendering never reads the request beyond the path and the
 * script asked for: every reader, person or crawler, gets the same bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { businessNow } from '../../core/clock.ts';
import { frame, type Asset, type Frame, type Section, type SiteIdentity } from '../../core/portal/layout.ts';
import { manifestText, pageHash, type ManifestPage, type SignedManifest } from '../../core/portal/manifest.ts';
import { convertScript, type Script } from '../../core/portal/script.ts';
import type { Database } from '../../db/types.ts';
import { withScope } from '../../db/scope.ts';
import { recordFindings } from './integrity.ts';
import { portalDistrict } from './publicQueries.ts';
import { portalReader, readSnapshot, type Snapshot } from './snapshot.ts';
import { currentSigner } from './signing.ts';
import { ViewCounter } from './views.ts';

export interface BuiltAsset extends Asset {
  body: Buffer;
  type: string;
}

function loadAsset(file: string, type: string): BuiltAsset {
  const body = fs.readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const [name, ext] = file.split('.') as [string, string];
  const short = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { url: `/portal/assets/${name}.${short}.${ext}`, integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`, body, type };
}

/** A page's content and how to frame it; `main` in Simplified Chinese, as the templates write it. */
export interface PageContent {
  status: number;
  section: Section;
  title: string;
  description: string;
  main: string;
  article?: Frame['article'];
  /** The article whose views the page counts and shows. */
  articleId?: string;
  /** A page that shows more than the articles (the programmes' parameters, running notices) is kept this long at most. */
  keepMs?: number;
}

export type PageRenderer = (site: PortalSite, snapshot: Snapshot, path: string, query: URLSearchParams) => Promise<PageContent | null>;

export interface RenderedPage {
  status: number;
  /** The page with the nonce and view-count placeholders. */
  html: string;
  articleId?: string;
  /** Until when it may be served from memory (ms since the epoch, real clock); null: until a change. */
  keepUntil: number | null;
}

export class PortalSite {
  readonly css = loadAsset('portal.css', 'text/css; charset=utf-8');
  readonly js = loadAsset('portal.js', 'text/javascript; charset=utf-8');
  readonly views: ViewCounter;
  private district: { code: string; name: string } | null = null;
  private snapshot: Promise<Snapshot> | null = null;
  private pages = new Map<string, Promise<RenderedPage>>();
  private listening = false;
  private stopListening: (() => Promise<void>) | null = null;
  private readonly renderers: { pattern: RegExp; render: PageRenderer }[] = [];

  constructor(
    readonly db: Database,
    readonly config: Config,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
  ) {
    this.views = new ViewCounter(
      db,
      () => this.district?.code ?? null,
      (err) => log.warn({ err }, 'portal view counts not written; kept for the next try'),
    );
  }

  /** Adds the pages whose path matches `pattern` (tried in the order added). */
  addPages(pattern: RegExp, render: PageRenderer): this {
    this.renderers.push({ pattern, render });
    return this;
  }

  /** Listens for changes (without it nothing is kept: every page is rendered for each request) and counts views. */
  async start(): Promise<void> {
    try {
      this.stopListening = await this.db.listen(
        'portal_content',
        () => this.invalidate(),
        () => {
          this.listening = false;
          this.invalidate();
        },
      );
      this.listening = true;
    } catch (err) {
      this.log.warn({ err }, 'portal pages are not kept in memory: no change notifications');
    }
    this.views.start();
  }

  async close(): Promise<void> {
    this.listening = false;
    await this.stopListening?.();
    await this.views.stop();
  }

  invalidate(): void {
    this.snapshot = null;
    this.pages.clear();
  }

  async districtInfo(): Promise<{ code: string; name: string }> {
    if (this.district !== null) return this.district;
    const found = await this.db.transaction((tx) => portalDistrict(tx));
    if (found === undefined) throw new Error('no district: the portal has nothing to show');
    this.district = found;
    return found;
  }

  identity(districtName: string): SiteIdentity {
    const p = this.config.portal;
    return {
      name: `${districtName}创建幸福家庭活动`,
      sponsor: p.sponsor === '' ? `${districtName}创建幸福家庭活动领导小组办公室` : p.sponsor,
      siteCode: p.siteCode,
      icp: p.icp,
      psb: p.psb,
    };
  }

  /** The verified snapshot; read again after a change or when a scheduled publication falls due. */
  async current(): Promise<Snapshot> {
    const kept = this.snapshot;
    if (kept !== null) {
      const s = await kept;
      if (s.nextChange === null || s.nextChange > businessNow()) return s;
      this.invalidate();
    }
    const { code } = await this.districtInfo();
    const reading = readSnapshot(this.db, code, this.config.portal.ownHosts).then(async (s) => {
      this.views.countsRead();
      if (s.findings.length > 0) {
        for (const f of s.findings) this.log.error({ url: f.url, kind: f.kind }, `portal: ${f.detail}`);
        await recordFindings(this.db, portalReader(code), 'serve', null, s.findings);
      }
      return s;
    });
    if (this.listening) {
      this.snapshot = reading;
      reading.catch(() => {
        if (this.snapshot === reading) this.snapshot = null;
      });
    }
    return reading;
  }

  /** A public page (the "not found" page when none has this path), kept while nothing it shows changes. */
  async page(path: string, script: Script, query: URLSearchParams): Promise<RenderedPage> {
    const renderer = this.renderers.find((r) => r.pattern.test(path));
    if (renderer === undefined) return this.render(async () => null, path, script, query);
    const key = `${path}?${query.toString()}#${script}`;
    const kept = this.pages.get(key);
    if (kept !== undefined) {
      const page = await kept;
      if (page.keepUntil === null || page.keepUntil > Date.now()) return page; // real clock: how long a page is kept
      this.pages.delete(key);
    }
    const rendering = this.render(renderer.render, path, script, query);
    if (this.listening) {
      this.pages.set(key, rendering);
      rendering.catch(() => this.pages.delete(key));
    }
    return rendering;
  }

  private async render(render: PageRenderer, path: string, script: Script, query: URLSearchParams): Promise<RenderedPage> {
    const snapshot = await this.current();
    const { name } = await this.districtInfo();
    const content = await render(this, snapshot, path, query);
    const c = content ?? (await this.notFound(snapshot, path, query));
    const html = frame({
      site: this.identity(name),
      assets: { css: this.css, js: this.js },
      path,
      script,
      section: c.section,
      title: c.title,
      description: c.description,
      main: c.main,
      ...(c.article ? { article: c.article } : {}),
    });
    return {
      status: c.status,
      html: convertScript(html, 'hans', script === 'hant' ? 'hant' : 'hans'),
      keepUntil: c.keepMs === undefined ? null : Date.now() + c.keepMs, // real clock: how long a page is kept
      ...(c.articleId ? { articleId: c.articleId } : {}),
    };
  }

  private notFoundRenderer: PageRenderer | null = null;
  setNotFound(render: PageRenderer): this {
    this.notFoundRenderer = render;
    return this;
  }
  private async notFound(snapshot: Snapshot, path: string, query: URLSearchParams): Promise<PageContent> {
    const c = this.notFoundRenderer === null ? null : await this.notFoundRenderer(this, snapshot, path, query);
    return c ?? { status: 404, section: 'none', title: '页面不存在', description: '页面不存在', main: '<h1>页面不存在</h1>' };
  }

  /** Every public page's address, both scripts, as the sitemap lists them. */
  async addresses(listPages: (snapshot: Snapshot) => Promise<string[]>): Promise<string[]> {
    const paths = await listPages(await this.current());
    return paths.flatMap((p) => [p, `${p}${p.includes('?') ? '&' : '?'}script=hant`]);
  }

  /** The signed manifest: each page as this server renders it, and the built assets. */
  async manifest(listPages: (snapshot: Snapshot) => Promise<string[]>): Promise<SignedManifest> {
    const snapshot = await this.current();
    const { code } = await this.districtInfo();
    const pages: ManifestPage[] = [];
    for (const url of await this.addresses(listPages)) {
      const [path, search = ''] = url.split('?') as [string, string?];
      const query = new URLSearchParams(search);
      const script: Script = query.get('script') === 'hant' ? 'hant' : 'hans';
      query.delete('script');
      pages.push({ url, sha256: pageHash((await this.page(path, script, query)).html) });
    }
    const signer = currentSigner();
    const manifest = {
      version: 1 as const,
      district: code,
      generatedAt: new Date().toISOString(), // real clock: when this manifest was made
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      pages,
      assets: [this.css, this.js].map((a) => ({ url: a.url, integrity: a.integrity })),
      linkHosts: [...snapshot.policy.ownHosts, ...snapshot.policy.approvedDomains],
    };
    return { ...manifest, signature: signer.sign(manifestText(manifest)) };
  }

  /** Runs `fn` as the portal's reader (for pages that read more than the snapshot). */
  async asReader<T>(fn: Parameters<typeof withScope<T>>[2]): Promise<T> {
    const { code } = await this.districtInfo();
    return withScope(this.db, portalReader(code), fn);
  }
}
