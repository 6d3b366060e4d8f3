import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachOf, type Grant } from '../../src/core/auth/roles.ts';
import type { Actor } from '../../src/db/scope.ts';
import { enqueueJob, getJob } from '../../src/modules/jobs/queries.ts';
import { errorWorkbook, importRoster } from '../../src/modules/registry/import.ts';
import { headers, idNumber, row, rosterWorkbook } from '../fixtures/roster.ts';
import { login, startTestApp, testSecrets, type TestApp } from '../helpers.ts';

const grants: Grant[] = [{ role: 'township', township: '120114001', village: null, department: null }];
const actor: Actor = { district: '120114', userId: '', username: 'import.test', grants, reach: reachOf(grants), ip: null };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-import-'));
const write = (name: string, content: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const good = (hh: string, name: string, id: string, extra: Parameters<typeof row>[0] = {}) =>
  row({ householdNumber: hh, village: '和平里社区', address: '和平里1号', name, relation: '户主', idNumber: id, hukou: '农业', ...extra });

describe('roster import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const persons = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]?.n ?? 0;

  it('imports valid rows and explains every rejected one, by row and column, in Chinese', async () => {
    const legacy = '120114500302123'; // 15-digit number of 1950-03-02
    const rows = [
      good('H1', '王建国', idNumber('19500302', 111)),
      row({
        householdNumber: 'H1',
        village: '120114001001',
        address: '和平里1号',
        name: ' 刘秀英 ',
        relation: '配偶',
        idNumber: idNumber('19520101', 222).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
        hukou: '农业',
        sex: '女',
        birthDate: new Date(Date.UTC(1952, 0, 1)),
      }),
      good('H2', '赵四', idNumber('19600229', 333).replace(/X$/, 'x'), { birthDate: 21975 }), // 1960-02-29 as an Excel serial
      good('H3', '钱五', legacy, { birthDate: '1950年3月2日' }),
      good('H4', '孙六', idNumber('19700101', 445).slice(0, 17) + '0'),
      good('H5', '周七', idNumber('19700101', 447), { sex: '女' }),
      good('H6', '吴八', idNumber('19700101', 449), { birthDate: '1970-01-02' }),
      good('H7', '郑九', idNumber('19500302', 111)),
      good('H8', '冯十', idNumber('19700101', 451), { village: '不存在村' }),
      good('H9', null as unknown as string, idNumber('19700101', 453)),
      good('H10', '陈一', idNumber('19700101', 455), { hukou: { formula: 'IF(1,"农业","")', result: '农业' } }),
      good('H11', '褚二', idNumber('19700101', 457), { village: '下朱庄村' }),
    ];
    const file = write('roster.xlsx', await rosterWorkbook(rows));
    const result = await importRoster(t.db, testSecrets, actor, file, { township: '120114001' });
    expect({ imported: result.imported, unchanged: result.unchanged, rejected: result.rejected }).toEqual({ imported: 5, unchanged: 0, rejected: 7 });
    const byRow = new Map(result.errors.map((e) => [e.row, e]));
    expect(byRow.get(6)).toMatchObject({ column: '身份证号', reason: expect.stringContaining('校验码') });
    expect(byRow.get(7)).toMatchObject({ column: '性别', reason: expect.stringContaining('身份证号表明为男') });
    expect(byRow.get(8)).toMatchObject({ column: '出生日期', reason: expect.stringContaining('1970-01-01') });
    expect(byRow.get(9)).toMatchObject({ column: '身份证号', reason: '身份证号与第2行重复' });
    expect(byRow.get(10)?.reason).toContain('不存在村');
    expect(byRow.get(11)).toMatchObject({ column: '姓名', reason: '姓名不能为空' });
    expect(byRow.has(12)).toBe(false); // a formula's calculated value is read
    expect(byRow.get(13)?.reason).toContain('下朱庄村');
    const { rows: stored } = await t.db.query<{ name: string; birth_date: string; id_number_masked: string; household_number: string }>(
      'SELECT p.name, p.birth_date::text AS birth_date, p.id_number_masked, h.household_number FROM person p JOIN household h ON h.id = p.household_id ORDER BY p.birth_date',
    );
    expect(stored).toEqual([
      { name: '王建国', birth_date: '1950-03-02', id_number_masked: expect.stringMatching(/^120114\*{8}/), household_number: 'H1' },
      { name: '钱五', birth_date: '1950-03-02', id_number_masked: expect.any(String), household_number: 'H3' },
      { name: '刘秀英', birth_date: '1952-01-01', id_number_masked: expect.any(String), household_number: 'H1' },
      { name: '赵四', birth_date: '1960-02-29', id_number_masked: expect.any(String), household_number: 'H2' },
      { name: '陈一', birth_date: '1970-01-01', id_number_masked: expect.any(String), household_number: 'H10' },
    ]);

    // The error workbook lists each problem with the row as given.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await errorWorkbook(result)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual(expect.arrayContaining(['行号', '问题所在列', '原因', '身份证号']));
    expect(result.errors.map((e) => e.row)).toEqual([6, 7, 8, 9, 10, 11, 13]);
    expect(sheet?.rowCount).toBe(1 + result.errors.length);
    expect(String(sheet?.getRow(2).getCell(3).value)).toContain('校验码');

    // Importing the same file again changes nothing.
    const again = await importRoster(t.db, testSecrets, actor, file, { township: '120114001' });
    expect({ imported: again.imported, unchanged: again.unchanged, rejected: again.rejected }).toEqual({ imported: 0, unchanged: 5, rejected: 7 });
    expect(await persons()).toBe(5);

    // A registered person's row that says something else is refused, naming the columns; one that
    // leaves optional columns empty says nothing new and is unchanged.
    const edited = write(
      'edited.xlsx',
      await rosterWorkbook([
        good('H1', '王建国', idNumber('19500302', 111), { phone: '13900000001', maritalStatus: '丧偶' }),
        good('H2', '赵四', idNumber('19600229', 333), { birthDate: 21975 }),
      ]),
    );
    const third = await importRoster(t.db, testSecrets, actor, edited, { township: '120114001' });
    expect({ imported: third.imported, unchanged: third.unchanged, rejected: third.rejected }).toEqual({ imported: 0, unchanged: 1, rejected: 1 });
    expect(third.errors[0]).toMatchObject({
      row: 2,
      column: '婚姻状况',
      reason: expect.stringContaining('婚姻状况（不详 → 丧偶）、联系电话（空 → 139****0001）'),
    });
    const { rows: kept } = await t.db.query<{ marital_status: string; phone_enc: string | null }>(
      `SELECT marital_status, phone_enc FROM person WHERE name = '王建国'`,
    );
    expect(kept).toEqual([{ marital_status: 'unknown', phone_enc: null }]);
  });

  it('refuses files it cannot read as a roster, with a clear message, writing nothing', async () => {
    const before = await persons();
    const cases: [string, Buffer | string, RegExp][] = [
      ['empty.csv', '', /文件是空的/],
      ['junk.bin', Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256)), /文件类型不支持/],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /\.xls/],
      ['text.csv', 'hello world\nthis is not a roster\n', /找不到表头行/],
      [
        'renamed.xlsx',
        await rosterWorkbook(
          [good('H1', '王建国', idNumber('19500302', 111))],
          headers.map((h) => (h === '身份证号' ? '号码甲' : h)),
        ),
        /缺少必需的列：身份证号。文件第1行被当作表头，其中未能识别的列：号码甲/,
      ],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 1)]), /文件不完整或已损坏/],
      ['truncated.xlsx', (await rosterWorkbook([good('H1', '王建国', idNumber('19500302', 111))])).subarray(0, 3000), /文件不完整或已损坏/],
    ];
    for (const [name, content, message] of cases) {
      const error = await importRoster(t.db, testSecrets, actor, write(name, content), { township: '120114001' }).catch((e: unknown) => e);
      expect((error as { messageZh?: string }).messageZh, name).toMatch(message);
    }
    expect(await persons()).toBe(before);
  });

  it('reads a CSV saved by Excel in GB18030, with a byte-order-marked UTF-8 CSV alike', async () => {
    const lines = [headers.join(','), ['G1', '和平里社区', '和平里9号', '韩梅梅', '户主', '女', '', idNumber('19800808', 224), '非农业'].join(',')];
    const utf8 = write('bom.csv', `\ufeff${lines.join('\r\n')}\r\n`);
    const result = await importRoster(t.db, testSecrets, actor, utf8, { township: '120114001' });
    expect(result).toMatchObject({ imported: 1, rejected: 0 });
    const gbFile = write(
      'gb.csv',
      encodeGb18030(
        `${headers.join(',')}\r\n${['G2', '和平里社区', '和平里9号', '李雷', '户主', '男', '', idNumber('19800808', 225), '非农业'].join(',')}\r\n`,
      ),
    );
    expect((await importRoster(t.db, testSecrets, actor, gbFile, { township: '120114001' })).imported).toBe(1);
  });

  it('leaves whole chunks after a crash and resumes after the last committed one', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => good(`R${i}`, `测试${'一二三四五六七八九'[i]}`, idNumber('19900101', 601 + i * 2)));
    const file = write('resume.xlsx', await rosterWorkbook(rows));
    const jobId = await enqueueJob(t.db, { district: '120114', kind: 'test.import', payload: {} });
    const job = { district: '120114', id: jobId };
    let chunks = 0;
    const crashed = await importRoster(t.db, testSecrets, actor, file, {
      township: '120114001',
      chunkSize: 4,
      job,
      onProgress: () => {
        if (++chunks === 1) throw new Error('power cut');
      },
    }).catch((e: unknown) => e);
    expect((crashed as Error).message).toBe('power cut');
    const saved = (await getJob(t.db, '120114', jobId))?.progress as { lastRow: number; imported: number };
    expect(saved).toMatchObject({ lastRow: 5, imported: 4 });
    const before = await persons();
    const resumed = await importRoster(t.db, testSecrets, actor, file, { township: '120114001', chunkSize: 4, job, resume: saved as never });
    expect(resumed).toMatchObject({ imported: 9, unchanged: 0, rejected: 0 });
    expect(await persons()).toBe(before + 5);
  });

  it('runs an upload through the API as a job, with progress, result and the error workbook for its owner only', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const c = await login(t.app, 'township.yangcun');
    const before = await persons();
    const body = new FormData();
    body.append(
      'file',
      new Blob([new Uint8Array(await rosterWorkbook([good('API1', '杨光', idNumber('19450505', 771)), good('API2', '错号', '120114194505057710')]))]),
      'roster.xlsx',
    );
    const res = await fetch(`${base}/api/registry/imports`, { method: 'POST', body, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const settle = async (jobId: string) => {
      let job: {
        state: string;
        mode: string;
        preview: { status: string; counts: Record<string, number>; hasErrorsFile: boolean } | null;
        result: Record<string, unknown> | null;
      } = { state: 'queued', mode: '', preview: null, result: null };
      for (let i = 0; i < 100 && (job.state === 'queued' || job.state === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await c.get(`/api/registry/imports/${jobId}`)).json();
      }
      return job;
    };
    // The upload is previewed first: nothing is written until the township confirms.
    expect(await settle(id)).toMatchObject({
      state: 'done',
      mode: 'preview',
      preview: { status: 'ready', counts: { new: 1, refused: 1 }, hasErrorsFile: true },
      result: null,
    });
    expect(await persons()).toBe(before);
    const apply = await c.post(`/api/registry/imports/${id}/apply`);
    expect(apply.statusCode).toBe(202);
    const applied = (apply.json() as { id: string }).id;
    expect(await settle(applied)).toMatchObject({ state: 'done', mode: 'apply', result: { imported: 1, rejected: 1, hasErrorsFile: true } });
    expect(await persons()).toBe(before + 1);
    expect((await c.get(`/api/registry/imports/${id}`)).json()).toMatchObject({ next: applied });
    expect((await c.post(`/api/registry/imports/${id}/cancel`)).statusCode).toBe(409);
    const errors = await c.get(`/api/registry/imports/${id}/errors`);
    expect(errors.headers['content-type']).toContain('spreadsheetml');
    const other = await login(t.app, 'township.xiazhuzhuang');
    expect((await other.get(`/api/registry/imports/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/registry/imports/${id}/errors`)).statusCode).toBe(404);
    const template = await c.get('/api/registry/import-template');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, ...headers]);
    // A village worker may not import a whole roster.
    const village = await login(t.app, 'village.meichang');
    const refused = await fetch(`${base}/api/registry/imports`, {
      method: 'POST',
      body,
      headers: { cookie: village.cookie, 'x-csrf-token': village.csrfToken },
    });
    expect(refused.status).toBe(403);
  });
});

/** GB18030 encoding of a string, through a 2-byte table built from the decoder (Node ships no encoder). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      try {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (!table.has(ch)) table.set(ch, [hi, lo]);
      } catch {
        /* not a 2-byte code */
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const mapped = table.get(ch);
      if (!mapped) throw new Error(`no GB18030 2-byte code for ${ch}`);
      bytes.push(...mapped);
    }
  }
  return Buffer.from(bytes);
}
