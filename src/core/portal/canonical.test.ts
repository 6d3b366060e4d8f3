import { describe, expect, it } from 'vitest';
import { canonicalText, contentHash, mediaOf, type CanonicalRevision } from './canonical.ts';
import { convertScript } from './script.ts';

const revision: CanonicalRevision = {
  district: '120114',
  articleId: '6f1c2b9e-0000-4000-8000-000000000001',
  number: 2,
  title: '标题',
  bodyHtml: `<p>正文</p><img src="/portal/media/${'b'.repeat(64)}"><img src="/portal/media/${'a'.repeat(64)}">`,
  script: 'hans',
  publishedOn: '2011-11-30',
};

describe('the canonical revision', () => {
  it('changes its hash when anything a reader sees, or which revision it is, changes', () => {
    const base = contentHash(revision);
    const changes: Partial<CanonicalRevision>[] = [
      { title: '标题！' },
      { bodyHtml: `${revision.bodyHtml} ` },
      { script: 'hant' },
      { publishedOn: '2011-12-01' },
      { number: 3 },
      { district: '120115' },
    ];
    for (const change of changes) expect(contentHash({ ...revision, ...change }), JSON.stringify(change)).not.toBe(base);
    expect(contentHash({ ...revision })).toBe(base);
  });

  it('names the images the body uses, in order', () => {
    expect(mediaOf(revision.bodyHtml)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(JSON.parse(canonicalText(revision)).media).toHaveLength(2);
  });
});

describe('the two scripts', () => {
  it('converts between Simplified and Traditional with OpenCC', () => {
    expect(convertScript('创建幸福家庭活动', 'hans', 'hant')).toBe('創建幸福家庭活動');
    expect(convertScript('統籌協調 扎實推進', 'hant', 'hans')).toBe('统筹协调 扎实推进');
    expect(convertScript('<p class="x">计划</p>', 'hans', 'hans')).toBe('<p class="x">计划</p>');
  });
});
