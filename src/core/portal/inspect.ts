/**
 * What a served page shows of tampering, read from its HTML alone: links to hosts the portal
 * does not link to, hidden blocks of links or text, scripts that are not the build's, a meta
 * refresh, and — as a second signal only — spam vocabulary. The integrity check runs it on every
 * page the public address serves, whatever the user agent.
 */
import { Parser } from 'htmlparser2';
import { linkAllowed } from './review.ts';
import { declarations, hiddenSelectors, hidingReason } from './hiding.ts';
import { spamThreshold, spamWordsIn } from './spamWords.ts';

export type PageFindingKind = 'link-host' | 'hidden-block' | 'foreign-script' | 'redirect' | 'spam-words';

export interface PageFinding {
  kind: PageFindingKind;
  detail: string;
}

export interface InspectOptions {
  /** Outside hosts the portal may link to (a subdomain of one is allowed too). */
  linkHosts: readonly string[];
  /** The build's assets (path or full URL): the only scripts a page may load. */
  assets: readonly string[];
  /** The page's own address: relative links and links to its host are the portal's. */
  pageUrl: string;
}

/** Attributes that hold an address, by element. */
const ADDRESS_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  form: ['action'],
  source: ['src'],
  video: ['src'],
  audio: ['src'],
};
const NON_SCRIPT_TYPES = new Set(['application/ld+json', 'application/json', 'importmap', 'speculationrules']);
/** Elements whose text a reader never sees as text. */
const TEXTLESS = new Set(['script', 'style', 'template']);
const MAX_PER_KIND = 10;

export function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** A javascript: address, however it is spelled (case, spaces, control characters). */
const isJavascriptUrl = (value: string): boolean =>
  [...value]
    .filter((c) => c.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase()
    .startsWith('javascript:');

interface HiddenBlock {
  reason: string;
  depth: number;
  text: string;
  links: number;
}

interface Scan {
  hosts: Map<string, number>;
  hidden: PageFinding[];
  scripts: PageFinding[];
  redirects: PageFinding[];
  text: string[];
}

function styleTexts(html: string): string {
  const css: string[] = [];
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag: (tag) => void (inStyle = tag === 'style'),
      ontext: (text) => void (inStyle && css.push(text)),
      onclosetag: () => void (inStyle = false),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return css.join('\n');
}

function sameOrigin(url: URL, page: URL): boolean {
  return url.host === page.host;
}

/** The address `value` resolves to, or null when it is not a web address. */
function resolve(value: string, page: URL): URL | null {
  try {
    const url = new URL(value.trim(), page);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function checkScript(attributes: Record<string, string>, options: InspectOptions, page: URL, scan: Scan): boolean {
  const src = attributes.src;
  if (src === undefined) {
    if (NON_SCRIPT_TYPES.has((attributes.type ?? '').toLowerCase())) return false;
    return true; // its text decides whether it is an inline script
  }
  const url = resolve(src, page);
  const known = url !== null && options.assets.some((a) => (sameOrigin(url, page) ? a === `${url.pathname}${url.search}` : false) || a === url.href);
  if (!known) scan.scripts.push({ kind: 'foreign-script', detail: `<script src="${clip(src, 300)}"> is not one of the build's assets` });
  return false;
}

function checkAttributes(tag: string, attributes: Record<string, string>, page: URL, options: InspectOptions, scan: Scan): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (/^on[a-z]+$/.test(name)) scan.scripts.push({ kind: 'foreign-script', detail: `<${tag} ${name}="${clip(value, 120)}">: an inline event handler` });
    else if (isJavascriptUrl(value) && name !== 'title' && name !== 'alt')
      scan.scripts.push({ kind: 'foreign-script', detail: `<${tag} ${name}="${clip(value, 120)}">: a javascript: address` });
  }
  for (const name of ADDRESS_ATTRIBUTES[tag] ?? []) {
    const value = attributes[name];
    if (value === undefined || isJavascriptUrl(value)) continue;
    const url = resolve(value, page);
    if (url === null || sameOrigin(url, page)) continue;
    if (!linkAllowed(url.href, { ownHosts: [page.hostname], approvedDomains: options.linkHosts }))
      scan.hosts.set(url.hostname, (scan.hosts.get(url.hostname) ?? 0) + 1);
  }
  if (tag === 'meta' && (attributes['http-equiv'] ?? '').toLowerCase() === 'refresh')
    scan.redirects.push({ kind: 'redirect', detail: `<meta http-equiv="refresh" content="${clip(attributes.content ?? '', 300)}">` });
  if (tag === 'object' || tag === 'embed' || tag === 'applet') scan.scripts.push({ kind: 'foreign-script', detail: `<${tag}>: a plug-in object` });
}

/** Why an element is hidden: its style, the hidden attribute, a class or id a <style> block hides, or <marquee>. */
function hiddenBy(tag: string, attributes: Record<string, string>, selectors: Map<string, string>): string | null {
  if (tag === 'marquee') return '<marquee>';
  if (attributes.hidden !== undefined) return 'the hidden attribute';
  if (attributes.style !== undefined) {
    const reason = hidingReason(declarations(attributes.style));
    if (reason !== null) return `style="${clip(attributes.style, 120)}" (${reason})`;
  }
  for (const cls of (attributes.class ?? '').split(/\s+/)) {
    const reason = cls === '' ? undefined : selectors.get(`.${cls}`);
    if (reason !== undefined) return `class "${cls}" (${reason} in a <style> block)`;
  }
  const byId = attributes.id === undefined ? undefined : selectors.get(`#${attributes.id}`);
  return byId === undefined ? null : `id "${attributes.id}" (${byId} in a <style> block)`;
}

function hostsFinding(hosts: Map<string, number>): PageFinding[] {
  if (hosts.size === 0) return [];
  const links = [...hosts.values()].reduce((a, b) => a + b, 0);
  const named = [...hosts.entries()].slice(0, 12).map(([h, n]) => (n > 1 ? `${h} (${n})` : h));
  return [
    {
      kind: 'link-host',
      detail: `${links} link${links > 1 ? 's' : ''} to ${hosts.size} host${hosts.size > 1 ? 's' : ''} not on the approved list: ${named.join(', ')}${hosts.size > 12 ? ', …' : ''}`,
    },
  ];
}

function spamFinding(text: string): PageFinding[] {
  const found = spamWordsIn(text);
  const total = found.reduce((a, f) => a + f.count, 0);
  if (total < spamThreshold) return [];
  return [{ kind: 'spam-words', detail: `${total} spam words: ${found.map((f) => (f.count > 1 ? `${f.word}×${f.count}` : f.word)).join('、')}` }];
}

/** The findings of one served page, at most ten of each kind, in a fixed order. */
export function inspectPage(html: string, options: InspectOptions): PageFinding[] {
  const page = new URL(options.pageUrl);
  const selectors = hiddenSelectors(styleTexts(html));
  const scan: Scan = { hosts: new Map(), hidden: [], scripts: [], redirects: [], text: [] };
  const stack: string[] = [];
  let block: HiddenBlock | null = null;
  let inlineScript = false;
  let textless = 0;
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        stack.push(tag);
        checkAttributes(tag, attributes, page, options, scan);
        if (tag === 'script') inlineScript = checkScript(attributes, options, page, scan);
        if (TEXTLESS.has(tag)) textless++;
        if (tag === 'a' && block !== null) block.links++;
        for (const name of ['title', 'alt']) if (attributes[name]) scan.text.push(attributes[name]);
        if (tag === 'meta' && /^(keywords|description)$/i.test(attributes.name ?? '')) scan.text.push(attributes.content ?? '');
        const reason = block === null ? hiddenBy(tag, attributes, selectors) : null;
        if (reason !== null) block = { reason, depth: stack.length, text: '', links: tag === 'a' ? 1 : 0 };
      },
      ontext(text) {
        if (inlineScript && text.trim() !== '') {
          scan.scripts.push({ kind: 'foreign-script', detail: `an inline script: ${clip(text, 120)}` });
          inlineScript = false;
        }
        if (textless > 0) return;
        scan.text.push(text);
        if (block !== null) block.text += text;
      },
      onclosetag(tag) {
        if (TEXTLESS.has(tag)) textless = Math.max(0, textless - 1);
        if (tag === 'script') inlineScript = false;
        if (block !== null && stack.length === block.depth) {
          if (block.text.trim() !== '' || block.links > 0)
            scan.hidden.push({
              kind: 'hidden-block',
              detail: `a block hidden by ${block.reason} holds ${block.links} link${block.links === 1 ? '' : 's'} and the text: ${clip(block.text)}`,
            });
          block = null;
        }
        stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return [
    ...hostsFinding(scan.hosts),
    ...scan.hidden.slice(0, MAX_PER_KIND),
    ...scan.scripts.slice(0, MAX_PER_KIND),
    ...scan.redirects.slice(0, MAX_PER_KIND),
    ...spamFinding(scan.text.join('\n')),
  ];
}
