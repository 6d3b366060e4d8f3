import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeBankCsv, type BankLine } from './bankFile.ts';
import {
  publicNoticeDocx,
  writeRollWorkbook,
  type PublicNoticeInput,
  type PublicNoticePerson,
  type RollHeader,
  type RollLineOut,
  type RollTotals,
} from './documents.ts';

/** A writable that keeps what it is given, so a streamed document can be read back. */
function sink(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function* from<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** The text of each paragraph of the document body, runs joined. */
async function docxParagraphs(buffer: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

/** A name as the security test registered it: a live link if a spreadsheet evaluated it. */
const MALICIOUS = '=HYPERLINK("http://e.cn","点")';

// ---------------------------------------------------------------------------------------------

const person = (name: string, village: string, extra: Partial<PublicNoticePerson> = {}): PublicNoticePerson => ({
  name,
  sex: 'M',
  birthDate: '1950-03-12',
  idNumberMasked: '120222********1234',
  townshipName: '梅厂镇',
  villageName: village,
  programmeName: '农村部分计划生育家庭奖励扶助',
  category: null,
  monthlyAmount: 120,
  ...extra,
});

const townshipNotice = (persons: PublicNoticePerson[]): PublicNoticeInput => ({
  stage: 'township',
  year: 2011,
  districtName: '武清区',
  issuer: '梅厂镇计划生育办公室',
  scopeName: '梅厂镇',
  noticeFrom: '2011-06-01',
  noticeUntil: '2011-06-07',
  contact: '梅厂镇计生办 电话 022-29000000',
  issuedOn: '2011-05-31',
  persons,
});

describe('the public notice', () => {
  it('carries the title, the period, every person, the count, and the issuer', async () => {
    const persons = [
      person('张建国', '前进村'),
      person('李秀英', '前进村', { sex: 'F', programmeName: '计划生育家庭特别扶助', category: 'death', monthlyAmount: 135 }),
      person('王淑珍', '后屯村', { sex: 'F', programmeName: '计划生育家庭特别扶助', category: 'disability', monthlyAmount: 110.5 }),
      person('赵德明', '后屯村', { programmeName: '独生子女父母一次性奖励', monthlyAmount: 3000, oneOff: true }),
    ];
    const text = await docxParagraphs(await publicNoticeDocx(townshipNotice(persons)));
    const all = text.join('\n');
    expect(text[0]).toBe('武清区2011年度农村部分计划生育家庭奖励扶助等对象公示名单');
    expect(all).toContain('公示期为2011年6月1日至2011年6月7日');
    expect(all).toContain('梅厂镇计生办 电话 022-29000000');
    for (const p of persons) expect(text).toContain(p.name);
    expect(text).toContain('共4人');
    expect(text).toContain('死亡');
    expect(text).toContain('伤残');
    expect(text).toContain('110.50元/月');
    expect(text).toContain('3000元');
    expect(text).toContain('1950.03');
    expect(text.slice(-2)).toEqual(['梅厂镇计划生育办公室', '2011年5月31日']);
  });

  it('repeats the table header on every page and sets the Chinese font', async () => {
    const zip = await JSZip.loadAsync(await publicNoticeDocx(townshipNotice([person('张建国', '前进村')])));
    const document = await zip.file('word/document.xml')?.async('string');
    const styles = await zip.file('word/styles.xml')?.async('string');
    expect(document).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(document).toContain('w:w="11906" w:h="16838"');
  });

  it('counts a person listed under two programmes once', async () => {
    const both = [person('张建国', '前进村'), person('张建国', '前进村', { programmeName: '独生子女父母奖励', monthlyAmount: 10 })];
    expect(await docxParagraphs(await publicNoticeDocx(townshipNotice(both)))).toContain('共1人，2人次');
  });

  it('says 无 for an empty list, and the district publication has no period', async () => {
    const input: PublicNoticeInput = {
      ...townshipNotice([]),
      stage: 'district',
      scopeName: '武清区',
      issuer: '武清区创建幸福家庭活动领导小组办公室',
      noticeFrom: null,
      noticeUntil: null,
    };
    const text = await docxParagraphs(await publicNoticeDocx(input));
    expect(text[0]).toBe('武清区2011年度农村部分计划生育家庭奖励扶助等对象公布名单');
    expect(text).toContain('无');
    expect(text).toContain('共0人');
    expect(text.join('\n')).not.toContain('公示期');
  });

  it('leaves a village notice period not yet set blank to fill in, never out', async () => {
    const text = await docxParagraphs(await publicNoticeDocx({ ...townshipNotice([]), stage: 'village', noticeFrom: null, noticeUntil: null }));
    expect(text.join('\n')).toContain('公示期为　　　　年　　月　　日至　　　　年　　月　　日');
  });
});

// ---------------------------------------------------------------------------------------------

const header: RollHeader = {
  districtName: '武清区',
  programmeName: '农村部分计划生育家庭奖励扶助',
  fundedByName: '区财政',
  period: '2011-06',
  state: '已审批',
  reference: 'RA-2011-06-3f2a',
  generatedBy: '刘会计',
  generatedAt: '2011-06-02 09:00',
  checkedBy: '陈科长',
  approvedBy: '孙主任',
  approvedAt: '2011-06-03 15:30',
};

const line = (seq: number, extra: Partial<RollLineOut> = {}): RollLineOut => ({
  seq,
  townshipName: '梅厂镇',
  villageName: '前进村',
  name: `张${seq}`,
  idNumberMasked: '120222********1234',
  paidMonth: '2011-06',
  kind: 'regular',
  category: null,
  amount: 120,
  fundedBy: 'district',
  note: null,
  ...extra,
});

const rollLines: RollLineOut[] = [
  line(1, { amount: 120.1 }),
  line(2, {
    townshipName: '大碱厂镇',
    villageName: '南里村',
    kind: 'arrears',
    paidMonth: '2011-05',
    amount: 120.2,
    fundedBy: 'township',
    category: 'death',
    note: '5月漏发',
  }),
  line(3, { kind: 'adjustment', amount: -0.3, fundedBy: 'health-bureau', category: 'disability', note: '多发冲回' }),
];
// 120.1 + 120.2 - 0.3 is 240.00000000000003 in floating point; the roll must say 240.00.
const rollTotals: RollTotals = {
  lines: 3,
  amount: 240,
  byTownship: [
    { townshipName: '梅厂镇', lines: 2, amount: 119.8 },
    { townshipName: '大碱厂镇', lines: 1, amount: 120.2 },
  ],
  byFundingBody: [
    { fundedBy: 'district', amount: 120.1 },
    { fundedBy: 'township', amount: 120.2 },
    { fundedBy: 'health-bureau', amount: -0.3 },
  ],
};

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe('the payment roll', () => {
  it('has the head, the lines, the control row, and the summary', async () => {
    const { out, bytes } = sink();
    expect(await writeRollWorkbook(out, header, from(rollLines), rollTotals)).toEqual({ lines: 3, amount: 240 });
    const workbook = await readWorkbook(bytes());
    const roll = workbook.getWorksheet('发放花名册');
    if (!roll) throw new Error('no roll sheet');
    expect(roll.getCell('A1').value).toBe('武清区农村部分计划生育家庭奖励扶助发放花名册（2011年06月）');
    expect(String(roll.getCell('A2').value)).toContain('RA-2011-06-3f2a');
    expect(String(roll.getCell('A3').value)).toContain('孙主任（2011-06-03 15:30）');
    expect(rowValues(roll, 4)).toEqual(['序号', '乡镇街', '村居', '姓名', '身份证号', '所属月份', '类别', '发放类型', '金额（元）', '资金来源', '备注']);
    expect(rowValues(roll, 5)).toEqual([1, '梅厂镇', '前进村', '张1', '120222********1234', '2011-06', '—', '正常发放', 120.1, '区财政']);
    expect(rowValues(roll, 6)).toEqual([2, '大碱厂镇', '南里村', '张2', '120222********1234', '2011-05', '死亡', '补发', 120.2, '乡镇财政', '5月漏发']);
    expect(rowValues(roll, 7)).toEqual([3, '梅厂镇', '前进村', '张3', '120222********1234', '2011-06', '伤残', '调整', -0.3, '区卫生局', '多发冲回']);
    expect(roll.getCell('I7').numFmt).toBe('#,##0.00');
    const total = roll.getRow(8);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(3);
    expect(total.getCell(9).value).toBe(240);
    expect(roll.rowCount).toBe(8);

    const summary = workbook.getWorksheet('汇总');
    if (!summary) throw new Error('no summary sheet');
    // Array.from fills the holes exceljs leaves for empty cells, so they compare as undefined.
    const rows = Array.from(summary.getSheetValues())
      .slice(1)
      .map((r) => (Array.isArray(r) ? Array.from(r.slice(1)) : []));
    expect(rows).toContainEqual(['梅厂镇', 2, 119.8]);
    expect(rows).toContainEqual(['大碱厂镇', 1, 120.2]);
    expect(rows).toContainEqual(['区财政', undefined, 120.1]);
    expect(rows).toContainEqual(['乡镇财政', undefined, 120.2]);
    expect(rows).toContainEqual(['区卫生局', undefined, -0.3]);
    expect(rows.filter((r) => r[0] === '合计')).toEqual([
      ['合计', 3, 240],
      ['合计', undefined, 240],
    ]);
    expect(rows).toContainEqual(['核对结果', '一致']);
    // Townships in the order the caller gave them.
    expect(rows.findIndex((r) => r[0] === '梅厂镇')).toBeLessThan(rows.findIndex((r) => r[0] === '大碱厂镇'));
  });

  it('writes a name or note a spreadsheet would take for a formula as inert text, and amounts as numbers', async () => {
    const lines = [line(1, { name: MALICIOUS, amount: 120.3 }), line(2, { kind: 'adjustment', amount: -0.3, note: '-多发冲回', name: '@SUM(1+1)' })];
    const totals: RollTotals = {
      lines: 2,
      amount: 120,
      byTownship: [{ townshipName: '梅厂镇', lines: 2, amount: 120 }],
      byFundingBody: [{ fundedBy: 'district', amount: 120 }],
    };
    const { out, bytes } = sink();
    await writeRollWorkbook(out, header, from(lines), totals);
    const roll = (await readWorkbook(bytes())).getWorksheet('发放花名册');
    if (!roll) throw new Error('no roll sheet');
    expect(roll.getCell('D5').value).toBe(`'${MALICIOUS}`);
    expect(roll.getCell('D5').type).toBe(ExcelJS.ValueType.String);
    expect(roll.getCell('D6').value).toBe("'@SUM(1+1)");
    expect(roll.getCell('K6').value).toBe("'-多发冲回");
    expect(roll.getCell('I6').value).toBe(-0.3);
    expect(roll.getCell('I6').type).toBe(ExcelJS.ValueType.Number);
    const zip = await JSZip.loadAsync(bytes());
    for (const name of Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/'))) {
      expect(await zip.file(name)?.async('string'), name).not.toMatch(/<f[ >]/);
    }
  });

  it('refuses a roll whose lines do not add up to the control totals', async () => {
    await expect(writeRollWorkbook(sink().out, header, from(rollLines), { ...rollTotals, amount: 240.01 })).rejects.toThrow(/control totals/);
    await expect(writeRollWorkbook(sink().out, header, from(rollLines), { ...rollTotals, lines: 4 })).rejects.toThrow(/control totals/);
    const wrongSplit = { ...rollTotals, byTownship: [{ townshipName: '梅厂镇', lines: 3, amount: 240 }] };
    await expect(writeRollWorkbook(sink().out, header, from(rollLines), wrongSplit)).rejects.toThrow(/大碱厂镇/);
  });

  it('refuses an amount that is not a whole number of fen', async () => {
    const lines = [line(1, { amount: 1.005 })];
    const totals = { lines: 1, amount: 1, byTownship: [], byFundingBody: [] };
    await expect(writeRollWorkbook(sink().out, header, from(lines), totals)).rejects.toThrow(/fen/);
  });

  it('streams twenty thousand lines', async () => {
    const n = 20_000;
    let pulled = 0;
    async function* many(): AsyncIterable<RollLineOut> {
      for (let i = 1; i <= n; i++) {
        pulled++;
        yield line(i, { amount: i % 10 === 0 ? -12.34 : 123.45, townshipName: i % 2 ? '梅厂镇' : '大碱厂镇' });
      }
    }
    // 18,000 lines of 123.45 and 2,000 of -12.34 (all at even places, so in 大碱厂镇), in fen so the expectation does not drift either.
    const fen = 18_000 * 12_345 - 2_000 * 1_234;
    const odd = { lines: n / 2, fen: 10_000 * 12_345 };
    const totals: RollTotals = {
      lines: n,
      amount: fen / 100,
      byTownship: [
        { townshipName: '梅厂镇', lines: odd.lines, amount: odd.fen / 100 },
        { townshipName: '大碱厂镇', lines: n - odd.lines, amount: (fen - odd.fen) / 100 },
      ],
      byFundingBody: [{ fundedBy: 'district', amount: fen / 100 }],
    };
    const { out, bytes } = sink();
    expect(await writeRollWorkbook(out, header, many(), totals)).toEqual({ lines: n, amount: fen / 100 });
    expect(pulled).toBe(n);
    const roll = (await readWorkbook(bytes())).getWorksheet('发放花名册');
    expect(roll?.rowCount).toBe(4 + n + 1);
    expect(roll?.getRow(4 + n).getCell(1).value).toBe(n);
    expect(roll?.getRow(4 + n + 1).getCell(9).value).toBe(fen / 100);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------

const bankLines: BankLine[] = [
  { account: '6228480020000000011', name: '张建国', amount: 120, reference: 'RA-2011-06-3f2a/1' },
  { account: '6228480020000000029', name: '王，"小" 明', amount: 0.1, reference: 'RA-2011-06-3f2a/2' },
  { account: '6228480020000000037', name: '李秀英', amount: 0.2, reference: 'RA-2011-06-3f2a/3' },
];

async function bankFile(
  lines: BankLine[],
  control: { reference: string; lines: number; amount: number },
): Promise<{ text: string; result: { lines: number; amount: number } }> {
  const { out, bytes } = sink();
  const result = await writeBankCsv(out, from(lines), control);
  return { text: bytes().toString('utf8'), result };
}

describe('the bank file', () => {
  it('is UTF-8 with a BOM and CRLF, quotes what needs quoting, and ends with the trailer', async () => {
    const { text, result } = await bankFile(bankLines, { reference: 'RA-2011-06-3f2a', lines: 3, amount: 120.3 });
    expect(result).toEqual({ lines: 3, amount: 120.3 });
    expect(text.startsWith('\uFEFFaccount,name,amount,reference\r\n')).toBe(true);
    expect(text.endsWith('TOTAL,3,120.30,RA-2011-06-3f2a\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('"王，""小"" 明"');
    const rows = parse(text.slice(1), { record_delimiter: '\r\n' }) as string[][];
    expect(rows).toEqual([
      ['account', 'name', 'amount', 'reference'],
      ['6228480020000000011', '张建国', '120.00', 'RA-2011-06-3f2a/1'],
      ['6228480020000000029', '王，"小" 明', '0.10', 'RA-2011-06-3f2a/2'],
      ['6228480020000000037', '李秀英', '0.20', 'RA-2011-06-3f2a/3'],
      ['TOTAL', '3', '120.30', 'RA-2011-06-3f2a'],
    ]);
  });

  it('writes a name a spreadsheet would take for a formula as inert text, the amount as a number', async () => {
    const lines: BankLine[] = [
      { account: '6228480020000000011', name: MALICIOUS, amount: 80, reference: 'R-1' },
      { account: '6228480020000000029', name: '-1+1', amount: 0.5, reference: 'R-2' },
    ];
    const { text } = await bankFile(lines, { reference: 'R', lines: 2, amount: 80.5 });
    expect(text).toContain(`6228480020000000011,"'=HYPERLINK(""http://e.cn"",""点"")",80.00,R-1\r\n`);
    const rows = parse(text.slice(1), { record_delimiter: '\r\n' }) as string[][];
    expect(rows.slice(1)).toEqual([
      ['6228480020000000011', `'${MALICIOUS}`, '80.00', 'R-1'],
      ['6228480020000000029', "'-1+1", '0.50', 'R-2'],
      ['TOTAL', '2', '80.50', 'R'],
    ]);
  });

  it('writes no trailer when the lines do not match the control', async () => {
    await expect(bankFile(bankLines, { reference: 'R', lines: 3, amount: 120.31 })).rejects.toThrow(/do not match/);
    await expect(bankFile(bankLines, { reference: 'R', lines: 2, amount: 120.3 })).rejects.toThrow(/do not match/);
    const { out, bytes } = sink();
    await expect(writeBankCsv(out, from(bankLines), { reference: 'R', lines: 4, amount: 120.3 })).rejects.toThrow();
    expect(bytes().toString('utf8')).not.toContain('TOTAL');
  });

  it('refuses a line without an account or with an amount that is not positive, naming it', async () => {
    const control = { reference: 'R', lines: 1, amount: 1 };
    await expect(bankFile([{ ...bankLines[0]!, account: ' ', reference: 'X-1' }], control)).rejects.toThrow(/X-1.*account/);
    await expect(bankFile([{ ...bankLines[0]!, amount: 0, reference: 'X-2' }], control)).rejects.toThrow(/X-2/);
    await expect(bankFile([{ ...bankLines[0]!, amount: -5, reference: 'X-3' }], control)).rejects.toThrow(/X-3/);
  });
});
