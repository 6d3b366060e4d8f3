import { AlignmentType, BorderStyle, Document, DocumentGridType, LineRuleType, Packer, PageOrientation, Paragraph } from 'docx';
import { inParentheses } from '../../core/coordination/bulletin.ts';
import { chineseDate, chineseNumeral, cstDay, lines, monthText, numberText, percentText as percent } from '../../core/coordination/officialText.ts';
import { completenessChartPng, groupedNumber } from './charts.ts';
import {
  blank,
  caption,
  CHAR_SPACE,
  FANGSONG,
  figure,
  heading,
  imprint,
  issuerTitle,
  KAITI,
  LINE,
  MM,
  PAGE,
  pageNumberFooter,
  para,
  RED,
  run,
  signature,
  SIZE,
  table,
  text,
  textBlock,
  XIAOBIAOSONG,
  type Block,
} from './docxLayout.ts';

/*
 * The bulletin (通报) as a Chinese official document after GB/T 9704-2012: the red issuer title, the
 * number and the red separator; the title; the body in 仿宋 三号 on a grid of 22 lines of 28
 * characters; the four sections (reporting, highlights, indicators, problems) with their tables and
 * chart; the issuer and date; the 印发 line; page numbers "— 1 —" on the outer side. Pure: it lays
 * out what it is given, the caller reads the bulletin and checks who may see it.
 */

interface Rate {
  expected: number;
  received: number;
  onTime: number;
  /** received / expected, 0..1 */
  completeness: number;
  /** onTime / expected, 0..1 */
  timeliness: number;
}

/** A bulletin as the API sends it (the web `Bulletin`), with charts to print if the caller has them. */
export interface BulletinDocument {
  /** 2011-10, 2011-Q4 or 2011 */
  period: string;
  /** 2011年10月 */
  periodLabel: string;
  title: string;
  /** 武清幸福家庭办〔2011〕12号; null for a draft. */
  number: string | null;
  status: 'draft' | 'published';
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  intro: string;
  closing: string;
  months: string[];
  completeness: Rate & { rows: (Rate & { department: { code: string; name: string; shortName: string } })[] };
  late: { department: string; departmentName: string; period: string; dueOn: string; submittedAt: string | null }[];
  returned: { department: string; departmentName: string; period: string; comment: string | null }[];
  highlights: { department: string; departmentName: string; text: string }[];
  indicators: { code: string; name: string; unit: string; departments: string[]; period: number; yearToDate: number }[];
  problems: { department: string; departmentName: string; period: string; text: string }[];
  /**
   * Pictures to print, in order, each under its caption (图1 …), after the reporting table or, with
   * `section: 'indicators'`, after the indicator table. Absent: the reporting chart is drawn here;
   * an empty list prints none.
   */
  charts?: { title: string; png: Buffer; section?: 'completeness' | 'indicators' }[];
}

// ---------------------------------------------------------------------------------------------
// Sections

interface Numbering {
  table: number;
  figure: number;
}

function reportingSection(
  b: BulletinDocument,
  shortName: (code: string, fallback: string) => string,
  charts: NonNullable<BulletinDocument['charts']>,
  n: Numbering,
): Block[] {
  const c = b.completeness;
  const blocks: Block[] = [
    text(
      `${b.periodLabel}，各成员单位应报月报${c.expected}份，已报${c.received}份，其中按时报送${c.onTime}份，报送率${percent(c.completeness)}，及时率${percent(c.timeliness)}。`,
    ),
  ];
  if (c.rows.length > 0) {
    const count = (r: Rate) => [String(r.expected), String(r.received), String(r.onTime), percent(r.completeness), percent(r.timeliness)];
    blocks.push(
      caption(`表${++n.table}　各成员单位报送情况`, true),
      table(
        [{ header: '单位', weight: 3 }, ...['应报', '已报', '按时', '报送率', '及时率'].map((header) => ({ header, weight: 2, numeric: true }))],
        [...c.rows.map((r) => [r.department.shortName, ...count(r)]), ['合计', ...count(c)]],
        { boldLastRow: true },
      ),
    );
  }
  for (const chart of charts) blocks.push(...figure(chart.png, `图${++n.figure}　${chart.title}`));

  const late = b.late.map(
    (l) => `${shortName(l.department, l.departmentName)}（${monthText(l.period)}，${l.submittedAt === null ? '未报送' : `${cstDay(l.submittedAt)}报送`}）`,
  );
  blocks.push(text(late.length === 0 ? '本期各成员单位均按时报送。' : `逾期或未报送：${late.join('、')}。`));
  if (b.returned.length > 0) {
    const returned = b.returned.map((r) => {
      const comment = inParentheses(r.comment ?? '');
      return `${shortName(r.department, r.departmentName)}（${monthText(r.period)}${comment ? `，${comment}` : ''}）`;
    });
    blocks.push(text(`退回修改：${returned.join('、')}。`));
  }
  return blocks;
}

function highlightsSection(b: BulletinDocument, shortName: (code: string, fallback: string) => string): Block[] {
  if (b.highlights.length === 0) return [text('本期各成员单位未报送工作亮点。')];
  return b.highlights.flatMap((h, i) => {
    const [first = '', ...rest] = lines(h.text);
    return [
      para([run(`（${chineseNumeral(i + 1)}）${shortName(h.department, h.departmentName)}。`, { font: KAITI, bold: true }), run(first)]),
      ...rest.map((line) => text(line)),
    ];
  });
}

function indicatorsSection(
  b: BulletinDocument,
  shortName: (code: string, fallback: string) => string,
  charts: NonNullable<BulletinDocument['charts']>,
  n: Numbering,
): Block[] {
  const blocks: Block[] = [];
  if (b.indicators.length === 0) {
    blocks.push(text('本期暂无经审核的指标数据。'));
  } else {
    const last = b.months[b.months.length - 1];
    blocks.push(
      text(`${b.periodLabel}主要指标完成情况见表${n.table + 1}（本年累计自1月起${last ? `至${monthText(last)}` : ''}，均为经审核的数据）。`),
      caption(`表${++n.table}　主要指标完成情况`, true),
      table(
        [
          { header: '指标', weight: 5 },
          { header: '单位', weight: 1.5 },
          { header: '本期', weight: 2.5, numeric: true },
          { header: '本年累计', weight: 2.5, numeric: true },
          { header: '报送单位', weight: 4 },
        ],
        b.indicators.map((i) => [i.name, i.unit, groupedNumber(i.period), groupedNumber(i.yearToDate), i.departments.map((d) => shortName(d, d)).join('、')]),
      ),
    );
  }
  for (const chart of charts) blocks.push(...figure(chart.png, `图${++n.figure}　${chart.title}`));
  return blocks;
}

function problemsSection(b: BulletinDocument, shortName: (code: string, fallback: string) => string): Block[] {
  if (b.problems.length === 0) return [text('本期各成员单位未反映存在问题。')];
  const withMonth = b.months.length > 1;
  return b.problems.map((p, i) =>
    text(`${i + 1}.${shortName(p.department, p.departmentName)}${withMonth ? `（${monthText(p.period)}）` : ''}：${p.text.replace(/\s*\r?\n\s*/g, '')}`),
  );
}

// ---------------------------------------------------------------------------------------------

/** The bulletin as a .docx (GB/T 9704-2012 layout), with the reporting chart drawn here unless the caller brings charts. */
export async function bulletinDocx(bulletin: BulletinDocument): Promise<Buffer> {
  const shortNames = new Map(bulletin.completeness.rows.map((r) => [r.department.code, r.department.shortName]));
  const shortName = (code: string, fallback: string) => shortNames.get(code) ?? fallback;
  const charts =
    bulletin.charts ??
    (bulletin.completeness.rows.length === 0
      ? []
      : [
          {
            title: '各成员单位报送率、及时率',
            png: completenessChartPng(
              bulletin.completeness.rows.map((r) => ({ name: r.department.shortName, completeness: r.completeness, timeliness: r.timeliness })),
            ),
          },
        ]);
  const chartsIn = (section: 'completeness' | 'indicators') => charts.filter((c) => (c.section ?? 'completeness') === section);
  const numbering: Numbering = { table: 0, figure: 0 };
  const date = chineseDate(bulletin.issuedOn);

  const children: Block[] = [
    issuerTitle(bulletin.issuer),
    // 发文字号 two lines under the issuer; the red separator 4 mm under the number, the width of the text.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 2 * LINE },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 11 } },
      children: [run(numberText(bulletin))],
    }),
    // The title two lines under the separator, then one blank line.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 2 * LINE, after: LINE, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(bulletin.title, { font: XIAOBIAOSONG, size: SIZE.title })],
    }),
    ...textBlock(bulletin.intro),
    heading(1, '报送情况'),
    ...reportingSection(bulletin, shortName, chartsIn('completeness'), numbering),
    heading(2, '工作亮点'),
    ...highlightsSection(bulletin, shortName),
    heading(3, '主要指标'),
    ...indicatorsSection(bulletin, shortName, chartsIn('indicators'), numbering),
    heading(4, '存在问题'),
    ...problemsSection(bulletin, shortName),
    ...textBlock(bulletin.closing),
    blank(),
    blank(),
    ...signature(bulletin.issuer, date),
    blank(),
    blank(),
    imprint(bulletin.issuer, date),
  ];

  const doc = new Document({
    title: bulletin.title,
    creator: bulletin.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FANGSONG, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            // The page number sits 7 mm under the text block.
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: Math.round(15 * MM), footer: Math.round(23 * MM) },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
