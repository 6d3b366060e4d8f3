/**
 * The public pages and where they are: each renderer turns the verified snapshot (and, for pages
 * that need more, a read as the portal's reader) into a page's content. `listPublicPages` is the
 * sitemap's and the manifest's list: every page a reader can reach.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { articleMain, articlePath, homeMain, newsPageMain, notFoundMain, PAGE_SIZE, type NewsItem } from '../../core/portal/pages.ts';
import { convertScript } from '../../core/portal/script.ts';
import { describeProgrammes } from '../../core/benefits/catalog.ts';
import { today } from '../../core/clock.ts';
import type { Database } from '../../db/types.ts';
import { parameterRows } from '../benefits/register.ts';
import { runningNotices } from './publicQueries.ts';
import { PortalSite, type PageRenderer } from './site.ts';
import type { ServedArticle, Snapshot } from './snapshot.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An article's title as the templates write (Simplified): the frame converts the page for Traditional readers. */
const newsItem = (a: ServedArticle): NewsItem => ({ id: a.id, title: convertScript(a.title, a.script, 'hans'), publishedOn: a.publishedOn });

/** The programmes (for the policy links) and the number of persons on a running notice, today. */
async function homeExtras(site: PortalSite) {
  const date = today();
  return site.asReader(async (tx) => ({
    policies: describeProgrammes(await parameterRows(tx), date).map((p) => ({ programme: p.id, name: p.name })),
    noticeCount: (await runningNotices(tx, date)).length,
  }));
}

/** Pages that show the programmes' parameters or the running notices are rendered again after this long. */
export const KEEP_LIVE_PAGES_MS = 60_000;

const home: PageRenderer = async (site, snapshot) => {
  const { name } = await site.districtInfo();
  const extra = await homeExtras(site);
  return {
    keepMs: KEEP_LIVE_PAGES_MS,
    status: 200,
    section: 'home',
    title: '首页',
    description: `${name}创建幸福家庭活动：工作动态、政策解读、公示公告与资格自测`,
    main: homeMain(
      { siteName: site.identity(name).name, news: snapshot.articles.map(newsItem), policies: extra.policies, noticeCount: extra.noticeCount },
      'hans',
    ),
  };
};

const pageNumber = (query: URLSearchParams): number | null => {
  const raw = query.get('page') ?? '1';
  return /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : null;
};

const news: PageRenderer = async (_site, snapshot, _path, query) => {
  const page = pageNumber(query);
  const total = snapshot.articles.length;
  if (page === null || (page > 1 && (page - 1) * PAGE_SIZE >= total)) return null;
  const items = snapshot.articles.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(newsItem);
  return { status: 200, section: 'news', title: '工作动态', description: '创建幸福家庭活动工作动态', main: newsPageMain(items, page, total, 'hans') };
};

const article: PageRenderer = async (site, snapshot, path) => {
  const id = path.slice('/portal/news/'.length);
  const a = UUID.test(id) ? snapshot.byId.get(id) : undefined;
  if (a === undefined) return null;
  const { name } = await site.districtInfo();
  const source = site.identity(name).sponsor;
  // Written in the article's script; the whole page is then converted to the reader's.
  const title = convertScript(a.title, a.script, 'hans');
  const bodyHtml = convertScript(a.bodyHtml, a.script, 'hans')
    .replace(/<table>/g, '<div class="table-wrap"><table>')
    .replace(/<\/table>/g, '</table></div>');
  return {
    status: 200,
    section: 'news',
    title,
    description: title,
    main: articleMain({ title, bodyHtml, publishedOn: a.publishedOn, source }),
    article: { title, publishedOn: a.publishedOn, source },
    articleId: a.id,
  };
};

const notFound: PageRenderer = async () => ({ status: 404, section: 'none', title: '页面不存在', description: '页面不存在', main: notFoundMain() });

/** Every page a reader can reach, in Simplified (the sitemap adds the Traditional addresses). */
export async function listPublicPages(snapshot: Snapshot): Promise<string[]> {
  const newsPages = Math.max(1, Math.ceil(snapshot.articles.length / PAGE_SIZE));
  return [
    '/portal/',
    ...Array.from({ length: newsPages }, (_, i) => (i === 0 ? '/portal/news' : `/portal/news?page=${i + 1}`)),
    ...snapshot.articles.map((a) => articlePath(a.id)),
  ];
}

export function createPortalSite(db: Database, config: Config, log: Pick<FastifyBaseLogger, 'warn' | 'error'>): PortalSite {
  return new PortalSite(db, config, log)
    .addPages(/^\/portal\/$/, home)
    .addPages(/^\/portal\/news$/, news)
    .addPages(/^\/portal\/news\/[^/]+$/, article)
    .setNotFound(notFound);
}
