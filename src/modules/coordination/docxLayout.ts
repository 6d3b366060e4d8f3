import {
  AlignmentType,
  BorderStyle,
  Footer,
  ImageRun,
  LineRuleType,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { chineseNumeral, lines, widthInChars } from '../../core/coordination/officialText.ts';
import { pngSize } from './charts.ts';

/*
 * The building blocks of a Chinese official document (GB/T 9704-2012) in Word: the page and its
 * grid of 22 lines of 28 characters, the fonts and sizes, body paragraphs, headings, captions,
 * tables and pictures, the red issuer title, the signature, the 印发 line and the page numbers.
 */

export type Block = Paragraph | Table;
export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
export type Font = { ascii: string; hAnsi: string; eastAsia: string };

export const latin = (eastAsia: string): Font => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
export const FANGSONG = latin('仿宋_GB2312');
export const XIAOBIAOSONG = latin('方正小标宋简体');
export const HEITI = latin('黑体');
export const KAITI = latin('楷体_GB2312');
export const SONGTI = latin('宋体');

// Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt.
export const SIZE = { title: 44, body: 32, caption: 28, table: 24, pageNumber: 28 };
export const RED = 'FF0000';
export const MM = 56.7; // twips per millimetre
export const PAGE = {
  width: 11906,
  height: 16838,
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
};
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right; // 156 mm
export const LINE = 579; // 28.95 pt: 22 lines in the 225 mm text block
export const CHARS_PER_LINE = 28;
export const CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE; // twips
// docGrid charSpace: (pitch − font size) in points × 4096, relative to the 16 pt body text.
export const CHAR_SPACE = Math.round((CHAR_PITCH / 20 - SIZE.body / 2) * 4096);
export const CHART_WIDTH_PX = Math.round((150 / 25.4) * 96); // 15 cm at 96 px to the inch
export const CHART_MAX_HEIGHT_PX = Math.round((200 / 25.4) * 96);

// ---------------------------------------------------------------------------------------------
// Paragraphs

export interface ParaOptions {
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
export const run = (text: string, options: { font?: Font; size?: number; bold?: boolean; color?: string; scale?: number } = {}) =>
  new TextRun({
    text,
    font: options.font,
    size: options.size,
    bold: options.bold,
    color: options.color,
    scale: options.scale,
    snapToGrid: options.size === undefined || options.size === SIZE.body ? undefined : false,
  });

/** A body paragraph: exact 28.95 pt lines, and a first-line indent of two characters unless told otherwise. */
export function para(children: TextRun[], options: ParaOptions = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: Math.round(2 * CHAR_PITCH), firstLineChars: 200 },
    keepNext: options.keepNext,
    children,
  });
}

export const text = (value: string, options: ParaOptions = {}) => para([run(value, options)], options);
export const blank = () => new Paragraph({ children: [] });
export const heading = (n: number, title: string) => text(`${chineseNumeral(n)}、${title}`, { font: HEITI, keepNext: true });
export const caption = (value: string, keepNext: boolean) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext,
    spacing: { line: 400, lineRule: LineRuleType.EXACT },
    children: [run(value, { font: HEITI, size: SIZE.caption })],
  });

/** Body paragraphs from a text that may hold several; a short line ending in a colon is an addressee, set flush left. */
export function textBlock(value: string): Paragraph[] {
  return lines(value).map((line) => text(line, { indent: !/^[^，。；：]{1,30}：$/.test(line) }));
}

// ---------------------------------------------------------------------------------------------
// Tables and pictures

export interface Column {
  header: string;
  /** Share of the text width. */
  weight: number;
  numeric?: boolean;
}

export function cell(value: string, width: number, options: { header?: boolean; numeric?: boolean; bold?: boolean }): TableCell {
  const align = options.header ? AlignmentType.CENTER : options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } : undefined,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: align,
        spacing: { line: 320, lineRule: LineRuleType.EXACT },
        children: [run(value, { size: SIZE.table, bold: options.header || options.bold })],
      }),
    ],
  });
}

/** A table the width of the text, header row bold on grey and repeated on each page, single black borders. */
export function table(columns: Column[], rows: string[][], options: { boldLastRow?: boolean } = {}): Table {
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
      ...rows.map(
        (values, r) =>
          new TableRow({
            cantSplit: true,
            children: values.map((v, i) => cell(v, widths[i] ?? 0, { numeric: columns[i]?.numeric, bold: options.boldLastRow && r === rows.length - 1 })),
          }),
      ),
    ],
  });
}

/** A picture 15 cm wide (narrower if it would be taller than 20 cm), centred, with its caption below. */
export function figure(png: Buffer, title: string): Paragraph[] {
  const size = pngSize(png);
  if (!size) throw new Error(`chart "${title}" is not a PNG`);
  const scale = Math.min(CHART_WIDTH_PX / size.width, CHART_MAX_HEIGHT_PX / size.height);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      // Auto spacing: an exact line height would crop the picture to one line.
      spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: title, description: title, title },
        }),
      ],
    }),
    caption(title, false),
  ];
}

// ---------------------------------------------------------------------------------------------
// Head and foot

/**
 * 发文机关标志: the issuer in red 小标宋 on one line, 42 pt when it fits, else 36 pt set narrower (as
 * long issuers are printed), down to 60 % of the width, and smaller only beyond that.
 */
export function issuerTitle(issuer: string): Paragraph {
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
export function signature(issuer: string, date: string): Paragraph[] {
  const issuerWidth = widthInChars(issuer);
  const dateWidth = widthInChars(date);
  let issuerRight = 2;
  let dateRight = issuerRight + issuerWidth - 2 - dateWidth;
  if (dateRight < 2) {
    // The date is the longer: it keeps two characters from the right, the issuer starts two characters before it.
    dateRight = 2;
    issuerRight = dateRight + dateWidth + 2 - issuerWidth;
  }
  const at = (value: string, right: number) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(right * CHAR_PITCH) }, children: [run(value)] });
  return [at(issuer, issuerRight), at(date, dateRight)];
}

/** 版记: the 印发 line between two rules. */
export function imprint(issuer: string, date: string): Paragraph {
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
export function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = Math.round((SIZE.pageNumber / 2) * 20);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: SIZE.pageNumber, snapToGrid: false })],
      }),
    ],
  });
}
