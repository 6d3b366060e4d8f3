/**
 * What an article body may contain, checked when an editor saves it and applied again when it
 * is rendered. The allow-list is strict: headings, paragraphs, lists, tables, images the office
 * uploaded, and links to the district's own sites or to the outside domains the office approved.
 * No style, class, id or hidden attributes, no scripts, frames, forms or inline event handlers.
 *
 * On save nothing is dropped silently: every element, attribute or link the allow-list refuses is
 * reported to the editor with its reason, and the body is refused until it is removed. On render
 * the same allow-list strips anything that got past (a row changed outside the app).
 */
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

const TEXT_TAGS = ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'hr', 'ul', 'ol', 'li'];
const TABLE_TAGS = ['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption'];
export const allowedTags: readonly string[] = [...TEXT_TAGS, ...TABLE_TAGS, 'a', 'img'];

const allowedAttributes: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};

/** An image's address: one of the office's uploads, named by its SHA-256. */
export const MEDIA_PATH = /^\/portal\/media\/[0-9a-f]{64}$/;

export interface LinkPolicy {
  /** The district's own host names (the portal's and the government site's). */
  ownHosts: readonly string[];
  /** Outside domains the office approved; a subdomain of one is approved too. */
  approvedDomains: readonly string[];
}

export type ProblemKind = 'element' | 'attribute' | 'link' | 'image';

export interface BodyProblem {
  kind: ProblemKind;
  /** What was found, as written: `<iframe>`, `style="…"`, a URL. */
  found: string;
  zh: string;
  en: string;
}

/** The host a link goes to, or null for a link within the portal ('/portal/…', '#…'). Throws for what is not a web link. */
function linkHost(href: string): string | null {
  const trimmed = href.trim();
  if (trimmed.startsWith('#') || (trimmed.startsWith('/') && !trimmed.startsWith('//'))) return null;
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(url.protocol);
  return url.hostname.toLowerCase();
}

const hostApproved = (host: string, policy: LinkPolicy): boolean =>
  policy.ownHosts.some((h) => h.toLowerCase() === host) || policy.approvedDomains.some((d) => host === d || host.endsWith(`.${d}`));

/** Whether a link may appear in an article (used by the body review and the integrity check). */
export function linkAllowed(href: string, policy: LinkPolicy): boolean {
  try {
    const host = linkHost(href);
    return host === null || hostApproved(host, policy);
  } catch {
    return false;
  }
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function attributeProblem(tag: string, name: string, value: string): BodyProblem | null {
  if ((allowedAttributes[tag] ?? []).includes(name)) return null;
  const found = clip(`${name}="${value}"`);
  if (name.startsWith('on')) return { kind: 'attribute', found, zh: `<${tag}> 带有脚本事件 ${name}，不允许`, en: `<${tag}> has the script handler ${name}` };
  if (name === 'style' || name === 'class' || name === 'hidden')
    return {
      kind: 'attribute',
      found,
      zh: `<${tag}> 的 ${name} 属性可用于隐藏或伪装内容，不允许；请用编辑器的格式按钮`,
      en: `<${tag}> has a ${name} attribute, which can hide or disguise content; use the editor's formatting`,
    };
  return { kind: 'attribute', found, zh: `<${tag}> 不允许带 ${name} 属性`, en: `<${tag}> may not carry the attribute ${name}` };
}

function valueProblem(tag: string, name: string, value: string, policy: LinkPolicy): BodyProblem | null {
  if (tag === 'a' && name === 'href' && !linkAllowed(value, policy))
    return {
      kind: 'link',
      found: clip(value),
      zh: `链接 ${clip(value, 80)} 指向的网站不在本区网站和办公室批准的外部网站名单内`,
      en: `The link ${clip(value, 80)} goes to a site that is neither the district's own nor on the office's approved list`,
    };
  if (tag === 'img' && name === 'src' && !MEDIA_PATH.test(value))
    return {
      kind: 'image',
      found: clip(value),
      zh: '图片须先上传到本网站再插入，不能引用外部图片地址',
      en: 'Images must be uploaded to the portal first; outside image addresses are not allowed',
    };
  return null;
}

/**
 * Every element, attribute and link of `html` that the allow-list refuses, in document order,
 * each once. An empty list means the body may be saved as it is.
 */
export function reviewBody(html: string, policy: LinkPolicy): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const seen = new Set<string>();
  const add = (p: BodyProblem | null) => {
    if (p === null || seen.has(`${p.kind}\u0000${p.found}`)) return;
    seen.add(`${p.kind}\u0000${p.found}`);
    problems.push(p);
  };
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (!allowedTags.includes(tag)) {
          add({ kind: 'element', found: `<${tag}>`, zh: `不允许的元素 <${tag}>`, en: `The element <${tag}> is not allowed` });
          return;
        }
        for (const [name, value] of Object.entries(attributes)) add(attributeProblem(tag, name, value) ?? valueProblem(tag, name, value, policy));
      },
      oncomment(text) {
        add({ kind: 'element', found: clip(`<!--${text}-->`), zh: 'HTML 注释会被隐藏，不允许', en: 'HTML comments are hidden from readers and not allowed' });
      },
      onprocessinginstruction(name) {
        add({ kind: 'element', found: `<${name}>`, zh: `不允许的声明 <${name}>`, en: `The declaration <${name}> is not allowed` });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

/**
 * `html` reduced to the allow-list: what `reviewBody` reports is removed (refused elements with
 * their content, refused attributes, refused links and images). Deterministic: the same input
 * gives the same bytes.
 */
export function sanitizeBody(html: string, policy: LinkPolicy): string {
  return sanitizeHtml(html, {
    allowedTags: [...allowedTags],
    allowedAttributes: Object.fromEntries(Object.entries(allowedAttributes).map(([k, v]) => [k, [...v]])),
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'title', 'head'],
    exclusiveFilter: (frame) =>
      (frame.tag === 'img' && !MEDIA_PATH.test(frame.attribs.src ?? '')) || (frame.tag === 'a' && !linkAllowed(frame.attribs.href ?? '', policy)),
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
  });
}
