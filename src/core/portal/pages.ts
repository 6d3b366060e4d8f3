/**
 * The main content of the portal's news pages: the home page, the news list and an article.
 * Pure: plain values in, HTML out, written in Simplified Chinese (the frame converts the page for
 * Traditional readers; an article's own text is converted from the script it was written in).
 */
import { chineseDate, esc } from './html.ts';
import { portalHref } from './layout.ts';
import { VIEWS_PLACEHOLDER } from './manifest.ts';
import type { Script } from './script.ts';

export interface NewsItem {
  id: string;
  /** The title in the reader's script. */
  title: string;
  publishedOn: string;
}

export interface PolicyLink {
  programme: string;
  name: string;
}

export const articlePath = (id: string): string => `/portal/news/${id}`;

export function newsList(items: readonly NewsItem[], script: Script): string {
  if (items.length === 0) return '<p class="muted">暂无文章。</p>';
  const rows = items.map(
    (n) =>
      `<li><a href="${esc(portalHref(articlePath(n.id), script))}">${esc(n.title)}</a><time datetime="${esc(n.publishedOn)}">${esc(n.publishedOn)}</time></li>`,
  );
  return `<ul class="news-list">${rows.join('')}</ul>`;
}

export interface HomeData {
  siteName: string;
  news: readonly NewsItem[];
  policies: readonly PolicyLink[];
  noticeCount: number;
}

export function homeMain(d: HomeData, script: Script): string {
  const policies = d.policies.map((p) => `<li><a href="${esc(portalHref(`/portal/policies/${p.programme}`, script))}">${esc(p.name)}</a></li>`).join('');
  const notices =
    d.noticeCount > 0
      ? `<p>正在公示 ${d.noticeCount} 人，公示期内如有异议，请向所在村（居）委会或乡镇街计生办反映。</p>`
      : '<p class="muted">目前没有正在进行的公示。</p>';
  return `<h1>${esc(d.siteName)}</h1>
<div class="columns">
<section aria-labelledby="news-heading">
<h2 id="news-heading">工作动态</h2>
${newsList(d.news.slice(0, 10), script)}
<p><a href="${esc(portalHref('/portal/news', script))}">更多动态</a></p>
</section>
<div>
<section class="card" aria-labelledby="check-heading">
<h2 id="check-heading">资格自测</h2>
<p>回答几个问题，了解您的家庭可能符合哪些奖励扶助政策。不需要填写姓名和身份证号，不保存任何信息。</p>
<p><a class="cta" href="${esc(portalHref('/portal/self-check', script))}">开始自测</a></p>
</section>
<section class="card" aria-labelledby="policy-heading">
<h2 id="policy-heading">政策解读</h2>
<ul>${policies}</ul>
</section>
<section class="card" aria-labelledby="notice-heading">
<h2 id="notice-heading">公示公告</h2>
${notices}
<p><a href="${esc(portalHref('/portal/notices', script))}">查看公示</a></p>
</section>
</div>
</div>`;
}

export const PAGE_SIZE = 20;

export function newsPageMain(items: readonly NewsItem[], page: number, total: number, script: Script): string {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (n: number, label: string) => `<a href="${esc(portalHref(n === 1 ? '/portal/news' : `/portal/news?page=${n}`, script))}">${label}</a>`;
  const pager =
    pages <= 1
      ? ''
      : `<nav class="pager" aria-label="分页">${page > 1 ? link(page - 1, '上一页') : ''}<span>第 ${page} / ${pages} 页</span>${page < pages ? link(page + 1, '下一页') : ''}</nav>`;
  return `<h1>工作动态</h1>\n${newsList(items, script)}\n${pager}`;
}

export interface ArticleView {
  /** Title and body in the reader's script. */
  title: string;
  bodyHtml: string;
  publishedOn: string;
  source: string;
}

/** An article page. The view count is a placeholder, filled in for each response. */
export function articleMain(a: ArticleView): string {
  return `<article>
<h1 class="article-title">${esc(a.title)}</h1>
<p class="article-meta"><span>发布日期：<time datetime="${esc(a.publishedOn)}">${chineseDate(a.publishedOn)}</time></span><span>来源：${esc(a.source)}</span><span>阅读 <span data-views="">${VIEWS_PLACEHOLDER}</span> 次</span></p>
<div class="article-body">
${a.bodyHtml}
</div>
</article>`;
}

export function notFoundMain(): string {
  return `<h1>页面不存在</h1>
<p>您要找的页面不存在，或已撤下。</p>
<p><a href="/portal/">返回首页</a></p>`;
}
