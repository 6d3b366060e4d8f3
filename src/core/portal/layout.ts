/**
 * The frame of every public page: the site's identity (government-site conventions: 网站标识码,
 * 主办单位, ICP and 公安备案 numbers, the SiteName/SiteIDCode meta tags), the navigation, the script
 * and font-size switches, and the page's own content. Pure: the same input gives the same bytes,
 * whoever asks — only the nonce placeholder is replaced per response.
 */
import { esc } from './html.ts';
import { NONCE_PLACEHOLDER } from './manifest.ts';
import type { Script } from './script.ts';

export interface SiteIdentity {
  /** The site's name: 武清区创建幸福家庭活动. */
  name: string;
  sponsor: string;
  siteCode: string;
  icp: string;
  psb: string;
}

export interface Asset {
  url: string;
  integrity: string;
}

export type Section = 'home' | 'news' | 'policies' | 'notices' | 'self-check' | 'none';

export interface Frame {
  site: SiteIdentity;
  assets: { css: Asset; js: Asset };
  /** The page's path without the script query: /portal/news/<id>. */
  path: string;
  script: Script;
  section: Section;
  /** The page title (without the site name). */
  title: string;
  description: string;
  /** Meta tags of an article (government-site conventions). */
  article?: { title: string; publishedOn: string; source: string };
  /** The main content, in Simplified Chinese as written by the templates (converted with the frame). */
  main: string;
}

/** A link to a public page in the reader's script. */
export const portalHref = (path: string, script: Script): string => (script === 'hant' ? `${path}${path.includes('?') ? '&' : '?'}script=hant` : path);

const NAV: readonly [Exclude<Section, 'none'>, string, string][] = [
  ['home', '/portal/', '首页'],
  ['news', '/portal/news', '工作动态'],
  ['policies', '/portal/policies', '政策解读'],
  ['notices', '/portal/notices', '公示公告'],
  ['self-check', '/portal/self-check', '资格自测'],
];

function header(f: Frame): string {
  const nav = NAV.map(
    ([key, path, label]) => `<li><a href="${esc(portalHref(path, f.script))}"${key === f.section ? ' aria-current="page"' : ''}>${label}</a></li>`,
  ).join('');
  const other: Script = f.script === 'hant' ? 'hans' : 'hant';
  const switchLabel = f.script === 'hant' ? '简体' : '繁體';
  const switchLang = other === 'hant' ? 'zh-Hant' : 'zh-Hans';
  return `<header class="site-header">
<div class="wrap header-top">
<a class="site-name" href="${esc(portalHref('/portal/', f.script))}">${esc(f.site.name)}</a>
<div class="tools">
<a class="tool" href="${esc(portalHref(f.path, other))}" lang="${switchLang}" hreflang="${switchLang}">${switchLabel}</a>
<button type="button" class="tool" id="font-size" aria-pressed="false">大字版</button>
</div>
</div>
<nav class="site-nav" aria-label="主导航"><ul class="wrap">${nav}</ul></nav>
</header>`;
}

function footer(site: SiteIdentity): string {
  const code = site.siteCode === '' ? '待分配' : esc(site.siteCode);
  const icp = site.icp === '' ? '' : `<span>${esc(site.icp)}</span>`;
  const psb = site.psb === '' ? '' : `<span>${esc(site.psb)}</span>`;
  return `<footer class="site-footer"><div class="wrap">
<p><span>主办单位：${esc(site.sponsor)}</span><span>网站标识码：${code}</span>${icp}${psb}</p>
<p><a href="/portal/sitemap.xml">网站地图</a></p>
</div></footer>`;
}

/** The whole page, in Simplified Chinese (the caller converts it for Traditional readers). */
export function frame(f: Frame): string {
  const articleMeta = f.article
    ? `<meta name="ArticleTitle" content="${esc(f.article.title)}">
<meta name="PubDate" content="${esc(f.article.publishedOn)}">
<meta name="ContentSource" content="${esc(f.article.source)}">
`
    : '';
  return `<!doctype html>
<html lang="${f.script === 'hant' ? 'zh-Hant' : 'zh-Hans'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(f.title)} - ${esc(f.site.name)}</title>
<meta name="description" content="${esc(f.description)}">
<meta name="SiteName" content="${esc(f.site.name)}">
<meta name="SiteIDCode" content="${esc(f.site.siteCode)}">
${articleMeta}<link rel="canonical" href="${esc(portalHref(f.path, f.script))}">
<link rel="stylesheet" href="${esc(f.assets.css.url)}" integrity="${esc(f.assets.css.integrity)}">
<script src="${esc(f.assets.js.url)}" integrity="${esc(f.assets.js.integrity)}" nonce="${NONCE_PLACEHOLDER}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
${header(f)}
<main id="main" class="wrap" tabindex="-1">
${f.main}
</main>
${footer(f.site)}
</body>
</html>
`;
}
