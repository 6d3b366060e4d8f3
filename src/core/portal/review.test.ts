import { describe, expect, it } from 'vitest';
import { linkAllowed, reviewBody, sanitizeBody, type LinkPolicy } from './review.ts';

const policy: LinkPolicy = { ownHosts: ['www.tjwq.gov.cn'], approvedDomains: ['nhc.gov.cn'] };
const media = `/portal/media/${'a'.repeat(64)}`;

describe('reviewBody', () => {
  it('accepts what the editor writes: headings, paragraphs, lists, tables, uploaded images, approved links', () => {
    const html = `<h2>一、标题</h2><p><strong>粗</strong><em>斜</em></p><ol start="2"><li>甲</li></ol><table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>
<p><img src="${media}" alt="图"><a href="https://www.nhc.gov.cn/x">卫健委</a><a href="/portal/news">本站</a><a href="http://www.tjwq.gov.cn/">区政府</a></p>`;
    expect(reviewBody(html, policy)).toEqual([]);
    // Nothing is taken away (images are written self-closed), and sanitising again changes nothing.
    expect(sanitizeBody(html, policy)).toBe(html.replace('alt="图">', 'alt="图" />'));
    expect(sanitizeBody(sanitizeBody(html, policy), policy)).toBe(sanitizeBody(html, policy));
  });

  it('reports each refused element, attribute, link and image with its reason', () => {
    const html = `<script>x</script><iframe src="https://evil"></iframe><p style="display:none" class="k" onclick="x()">藏</p><div hidden>块</div>
<a href="http://spam.example.com/">链</a><a href="javascript:alert(1)">脚本</a><img src="https://evil/a.png"><!-- 注释 -->`;
    const problems = reviewBody(html, policy);
    expect(problems.map((p) => `${p.kind}:${p.found}`)).toEqual([
      'element:<script>',
      'element:<iframe>',
      'attribute:style="display:none"',
      'attribute:class="k"',
      'attribute:onclick="x()"',
      'element:<div>',
      'link:http://spam.example.com/',
      'link:javascript:alert(1)',
      'image:https://evil/a.png',
      'element:<!-- 注释 -->',
    ]);
    for (const p of problems) {
      expect(p.zh.length).toBeGreaterThan(4);
      expect(p.en.length).toBeGreaterThan(4);
    }
  });

  it('reports a repeated problem once', () => {
    expect(reviewBody('<p style="a">1</p><p style="a">2</p>', policy)).toHaveLength(1);
  });
});

describe('sanitizeBody', () => {
  it('removes what got past the review: scripts with their content, hiding attributes, refused links and images', () => {
    const out = sanitizeBody(
      `<p style="position:absolute;left:-9999px" onmouseover="x">正文</p><script>alert(1)</script><a href="http://spam.example.com/">蜘蛛池</a><img src="https://evil/a.png">`,
      policy,
    );
    expect(out).toBe('<p>正文</p>');
  });
});

describe('linkAllowed', () => {
  it('allows own hosts, approved domains and their subdomains, and links within the portal', () => {
    expect(linkAllowed('https://www.nhc.gov.cn/', policy)).toBe(true);
    expect(linkAllowed('https://nhc.gov.cn/', policy)).toBe(true);
    expect(linkAllowed('/portal/policies', policy)).toBe(true);
    expect(linkAllowed('#top', policy)).toBe(true);
    expect(linkAllowed('https://nhc.gov.cn.evil.com/', policy)).toBe(false);
    expect(linkAllowed('https://evilnhc.gov.cn/', policy)).toBe(false);
    expect(linkAllowed('//nhc.gov.cn/', policy)).toBe(false);
    expect(linkAllowed('ftp://www.tjwq.gov.cn/', policy)).toBe(false);
  });
});
