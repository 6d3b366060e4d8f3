import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, ImageRun, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph,
  ShadingType, Tab, Table, TableCell, TableRow, TabStopType, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { inParentheses } from '../../core/coordination/bulletin.ts';
import { completenessChartPng, groupedNumber, pngSize } from './charts.ts';

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

type Block = Paragraph | Table;
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
type Font = { ascii: string; hAnsi: string; eastAsia: string };

const latin = (eastAsia: string): Font => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const FANGSONG = latin('仿宋_GB2312');
const XIAOBIAOSONG = latin('方正小标宋简体');
const HEITI = latin('黑体');
const KAITI = latin('楷体_GB2312');
const SONGTI = latin('宋体');

// Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt.
const SIZE = { title: 44, body: 32, caption: 28, table: 24, pageNumber: 28 };
const RED = 'FF0000';
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838, top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right; // 156 mm
const LINE = 579; // 28.95 pt: 22 lines in the 225 mm text block
const CHARS_PER_LINE = 28;
const CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE; // twips
// docGrid charSpace: (pitch − font size) in points × 4096, relative to the 16 pt body text.
const CHAR_SPACE = Math.round((CHAR_PITCH / 20 - SIZE.body / 2) * 4096);
const CHART_WIDTH_PX = Math.round((150 / 25.4) * 96); // 15 cm at 96 px to the inch
const CHART_MAX_HEIGHT_PX = Math.round((200 / 25.4) * 96);
const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

// ---------------------------------------------------------------------------------------------
// Wording

/** 1 → 一, 12 → 十二, 40 → 四十: headings up to 99. */
function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : NUMERALS[tens] ?? ''}十${NUMERALS[n % 10] ?? ''}`;
}

/** 2011-12-05 → 2011年12月5日, with Arabic digits as GB/T 9704-2012 writes the date. */
function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** 2011-10 → 10月 */
const monthText = (month: string): string => `${Number(month.slice(5, 7))}月`;

/** An ISO instant as the China Standard Time day it fell on: 11月8日. */
function cstDay(instant: string): string {
  const day = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString();
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** 0.955 → 95.5%, 1 → 100% */
const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/** Width in body characters: a full-width character is one, an ASCII one half. */
const widthInChars = (text: string): number => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) < 0x100 ? 0.5 : 1), 0);

const lines = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

/** The number as printed: the given one, or 〔2011〕　　号 to be filled in; a draft says so. */
function numberText(bulletin: BulletinDocument): string {
  const number = bulletin.number ?? `〔${bulletin.period.slice(0, 4)}〕　　号`;
  return bulletin.status === 'draft' ? `${number}（草稿）` : number;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

interface ParaOptions {
  align?: Align;
  indent?: boolean;
  font?: Font;
  size?: number;
  bold?: boolean;
  keepNext?: boolean;
}

/**
 * A run of text. Only body-sized text keeps to the character grid: the grid gives each character of
 * 16 pt one cell of 15.8 pt, and larger or smaller text would be spread to whole cells.
 */
const run = (text: string, options: { font?: Font; size?: number; bold?: boolean; color?: string; scale?: number } = {}) =>
  new TextRun({
    text, font: options.font, size: options.size, bold: options.bold, color: options.color, scale: options.scale,
    snapToGrid: options.size === undefined || options.size === SIZE.body ? undefined : false,
  });

/** A body paragraph: exact 28.95 pt lines, and a first-line indent of two characters unless told otherwise. */
function para(children: TextRun[], options: ParaOptions = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: Math.round(2 * CHAR_PITCH), firstLineChars: 200 },
    keepNext: options.keepNext,
    children,
  });
}

const text = (value: string, options: ParaOptions = {}) => para([run(value, options)], options);
const blank = () => new Paragraph({ children: [] });
const heading = (n: number, title: string) => text(`${chineseNumeral(n)}、${title}`, { font: HEITI, keepNext: true });
const caption = (value: string, keepNext: boolean) =>
  new Paragraph({ alignment: AlignmentType.CENTER, keepNext, spacing: { line: 400, lineRule: LineRuleType.EXACT }, children: [run(value, { font: HEITI, size: SIZE.caption })] });

/** Body paragraphs from a text that may hold several; a short line ending in a colon is an addressee, set flush left. */
function textBlock(value: string): Paragraph[] {
  return lines(value).map((line) => text(line, { indent: !/^[^，。；：]{1,30}：$/.test(line) }));
}

// ---------------------------------------------------------------------------------------------
// Tables and pictures

interface Column {
  header: string;
  /** Share of the text width. */
  weight: number;
  numeric?: boolean;
}

function cell(value: string, width: number, options: { header?: boolean; numeric?: boolean; bold?: boolean }): TableCell {
  const align = options.header ? AlignmentType.CENTER : options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } : undefined,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    children: [new Paragraph({
      alignment: align,
      spacing: { line: 320, lineRule: LineRuleType.EXACT },
      children: [run(value, { size: SIZE.table, bold: options.header || options.bold })],
    })],
  });
}

/** A table the width of the text, header row bold on grey and repeated on each page, single black borders. */
function table(columns: Column[], rows: string[][], options: { boldLastRow?: boolean } = {}): Table {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => Math.floor((TEXT_WIDTH * c.weight) / total));
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    alignment: AlignmentType.CENTER,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, widths[i] ?? 0, { header: true })) }),
      ...rows.map((values, r) => new TableRow({
        cantSplit: true,
        children: values.map((v, i) => cell(v, widths[i] ?? 0, { numeric: columns[i]?.numeric, bold: options.boldLastRow && r === rows.length - 1 })),
      })),
    ],
  });
}

/** A picture 15 cm wide (narrower if it would be taller than 20 cm), centred, with its caption below. */
function figure(png: Buffer, title: string): Paragraph[] {
  const size = pngSize(png);
  if (!size) throw new Error(`chart "${title}" is not a PNG`);
  const scale = Math.min(CHART_WIDTH_PX / size.width, CHART_MAX_HEIGHT_PX / size.height);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      // Auto spacing: an exact line height would crop the picture to one line.
      spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) }, altText: { name: title, description: title, title } })],
    }),
    caption(title, false),
  ];
}

// ---------------------------------------------------------------------------------------------
// Sections

interface Numbering {
  table: number;
  figure: number;
}

function reportingSection(b: BulletinDocument, shortName: (code: string, fallback: string) => string, charts: NonNullable<BulletinDocument['charts']>, n: Numbering): Block[] {
  const c = b.completeness;
  const blocks: Block[] = [
    text(`${b.periodLabel}，各成员单位应报月报${c.expected}份，已报${c.received}份，其中按时报送${c.onTime}份，报送率${percent(c.completeness)}，及时率${percent(c.timeliness)}。`),
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

  const late = b.late.map((l) => `${shortName(l.department, l.departmentName)}（${monthText(l.period)}，${l.submittedAt === null ? '未报送' : `${cstDay(l.submittedAt)}报送`}）`);
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

function indicatorsSection(b: BulletinDocument, shortName: (code: string, fallback: string) => string, charts: NonNullable<BulletinDocument['charts']>, n: Numbering): Block[] {
  const blocks: Block[] = [];
  if (b.indicators.length === 0) {
    blocks.push(text('本期暂无经审核的指标数据。'));
  } else {
    const last = b.months[b.months.length - 1];
    blocks.push(
      text(`${b.periodLabel}主要指标完成情况见表${n.table + 1}（本年累计自1月起${last ? `至${monthText(last)}` : ''}，均为经审核的数据）。`),
      caption(`表${++n.table}　主要指标完成情况`, true),
      table(
        [{ header: '指标', weight: 5 }, { header: '单位', weight: 1.5 }, { header: '本期', weight: 2.5, numeric: true }, { header: '本年累计', weight: 2.5, numeric: true }, { header: '报送单位', weight: 4 }],
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
  return b.problems.map((p, i) => text(`${i + 1}.${shortName(p.department, p.departmentName)}${withMonth ? `（${monthText(p.period)}）` : ''}：${p.text.replace(/\s*\r?\n\s*/g, '')}`));
}

// ---------------------------------------------------------------------------------------------
// Head and foot

/**
 * 发文机关标志: the issuer in red 小标宋 on one line, 42 pt when it fits, else 36 pt set narrower (as
 * long issuers are printed), down to 60 % of the width, and smaller only beyond that.
 */
function issuerTitle(issuer: string): Paragraph {
  const available = (TEXT_WIDTH / 20) * 0.98; // points
  const chars = Math.max(1, widthInChars(issuer));
  let points = 42;
  let scale = 100;
  if (chars * points > available) {
    points = 36;
    scale = Math.floor((available / (chars * points)) * 100);
    if (scale < 60) {
      scale = 60;
      points = Math.floor(available / (chars * 0.6));
    }
  }
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.round(points * 20 * 1.25), lineRule: LineRuleType.EXACT },
    children: [run(issuer, { font: XIAOBIAOSONG, size: points * 2, color: RED, scale: scale === 100 ? undefined : scale })],
  });
}

/** 发文机关署名 and 成文日期 without a seal: the issuer two characters from the right, the date below it starting two characters further right. */
function signature(issuer: string, date: string): Paragraph[] {
  const issuerWidth = widthInChars(issuer);
  const dateWidth = widthInChars(date);
  let issuerRight = 2;
  let dateRight = issuerRight + issuerWidth - 2 - dateWidth;
  if (dateRight < 2) {
    // The date is the longer: it keeps two characters from the right, the issuer starts two characters before it.
    dateRight = 2;
    issuerRight = dateRight + dateWidth + 2 - issuerWidth;
  }
  const at = (value: string, right: number) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(right * CHAR_PITCH) }, children: [run(value)] });
  return [at(issuer, issuerRight), at(date, dateRight)];
}

/** 版记: the 印发 line between two rules. */
function imprint(issuer: string, date: string): Paragraph {
  const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
  const oneChar = Math.round((SIZE.caption / 2) * 20);
  return new Paragraph({
    border: { top: rule, bottom: rule },
    indent: { left: oneChar, right: oneChar },
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - oneChar }],
    children: [new TextRun({ size: SIZE.caption, snapToGrid: false, children: [issuer, new Tab(), `${date}印发`] })],
  });
}

/** "— 1 —" in 宋体 四号, one character in from the outer edge: right on odd pages, left on even ones. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = Math.round((SIZE.pageNumber / 2) * 20);
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
      spacing: { line: 240, lineRule: LineRuleType.AUTO },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: SIZE.pageNumber, snapToGrid: false })],
    })],
  });
}

// ---------------------------------------------------------------------------------------------

/** The bulletin as a .docx (GB/T 9704-2012 layout), with the reporting chart drawn here unless the caller brings charts. */
export async function bulletinDocx(bulletin: BulletinDocument): Promise<Buffer> {
  const shortNames = new Map(bulletin.completeness.rows.map((r) => [r.department.code, r.department.shortName]));
  const shortName = (code: string, fallback: string) => shortNames.get(code) ?? fallback;
  const charts = bulletin.charts ?? (bulletin.completeness.rows.length === 0 ? [] : [{
    title: '各成员单位报送率、及时率',
    png: completenessChartPng(bulletin.completeness.rows.map((r) => ({ name: r.department.shortName, completeness: r.completeness, timeliness: r.timeliness }))),
  }]);
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
    sections: [{
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
    }],
  });
  return Packer.toBuffer(doc);
}
