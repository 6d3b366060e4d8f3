import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { bulletinDocx, type BulletinDocument } from './bulletinDocx.ts';
import { completenessChartPng, groupedNumber, indicatorChartPng, pngSize } from './charts.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const department = (code: string, name: string, shortName: string) => ({ code, name, shortName });
const rate = (expected: number, received: number, onTime: number) => ({
  expected,
  received,
  onTime,
  completeness: expected === 0 ? 1 : received / expected,
  timeliness: expected === 0 ? 1 : onTime / expected,
});

const bulletin = (extra: Partial<BulletinDocument> = {}): BulletinDocument => ({
  period: '2011-10',
  periodLabel: '2011年10月',
  title: '关于2011年10月创建幸福家庭活动工作进展情况的通报',
  number: '武清幸福家庭办〔2011〕12号',
  status: 'published',
  issuer: '武清区创建幸福家庭活动领导小组办公室',
  issuedOn: '2011-11-15',
  intro: '各成员单位：\n现将2011年10月各成员单位创建幸福家庭活动工作进展情况通报如下。',
  closing: '请各成员单位对照职责分工，按时报送月度工作进展情况。',
  months: ['2011-10'],
  completeness: {
    ...rate(3, 2, 1),
    rows: [
      { department: department('wsj', '武清区卫生局', '卫生局'), ...rate(1, 1, 1) },
      { department: department('njtg', '武清区农业技术推广中心', '农技推广中心'), ...rate(1, 1, 0) },
      { department: department('fl', '武清区妇女联合会', '妇联'), ...rate(1, 0, 0) },
    ],
  },
  late: [
    { department: 'njtg', departmentName: '武清区农业技术推广中心', period: '2011-10', dueOn: '2011-11-05', submittedAt: '2011-11-08T01:30:00Z' },
    { department: 'fl', departmentName: '武清区妇女联合会', period: '2011-10', dueOn: '2011-11-05', submittedAt: null },
  ],
  returned: [{ department: 'wsj', departmentName: '武清区卫生局', period: '2011-10', comment: '培训人次与上月不衔接。' }], // a full stop the brackets must not keep
  highlights: [{ department: 'wsj', departmentName: '武清区卫生局', text: '开展优生优育进家庭活动12场。' }],
  indicators: [
    { code: 'fund', name: '奖励扶助资金发放', unit: '元', departments: ['wsj'], period: 460000, yearToDate: 3_820_500.5 },
    { code: 'homes', name: '幸福家庭示范户', unit: '户', departments: ['wsj', 'fl'], period: 125, yearToDate: 1250 },
    { code: 'train', name: '培训人次', unit: '人次', departments: ['njtg'], period: 3, yearToDate: 42 },
  ],
  problems: [{ department: 'fl', departmentName: '武清区妇女联合会', period: '2011-10', text: '基层联络员变动，报送不及时。' }],
  ...extra,
});

async function unzip(buffer: Buffer): Promise<{ document: string; styles: string; media: { name: string; bytes: Buffer }[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) throw new Error(`no ${name}`);
    return xml;
  };
  const media = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => n.startsWith('word/media/'))
      .map(async (name) => ({
        name,
        bytes: Buffer.from(await (zip.file(name) as JSZip.JSZipObject).async('uint8array')),
      })),
  );
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), media };
}

/** The text of each paragraph of the body, runs joined. */
const paragraphs = (xml: string): string[] =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

describe('the bulletin document', () => {
  it('prints the head, every section, the tables, the chart, and the signature', async () => {
    const { document, styles, media } = await unzip(await bulletinDocx(bulletin()));
    const text = paragraphs(document);
    const all = text.join('\n');

    expect(text[0]).toBe('武清区创建幸福家庭活动领导小组办公室');
    expect(text).toContain('武清幸福家庭办〔2011〕12号');
    expect(all).toContain('关于2011年10月创建幸福家庭活动工作进展情况的通报');
    expect(all).toContain('应报月报3份，已报2份，其中按时报送1份，报送率66.7%，及时率33.3%');
    expect(text).toContain('农技推广中心');
    expect(all).toContain('逾期或未报送：农技推广中心（10月，11月8日报送）、妇联（10月，未报送）。');
    expect(all).toContain('退回修改：卫生局（10月，培训人次与上月不衔接）。');
    expect(all).toContain('（一）卫生局。开展优生优育进家庭活动12场。');
    expect(text).toContain('460,000');
    expect(text).toContain('3,820,500.5');
    expect(text).toContain('卫生局、妇联');
    expect(all).toContain('1.妇联：基层联络员变动，报送不及时。');
    for (const heading of ['一、报送情况', '二、工作亮点', '三、主要指标', '四、存在问题']) expect(text).toContain(heading);
    expect(text).toContain('2011年11月15日');
    expect(text.filter((t) => t === '武清区创建幸福家庭活动领导小组办公室')).toHaveLength(2);
    expect(all).toContain('2011年11月15日印发');

    // The red issuer title and separator, the fonts, the A4 page with GB/T 9704 margins and the 22-line grid.
    expect(document).toMatch(/<w:color w:val="FF0000"\/>[\s\S]*武清区创建幸福家庭活动领导小组办公室/);
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="18"/);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(document).toContain('w:eastAsia="黑体"');
    expect(document).toContain('w:w="11906" w:h="16838"');
    expect(document).toMatch(/<w:pgMar [^>]*w:top="2098"[^>]*w:left="1588"/);
    expect(document).toMatch(/<w:docGrid [^>]*w:linePitch="579"/);
    expect(styles).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);

    expect(media).toHaveLength(1);
    expect([...(media[0]?.bytes.subarray(0, 8) ?? [])]).toEqual(PNG_SIGNATURE);
  });

  it('marks a draft and leaves its number to be filled in', async () => {
    const { document } = await unzip(await bulletinDocx(bulletin({ status: 'draft', number: null })));
    expect(paragraphs(document)).toContain('〔2011〕　　号（草稿）');
  });

  it('says so when nobody was late and no problem was raised, and prints the charts it is given', async () => {
    const chart = indicatorChartPng([{ name: '培训人次', value: 3, unit: '人次' }], { width: 320, height: 160, scale: 1 });
    const { document, media } = await unzip(
      await bulletinDocx(
        bulletin({
          late: [],
          returned: [],
          problems: [],
          highlights: [],
          charts: [{ title: '主要指标', png: chart, section: 'indicators' }],
        }),
      ),
    );
    const all = paragraphs(document).join('\n');
    expect(all).toContain('本期各成员单位均按时报送。');
    expect(all).toContain('本期各成员单位未反映存在问题。');
    expect(all).toContain('本期各成员单位未报送工作亮点。');
    expect(all).not.toContain('退回修改');
    expect(all).toContain('图1　主要指标');
    expect(all.indexOf('图1　主要指标')).toBeGreaterThan(all.indexOf('三、主要指标'));
    expect(media.map((m) => m.bytes.length)).toEqual([chart.length]);
  });
});

describe('the charts', () => {
  it('draws the reporting rates as a PNG of the size asked for', () => {
    const rows = ['卫生局', '农技推广中心', '妇联'].map((name, i) => ({ name, completeness: 1 - i * 0.2, timeliness: 0.5 }));
    const png = completenessChartPng(rows, { width: 600, height: 300 });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1200, height: 600 });
    // By default the height grows with the number of departments.
    const nineteen = pngSize(completenessChartPng(Array.from({ length: 19 }, (_, i) => ({ name: `单位${i}`, completeness: 1, timeliness: 1 }))));
    expect(nineteen?.width).toBe(1280);
    expect(nineteen?.height).toBeGreaterThan(1000);
  });

  it('draws indicator totals that differ by orders of magnitude, and zeros', () => {
    const png = indicatorChartPng([
      { name: '奖励扶助资金发放', value: 460000, unit: '元' },
      { name: '培训人次', value: 3, unit: '人次' },
      { name: '新建场所', value: 0, unit: '个' },
    ]);
    const size = pngSize(png);
    expect(size?.width).toBe(1280);
    expect(size?.height).toBeGreaterThan(300);
  });

  it('groups thousands as the tables do', () => {
    expect(groupedNumber(460000)).toBe('460,000');
    expect(groupedNumber(1234.567)).toBe('1,234.57');
    expect(groupedNumber(0)).toBe('0');
  });
});
