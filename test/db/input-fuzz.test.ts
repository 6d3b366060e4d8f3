import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonth } from '../../src/modules/coordination/reports.ts';
import { badQueryValues, badValue, type JsonSchema, pick, pickPath, replaceAt, type Rng, sample, seeded } from '../fuzz.ts';
import { idNumber } from '../fixtures/roster.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

/**
 * Bad requests generated from the app's own OpenAPI document, a few per operation, and bad
 * uploads: none may be answered 5xx, every 4xx carries a stable code, and none may hang.
 * XINGFU_FUZZ_SEED replays a run; XINGFU_FUZZ_ROUNDS sends more per operation.
 */
const SEED = Number(process.env.XINGFU_FUZZ_SEED ?? 17_2026);
const ROUNDS = Number(process.env.XINGFU_FUZZ_ROUNDS ?? 3);

interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
  params: { name: string; schema: JsonSchema }[];
}

/** Operations that end the caller's session or second factor: they would only blind the rest of the run. */
const SKIP = /^\/api\/(docs|auth\/(logout|password|totp))|\/attachments$|^\/api\/registry\/imports$/;

/** The table behind the `{id}` of a path, by the segment before it. */
const TABLE_OF: Record<string, string> = {
  households: 'household', persons: 'person', applications: 'benefit_application', objections: 'benefit_objection', enrolments: 'benefit_enrolment',
  rolls: 'payment_roll', responsibilities: 'coord_responsibility', rules: 'coord_rule', attachments: 'coord_attachment', bulletins: 'coord_bulletin',
  meetings: 'coord_meeting', 'action-items': 'coord_action_item', notices: 'coord_notice', children: 'ecd_child', 'activity-plans': 'ecd_activity_plan',
  classes: 'ecd_class', sessions: 'ecd_session', imports: 'job',
};

/** What a failed case looks like, enough to replay it. */
const describeCase = (method: string, url: string, payload?: string) => `${method} ${url.slice(0, 160)}${payload === undefined ? '' : ` ${payload.slice(0, 160)}`}`;

async function within<T>(pending: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([pending, new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`generated bad requests (seed ${SEED})`, () => {
  let t: TestApp;
  let clients: Record<string, Client>;
  let operations: Operation[];
  const ids: Record<string, string> = {};
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const users = ['sysadmin', 'secadmin', 'auditor', 'office', 'township.yangcun', 'village.meichang', 'liaison.agri', 'teacher'];
    clients = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await login(t.app, u)] as const)));
    const created = await clients['township.yangcun']?.post('/api/registry/households', {
      village: '120114001201', address: '杨村街道模糊测试路1号', members: [{ name: '模糊测试', relation: '户主', idNumber: idNumber('19500302', 125), hukou: '农业' }],
    });
    expect(created?.statusCode, created?.body).toBe(201);
    for (const [segment, table] of Object.entries(TABLE_OF)) {
      const row = (await t.db.query<{ id: string }>(`SELECT id::text AS id FROM ${table} ORDER BY id LIMIT 1`)).rows[0];
      if (row) ids[segment] = row.id;
    }
    const doc = (await clients.sysadmin?.get('/api/docs/json'))?.json() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> }; parameters?: { in: string; name: string; schema: JsonSchema }[] }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      body: op.requestBody?.content?.['application/json']?.schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query'),
      params: (op.parameters ?? []).filter((p) => p.in === 'path'),
    }))).filter((op) => !SKIP.test(op.path));
    expect(operations.length).toBeGreaterThan(90);
  }, 180_000);
  afterAll(async () => t.close());

  /** Who calls an operation: someone allowed to, so the request gets past authorisation to the input checks. */
  const callerOf = (path: string): Client | undefined => {
    if (path.startsWith('/api/auth/login')) return undefined;
    if (/^\/api\/coord\/(reports\/\{|notices\/\{)/.test(path)) return clients['liaison.agri'];
    const prefix: [RegExp, string][] = [
      [/^\/api\/registry/, 'township.yangcun'], [/^\/api\/benefits\/applications|^\/api\/benefits\/objections/, 'village.meichang'], [/^\/api\/(benefits|coord)/, 'office'],
      [/^\/api\/ecd/, 'teacher'], [/^\/api\/security|^\/api\/users\/\{id\}\/grants/, 'secadmin'], [/^\/api\/audit/, 'auditor'],
    ];
    return clients[prefix.find(([re]) => re.test(path))?.[1] ?? 'sysadmin'];
  };

  const fillPath = (op: Operation, rng: Rng, broken?: string): string => op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (broken === name) return pick(rng, badQueryValues);
    if (name === 'id') return ids[/\/([\w-]+)\/\{id\}/.exec(op.path)?.[1] ?? ''] ?? crypto.randomUUID();
    if (name === 'department') return 'agri-tech';
    if (name === 'period') return currentMonth();
    if (name === 'milestone') return 'sitting';
    if (name === 'code') return op.path.includes('townships') ? '120114001' : op.path.includes('indicators') ? 'fuzz_indicator' : 'agri-tech';
    return String(sample(op.params.find((p) => p.name === name)?.schema, rng, name));
  });

  const send = async (op: Operation, rng: Rng) => {
    const kinds = [...(op.body ? ['body', 'body', 'body', 'raw'] : []), ...(op.query.length > 0 ? ['query', 'query'] : []), ...(op.params.length > 0 ? ['param'] : [])];
    const kind = kinds.length > 0 ? pick(rng, kinds) : 'query';
    const query = new URLSearchParams();
    for (const q of op.query) if (rng() < 0.5) query.set(q.name, String(sample(q.schema, rng, q.name)));
    let queryText = query.toString();
    if (kind === 'query') queryText += `${queryText ? '&' : ''}${op.query.length > 0 ? pick(rng, op.query).name : 'x'}=${pick(rng, badQueryValues)}`;
    const url = `${fillPath(op, rng, kind === 'param' ? pick(rng, op.params).name : undefined)}${queryText ? `?${queryText}` : ''}`;
    let payload: string | undefined;
    let contentType = 'application/json';
    if (op.body) {
      const valid = sample(op.body, rng);
      if (kind === 'body') {
        const at = pickPath(rng, valid);
        payload = JSON.stringify(rng() < 0.8 ? replaceAt(valid, at, badValue(rng)) : { ...(valid as object), [String(badValue(rng)).slice(0, 20)]: badValue(rng) });
      } else if (kind === 'raw') {
        [payload, contentType] = pick(rng, [['{"a":', 'application/json'], ['\u0000', 'application/json'], ['"\\ud800"', 'application/json'], ['[1,2]', 'application/json'],
          ['null', 'application/json'], ['a=b', 'application/x-www-form-urlencoded'], ['{}', 'text/plain'], ['{"x":"\\u0000"}', 'application/json; charset=latin1']] as const);
      } else payload = JSON.stringify(valid);
    }
    const caller = callerOf(op.path);
    const headers: Record<string, string> = { ...(caller ? { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken } : {}), ...(payload === undefined ? {} : { 'content-type': contentType }) };
    sent++;
    const res = await within(t.app.inject({ method: op.method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) }), 20_000);
    check(res, describeCase(op.method, url, payload));
  };

  const check = (res: LightMyRequestResponse | null, what: string) => {
    if (res === null) {
      failures.push(`no answer within 20 s: ${what}`);
      return;
    }
    if (res.statusCode >= 500) failures.push(`${res.statusCode}: ${what} → ${res.body.slice(0, 200)}`);
    else if (res.statusCode >= 400) {
      const code = (() => {
        try {
          return (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code;
        } catch {
          return undefined;
        }
      })();
      if (typeof code !== 'string') failures.push(`${res.statusCode} without a code: ${what} → ${res.body.slice(0, 200)}`);
    }
  };

  it('answers every generated bad request without a 5xx', async () => {
    const rng = seeded(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of operations) await send(op, rng);
    }
    expect(sent).toBeGreaterThan(250);
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers every generated bad upload without a 5xx or a hang', async () => {
    const rng = seeded(SEED + 1);
    // A village worker may not import rosters: a well-formed upload is refused after it is read, so no import job starts.
    const targets = [[clients['village.meichang'], '/api/registry/imports'], [clients['liaison.agri'], `/api/coord/reports/agri-tech/${currentMonth()}/attachments`]] as const;
    const local: string[] = [];
    for (let i = 0; i < 80; i++) {
      const [caller, url] = pick(rng, targets);
      const boundary = pick(rng, ['b0undary', 'x'.repeat(70), 'y'.repeat(300), '', '"quoted"', 'a b']);
      const parts = Array.from({ length: Math.floor(rng() * 25) }, () => {
        const isFile = rng() < 0.4;
        const name = pick(rng, ['file', 'township', '__proto__', 'x\u0000', 'f'.repeat(200), '']);
        const filename = pick(rng, ['a.csv', 'a\u0000.csv', 'a\u0007.xlsx', '测试.xlsx', 'x'.repeat(300), '../../x.csv']);
        const header = `Content-Disposition: form-data; name="${name}"${isFile ? `; filename="${filename}"` : ''}\r\n${rng() < 0.3 ? `Content-Type: ${pick(rng, ['text/csv', 'text/\u0000x', 'application/json', ''])}\r\n` : ''}`;
        return `--${boundary}\r\n${header}\r\n${pick(rng, ['abc', '120114001', '{"a":', '\u0000\u0001', 'z'.repeat(Math.floor(rng() * 70_000))])}\r\n`;
      });
      let body = `${rng() < 0.2 ? 'preamble\r\n' : ''}${parts.join('')}${rng() < 0.7 ? `--${boundary}--\r\n` : ''}`;
      if (rng() < 0.3) body = body.slice(0, Math.floor(rng() * body.length));
      const contentType = pick(rng, [`multipart/form-data; boundary=${boundary}`, 'multipart/form-data', `multipart/form-data; boundary="${boundary}"`, `multipart/mixed; boundary=${boundary}`]);
      const res = await within(t.app.inject({ method: 'POST', url, payload: Buffer.from(body, 'utf8'), headers: { cookie: caller?.cookie ?? '', 'x-csrf-token': caller?.csrfToken ?? '', 'content-type': contentType } }), 10_000);
      const before = failures.length;
      check(res, describeCase('POST', url, `${contentType} ${JSON.stringify(body.slice(0, 120))}`));
      local.push(...failures.splice(before));
    }
    expect(local).toEqual([]);
  }, 300_000);
});
