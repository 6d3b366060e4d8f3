import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachOf, type Grant } from '../../src/core/auth/roles.ts';
import type { Actor } from '../../src/db/scope.ts';
import { errorWorkbook, importRoster, templateWorkbook, type ImportOptions } from '../../src/modules/registry/import.ts';
import { idNumber, sheetWorkbook, type Cell } from '../fixtures/roster.ts';
import { login, startTestApp, testSecrets, type TestApp } from '../helpers.ts';

/**
 * Rosters as townships write them: title rows, their own header words, no 户号, families under
 * each 户主, and later rosters that bring changes to registered persons.
 */
const township = '120114001';
const grants: Grant[] = [{ role: 'township', township, village: null, department: null }];
const actor: Actor = { district: '120114', userId: '', username: 'township.yangcun', grants, reach: reachOf(grants), ip: null };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-rosters-'));
let fileCount = 0;
const write = (content: Buffer | string, ext = 'xlsx') => {
  const file = path.join(dir, `roster-${++fileCount}.${ext}`);
  fs.writeFileSync(file, content);
  return file;
};

// A village roster as a township office keeps it: title merged over the table, a 填报单位 line,
// headers in its own words, no 户号 or address column: each household starts at its 户主.
const title = '武清区杨村街道和平里社区人口花名册';
const header = ['序号', '姓名', '与户主的关系', '性别', '公民身份号码', '出生年月', '户口性质', '婚姻状态', '联系方式', '所属村（居）', '备注'];
const ids = {
  head: idNumber('19480302', 911),
  wife: idNumber('19500611', 922),
  son: idNumber('19760815', 933),
  daughterInLaw: idNumber('19780120', 944),
  grandson: idNumber('20050505', 955),
  head2: idNumber('19520101', 971),
  wife2: idNumber('19540404', 982),
  daughter2: idNumber('19800808', 984),
};
const familyRows: Cell[][] = [
  [1, '高守田', '户主', '男', ids.head, '1948-03-02', '农业', '已婚', '', '和平里社区', ''],
  [2, '石秀兰', '妻', '女', ids.wife, '1950-06-11', '农业', '已婚', '13612345678', '和平里社区', ''],
  [3, '高建军', '长子', '男', ids.son, '1976-08-15', '农业', '已婚', '', '和平里社区', ''],
  [4, '刘爱华', '儿媳', '女', ids.daughterInLaw, '1978-01-20', '农业', '已婚', '', '和平里社区', ''],
  [5, '高小宝', '孙子', '男', ids.grandson, '2005-05-05', '农业', '未婚', '', '和平里社区', ''],
  [],
  [6, '田福顺', '02', '男', ids.head2, '1952-01-01', '农业户口', '已婚', '', '和平里', ''],
  [7, '马桂芝', '１２', '女', ids.wife2, '1954-04-04', '农业户口', '已婚', '', '和平里', ''],
  [8, '田晓燕', '独生女', '女', ids.daughter2, '1980-08-08', '农业户口', '未婚', '', '和平里', ''],
];
const villageRoster = (rows: Cell[][] = familyRows) =>
  sheetWorkbook(
    [
      [title],
      ['填报单位：杨村街道计生办', null, null, null, null, null, null, '填报日期：2026年11月'],
      header,
      ...rows,
      [],
      ['填表人：周敏', null, null, '审核人：李华'],
    ],
    ['A1:K1'],
  );

describe('rosters as townships write them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: 'real' }); // rosters of today, with changes dated after the demo's year
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const run = (file: string, options: Partial<ImportOptions> = {}) => importRoster(t.db, testSecrets, actor, file, { township, ...options });
  const personByName = async (name: string) =>
    (
      await t.db.query<{
        id: string;
        household_id: string;
        relation_to_head: string;
        phone_masked: string | null;
        marital_status: string;
        alive: boolean;
        version: number;
      }>('SELECT id, household_id, relation_to_head, phone_masked, marital_status, alive, version FROM person WHERE name = $1', [name])
    ).rows;
  /** The household's links as 'child:parent→child' and 'spouse:a+b' (names sorted), sorted. */
  const links = async (household: string) =>
    (
      await t.db.query<{ a: string; b: string; kind: string; adopted: boolean }>(
        `SELECT pa.name AS a, pb.name AS b, r.kind, r.adopted FROM relationship r
       JOIN person pa ON pa.id = r.person_id JOIN person pb ON pb.id = r.related_person_id
      WHERE pa.household_id = $1`,
        [household],
      )
    ).rows
      .map((l) => (l.kind === 'spouse' ? `spouse:${[l.a, l.b].sort().join('+')}` : `child:${l.a}→${l.b}${l.adopted ? '（收养）' : ''}`))
      .sort();

  it('imports the template as downloaded: its example row is a valid person', async () => {
    const result = await run(write(await templateWorkbook()));
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ imported: 1, newHouseholds: 1, rejected: 0 });
  });

  it('finds the header under the title, matches its words, groups households under each 户主 and makes the family links', async () => {
    const file = write(await villageRoster());
    const preview = await run(file, { mode: 'preview' });
    expect(preview.status).toBe('done');
    expect(preview.headerRow).toBe(3);
    expect(preview.title).toContain('和平里社区人口花名册');
    const matched = Object.fromEntries(preview.columns.map((c) => [c.header, c.key]));
    expect(matched).toMatchObject({
      姓名: 'name',
      与户主的关系: 'relation',
      公民身份号码: 'idNumber',
      出生年月: 'birthDate',
      户口性质: 'hukou',
      婚姻状态: 'maritalStatus',
      联系方式: 'phone',
      '所属村（居）': 'village',
      序号: null,
      备注: null,
    });
    expect(preview.columns.find((c) => c.header === '公民身份号码')?.samples[0]).toMatch(/^120114\*{8}\d{3}[\dX]$/);
    expect(preview).toMatchObject({ rows: 8, imported: 8, newHouseholds: 2, links: 9, rejected: 0, changed: 0 });
    expect((await personByName('高守田')).length).toBe(0); // a preview writes nothing

    const result = await run(file, { mode: 'apply' });
    expect(result).toMatchObject({ imported: 8, newHouseholds: 2, links: 9, rejected: 0 });
    const [head] = await personByName('高守田');
    const [grandson] = await personByName('高小宝');
    expect(head?.household_id).toBe(grandson?.household_id);
    expect(grandson?.relation_to_head).toBe('grandchild');
    expect(await links(head?.household_id as string)).toEqual(
      ['child:刘爱华→高小宝', 'child:石秀兰→高建军', 'child:高守田→高建军', 'child:高建军→高小宝', 'spouse:刘爱华+高建军', 'spouse:石秀兰+高守田'].sort(),
    );
    const [head2] = await personByName('田福顺');
    expect(await links(head2?.household_id as string)).toEqual(['child:田福顺→田晓燕', 'child:马桂芝→田晓燕', 'spouse:田福顺+马桂芝'].sort());

    // The same file again changes nothing and makes no second link.
    expect(await run(file, { mode: 'apply' })).toMatchObject({ imported: 0, unchanged: 8, links: 0, rejected: 0, changed: 0 });
  });

  it("reads a two-row header with merged cells, and groups households by the head's ID number wherever their rows are", async () => {
    const a = { head: idNumber('19620202', 211), wife: idNumber('19640404', 222) };
    const b = { head: idNumber('19630303', 231), child: idNumber('19900909', 243) };
    const rows: Cell[][] = [
      ['姓名', '户主身份证号码', '与户主关系', '身份证号码', '户口性质', '村（居）', '独生子女证', null],
      [null, null, null, null, null, null, '证号', '发证日期'],
      ['龚平', a.head, '户主', a.head, '农业', '新华里社区', '', ''],
      ['贺强', b.head, '户主', b.head, '农业', '新华里社区', '津武0099', '1991-05-01'],
      ['龚妻', a.head, '妻', a.wife, '农业', '新华里社区', '', ''],
      ['贺子', b.head, '子', b.child, '农业', '新华里社区', '', ''],
    ];
    const file = write(await sheetWorkbook(rows, ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:E2', 'F1:F2', 'G1:H1']));
    const result = await run(file, { mode: 'apply' });
    expect(result.errors).toEqual([]);
    expect(result.headerRow).toBe(2);
    expect(Object.fromEntries(result.columns.map((c) => [c.header, c.key]))).toMatchObject({
      户主身份证号码: 'headIdNumber',
      身份证号码: 'idNumber',
      '独生子女证/证号': 'oneChildCertificateNumber',
      '独生子女证/发证日期': 'oneChildCertificateDate',
    });
    expect(result).toMatchObject({ imported: 4, newHouseholds: 2, links: 2 });
    const [wife] = await personByName('龚妻');
    const [head] = await personByName('龚平');
    expect(wife?.household_id).toBe(head?.household_id);
    expect(await links(head?.household_id as string)).toEqual(['spouse:龚妻+龚平']);
    const { rows: certificate } = await t.db.query<{ n: string }>(`SELECT one_child_certificate_number AS n FROM person WHERE name = '贺强'`);
    expect(certificate).toEqual([{ n: '津武0099' }]);
  });

  it('gives the programmes the family the roster describes', async () => {
    const office = await login(t.app, 'office');
    const [head2] = await personByName('田福顺');
    const res = await office.get(`/api/benefits/persons/${head2?.id}/evaluation?date=2012-06-01`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { situation: { family: { parents: unknown[]; children: unknown[] } }; results: { programme: string; eligible: boolean }[] };
    expect(body.situation.family.parents).toHaveLength(2);
    expect(body.situation.family.children).toHaveLength(1);
    expect(body.results.find((r) => r.programme === 'reward-assistance')?.eligible).toBe(true);
  });

  it('previews changes to registered persons, records them only when confirmed, and refuses corrections', async () => {
    const changed = familyRows.map((r) => [...r]);
    (changed[1] as Cell[])[8] = '13900001111'; // 石秀兰: a new phone
    (changed[8] as Cell[])[7] = '已婚'; // 田晓燕 married
    (changed[0] as Cell[])[1] = '高守天'; // a name change: a correction, refused
    const born = idNumber('20260301', 966);
    changed.splice(5, 0, [9, '高小花', '孙女', '女', born, '2026-03-01', '农业', '未婚', '', '和平里社区', '']);
    const file = write(await villageRoster(changed));
    const before = await personByName('石秀兰');
    const preview = await run(file, { mode: 'preview' });
    expect(preview).toMatchObject({ imported: 1, changed: 2, rejected: 1 });
    expect(preview.changes).toEqual([
      {
        row: 5,
        name: '石秀兰',
        idNumber: expect.stringMatching(/^120114\*{8}/),
        fields: [{ key: 'phone', label: '联系电话', before: '136****5678', after: '139****1111' }],
      },
      { row: 13, name: '田晓燕', idNumber: expect.any(String), fields: [{ key: 'maritalStatus', label: '婚姻状况', before: '未婚', after: '已婚' }] },
    ]);
    expect(preview.errors).toEqual([expect.objectContaining({ row: 4, column: '姓名', reason: expect.stringContaining('更正') })]);
    expect(await personByName('石秀兰')).toEqual(before);

    // Without a preview's confirmation a change is refused, not applied.
    const plain = await run(file, { mode: 'new' });
    expect(plain.errors.map((e) => e.row)).toEqual([4, 5, 13]);
    expect(plain.errors[1]?.reason).toContain('联系电话（136****5678 → 139****1111）');
    expect(plain.imported).toBe(1); // the newborn

    const applied = await run(file, { mode: 'apply', expectedVersions: preview.versions });
    expect(applied).toMatchObject({ imported: 0, changed: 2, rejected: 1 });
    const [wife] = await personByName('石秀兰');
    expect(wife?.phone_masked).toBe('139****1111');
    expect(wife?.version).toBe((before[0]?.version ?? 0) + 1);
    const { rows: history } = await t.db.query<{ changed_by: string; phone: string }>(
      `SELECT changed_by, old_row->>'phone_masked' AS phone FROM registry_history WHERE entity_id = $1`,
      [wife?.id ?? null],
    );
    expect(history).toEqual([{ changed_by: 'township.yangcun', phone: '136****5678' }]);
    const { rows: events } = await t.db.query<{ name: string; kind: string; entered_by: string }>(
      `SELECT p.name, e.kind, e.entered_by FROM life_event e JOIN person p ON p.id = e.person_id
        WHERE p.name IN ('石秀兰', '田晓燕', '高小花') ORDER BY p.name, e.kind`,
    );
    expect(events).toEqual([
      { name: '田晓燕', kind: 'marriage', entered_by: 'township.yangcun' },
      { name: '石秀兰', kind: 'changed', entered_by: 'township.yangcun' },
      { name: '高小花', kind: 'birth', entered_by: 'township.yangcun' },
    ]);
    // The newborn joined her grandparents' household, as her parents' child.
    const [baby] = await personByName('高小花');
    const [grandfather] = await personByName('高守田');
    expect(baby?.household_id).toBe(grandfather?.household_id);
    expect((await links(baby?.household_id as string)).filter((l) => l.endsWith('→高小花'))).toEqual(['child:刘爱华→高小花', 'child:高建军→高小花'].sort());
    const { rows: audit } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.import_change'`);
    expect(audit[0]?.n).toBe(2);
  });

  it('does not apply a change to a person changed by someone else after the preview', async () => {
    const changed = familyRows.slice(6).map((r) => [...r]);
    (changed[0] as Cell[])[8] = '13700002222'; // 田福顺: a new phone
    (changed[2] as Cell[])[7] = '已婚'; // as registered since the last import
    const file = write(await villageRoster(changed));
    const preview = await run(file, { mode: 'preview' });
    expect(preview.changed).toBe(1);
    await t.db.query(`UPDATE person SET phone_masked = phone_masked, updated_by = 'someone.else' WHERE name = '田福顺'`);
    const applied = await run(file, { mode: 'apply', expectedVersions: preview.versions });
    expect(applied.changed).toBe(0);
    expect(applied.errors).toEqual([expect.objectContaining({ row: 4, reason: expect.stringContaining('预览之后') })]);
  });

  it("reports rows by the spreadsheet's own numbers, in order, with formula values, ignoring blank lines", async () => {
    const rows: Cell[][] = [
      ['户号', '村(居)', '姓名', '与户主关系', '身份证号', '户籍性质', '婚姻状况'],
      ['E1', '新华里社区', '错号一', '户主', '120114195001011230', '农业', ''],
      [],
      [],
      ['E2', '新华里社区', '卢六', '户主', idNumber('19600101', 131), { formula: 'IF(1,"非农","")', result: '非农业' }, '同居'],
      ['E3', '新华里社区', '高守田', '户主', ids.head, '农业', ''], // registered in another household and village
      ['E4', '新华里社区', '韦七', '户主', idNumber('19610101', 133), '农业', '已婚'],
    ];
    const file = write(await sheetWorkbook(rows));
    const result = await run(file);
    expect(result.imported).toBe(1);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '身份证号'],
      [5, '婚姻状况'],
      [6, expect.stringContaining('村')],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await errorWorkbook(result)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '行号', '问题所在列', '原因', ...(rows[0] as string[])]);
    const formulaLine = sheet?.getRow(3).values as unknown[];
    expect(formulaLine).toContain('非农业');
    expect(formulaLine.map(String)).not.toContain('[object Object]');

    // A CSV with blank lines and a trailing line break: no phantom rows, numbers as the file has them.
    const csv =
      [
        '户号,村(居),姓名,与户主关系,身份证号,户籍性质',
        '',
        `C1,新华里社区,闻一,户主,${idNumber('19700101', 151)},农业`,
        '',
        'C2,新华里社区,,户主,120114197001011530,农业',
        '',
      ].join('\r\n') + '\r\n\r\n';
    const fromCsv = await run(write(csv, 'csv'));
    expect(fromCsv.imported).toBe(1);
    expect([...new Set(fromCsv.errors.map((e) => e.row))]).toEqual([5]);
  });

  it("asks for the columns it cannot match, and takes the township's choices (remembered for its next file)", async () => {
    const rows: Cell[][] = [
      ['人员名单'],
      ['名字', '角色', '证件', '户别', '小区'],
      ['严九', '户主', idNumber('19660606', 171), '农业', '振华里社区'],
      ['严九妻', '妻', idNumber('19680808', 182), '农业', '振华里社区'],
    ];
    const file = write(await sheetWorkbook(rows));
    const preview = await run(file, { mode: 'preview' });
    expect(preview.status).toBe('needs_mapping');
    expect(preview.missing).toEqual(expect.arrayContaining(['name', 'idNumber']));
    await expect(run(file)).rejects.toMatchObject({ messageZh: expect.stringContaining('缺少必需的列：村(居)、姓名') });
    const mapping = { 名字: 'name', 角色: 'relation', 证件: 'idNumber', 户别: 'hukou', 小区: 'village' } as const;
    const mapped = await run(file, { mode: 'apply', mapping });
    expect(mapped.errors).toEqual([]);
    expect(mapped).toMatchObject({ headerRow: 2, imported: 2, links: 1, rejected: 0 });

    // Through the API: the township maps by hand once; its next file with the same headers needs no mapping.
    const c = await login(t.app, 'township.yangcun');
    const upload = async (content: Buffer) => {
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const address = t.app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(content)]), '名单.xlsx');
      const res = await fetch(`${base}/api/registry/imports`, { method: 'POST', body, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken } });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    };
    const settle = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const job = (await c.get(`/api/registry/imports/${id}`)).json() as {
          id: string;
          state: string;
          preview: { status: string; columns: { column: number; header: string; key: string | null }[]; counts: Record<string, number> } | null;
          result: Record<string, number> | null;
          next: string | null;
        };
        if (job.state === 'done' || job.state === 'failed') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('import did not finish');
    };
    const other = [
      ['名字', '角色', '证件', '户别', '小区'],
      ['包十', '户主', idNumber('19670707', 191), '农业', '振华里社区'],
    ];
    const first = await settle(await upload(await sheetWorkbook(other)));
    expect(first.preview?.status).toBe('needs_mapping');
    const choose = first.preview?.columns.map((col) => ({ column: col.column, key: mapping[col.header as keyof typeof mapping] ?? null })) ?? [];
    const remapped = await c.post(`/api/registry/imports/${first.id}/mapping`, { columns: choose, remember: true });
    expect(remapped.statusCode).toBe(202);
    const second = await settle((remapped.json() as { id: string }).id);
    expect(second.preview).toMatchObject({ status: 'ready', counts: { new: 1 } });
    const applied = await c.post(`/api/registry/imports/${(remapped.json() as { id: string }).id}/apply`);
    expect(applied.statusCode).toBe(202);
    expect((await c.post(`/api/registry/imports/${(remapped.json() as { id: string }).id}/apply`)).statusCode).toBe(409); // only once
    expect((await settle((applied.json() as { id: string }).id)).result).toMatchObject({ imported: 1, rejected: 0 });
    const again = await settle(await upload(await sheetWorkbook([other[0] as Cell[], ['包十一', '户主', idNumber('19670708', 193), '农业', '振华里社区']])));
    expect(again.preview?.status).toBe('ready');
    expect(again.preview?.columns.map((col) => col.key)).toEqual(['name', 'relation', 'idNumber', 'hukou', 'village']);
  });
});
