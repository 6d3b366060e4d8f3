import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMonth } from '../../src/modules/coordination/reports.ts';
import { badRawBody, badRawValue, badUpload, type JsonSchema, toJson, type Upload, validValue, withOneBadPart } from '../fuzz.ts';
import { idNumber } from '../fixtures/roster.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';
import { WriteWatch } from '../writes.ts';

/**
 * Requests generated from the app's own OpenAPI document with fast-check, RUNS per operation:
 * mostly with one part made bad, some as another caller, a few as a correct client would send
 * them. None may be answered 5xx or hang, every 4xx carries a stable code, and a refused request
 * (4xx) writes nothing beyond what a refusal writes by design (see refusalMayWrite).
 *
 * XINGFU_FUZZ_SEED sets the seed (printed with the suite's name); XINGFU_FUZZ_RUNS the requests per
 * operation; a failure prints how to replay it alone (XINGFU_FUZZ_OP and XINGFU_FUZZ_PATH).
 */
const SEED = Number(process.env.XINGFU_FUZZ_SEED ?? 17_2026);
const RUNS = Number(process.env.XINGFU_FUZZ_RUNS ?? 20);
const ONLY = process.env.XINGFU_FUZZ_OP;
const PATH = process.env.XINGFU_FUZZ_PATH;

interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
  params: { name: string; schema: JsonSchema }[];
}

/** Operations that end the caller's session or second factor: they would only blind the rest of the run. */
const SKIP = /^\/api\/(docs|auth\/(logout|password|totp))|\/attachments$|^\/api\/registry\/imports$/;
/** Sent only with a bad part: a correct body could shorten the password expiry and send every caller to the password page. */
const NEVER_CORRECT = new Set(['PUT /api/security/policy']);

/** The table behind the `{id}` of a path, by the segment before it. */
const TABLE_OF: Record<string, string> = {
  households: 'household',
  persons: 'person',
  applications: 'benefit_application',
  objections: 'benefit_objection',
  enrolments: 'benefit_enrolment',
  rolls: 'payment_roll',
  responsibilities: 'coord_responsibility',
  rules: 'coord_rule',
  attachments: 'coord_attachment',
  bulletins: 'coord_bulletin',
  meetings: 'coord_meeting',
  'action-items': 'coord_action_item',
  notices: 'coord_notice',
  children: 'ecd_child',
  'activity-plans': 'ecd_activity_plan',
  classes: 'ecd_class',
  sessions: 'ecd_session',
  imports: 'job',
};

const USERS = ['sysadmin', 'secadmin', 'auditor', 'office', 'township.yangcun', 'village.meichang', 'liaison.agri', 'teacher'];

/** Who sends a request: the caller allowed to (`allowed`), another signed-in user, nobody, or the allowed one without the CSRF token. */
type Caller = string;
const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('allowed') },
  { weight: 2, arbitrary: fc.constantFrom(...USERS, 'anonymous', 'no-csrf') },
);

interface Sent {
  part: string;
  caller: Caller;
  url: string;
  payload?: string;
  contentType: string;
}

const SIGN_IN = '/api/auth/login';

/**
 * What a refused request may still write, by design, and nothing else:
 * - session: resolving the cookie moves the session's last-seen time (at most every 15 s) and
 *   deletes a session past its timeout, before any check can refuse the request;
 * - audit_seal: the seal of an audit entry, which is checked itself (audit_log below);
 * - on sign-in only: a failed attempt is counted (signin_counter), may lock the account
 *   (app_user.locked_until) and is audited as 'auth.login_failed' (audit_log).
 */
const refusalMayWrite = (path: string, table: string) =>
  table === 'session' || table === 'audit_seal' || (path === SIGN_IN && (table === 'signin_counter' || table === 'app_user'));
const REFUSAL_AUDIT = new Set(['auth.login_failed']);

/** What a failed case looks like, enough to read it. */
const describeCase = (method: string, url: string, payload?: string) =>
  `${method} ${url.slice(0, 160)}${payload === undefined ? '' : ` ${payload.slice(0, 160)}`}`;

async function within<T>(pending: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      pending,
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A stable seed for each operation, from the run's seed, so one operation can be replayed alone. */
const seedOf = (op: Operation) => [...`${op.method} ${op.path}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0, SEED >>> 0);

describe(`generated requests (seed ${SEED}, ${RUNS} per operation)`, () => {
  let t: TestApp;
  let watch: WriteWatch;
  let clients: Record<string, Client>;
  let operations: Operation[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    watch = new WriteWatch(t.db);
    clients = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u, await login(t.app, u)] as const)));
    await watch.settle();
    const created = await clients['township.yangcun']?.post('/api/registry/households', {
      village: '120114001201',
      address: '杨村街道模糊测试路1号',
      members: [{ name: '模糊测试', relation: '户主', idNumber: idNumber('19500302', 125), hukou: '农业' }],
    });
    expect(created?.statusCode, created?.body).toBe(201);
    // The watch sees a write it should: the household and its member.
    expect((await watch.changedTables()).map((c) => c.name)).toEqual(expect.arrayContaining(['household', 'person']));
    for (const [segment, table] of Object.entries(TABLE_OF)) {
      const row = (await t.db.query<{ id: string }>(`SELECT id::text AS id FROM ${table} ORDER BY id LIMIT 1`)).rows[0];
      if (row) ids[segment] = row.id;
    }
    const doc = (await clients.sysadmin?.get('/api/docs/json'))?.json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> }; parameters?: { in: string; name: string; schema: JsonSchema }[] }>
      >;
    };
    operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          body: op.requestBody?.content?.['application/json']?.schema,
          query: (op.parameters ?? []).filter((p) => p.in === 'query'),
          params: (op.parameters ?? []).filter((p) => p.in === 'path'),
        })),
      )
      .filter((op) => !SKIP.test(op.path));
    expect(operations.length).toBeGreaterThan(90);
  }, 180_000);
  afterAll(async () => t.close());

  /** Who calls an operation: someone allowed to, so the request gets past authorisation to the input checks. */
  const allowedCaller = (path: string): string | undefined => {
    if (path === SIGN_IN) return undefined;
    if (/^\/api\/coord\/(reports\/\{|notices\/\{)/.test(path)) return 'liaison.agri';
    const prefix: [RegExp, string][] = [
      [/^\/api\/registry/, 'township.yangcun'],
      [/^\/api\/benefits\/applications|^\/api\/benefits\/objections/, 'village.meichang'],
      [/^\/api\/(benefits|coord)/, 'office'],
      [/^\/api\/ecd/, 'teacher'],
      [/^\/api\/security|^\/api\/users\/\{id\}\/grants/, 'secadmin'],
      [/^\/api\/audit/, 'auditor'],
    ];
    return prefix.find(([re]) => re.test(path))?.[1] ?? 'sysadmin';
  };

  /** A correct value for each path parameter: a row of the demo district mostly, else one of the right shape. */
  const paramArb = (op: Operation, name: string): fc.Arbitrary<string> => {
    const known = (value: string | undefined, other: fc.Arbitrary<string>) =>
      value === undefined ? other : fc.oneof({ weight: 4, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: other });
    if (name === 'id') return known(ids[/\/([\w-]+)\/\{id\}/.exec(op.path)?.[1] ?? ''], fc.uuid());
    if (name === 'department') return fc.constant('agri-tech');
    if (name === 'period') return fc.constant(currentMonth());
    if (name === 'milestone') return fc.constant('sitting');
    const schema = op.params.find((p) => p.name === name)?.schema;
    if (name === 'code')
      return known(
        op.path.includes('townships') ? '120114001' : op.path.includes('indicators') ? 'fuzz_indicator' : 'agri-tech',
        validValue(schema, name).map(String),
      );
    return validValue(schema, name).map(String);
  };

  const requestOf = (op: Operation): fc.Arbitrary<Sent> => {
    const base = fc.record({
      params: fc.record(Object.fromEntries(op.params.map((p) => [p.name, paramArb(op, p.name).map(encodeURIComponent)]))),
      query: fc.record(Object.fromEntries(op.query.map((q) => [q.name, validValue(q.schema, q.name)])), { requiredKeys: [] }),
      body: op.body ? validValue(op.body) : fc.constant(undefined),
      caller: op.path === SIGN_IN ? fc.constant('anonymous') : callerArb,
    });
    const parts: fc.WeightedArbitrary<string>[] = [
      ...(op.body
        ? [
            { weight: 5, arbitrary: fc.constant('body') },
            { weight: 1, arbitrary: fc.constant('raw') },
          ]
        : []),
      { weight: op.query.length > 0 ? 3 : 1, arbitrary: fc.constant('query') },
      ...(op.params.length > 0 ? [{ weight: 2, arbitrary: fc.constant('param') }] : []),
      ...(NEVER_CORRECT.has(`${op.method} ${op.path}`) ? [] : [{ weight: 1, arbitrary: fc.constant('correct') }]),
    ];
    return fc.tuple(base, fc.oneof(...parts)).chain(([b, part]) => {
      const sent = (change: { params?: Record<string, string>; extraQuery?: string; payload?: string; contentType?: string }): Sent => {
        const params = { ...b.params, ...change.params };
        const query = new URLSearchParams(Object.entries(b.query).map(([k, v]) => [k, String(v)])).toString();
        const queryText = [query, change.extraQuery].filter(Boolean).join('&');
        const payload = change.payload ?? (b.body === undefined ? undefined : toJson(b.body));
        return {
          part,
          caller: b.caller,
          url: `${op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')}${queryText ? `?${queryText}` : ''}`,
          ...(payload === undefined ? {} : { payload }),
          contentType: change.contentType ?? 'application/json',
        };
      };
      switch (part) {
        case 'body':
          return withOneBadPart(b.body).map((v) => sent({ payload: toJson(v) }));
        case 'raw':
          return badRawBody.map(([payload, contentType]) => sent({ payload, contentType }));
        case 'query':
          return fc.tuple(fc.constantFrom(...op.query.map((q) => q.name), 'x'), badRawValue).map(([name, value]) => sent({ extraQuery: `${name}=${value}` }));
        case 'param':
          return fc.tuple(fc.constantFrom(...op.params.map((p) => p.name)), badRawValue).map(([name, value]) => sent({ params: { [name]: value } }));
        default:
          return fc.constant(sent({}));
      }
    });
  };

  const headersOf = (op: Operation, caller: Caller): Record<string, string> => {
    const name = caller === 'allowed' || caller === 'no-csrf' ? allowedCaller(op.path) : caller;
    const client = name === undefined ? undefined : clients[name];
    if (!client) return {};
    return caller === 'no-csrf' ? { cookie: client.cookie } : { cookie: client.cookie, 'x-csrf-token': client.csrfToken };
  };

  /** What is wrong with an answer, if anything: a 5xx, a 4xx without a code, or a refusal that wrote. */
  const problemOf = async (path: string, res: LightMyRequestResponse | null): Promise<string | null> => {
    if (res === null) return 'no answer within 20 s';
    if (res.statusCode >= 500) return `${res.statusCode} → ${res.body.slice(0, 200)}`;
    if (res.statusCode < 400) return null;
    let code: unknown;
    try {
      code = (JSON.parse(res.body) as { error?: { code?: unknown } }).error?.code;
    } catch {
      code = undefined;
    }
    if (typeof code !== 'string') return `${res.statusCode} without a code → ${res.body.slice(0, 200)}`;
    const written: string[] = [];
    for (const { name, newestBefore } of await watch.changedTables()) {
      if (refusalMayWrite(path, name)) continue;
      if (name === 'audit_log') {
        const { rows } = await t.db.query<{ action: string }>('SELECT DISTINCT action FROM audit_log WHERE xmin::text::int8 > $1', [newestBefore]);
        const unexpected = rows.map((r) => r.action).filter((a) => !(path === SIGN_IN && REFUSAL_AUDIT.has(a)));
        if (unexpected.length > 0) written.push(`audit_log (${unexpected.join(', ')})`);
      } else written.push(name);
    }
    return written.length > 0 ? `${res.statusCode} ${code}, yet wrote ${written.join(', ')}` : null;
  };

  const inject = async (op: Operation, r: Sent) => {
    await watch.settle();
    const headers = { ...headersOf(op, r.caller), ...(r.payload === undefined ? {} : { 'content-type': r.contentType }) };
    return within(t.app.inject({ method: op.method as 'GET', url: r.url, headers, ...(r.payload === undefined ? {} : { payload: r.payload }) }), 20_000);
  };

  it('answers every generated request without a 5xx, and writes nothing when it refuses', async () => {
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    for (const op of operations) {
      if (ONLY !== undefined && ONLY !== `${op.method} ${op.path}`) continue;
      const details = await fc.check(
        fc.asyncProperty(requestOf(op), async (r) => {
          const res = await inject(op, r);
          const status = res === null ? 'hang' : `${Math.floor(res.statusCode / 100)}xx`;
          counts[status] = (counts[status] ?? 0) + 1;
          const problem = await problemOf(op.path, res);
          if (problem !== null)
            throw new Error(
              `${problem}\n    as ${r.caller}, ${r.part === 'correct' ? 'nothing made bad' : `bad ${r.part}`}: ${describeCase(op.method, r.url, r.payload)}`,
            );
        }),
        { seed: seedOf(op), numRuns: RUNS, endOnFailure: true, ...(PATH === undefined ? {} : { path: PATH }) },
      );
      if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        failures.push(
          `${op.method} ${op.path}: ${error}\n    replay: XINGFU_FUZZ_SEED=${SEED} XINGFU_FUZZ_OP='${op.method} ${op.path}' XINGFU_FUZZ_PATH=${details.counterexamplePath} npx vitest run test/db/input-fuzz.test.ts -t 'generated request'`,
        );
      }
    }
    console.info(`generated requests (seed ${SEED}): ${JSON.stringify(counts)}`);
    expect(failures).toEqual([]);
    if (ONLY === undefined) expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(1_500);
    // Nothing sent may have blinded the run: every caller is still signed in and may work.
    for (const [name, client] of Object.entries(clients)) expect((await client.get('/api/home')).statusCode, name).toBe(200);
  }, 600_000);

  it('answers every generated bad upload without a 5xx or a hang, and writes nothing when it refuses', async () => {
    // A village worker may not import rosters: a well-formed upload is refused after it is read, so no import job starts.
    const targets: Record<Upload['target'], [Client | undefined, string]> = {
      import: [clients['village.meichang'], '/api/registry/imports'],
      attachment: [clients['liaison.agri'], `/api/coord/reports/agri-tech/${currentMonth()}/attachments`],
    };
    const details = await fc.check(
      fc.asyncProperty(badUpload, async (u) => {
        const [caller, url] = targets[u.target];
        await watch.settle();
        const res = await within(
          t.app.inject({
            method: 'POST',
            url,
            payload: u.body,
            headers: { cookie: caller?.cookie ?? '', 'x-csrf-token': caller?.csrfToken ?? '', 'content-type': u.contentType },
          }),
          10_000,
        );
        const problem = await problemOf(url, res);
        if (problem !== null) throw new Error(`${problem}\n    POST ${url} ${u.contentType} ${JSON.stringify(u.body.toString('utf8').slice(0, 120))}`);
      }),
      { seed: SEED + 1, numRuns: 80, endOnFailure: true, ...(PATH === undefined ? {} : { path: PATH }) },
    );
    expect(
      details.failed
        ? `${String(details.errorInstance)}\n    replay: XINGFU_FUZZ_SEED=${SEED} XINGFU_FUZZ_PATH=${details.counterexamplePath} npx vitest run test/db/input-fuzz.test.ts -t 'bad upload'`
        : null,
    ).toBeNull();
  }, 300_000);
});
