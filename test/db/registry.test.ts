import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeClient, makeTownship, makeUser, signIn, type User } from '../factories.ts';
import { idNumber } from '../fixtures/roster.ts';
import { startTestApp, testSecrets, type Client, type TestApp } from '../helpers.ts';

let t: TestApp;
/** The township office that registers the suite's household, in a township of its own, and its village. */
let registrar: User;
let ours: Client;
let village: string;
/** The office of another township, with a village of its own. */
let other: Client;
let otherVillage: string;
let householdId: string;
const headId = idNumber('19500302', 123);
const wifeId = idNumber('19520715', 246);
const signedIn = async (role: 'office' | 'sysadmin' | 'auditor'): Promise<Client> => (await makeClient(t.app, t.db, { role })).client;

beforeAll(async () => {
  t = await startTestApp({ today: 'real' }); // births, deaths and moves recorded after the demo's year
  const mine = await makeTownship(t.db, { name: '测试杨村街道' });
  const theirs = await makeTownship(t.db, { name: '测试下朱庄街道' });
  village = mine.villages[0]?.code as string;
  otherVillage = theirs.villages[0]?.code as string;
  registrar = await makeUser(t.db, { role: 'township', township: mine.code, username: 'registrar.mine' });
  ours = await signIn(t.app, registrar);
  other = (await makeClient(t.app, t.db, { role: 'township', township: theirs.code })).client;
  const res = await ours.post('/api/registry/households', {
    village,
    address: '杨村街道东刘庄村3号',
    householdNumber: 'YC-0001',
    members: [
      { name: '张晓明', relation: '户主', idNumber: headId, hukou: '农业', maritalStatus: '已婚', phone: '13812345678' },
      { name: '李桂兰', relation: '配偶', idNumber: wifeId.toLowerCase(), hukou: '农业', sex: '女' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  householdId = res.json().id;
});
afterAll(async () => t.close());

describe('registry: registering and finding households and persons', () => {
  it('stores ID and phone numbers encrypted, with a keyed hash and a masked copy', async () => {
    const { rows } = await t.db.query<Record<string, string>>(
      'SELECT id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_masked FROM person WHERE name = $1',
      ['张晓明'],
    );
    const p = rows[0];
    expect(p?.id_number_enc).toMatch(/^v2:aes:[0-9a-f]{8}:/);
    expect(JSON.stringify(p)).not.toContain(headId);
    expect(JSON.stringify(p)).not.toContain('13812345678');
    expect(p?.id_number_masked).toBe(`120114********${headId.slice(-4)}`);
    expect(p?.phone_masked).toBe('138****5678');
  });

  it('finds a person by name, partial name, pinyin, initials and ID number, masked', async () => {
    for (const q of ['张晓明', '晓明', 'zhangxiaoming', 'zxm', 'ZXM', headId, `  ${headId.slice(0, 17)}${headId.slice(17).toLowerCase()} `]) {
      const res = (await ours.get(`/api/registry/persons?q=${encodeURIComponent(q)}`)).json();
      expect(
        res.items.map((p: { name: string }) => p.name),
        q,
      ).toEqual(['张晓明']);
      expect(res.items[0].idNumber).toBe(`120114********${headId.slice(-4)}`);
    }
    expect((await ours.get('/api/registry/persons?q=YC-0001')).json().total).toBe(2);
    const household = (await ours.get(`/api/registry/households/${householdId}`)).json();
    expect(household.relationships.filter((r: { kind: string }) => r.kind === 'spouse')).toHaveLength(1);
    expect((await ours.get(`/api/registry/persons?village=${village}&sort=birthDate&order=desc`)).json().items[0].name).toBe('李桂兰');
  });

  it('shows another township nothing: search finds no one and the household answers 404', async () => {
    expect((await other.get('/api/registry/persons?q=zxm')).json()).toMatchObject({ items: [], total: 0 });
    expect((await other.get(`/api/registry/households/${householdId}`)).statusCode).toBe(404);
    const person = (await ours.get('/api/registry/persons?q=zxm')).json().items[0];
    expect((await other.post(`/api/registry/persons/${person.id}/death`, { date: '2020-01-01' })).statusCode).toBe(404);
    expect((await other.post(`/api/registry/persons/${person.id}/reveal`, { reason: '核对' })).statusCode).toBe(404);
    // The office and the auditor see the whole district; the system administrator sees no business data.
    expect((await (await signedIn('office')).get('/api/registry/persons?q=zxm')).json().total).toBe(1);
    expect((await (await signedIn('sysadmin')).get('/api/registry/persons?q=zxm')).statusCode).toBe(403);
  });

  it('refuses an ID number registered elsewhere in the district, a household without head, and bad members, writing nothing', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]?.n;
    const taken = await other.post('/api/registry/households', {
      village: otherVillage,
      address: '下朱庄1号',
      members: [{ name: '王五', relation: '户主', idNumber: headId, hukou: '农业' }],
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.messages['zh-CN']).toContain('已在本区登记');
    const noHead = await other.post('/api/registry/households', {
      village: otherVillage,
      address: '下朱庄1号',
      members: [{ name: '王五', relation: '配偶', idNumber: idNumber('19600101', 15), hukou: '农业' }],
    });
    expect(noHead.statusCode).toBe(400);
    const bad = await other.post('/api/registry/households', {
      village: otherVillage,
      address: '下朱庄1号',
      members: [{ name: '王五', relation: '户主', idNumber: idNumber('19600101', 15), hukou: '农业', sex: '女' }],
    });
    expect(bad.json().error.details[0]).toMatchObject({ code: 'sex_mismatch' });
    const outOfScope = await other.post('/api/registry/households', {
      village,
      address: 'x',
      members: [{ name: '王五', relation: '户主', idNumber: idNumber('19600101', 15), hukou: '农业' }],
    });
    expect(outOfScope.statusCode).toBe(404);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM person')).rows[0]?.n).toBe(before);
  });
});

describe('registry: changes, reveals and exports', () => {
  it('records a birth, a disability, a death and a move, keeps every old value and shows who did what', async () => {
    const h = (await ours.get(`/api/registry/households/${householdId}`)).json();
    const [head, wife] = h.members;
    const birth = await ours.post(`/api/registry/households/${householdId}/members`, {
      event: 'birth',
      date: '1976-01-01',
      parentIds: [head.id, wife.id],
      member: { name: '张丽', relation: '子女', idNumber: idNumber('19760101', 22), hukou: '农业' },
    });
    expect(birth.statusCode, birth.body).toBe(201);
    const childId = birth.json().id;
    expect(
      (
        await ours.post(`/api/registry/households/${householdId}/members`, {
          event: 'birth',
          date: '1949-01-01',
          parentIds: [head.id],
          member: { name: '张早', relation: '子女', idNumber: idNumber('19490101', 22), hukou: '农业' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await ours.post(`/api/registry/persons/${childId}/disability`, { date: '2010-05-01', grade: 2 })).statusCode).toBe(200);
    expect((await ours.post(`/api/registry/persons/${childId}/death`, { date: '2011-03-04', note: '病故' })).statusCode).toBe(200);
    expect((await ours.post(`/api/registry/persons/${childId}/death`, { date: '2011-03-05' })).statusCode).toBe(400);
    expect((await ours.post(`/api/registry/persons/${head.id}/death`, { date: '2999-01-01' })).statusCode).toBe(400);
    expect((await ours.post(`/api/registry/persons/${wife.id}/move-out`, { date: '2012-02-01', destination: '北京市' })).statusCode).toBe(200);

    const after = (await ours.get(`/api/registry/households/${householdId}`)).json();
    const child = after.members.find((m: { id: string }) => m.id === childId);
    expect(child).toMatchObject({ alive: false, deathDate: '2011-03-04', version: 2, updatedBy: registrar.username });
    expect(after.relationships.filter((r: { relatedPersonId: string }) => r.relatedPersonId === childId)).toHaveLength(2);
    expect(after.disabilities).toEqual([{ personId: childId, grade: 2, assessedOn: '2010-05-01' }]);
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['registered', 'birth', 'disability_assessed', 'death', 'move_out']),
    );
    expect(after.events.every((e: { enteredBy: string }) => e.enteredBy === registrar.username)).toBe(true);
    const history = await t.db.query<{ version: number; old_row: { alive: boolean } }>(
      'SELECT version, old_row FROM registry_history WHERE entity_id = $1 ORDER BY version',
      [childId],
    );
    expect(history.rows.map((r) => [r.version, r.old_row.alive])).toEqual([[1, true]]);
    await expect(t.db.query('DELETE FROM person WHERE id = $1', [childId])).rejects.toThrow(/never deleted/);
  });

  it('reveals full numbers only with a reason, and logs each reveal', async () => {
    const person = (await ours.get('/api/registry/persons?q=zxm')).json().items[0];
    expect((await ours.post(`/api/registry/persons/${person.id}/reveal`, {})).statusCode).toBe(400);
    const res = await ours.post(`/api/registry/persons/${person.id}/reveal`, { reason: '办理奖扶资格确认' });
    expect(res.json()).toEqual({ idNumber: headId, phone: '13812345678' });
    const { rows } = await t.db.query<{ actor_username: string; detail: { reason: string } }>(
      "SELECT actor_username, detail FROM audit_log WHERE action = 'personal_data.reveal' AND entity_id = $1",
      [person.id],
    );
    expect(rows).toEqual([{ actor_username: registrar.username, detail: { fields: ['idNumber', 'phone'], reason: '办理奖扶资格确认' } }]);
    expect((await (await signedIn('auditor')).post(`/api/registry/persons/${person.id}/reveal`, { reason: '抽查' })).statusCode).toBe(403);
  });

  it('exports the filtered list as a masked workbook, and logs the export', async () => {
    const res = await ours.get(`/api/registry/persons/export?village=${village}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const names = sheet?.getColumn(1).values.slice(2);
    expect(names).toEqual(expect.arrayContaining(['张晓明', '李桂兰']));
    expect(JSON.stringify(sheet?.getColumn(4).values)).not.toContain(headId);
    expect(String(sheet?.getRow(2).getCell(4).value)).toMatch(/^120114\*{8}/);
    const { rows } = await t.db.query<{ detail: { rows: number; masked: boolean } }>(
      "SELECT detail FROM audit_log WHERE action = 'personal_data.export' AND actor_username = 'registrar.mine'",
    );
    expect(rows[0]?.detail).toMatchObject({ rows: names?.length, masked: true });
  });
});

describe('registry: what searches and exports leave in the logs', () => {
  it('records every search and every household read in the audit log, with what was searched for (an ID number masked) and how many were found', async () => {
    const lastEntry = async (action: string) =>
      (
        await t.db.query<{ entity_id: string | null; detail: Record<string, unknown> }>(
          "SELECT entity_id, detail FROM audit_log WHERE action = $1 AND actor_username = 'registrar.mine' ORDER BY seq DESC LIMIT 1",
          [action],
        )
      ).rows[0];
    const entries = async (action: string) =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]?.n;
    const fullWidth = headId.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    for (const q of [headId, fullWidth]) {
      const before = await entries('registry.search');
      expect((await ours.get(`/api/registry/persons?q=${encodeURIComponent(q)}&village=${village}`)).json().total).toBe(1);
      expect(await entries('registry.search')).toBe((before ?? 0) + 1);
      const entry = await lastEntry('registry.search');
      expect(entry?.detail).toEqual({ query: { kind: 'id_number', text: `120114********${headId.slice(-4)}` }, village, page: 1, results: 1 });
      expect(JSON.stringify(entry)).not.toContain(headId.slice(6, 14));
    }
    await ours.get('/api/registry/persons?q=zxm&alive=true');
    expect((await lastEntry('registry.search'))?.detail).toEqual({ query: { kind: 'name', text: 'zxm' }, alive: true, page: 1, results: 1 });
    await ours.get(`/api/registry/persons?village=${village}&page=2&pageSize=1`);
    expect((await lastEntry('registry.search'))?.detail).toMatchObject({ village, page: 2, results: expect.any(Number) });
    const household = (await ours.get(`/api/registry/households/${householdId}`)).json();
    expect(await lastEntry('registry.household_view')).toEqual({ entity_id: householdId, detail: { members: household.members.length } });
  });

  it('writes no ID number, phone number or searched-for name into the server log', async () => {
    const lines: string[] = [];
    const logged = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'info' }),
      db: t.db,
      secrets: testSecrets,
      logStream: {
        write: (line: string) => {
          lines.push(line);
        },
      },
    });
    await logged.ready();
    try {
      const client = await signIn(logged, registrar);
      const fullWidth = headId.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      expect((await client.get(`/api/registry/persons?q=${headId}&page=1`)).statusCode).toBe(200);
      expect((await client.get(`/api/registry/persons?q=${encodeURIComponent(fullWidth)}`)).statusCode).toBe(200);
      expect((await client.get(`/api/registry/persons?q=${encodeURIComponent('张晓明')}&sort=name`)).statusCode).toBe(200);
      expect((await client.get(`/api/registry/persons/export?q=${headId}`)).statusCode).toBe(200);
      expect((await client.get(`/api/registry/persons/${headId}/13812345678`)).statusCode).toBe(404);
      const log = lines.join('');
      expect(log).toContain('incoming request');
      expect(log).toContain('/api/registry/persons?q=[redacted]&page=1');
      expect(log).toContain('/api/registry/persons?q=[redacted]&sort=name');
      for (const secret of [headId, headId.slice(6, 14), encodeURIComponent(fullWidth), '13812345678', '张晓明', encodeURIComponent('张晓明')]) {
        expect(log, secret).not.toContain(secret);
      }
    } finally {
      await logged.close();
    }
  });

  it('exports a name a spreadsheet would take for a formula as inert text', async () => {
    const malicious = '=HYPERLINK("http://e.cn","点")';
    const created = await ours.post('/api/registry/households', {
      village,
      address: '杨村街道东刘庄村9号',
      householdNumber: 'YC-0009',
      members: [{ name: malicious, relation: '户主', idNumber: idNumber('19600101', 901), hukou: '农业' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await ours.get('/api/registry/persons/export?q=YC-0009');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]?.getRow(2).getCell(1);
    expect(cell?.value).toBe(`'${malicious}`);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
  });
});
