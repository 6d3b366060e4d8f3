/**
 * How the integrity check reads the public address: as the visitors a hacked site serves
 * differently (a browser, the search engines' crawlers, a browser arriving from a search), one
 * request at a time per visitor and page, never following a redirect, each with a time limit.
 */
import { Parser } from 'htmlparser2';

export interface Visitor {
  /** What a finding names: "Chrome", "Baiduspider"… */
  name: string;
  userAgent: string;
  referer?: string;
}

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36';

/** The browser first: what it is served is what the others are compared with. */
export const defaultVisitors: readonly Visitor[] = [
  { name: 'Chrome', userAgent: CHROME },
  { name: 'Baiduspider', userAgent: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' },
  { name: 'Googlebot', userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
  { name: 'Sogou web spider', userAgent: 'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)' },
  { name: '360Spider', userAgent: 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/50.0.2661.102 Safari/537.36; 360Spider' },
  {
    name: 'Bytespider',
    userAgent:
      'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
  },
  { name: 'Chrome from Baidu search', userAgent: CHROME, referer: `https://www.baidu.com/s?wd=${encodeURIComponent('创建幸福家庭活动')}` },
];

export const browser = defaultVisitors[0] as Visitor;

export type Fetch = typeof fetch;

export type Got = { ok: true; status: number; location: string | null; body: Buffer } | { ok: false; error: string };

/** Answers larger than this are cut: no page of the portal comes near it. */
const MAX_BYTES = 8 * 1024 * 1024;

/** One GET as `visitor`, without following a redirect; a failure or the time limit is an answer too. */
export async function get(fetchImpl: Fetch, url: string, visitor: Visitor, timeoutMs: number, signal?: AbortSignal): Promise<Got> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetchImpl(url, {
      redirect: 'manual',
      headers: {
        'user-agent': visitor.userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        ...(visitor.referer ? { referer: visitor.referer } : {}),
      },
      signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { ok: true, status: res.status, location: res.headers.get('location'), body: bytes.subarray(0, MAX_BYTES) };
  } catch (err) {
    if (timeout.aborted) return { ok: false, error: `no answer within ${timeoutMs / 1000} s` };
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}

/** Runs `tasks` with at most `limit` at a time; the results in the tasks' order. */
export async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The addresses a sitemap lists (<url><loc>), and the sitemaps a sitemap index lists (<sitemap><loc>). */
export function sitemapLocations(xml: string): { pages: string[]; sitemaps: string[] } {
  const pages: string[] = [];
  const sitemaps: string[] = [];
  const path: string[] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(tag) {
        path.push(tag.replace(/^.*:/, ''));
        text = '';
      },
      ontext(t) {
        text += t;
      },
      onclosetag() {
        const [parent, tag] = [path.at(-2), path.at(-1)];
        if (tag === 'loc' && parent === 'url') pages.push(text.trim());
        if (tag === 'loc' && parent === 'sitemap') sitemaps.push(text.trim());
        path.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return { pages, sitemaps };
}

/** Path and query of an address: what the manifest names a page by. */
export const pathOf = (url: URL): string => `${url.pathname}${url.search}`;
