import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, testDatabaseKind } from '../helpers.ts';
import { runCli, testSecretKey } from '../processes.ts';
import { idNumber, row, rosterWorkbook, sheetWorkbook } from '../fixtures/roster.ts';

describe('the xingfu command', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (testDatabaseKind() === 'postgres') {
      const db = await createServerDatabase();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-cli-'));
      env = { DATABASE_URL: db.url, XINGFU_SECRET_KEY: testSecretKey, XINGFU_AUDIT_CHECKPOINT_PATH: path.join(dir, 'checkpoints', 'audit.jsonl') };
      cleanup = async () => {
        await db.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-cli-'));
      env = { XINGFU_DATA_DIR: dir, XINGFU_AUDIT_CHECKPOINT_PATH: path.join(dir, 'checkpoints', 'audit.jsonl') };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => cleanup());

  it('explains every command with --help', async () => {
    const top = await runCli(['--help'], env);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'user', 'audit', 'id', 'keys']) expect(top.stdout).toContain(command);
    for (const args of [
      ['serve', '--help'],
      ['migrate', '--help'],
      ['seed', 'demo', '--help'],
      ['user', 'add', '--help'],
      ['audit', 'verify', '--help'],
      ['audit', 'checkpoint', '--help'],
      ['id', 'check', '--help'],
    ]) {
      const res = await runCli(args, env);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/^Usage: xingfu /);
    }
    expect((await runCli(['user', 'add', '--help'], env)).stdout).toContain('--role <role>');
  }, 180_000); // eight processes, each loading the sources: seconds apiece on a busy machine

  it('migrates, loads the organisation, adds the first office account from stdin, refuses a weak password, verifies the audit chain', async () => {
    const migrated = await runCli(['migrate'], env);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect((await runCli(['seed', 'org'], env)).code).toBe(0);
    const added = await runCli(['user', 'add', 'office.zhang', '--role', 'office', '--display-name', '张主任'], env, 'Long-Enough-Pass-1\n');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Created office\.zhang \(office\) in district 120114/);
    const weak = await runCli(['user', 'add', 'office.wang', '--role', 'office'], env, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('weak_password');
    expect(weak.stderr).toMatch(/密码不符合安全策略/);
    const bad = await runCli(['user', 'add', 'x.township', '--role', 'township', '--township', '120114999'], env, 'Long-Enough-Pass-1\n');
    expect(bad.code).toBe(1);
    const verified = await runCli(['audit', 'verify', '--json'], env);
    expect(verified.code).toBe(0);
    const reports = JSON.parse(verified.stdout);
    expect(reports).toEqual([expect.objectContaining({ district: '120114', ok: true })]);
    expect(reports[0].checked).toBeGreaterThanOrEqual(1);
    // A checkpoint, printed for the operator and appended to the configured file, anchors the chain.
    const checkpoint = await runCli(['audit', 'checkpoint'], env);
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    const line = checkpoint.stdout.trim();
    expect(JSON.parse(line)).toMatchObject({ district: '120114', seq: reports[0].checked, sealedFrom: expect.any(Number), sig: expect.any(String) });
    expect(fs.readFileSync(String(env.XINGFU_AUDIT_CHECKPOINT_PATH), 'utf8')).toBe(`${line}\n`);
    const anchored = await runCli(['audit', 'verify'], env);
    expect(anchored.code, anchored.stderr).toBe(0);
    expect(anchored.stdout).toContain(`120114: OK, ${reports[0].checked} entries; checkpoint of `);
  });

  it('imports a township roster and reports the counts as JSON, with the error workbook beside the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-cli-import-'));
    const file = path.join(dir, 'yangcun.xlsx');
    const person = (hh: string, name: string, id: string) =>
      row({ householdNumber: hh, village: '和平里社区', address: '和平里1号', name, relation: '户主', idNumber: id, hukou: '农业' });
    fs.writeFileSync(file, await rosterWorkbook([person('C1', '马力', idNumber('19551010', 111)), person('C2', '牛二', '120114195510101110')]));
    const first = await runCli(['import', 'persons', file, '--township', '120114001', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      mode: 'new',
      headerRow: 1,
      imported: 1,
      newHouseholds: 1,
      unchanged: 0,
      rejected: 1,
      errorsFile: path.join(dir, 'yangcun.errors.xlsx'),
    });
    expect(fs.existsSync(path.join(dir, 'yangcun.errors.xlsx'))).toBe(true);
    expect(first.stderr).toMatch(/100% imported 1/);
    const again = await runCli(['import', 'persons', file, '--township', '120114001', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: 1, rejected: 1 });
    const unknown = await runCli(['import', 'persons', file, '--township', '120114999'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('120114999');
    // --json prints a refusal as JSON on stdout too.
    const refusedJson = await runCli(['import', 'persons', file, '--township', '120114999', '--json'], env);
    expect(refusedJson.code).toBe(1);
    expect(JSON.parse(refusedJson.stdout)).toMatchObject({ error: { code: 'not_found', message: { zh: expect.stringContaining('120114999') } } });

    // A roster in its own words, mapped with a file; a change is shown by --preview and recorded by --apply.
    const own = path.join(dir, 'own.xlsx');
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ 名字: '姓名', 角色: 'relation', 证件: '身份证号', 户别: 'hukou', 电话: 'phone', 备注: null }));
    const ownRows = (phone: string) =>
      sheetWorkbook([
        ['名字', '角色', '证件', '户别', '电话', '备注'],
        ['马力', '户主', idNumber('19551010', 111), '农业', phone, ''],
      ]);
    fs.writeFileSync(own, await ownRows('13512340000'));
    const refused = await runCli(['import', 'persons', own, '--township', '120114001', '--village', '和平里社区', '--json'], env);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'validation_failed', message: { zh: expect.stringContaining('缺少必需的列') } } });
    const preview = await runCli(['import', 'persons', own, '--township', '120114001', '--village', '和平里社区', '--mapping', mapping, '--preview'], env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('有变更 1 人');
    expect(preview.stdout).toContain('联系电话 空 → 135****0000');
    const applied = await runCli(
      ['import', 'persons', own, '--township', '120114001', '--village', '和平里社区', '--mapping', mapping, '--apply', '--json'],
      env,
    );
    expect(JSON.parse(applied.stdout)).toMatchObject({ mode: 'apply', updated: 1, imported: 0, rejected: 0 });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it("rotates the data to SM4 under a new data key, stopped and resumed, and still recognises the register's persons", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-cli-keys-'));
    const file = path.join(dir, 'keys.xlsx');
    const head = (hh: string, name: string, id: string) =>
      row({ householdNumber: hh, village: '和平里社区', address: `和平里${hh}号`, name, relation: '户主', idNumber: id, hukou: '农业', phone: '13900001111' });
    fs.writeFileSync(file, await rosterWorkbook([head('K1', '钥匙', idNumber('19600101', 222)), head('K2', '锁头', idNumber('19610202', 333))]));
    expect(JSON.parse((await runCli(['import', 'persons', file, '--township', '120114001', '--json'], env)).stdout)).toMatchObject({ imported: 2 });
    const generated = await runCli(['keys', 'generate'], env);
    expect(generated.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const oldKey = env.XINGFU_SECRET_KEY ?? fs.readFileSync(path.join(env.XINGFU_DATA_DIR ?? '', 'secret.key'), 'utf8');
    const rotating = { ...env, XINGFU_CIPHER: 'sm4', XINGFU_DATA_KEY: generated.stdout.trim(), XINGFU_PREVIOUS_DATA_KEY: oldKey };
    expect((await runCli(['keys', 'status'], rotating)).code).toBe(1);
    const stopped = await runCli(['keys', 'rotate', '--batch-size', '1', '--max-batches', '1', '--json'], rotating);
    expect(stopped.code, stopped.stderr).toBe(2);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ complete: false, batches: 1, rows: { person: 1 } });
    const resumed = await runCli(['keys', 'rotate'], rotating);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^Rotation complete: person \d+, app_user 0/);
    // From now on the previous key is not needed; the audit chains, sealed with the secret key, are intact.
    Object.assign(env, { XINGFU_CIPHER: 'sm4', XINGFU_DATA_KEY: rotating.XINGFU_DATA_KEY });
    const status = await runCli(['keys', 'status', '--json'], env);
    expect(status.code, status.stdout).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ cipher: 'sm4', current: true });
    expect(JSON.parse((await runCli(['import', 'persons', file, '--township', '120114001', '--json'], env)).stdout)).toMatchObject({
      imported: 0,
      unchanged: 2,
    });
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('generates a payment roll as a named account, refuses a bad month, and keeps the four-eyes rule', async () => {
    const bad = await runCli(['roll', 'generate', '--programme', 'reward-assistance', '--period', '2011-13', '--as', 'office.zhang'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('validation_failed');
    const missing = await runCli(['roll', 'generate', '--programme', 'reward-assistance', '--period', '2008-06', '--as', 'office.zhang'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('parameter_missing');
    const made = await runCli(['roll', 'generate', '--programme', 'reward-assistance', '--period', '2011-06', '--as', 'office.zhang', '--json'], env);
    expect(made.code, made.stderr).toBe(0);
    const roll = JSON.parse(made.stdout);
    expect(roll).toMatchObject({ programme: 'reward-assistance', period: '2011-06', state: 'draft', generatedBy: 'office.zhang' });
    expect((await runCli(['roll', 'transition', roll.id, '--action', 'check', '--as', 'office.zhang'], env)).code).toBe(0);
    const self = await runCli(['roll', 'transition', roll.id, '--action', 'approve', '--as', 'office.zhang'], env);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('four_eyes');
  });

  it('writes a bulletin as .docx: the published one of a period, or an unnumbered draft; refuses bad periods', async () => {
    const none = await runCli(['bulletin', 'generate', '--period', '2012-06', '--out', path.join(os.tmpdir(), 'none.docx')], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no_data');
    expect((await runCli(['seed', 'demo', '--no-register'], env)).code).toBe(0);
    const bad = await runCli(['bulletin', 'generate', '--period', '2011-Q5', '--out', path.join(os.tmpdir(), 'bad.docx')], env);
    expect(bad.stderr).toContain('period_invalid');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bulletin-'));
    const published = await runCli(['bulletin', 'generate', '--period', '2011-10', '--out', path.join(dir, 'oct.docx'), '--json'], env);
    expect(published.code, published.stderr).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ number: '武清幸福家庭办〔2011〕3号', status: 'published' });
    const draft = await runCli(['bulletin', 'generate', '--period', '2011-Q4', '--out', path.join(dir, 'q4.docx'), '--json'], env);
    expect(JSON.parse(draft.stdout)).toMatchObject({ number: null, status: 'draft', period: '2011-Q4' });
    const xml = await (await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'q4.docx')))).file('word/document.xml')?.async('string');
    expect(xml).toContain('总工会（11月，未报送）');
    expect(xml).toContain('2011年第四季度');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks an ID number', async () => {
    const ok = await runCli(['id', 'check', '120114198506121238'], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      valid: true,
      normalized: '120114198506121238',
      birthDate: '1985-06-12',
      sex: 'male',
      divisionCode: '120114',
      reason: null,
    });
    const bad = await runCli(['id', 'check', '120114198506121239'], env);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).reason).toBe('checksum');
  });
});
