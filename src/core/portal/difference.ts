/**
 * How a served page differs from the origin's: the text (and link targets) it shows that the
 * origin's page does not, and what it leaves out, in reading order — what an office reads to
 * judge a finding, rather than two hashes.
 */
import { Parser } from 'htmlparser2';
import { clip } from './inspect.ts';
import { normalizePage } from './manifest.ts';

/** A page as a reader and a crawler take it: its text pieces and the addresses of its links and scripts, in order. */
export function pageLines(html: string): string[] {
  const lines: string[] = [];
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (tag === 'script' || tag === 'style') skip++;
        const address = attributes.href ?? attributes.src;
        if (address !== undefined && (tag === 'a' || tag === 'script' || tag === 'iframe'))
          lines.push(`<${tag} ${attributes.href ? 'href' : 'src'}="${address}">`);
      },
      ontext(text) {
        const t = text.replace(/\s+/g, ' ').trim();
        if (skip === 0 && t !== '') lines.push(t);
      },
      onclosetag(tag) {
        if (tag === 'script' || tag === 'style') skip = Math.max(0, skip - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return lines;
}

/** Lines of `a` that `b` lacks, each taken as often as `a` has it more than `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
  const out: string[] = [];
  for (const line of a) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else out.push(line);
  }
  return out;
}

const quote = (lines: readonly string[], max: number): string => clip(lines.map((l) => `「${l}」`).join(' '), max);

/** The difference in words: `added: …; missing: …`, or where the markup first differs when the text is the same. */
export function describeDifference(servedPage: string, originPage: string): string {
  const served = normalizePage(servedPage);
  const origin = normalizePage(originPage);
  const s = pageLines(served);
  const o = pageLines(origin);
  const added = minus(s, o);
  const missing = minus(o, s);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added (${added.length}): ${quote(added, 600)}`);
  if (missing.length > 0) parts.push(`missing (${missing.length}): ${quote(missing, 300)}`);
  if (parts.length > 0) return parts.join('; ');
  if (served === origin) return 'the page is what the origin serves now, but not the approved page the manifest lists';
  let at = 0;
  while (at < served.length && served[at] === origin[at]) at++;
  return `same text, different markup from character ${at}: served ${JSON.stringify(clip(served.slice(Math.max(0, at - 20), at + 100), 140))}, origin ${JSON.stringify(clip(origin.slice(Math.max(0, at - 20), at + 100), 140))}`;
}
