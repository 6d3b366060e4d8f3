import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import reference from './inspect.cases.json' with { type: 'json' };
import { describeDifference } from './difference.ts';
import { inspectPage, type PageFinding } from './inspect.ts';
import { spamWordsIn } from './spamWords.ts';

const page = (file: string): string => fs.readFileSync(new URL(`./inspect-cases/${file}`, import.meta.url), 'utf8');

const MARKERS: Record<string, [string, boolean]> = { 'body-start': ['<body>\n', false], 'body-end': ['</body>', true], 'head-end': ['</head>', true] };

/** The clean page with a case's file inserted where the case says. */
function tampered(c: { file: string; insert?: string }): string {
  const clean = page('clean.html');
  if (c.insert === undefined) return clean;
  const [marker, before] = MARKERS[c.insert] ?? ['', false];
  const at = clean.indexOf(marker) + (before ? 0 : marker.length);
  return `${clean.slice(0, at)}${page(c.file)}${clean.slice(at)}`;
}

const counts = (findings: PageFinding[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.kind] = (out[f.kind] ?? 0) + 1;
  return out;
};

describe('inspectPage', () => {
  for (const c of reference.cases)
    it(c.file, () => {
      const findings = inspectPage(tampered(c), reference.options);
      expect(counts(findings), JSON.stringify(findings, null, 1)).toEqual(c.expect);
      const details = findings.map((f) => f.detail).join('\n');
      for (const text of c.detailIncludes ?? []) expect(details).toContain(text);
    });

  it('takes links to the page’s own host, relative links and subdomains of an approved domain as the portal’s', () => {
    const html =
      '<a href="news/2">a</a><a href="//portal.example.gov.cn/x">b</a><a href="https://www.tjwq.gov.cn/">c</a><a href="mailto:x@y.cn">d</a><a href="#top">e</a>';
    expect(inspectPage(html, reference.options)).toEqual([]);
    expect(inspectPage('<a href="https://tjwq.gov.cn.evil.example/">x</a>', reference.options)).toEqual([
      { kind: 'link-host', detail: expect.stringContaining('tjwq.gov.cn.evil.example') },
    ]);
  });

  it('does not take a hidden element without text or links as a hidden block', () => {
    expect(inspectPage('<div hidden></div><span style="display:none">  </span><img hidden src="/a.png">', reference.options)).toEqual([]);
  });
});

describe('spam words', () => {
  it('reads both scripts and counts a phrase once, not again as the words inside it', () => {
    expect(spamWordsIn('主站蜘蛛池模板：寶坻縣 薊縣')).toEqual([{ word: '主站蜘蛛池模板', count: 1 }]);
    expect(spamWordsIn('無碼 无码 赌場')).toEqual([
      { word: '无码', count: 2 },
      { word: '赌场', count: 1 },
    ]);
  });

  it('matches Latin words whole', () => {
    expect(spamWordsIn('bet365 alphabet3650')).toEqual([{ word: 'bet365', count: 1 }]);
  });

  it('finds nothing in the district’s report', () => {
    expect(spamWordsIn(page('clean.html'))).toEqual([]);
  });
});

describe('describeDifference', () => {
  it('names the text a served page adds and leaves out', () => {
    const origin = page('clean.html');
    expect(describeDifference(tampered({ file: 'keyword-line.html', insert: 'body-start' }), origin)).toBe(
      'added (1): 「成人電影 無碼女優 亞洲色圖 自拍偷拍 激情視頻 約炮」',
    );
    const county = describeDifference(tampered({ file: 'county-links.html', insert: 'body-end' }), origin);
    expect(county).toMatch(/^added \(161\): 「主站蜘蛛池模板：」 「<a href="http:\/\/spam-county-0\.example\.com\/">」 「寶坻縣」/);
  });

  it('ignores the nonce and the view count, and points at the markup when only it differs', () => {
    const origin = page('clean.html');
    expect(describeDifference(origin.replace('abcdefghijklmnop1234', 'zyxwvutsrqponmlk9876').replace('>3165<', '>3170<'), origin)).toMatch(
      /^the page is what the origin serves now/,
    );
    expect(describeDifference(origin.replace('<main id="main">', '<main id="main" data-x="1">'), origin)).toContain('data-x');
  });
});
