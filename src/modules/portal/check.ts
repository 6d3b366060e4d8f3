/**
 * The portal's integrity check from outside: reads the public address the way a visitor and the
 * search engines' crawlers do (the sitemap, every page as each of them, and once more as a
 * browser arriving from a search) and compares what it is served with the signed manifest of the
 * approved pages. It reports pages that differ from the approved ones, pages served differently
 * to crawlers or to visitors from a search (cloaking), redirects, what inspectPage finds in the
 * pages served (outside links, hidden blocks, foreign scripts, spam words), built assets that
 * changed, and a sitemap that lists other pages than the manifest.
 */
import { createHash } from 'node:crypto';
import { describeDifference } from '../../core/portal/difference.ts';
import { inspectPage } from '../../core/portal/inspect.ts';
import { pageHash, type SignedManifest } from '../../core/portal/manifest.ts';
import { browser, defaultVisitors, get, pathOf, pooled, sitemapLocations, type Fetch, type Got, type Visitor } from './checkFetch.ts';

export interface CheckFinding {
  url: string;
  kind: string;
  detail: string;
  /** The visitors served what the finding is about ("Baiduspider, Googlebot"), null for the site as a whole. */
  userAgent: string | null;
}

export interface CheckResult {
  /** Pages read (each as every visitor). */
  checked: number;
  findings: CheckFinding[];
}

export interface CheckOptions {
  publicUrl: string;
  manifest: SignedManifest;
  userAgents?: readonly Visitor[];
  fetchImpl?: Fetch;
  /** The origin's own bytes of a page (path and query), to say how a served page differs; null when not at hand. */
  originPage?: (url: string) => Promise<string | null>;
  timeoutMs?: number;
  concurrency?: number;
  signal?: AbortSignal;
}

/** Pages the sitemap lists that the manifest does not are read too, up to this many. */
const MAX_EXTRA_PAGES = 50;
const MAX_SITEMAPS = 20;

interface Context {
  options: CheckOptions;
  fetchImpl: Fetch;
  timeoutMs: number;
  base: URL;
  findings: CheckFinding[];
}

const add = (ctx: Context, url: string, kind: string, detail: string, userAgent: string | null) => ctx.findings.push({ url, kind, detail, userAgent });

const fetchAs = (ctx: Context, url: string, visitor: Visitor): Promise<Got> => get(ctx.fetchImpl, url, visitor, ctx.timeoutMs, ctx.options.signal);

/** The paths the public sitemap lists (following a sitemap index one level), or null when it cannot be read. */
async function readSitemap(ctx: Context): Promise<string[] | null> {
  const pages: string[] = [];
  const queue = [new URL('/sitemap.xml', ctx.base).href];
  for (let n = 0; n < queue.length && n < MAX_SITEMAPS; n++) {
    const url = queue[n] as string;
    const got = await fetchAs(ctx, url, browser);
    if (!got.ok || got.status !== 200) {
      add(ctx, url, got.ok && got.status >= 300 && got.status < 400 ? 'redirect' : 'unreachable', answerText(got), null);
      if (n === 0) return null;
      continue;
    }
    const found = sitemapLocations(got.body.toString('utf8'));
    for (const loc of found.sitemaps) if (sameSite(ctx, loc)) queue.push(loc);
    for (const loc of found.pages) {
      if (!sameSite(ctx, loc)) add(ctx, url, 'sitemap', `the sitemap lists a page on another site: ${loc.slice(0, 300)}`, null);
      else pages.push(pathOf(new URL(loc, ctx.base)));
    }
  }
  return pages;
}

/** An address on the public site or one of the district's own hosts (a sitemap may name the canonical host). */
function sameSite(ctx: Context, loc: string): boolean {
  try {
    const url = new URL(loc, ctx.base);
    return url.host === ctx.base.host || ctx.options.manifest.linkHosts.includes(url.hostname);
  } catch {
    return false;
  }
}

function answerText(got: Got): string {
  if (!got.ok) return got.error;
  if (got.status >= 300 && got.status < 400) return `HTTP ${got.status} to ${got.location ?? '(no Location)'}`;
  return `HTTP ${got.status}`;
}

function compareSitemap(ctx: Context, listed: readonly string[]): string[] {
  const approved = new Set(ctx.options.manifest.pages.map((p) => p.url));
  const seen = new Set(listed);
  for (const page of ctx.options.manifest.pages)
    if (!seen.has(page.url)) add(ctx, page.url, 'sitemap', 'an approved page the public sitemap does not list', null);
  const extra = [...seen].filter((p) => !approved.has(p));
  for (const p of extra.slice(0, MAX_EXTRA_PAGES)) add(ctx, p, 'sitemap', 'the public sitemap lists a page that is not among the approved ones', null);
  if (extra.length > MAX_EXTRA_PAGES) add(ctx, '/sitemap.xml', 'sitemap', `${extra.length - MAX_EXTRA_PAGES} more pages not among the approved ones`, null);
  return extra.slice(0, MAX_EXTRA_PAGES);
}

interface Served {
  hash: string;
  body: string;
  visitors: Visitor[];
}

const names = (visitors: readonly Visitor[]): string => visitors.map((v) => v.name).join(', ');

/** What one page was served: failures and redirects reported, the bodies grouped by their normalised hash. */
function groupAnswers(ctx: Context, path: string, answers: readonly { visitor: Visitor; got: Got }[]): Served[] {
  const failed = new Map<string, { kind: string; visitors: Visitor[] }>();
  const served = new Map<string, Served>();
  for (const { visitor, got } of answers) {
    if (got.ok && got.status === 200) {
      const body = got.body.toString('utf8');
      const hash = pageHash(body);
      const group = served.get(hash) ?? { hash, body, visitors: [] };
      group.visitors.push(visitor);
      served.set(hash, group);
      continue;
    }
    const kind = got.ok && got.status >= 300 && got.status < 400 ? 'redirect' : 'unreachable';
    const detail = answerText(got);
    const entry = failed.get(detail) ?? { kind, visitors: [] };
    entry.visitors.push(visitor);
    failed.set(detail, entry);
  }
  for (const [detail, { kind, visitors }] of failed) add(ctx, path, kind, detail, names(visitors));
  return [...served.values()];
}

async function comparePage(ctx: Context, path: string, approved: string | undefined, groups: readonly Served[]): Promise<void> {
  const baseline = groups[0];
  for (const group of groups) {
    const who = names(group.visitors);
    if (approved !== undefined && group.hash !== approved) {
      const origin = (await ctx.options.originPage?.(path)) ?? null;
      const detail =
        origin === null
          ? `the page's SHA-256 ${group.hash.slice(0, 16)}… is not the approved ${approved.slice(0, 16)}…`
          : describeDifference(group.body, origin);
      add(ctx, path, 'content-differs', detail, who);
    }
    if (baseline !== undefined && group !== baseline)
      add(
        ctx,
        path,
        'cloaking',
        `${who} ${group.visitors.length > 1 ? 'are' : 'is'} served another page than ${names(baseline.visitors)}: ${describeDifference(group.body, baseline.body)}`,
        who,
      );
    const pageUrl = new URL(path, ctx.base).href;
    const assets = ctx.options.manifest.assets.map((a) => a.url);
    for (const f of inspectPage(group.body, { linkHosts: ctx.options.manifest.linkHosts, assets, pageUrl })) add(ctx, path, f.kind, f.detail, who);
  }
}

/** The SRI value of `bytes` with the algorithm `integrity` names (sha256, sha384 or sha512). */
function sriMatches(integrity: string, bytes: Buffer): boolean {
  return integrity.split(/\s+/).some((value) => {
    const m = /^(sha256|sha384|sha512)-(.+)$/.exec(value);
    return (
      m !== null &&
      createHash(m[1] as string)
        .update(bytes)
        .digest('base64') === m[2]
    );
  });
}

/** Reads every page as every visitor and every asset once, at most `concurrency` requests at a time. */
export async function checkPortal(options: CheckOptions): Promise<CheckResult> {
  const ctx: Context = {
    options,
    fetchImpl: options.fetchImpl ?? fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
    base: new URL(options.publicUrl),
    findings: [],
  };
  const visitors = options.userAgents ?? defaultVisitors;
  const listed = await readSitemap(ctx);
  const extra = listed === null ? [] : compareSitemap(ctx, listed);
  const approved = new Map(options.manifest.pages.map((p) => [p.url, p.sha256]));
  const paths = [...approved.keys(), ...extra];
  const pageTasks = paths.flatMap((path) =>
    visitors.map((visitor) => async () => ({ path, visitor, got: await fetchAs(ctx, new URL(path, ctx.base).href, visitor) })),
  );
  const assetTasks = options.manifest.assets.map((asset) => async () => ({ asset, got: await fetchAs(ctx, new URL(asset.url, ctx.base).href, browser) }));
  const pages = await pooled(pageTasks, options.concurrency ?? 4);
  const assets = await pooled(assetTasks, options.concurrency ?? 4);
  for (const path of paths) {
    const groups = groupAnswers(
      ctx,
      path,
      pages.filter((p) => p.path === path),
    );
    await comparePage(ctx, path, approved.get(path), groups);
  }
  for (const { asset, got } of assets) {
    if (!got.ok) add(ctx, asset.url, 'unreachable', got.error, browser.name);
    else if (got.status !== 200) add(ctx, asset.url, 'asset-differs', answerText(got), browser.name);
    else if (!sriMatches(asset.integrity, got.body))
      add(ctx, asset.url, 'asset-differs', `the file served does not match its integrity value ${asset.integrity.slice(0, 30)}…`, browser.name);
  }
  return { checked: paths.length, findings: ctx.findings };
}
