import type { Stream } from 'node:stream';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { FundingBody } from '../../core/benefits/types.ts';
import { inertCell, inertRow, inertText } from '../../core/exports/inert.ts';

/*
 * The paper the benefits office issues: the public notice of the persons to be confirmed (.docx),
 * the monthly payment roll (.xlsx) and the bank's payment file (.csv). The writers are pure: the
 * caller reads the data (and checks who may see it); these only lay it out. Money is summed in
 * integer fen, never in floating yuan, and a roll or bank file whose lines do not add up to the
 * control totals the caller computed is refused rather than written. Every cell and field of the
 * roll and the bank file goes through core/exports/inert, so no name becomes a formula. The bank
 * file is written in bankFile.ts.
 */

type Category = 'death' | 'disability' | null;

const fundLabel: Record<FundingBody, string> = { district: '区财政', township: '乡镇财政', 'health-bureau': '区卫生局' };
const kindLabel: Record<RollLineOut['kind'], string> = { regular: '正常发放', arrears: '补发', adjustment: '调整' };
const categoryLabel = (category: Category): string => (category === 'death' ? '死亡' : category === 'disability' ? '伤残' : '—');

/** Yuan to integer fen; refuses amounts that are not whole fen, which would be a bug upstream, not something to round away. */
export function toFen(amount: number, what: string): number {
  const fen = Math.round(amount * 100);
  if (!Number.isFinite(amount) || Math.abs(amount * 100 - fen) > 1e-3) throw new Error(`${what}: amount ${amount} is not a whole number of fen`);
  return fen;
}

/** Fen as yuan with two decimals, without going through floating division for the digits. */
export function fenText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 2011-06-01 → 2011年6月1日, as dates are written in official documents; anything else is printed as given. */
function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

// ---------------------------------------------------------------------------------------------
// The public notice (村级公示 / 乡镇公示 / 区级公布)
// ---------------------------------------------------------------------------------------------

export interface PublicNoticePerson {
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD; only year and month are printed. */
  birthDate: string;
  idNumberMasked: string;
  townshipName: string;
  villageName: string;
  programmeName: string;
  category: Category;
  /** Yuan a month; for a one-off programme the one-off amount (and `oneOff` set). */
  monthlyAmount: number;
  /** The amount is paid once, not monthly: printed as 元 rather than 元/月. */
  oneOff?: boolean;
}

export interface PublicNoticeInput {
  stage: 'village' | 'township' | 'district';
  /** The confirmation year. */
  year: number;
  districtName: string;
  /** Who issues the notice, printed above the date, e.g. 梅厂镇计划生育办公室. */
  issuer: string;
  /** The village, township or district the list covers. */
  scopeName: string;
  /** The notice period; null for the district publication (a village or township notice without one prints blanks to fill in). */
  noticeFrom: string | null;
  noticeUntil: string | null;
  /** Where objections go, e.g. 梅厂镇计生办 电话 022-xxxxxxx. */
  contact: string;
  /** The date printed under the issuer. */
  issuedOn: string;
  /** What the list is of, in the title; defaults to 农村部分计划生育家庭奖励扶助等对象. */
  subject?: string;
  /** Already sorted by village, then name; printed as given. */
  persons: PublicNoticePerson[];
}

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const BODY_SIZE = 28; // half-points: 14pt (四号), the body of an official document is 三号/16pt, a posted list a size smaller
const TABLE_SIZE = 21; // 10.5pt (五号)
const TITLE_SIZE = 44; // 22pt (二号); bold 宋体 standing in for 小标宋
const MM = 56.7; // twips per millimetre
// GB/T 9704 margins: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; 156 mm of text.
const PAGE = { width: 11906, height: 16838, top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const publicNoticeColumns: { header: string; mm: number; cell: (p: PublicNoticePerson, seq: number) => string }[] = [
  { header: '序号', mm: 9, cell: (_p, seq) => String(seq) },
  { header: '姓名', mm: 14, cell: (p) => p.name },
  { header: '性别', mm: 8, cell: (p) => (p.sex === 'M' ? '男' : '女') },
  { header: '出生年月', mm: 15, cell: (p) => p.birthDate.slice(0, 7).replace('-', '.') },
  { header: '身份证号', mm: 33, cell: (p) => p.idNumberMasked },
  { header: '乡镇街', mm: 15, cell: (p) => p.townshipName },
  { header: '村居', mm: 17, cell: (p) => p.villageName },
  { header: '项目', mm: 22, cell: (p) => p.programmeName },
  { header: '类别', mm: 9, cell: (p) => categoryLabel(p.category) },
  { header: '标准', mm: 14, cell: (p) => standardText(p) },
];

function standardText(p: PublicNoticePerson): string {
  const fen = toFen(p.monthlyAmount, p.name);
  const yuan = fen % 100 === 0 ? String(fen / 100) : fenText(fen);
  return p.oneOff ? `${yuan}元` : `${yuan}元/月`;
}

const DEFAULT_SUBJECT = '农村部分计划生育家庭奖励扶助等对象';
const BLANK_DATE = '　　　　年　　月　　日';

/** Who has reviewed the list by this stage, and what the notice does with it. */
function leadText(input: PublicNoticeInput): string {
  const reviewed = {
    village: '经本人申请、村（居）民委员会初审',
    township: '经本人申请、村（居）民委员会初审、乡镇（街道）审核',
    district: '经本人申请、村（居）民委员会初审、乡镇（街道）审核、区级审批确认',
  }[input.stage];
  const subject = input.subject ?? DEFAULT_SUBJECT;
  const verb = input.stage === 'district' ? '予以公布' : '予以公示';
  const lead = `${reviewed}，现将${input.scopeName}${input.year}年度${subject}名单${verb}。`;
  if (input.stage === 'district' && (input.noticeFrom === null || input.noticeUntil === null)) return `${lead}对名单有异议的，可向${input.contact}反映。`;
  // A notice must state its period; one not yet set is left blank to be filled in by hand rather than left out.
  const from = input.noticeFrom === null ? BLANK_DATE : chineseDate(input.noticeFrom);
  const until = input.noticeUntil === null ? BLANK_DATE : chineseDate(input.noticeUntil);
  return `${lead}公示期为${from}至${until}。公示期间，对名单有异议的，可向${input.contact}反映。`;
}

/** Persons, counted once however many programmes they are listed under; rows are counted too when they differ. */
function countText(persons: PublicNoticePerson[]): string {
  const distinct = new Set(persons.map((p) => [p.name, p.birthDate, p.idNumberMasked, p.townshipName, p.villageName].join('\u0000'))).size;
  return distinct === persons.length ? `共${distinct}人` : `共${distinct}人，${persons.length}人次`;
}

const para = (
  text: string,
  options: { size?: number; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; firstLineChars?: number; font?: typeof BODY_FONT } = {},
) =>
  new Paragraph({
    alignment: options.align,
    indent: options.firstLineChars ? { firstLine: options.firstLineChars * (options.size ?? BODY_SIZE) * 10 } : undefined,
    spacing: { line: 360 },
    children: [new TextRun({ text, size: options.size, bold: options.bold, font: options.font })],
  });

function tableCell(text: string, widthTwips: number, options: { bold?: boolean; span?: number } = {}): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 40, right: 40, top: 20, bottom: 20 },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size: TABLE_SIZE, bold: options.bold })] })],
  });
}

function publicNoticeTable(persons: PublicNoticePerson[]): Table {
  const scale = TEXT_WIDTH / publicNoticeColumns.reduce((sum, c) => sum + c.mm, 0);
  const widths = publicNoticeColumns.map((c) => Math.floor(c.mm * scale));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: publicNoticeColumns.map((c, i) => tableCell(c.header, widths[i] ?? 0, { bold: true })),
  });
  const rows =
    persons.length === 0
      ? [new TableRow({ children: [tableCell('无', TEXT_WIDTH, { span: publicNoticeColumns.length })] })]
      : persons.map((p, n) => new TableRow({ cantSplit: true, children: publicNoticeColumns.map((c, i) => tableCell(c.cell(p, n + 1), widths[i] ?? 0)) }));
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [header, ...rows],
  });
}

/**
 * The notice posted at the village, the township, or published by the district: title, who has
 * reviewed the list and the notice period, the table (its header repeated on every page), the
 * count, and the issuer and date. A4 portrait, laid out after GB/T 9704.
 */
export async function publicNoticeDocx(input: PublicNoticeInput): Promise<Buffer> {
  const word = input.stage === 'district' ? '公布' : '公示';
  const subject = input.subject ?? DEFAULT_SUBJECT;
  const title = `${input.districtName}${input.year}年度${subject}${word}名单`;
  const children: (Paragraph | Table)[] = [para(title, { size: TITLE_SIZE, bold: true, align: AlignmentType.CENTER, font: TITLE_FONT })];
  if (input.scopeName !== input.districtName) children.push(para(`（${input.scopeName}）`, { align: AlignmentType.CENTER }));
  children.push(
    para(''),
    para(leadText(input), { firstLineChars: 2 }),
    para(''),
    publicNoticeTable(input.persons),
    para(countText(input.persons), { align: AlignmentType.LEFT }),
    para(''),
    para(input.issuer, { align: AlignmentType.RIGHT }),
    para(chineseDate(input.issuedOn), { align: AlignmentType.RIGHT }),
  );
  const doc = new Document({
    title,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: BODY_SIZE })] }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// The payment roll (发放花名册)
// ---------------------------------------------------------------------------------------------

export interface RollHeader {
  districtName: string;
  programmeName: string;
  /** The programme's funding body as printed, e.g. 区财政. */
  fundedByName: string;
  /** YYYY-MM */
  period: string;
  /** The roll's state, in Chinese. */
  state: string;
  /** The roll reference, e.g. RA-2011-06-3f2a… */
  reference: string;
  generatedBy: string;
  /** As a clock in China shows it, e.g. 2011-06-02 09:00 (core/calendar chinaDateTime). */
  generatedAt: string;
  checkedBy: string | null;
  approvedBy: string | null;
  /** As generatedAt. */
  approvedAt: string | null;
}

export interface RollLineOut {
  seq: number;
  townshipName: string;
  villageName: string;
  name: string;
  idNumberMasked: string;
  /** YYYY-MM: the month the payment is for. */
  paidMonth: string;
  kind: 'regular' | 'arrears' | 'adjustment';
  category: Category;
  /** Yuan; negative for an adjustment that takes money back. */
  amount: number;
  fundedBy: FundingBody;
  note: string | null;
}

export interface RollTotals {
  lines: number;
  amount: number;
  byTownship: { townshipName: string; lines: number; amount: number }[];
  byFundingBody: { fundedBy: FundingBody; amount: number }[];
}

const rollColumns: Partial<ExcelJS.Column>[] = [
  { header: '序号', key: 'seq', width: 7 },
  { header: '乡镇街', key: 'township', width: 12 },
  { header: '村居', key: 'village', width: 14 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '身份证号', key: 'idNumber', width: 21 },
  { header: '所属月份', key: 'paidMonth', width: 10 },
  { header: '类别', key: 'category', width: 6 },
  { header: '发放类型', key: 'kind', width: 10 },
  { header: '金额（元）', key: 'amount', width: 12 },
  { header: '资金来源', key: 'fundedBy', width: 10 },
  { header: '备注', key: 'note', width: 20 },
];
const AMOUNT_COLUMN = 9;
const MONEY = '#,##0.00';
const HEADER_ROW = 4;

/** 2011-06 → 2011年06月 */
const periodText = (period: string) => period.replace(/^(\d{4})-(\d{2})$/, '$1年$2月');

/** Counts and fen per township and per funding body, kept while the lines stream past. */
class RollTally {
  lines = 0;
  fen = 0;
  readonly townships = new Map<string, { lines: number; fen: number }>();
  readonly funds = new Map<FundingBody, number>();

  add(line: RollLineOut): number {
    const fen = toFen(line.amount, `roll line ${line.seq}`);
    this.lines++;
    this.fen += fen;
    const t = this.townships.get(line.townshipName) ?? { lines: 0, fen: 0 };
    this.townships.set(line.townshipName, { lines: t.lines + 1, fen: t.fen + fen });
    this.funds.set(line.fundedBy, (this.funds.get(line.fundedBy) ?? 0) + fen);
    return fen;
  }

  /** What does not agree with the caller's control totals; empty when the roll may be issued. */
  differences(totals: RollTotals): string[] {
    const found: string[] = [];
    if (this.lines !== totals.lines) found.push(`lines ${this.lines} ≠ control ${totals.lines}`);
    if (this.fen !== toFen(totals.amount, 'control total')) found.push(`amount ${fenText(this.fen)} ≠ control ${totals.amount}`);
    const controlTownships = new Map(
      totals.byTownship.map((t) => [t.townshipName, { lines: t.lines, fen: toFen(t.amount, `control total of ${t.townshipName}`) }]),
    );
    for (const name of new Set([...this.townships.keys(), ...controlTownships.keys()])) {
      const mine = this.townships.get(name) ?? { lines: 0, fen: 0 };
      const theirs = controlTownships.get(name) ?? { lines: 0, fen: 0 };
      if (mine.lines !== theirs.lines || mine.fen !== theirs.fen)
        found.push(`${name}: ${mine.lines} lines ${fenText(mine.fen)} ≠ control ${theirs.lines} lines ${fenText(theirs.fen)}`);
    }
    const controlFunds = new Map(totals.byFundingBody.map((f) => [f.fundedBy, toFen(f.amount, `control total of ${f.fundedBy}`)]));
    for (const body of new Set([...this.funds.keys(), ...controlFunds.keys()])) {
      const mine = this.funds.get(body) ?? 0;
      const theirs = controlFunds.get(body) ?? 0;
      if (mine !== theirs) found.push(`${fundLabel[body]}: ${fenText(mine)} ≠ control ${fenText(theirs)}`);
    }
    return found;
  }
}

/** Title, the roll's reference and workflow, merged across the width of the table. */
function writeRollHead(sheet: ExcelJS.Worksheet, header: RollHeader): void {
  const who = (name: string | null, at: string | null, none: string) => (name ? `${name}${at ? `（${at}）` : ''}` : none);
  const lines = [
    `${header.districtName}${header.programmeName}发放花名册（${periodText(header.period)}）`,
    `花名册编号：${header.reference}　　状态：${header.state}　　资金来源：${header.fundedByName}`,
    `制表：${who(header.generatedBy, header.generatedAt, '')}　　审核：${who(header.checkedBy, null, '未审核')}　　审批：${who(header.approvedBy, header.approvedAt, '未审批')}`,
  ];
  lines.forEach((text, i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = inertText(text);
    row.getCell(1).font = i === 0 ? { bold: true, size: 16 } : { size: 10 };
    row.getCell(1).alignment = { horizontal: i === 0 ? 'center' : 'left' };
    sheet.mergeCells(i + 1, 1, i + 1, rollColumns.length);
    row.commit();
  });
  const head = sheet.getRow(HEADER_ROW);
  head.values = rollColumns.map((c) => inertText(c.header as string));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center' };
  head.commit();
}

function addRollLine(sheet: ExcelJS.Worksheet, line: RollLineOut, fen: number): void {
  const row = sheet.addRow(
    inertRow({
      seq: line.seq,
      township: line.townshipName,
      village: line.villageName,
      name: line.name,
      idNumber: line.idNumberMasked,
      paidMonth: line.paidMonth,
      category: categoryLabel(line.category),
      kind: kindLabel[line.kind],
      amount: fen / 100,
      fundedBy: fundLabel[line.fundedBy],
      note: line.note ?? undefined,
    }),
  );
  row.getCell(AMOUNT_COLUMN).numFmt = MONEY;
  row.commit();
}

/** The summary sheet: by township, by funding body, and the control check the roll passed. */
async function writeRollSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, header: RollHeader, tally: RollTally, totals: RollTotals): Promise<void> {
  const sheet = workbook.addWorksheet('汇总', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  sheet.columns = [{ width: 22 }, { width: 12 }, { width: 16 }];
  const add = (values: (string | number | null)[], options: { bold?: boolean; moneyAt?: number } = {}) => {
    const row = sheet.addRow(values.map(inertCell));
    if (options.bold) row.font = { bold: true };
    if (options.moneyAt) row.getCell(options.moneyAt).numFmt = MONEY;
    row.commit();
  };
  add([`${header.districtName}${header.programmeName}发放汇总（${periodText(header.period)}）`], { bold: true });
  add([`花名册编号：${header.reference}`]);
  add([]);
  add(['乡镇街', '人次', '金额（元）'], { bold: true });
  const townshipOrder = [...totals.byTownship.map((t) => t.townshipName), ...tally.townships.keys()];
  for (const name of new Set(townshipOrder)) {
    const t = tally.townships.get(name);
    if (t) add([name, t.lines, t.fen / 100], { moneyAt: 3 });
  }
  add(['合计', tally.lines, tally.fen / 100], { bold: true, moneyAt: 3 });
  add([]);
  add(['资金来源', null, '金额（元）'], { bold: true });
  for (const body of Object.keys(fundLabel) as FundingBody[]) {
    const fen = tally.funds.get(body);
    if (fen !== undefined) add([fundLabel[body], null, fen / 100], { moneyAt: 3 });
  }
  add(['合计', null, tally.fen / 100], { bold: true, moneyAt: 3 });
  add([]);
  add(['控制数核对', '人次', '金额（元）'], { bold: true });
  add(['花名册逐行合计', tally.lines, tally.fen / 100], { moneyAt: 3 });
  add(['控制数', totals.lines, toFen(totals.amount, 'control total') / 100], { moneyAt: 3 });
  add(['核对结果', '一致']);
  await sheet.commit();
}

/**
 * Streams the payment roll as .xlsx into `out`: sheet 发放花名册 (head, one committed row per line,
 * the 合计 control row) and sheet 汇总. The lines are counted and summed (in fen) as they stream;
 * if that, or the split by township or funding body, differs from `totals`, it throws before the
 * workbook is finished, so what reached `out` is not a readable workbook and must be discarded.
 * Returns the streamed count and sum.
 */
export async function writeRollWorkbook(
  out: NodeJS.WritableStream,
  header: RollHeader,
  lines: AsyncIterable<RollLineOut>,
  totals: RollTotals,
): Promise<{ lines: number; amount: number }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as Stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('发放花名册', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  // Keys and widths only: the header goes in row 4, under the roll's head, not in row 1.
  sheet.columns = rollColumns.map(({ key, width }) => ({ key, width }));
  writeRollHead(sheet, header);
  const tally = new RollTally();
  for await (const line of lines) addRollLine(sheet, line, tally.add(line));
  const differences = tally.differences(totals);
  if (differences.length > 0) throw new Error(`roll ${header.reference} does not match its control totals: ${differences.join('; ')}`);
  const total = sheet.addRow(inertRow({ seq: '合计', township: tally.lines, village: '人次', amount: tally.fen / 100 }));
  total.font = { bold: true };
  total.getCell(AMOUNT_COLUMN).numFmt = MONEY;
  total.commit();
  await sheet.commit();
  await writeRollSummary(workbook, header, tally, totals);
  await workbook.commit();
  return { lines: tally.lines, amount: tally.fen / 100 };
}
