import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { DEMO_TODAY } from '../../src/core/clock.ts';
import type { CheckResult } from '../../src/modules/portal/check.ts';
import { runPortalCheck } from '../../src/modules/portal/checkRun.ts';
import { schedulePortalChecks } from '../../src/modules/portal/checkSchedule.ts';
import { currentSigner } from '../../src/modules/portal/signing.ts';
import { startTestApp, type TestApp } from '../helpers.ts';
import { runCli } from '../processes.ts';
import { startTamperingProxy, type ProxyMode, type TamperingProxy, type Tampering } from '../fixtures/tamperingProxy.ts';

const CRAWLERS = 'Baiduspider, Googlebot, Sogou web spider, 360Spider, Bytespider';

let t: TestApp;
let config: Config;
let origin: string;
let proxy: TamperingProxy;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  config = loadConfig({ LOG_LEVEL: 'silent' }, { demo: true, today: DEMO_TODAY });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/`;
  proxy = await startTamperingProxy(origin);
});
afterAll(async () => {
  await proxy?.close();
  await t?.close();
});

const setMode = (mode: Partial<ProxyMode>) => Object.assign(proxy.mode, { tampering: 'none', crawlersOnly: false, breakManifest: false }, mode);
const check = (options: { origin?: string } = {}): Promise<CheckResult> =>
  runPortalCheck(t.db, config, { publicUrl: proxy.url, source: 'cli', ...options, ...(options.origin ? { publicKey: currentSigner().publicKey } : {}) });
const kinds = (r: CheckResult) => [...new Set(r.findings.map((f) => f.kind))].sort();

describe('the portal integrity check from outside', () => {
  it('finds nothing on the untouched demo portal, from the database or from the origin’s signed manifest', async () => {
    setMode({});
    const fromDb = await check();
    expect(fromDb.findings).toEqual([]);
    expect(fromDb.checked).toBeGreaterThanOrEqual(6);
    expect(await check({ origin })).toEqual(fromDb);
    const run = await t.db.query<{ source: string; checked: number; findings: number }>(
      'SELECT source, checked, findings FROM portal_check_run ORDER BY id DESC LIMIT 1',
    );
    expect(run.rows[0]).toEqual({ source: 'cli', checked: fromDb.checked, findings: 0 });
  });

  it('records the findings for the office and the audit log', async () => {
    setMode({ tampering: 'county-links-hidden', crawlersOnly: true });
    const result = await check();
    const run = await t.db.query<{ id: string; findings: number }>(
      "SELECT id::text AS id, findings FROM portal_check_run WHERE source = 'cli' ORDER BY id DESC LIMIT 1",
    );
    expect(run.rows[0]?.findings).toBe(result.findings.length);
    const rows = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM portal_finding WHERE source = 'check' AND check_run = $1", [
      run.rows[0]?.id ?? '',
    ]);
    expect(rows.rows[0]?.n).toBe(result.findings.length);
    const audit = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.integrity_finding'");
    expect(audit.rows[0]?.n).toBeGreaterThan(0);
  });

  it('stops at a manifest whose signature does not verify', async () => {
    setMode({ breakManifest: true });
    const result = await check({ origin: proxy.url });
    expect(result).toEqual({
      checked: 0,
      findings: [{ url: `${proxy.url}portal/manifest.json`, kind: 'manifest-signature', detail: expect.stringContaining('signature'), userAgent: null }],
    });
  });
});

describe('the check catches the tampering of the hacked site', () => {
  const cases: [Tampering, boolean, string[]][] = [
    ['keyword-line', false, ['content-differs', 'spam-words']],
    ['keyword-line', true, ['cloaking', 'content-differs', 'spam-words']],
    ['county-links', false, ['content-differs', 'link-host']],
    ['county-links', true, ['cloaking', 'content-differs', 'link-host']],
    ['county-links-hidden', false, ['content-differs', 'hidden-block', 'link-host']],
    ['county-links-hidden', true, ['cloaking', 'content-differs', 'hidden-block', 'link-host']],
  ];
  it.each(cases)('catches %s (only for crawlers: %s)', async (tampering, crawlersOnly, expected) => {
    setMode({ tampering, crawlersOnly });
    const result = await check();
    expect(kinds(result)).toEqual(expected);
    const differs = result.findings.filter((f) => f.kind === 'content-differs');
    expect(differs.length).toBe(result.checked);
    for (const f of differs) expect(f.userAgent).toBe(crawlersOnly ? CRAWLERS : `Chrome, ${CRAWLERS}, Chrome from Baidu search`);
    if (crawlersOnly) for (const f of result.findings.filter((x) => x.kind === 'cloaking')) expect(f.userAgent).toBe(CRAWLERS);
    expect(differs[0]?.detail).toMatch(tampering === 'keyword-line' ? /^added \(1\): 「成人电影/ : /^added \(161\): 「主站蜘蛛池模板：」/);
  });
});

describe('the scheduled check', () => {
  it('runs on a schedule inside the server, one run at a time, logging an error line when it finds something', async () => {
    setMode({ tampering: 'keyword-line', crawlersOnly: true });
    const log = { info: vi.fn(), error: vi.fn() };
    const schedule = schedulePortalChecks(t.db, { ...config, portal: { ...config.portal, checkUrl: proxy.url, checkMinutes: 60 } }, log);
    expect(schedule).not.toBeNull();
    const [a, b] = [schedule?.runNow(), schedule?.runNow()];
    expect(a).toBe(b);
    await a;
    await schedule?.stop();
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(String(log.error.mock.calls[0]?.[1])).toMatch(/^portal integrity check of .*: \d+ findings$/);
    const run = await t.db.query<{ source: string }>('SELECT source FROM portal_check_run ORDER BY id DESC LIMIT 1');
    expect(run.rows[0]?.source).toBe('schedule');
    expect(schedulePortalChecks(t.db, config, log)).toBeNull();
  });
});

describe('xingfu portal check', () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-portal-check-'));
    env = { XINGFU_DATA_DIR: dir, DATABASE_URL: undefined };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (...extra: string[]) =>
    runCli(['portal', 'check', '--public-url', proxy.url, '--origin', origin, '--public-key', currentSigner().publicKey, ...extra], env);

  it('prints the findings as JSON and exits with 1 on the tampered site, 0 on the untouched one, 2 on a usage error', async () => {
    setMode({ tampering: 'keyword-line', crawlersOnly: true });
    const tampered = await cli('--json');
    expect(tampered.code, tampered.stderr).toBe(1);
    const out = JSON.parse(tampered.stdout) as { checked: number; findings: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['checked', 'findings']);
    expect(out.findings.length).toBeGreaterThan(0);
    for (const f of out.findings) expect(Object.keys(f)).toEqual(['url', 'kind', 'detail', 'userAgent']);
    setMode({});
    const clean = await cli('--json');
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ checked: out.checked, findings: [] });
    expect((await runCli(['portal', 'check', '--json'], env)).code).toBe(2);
    expect((await runCli(['portal', 'check', '--public-url', 'ftp://x'], env)).code).toBe(2);
  }, 120_000);
});
