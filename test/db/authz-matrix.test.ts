import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type RoleCode } from '../../src/core/auth/roles.ts';
import type { Access } from '../../src/server/auth.ts';
import { GHOST_ID, nowhere, routeExpectations, type Place, type RouteExpectation } from '../fixtures/authz-routes.ts';
import { idNumber } from '../fixtures/roster.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';
import { WriteWatch } from '../writes.ts';

/**
 * The authorisation matrix: every API route (from the app's own OpenAPI document, where each
 * operation carries its access rule as `x-access`) × every role × own and other township, against
 * the expectations declared in test/fixtures/authz-routes.ts.
 */

/** One signed-in demo account per role. */
const accounts: Record<RoleCode, string> = {
  office: 'office',
  auditor: 'auditor',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  township: 'township.yangcun',
  village: 'village.meichang',
  liaison: 'liaison.agri',
  teacher: 'teacher',
  centre_head: 'centre.head',
  parent: 'parent',
};
const roleList = Object.keys(accounts) as RoleCode[];

/** A body every route refuses at the input guard (a NUL character), after the access check: nothing can be written. */
const PROBE_BODY = { probe: 'x\u0000' };
/** A body no route's schema accepts (an unknown field): a caller without access must not learn that, or the schema. */
const UNKNOWN_FIELD_BODY = { probe: 1 };

/** Tables whose rows change with every request (session activity) and so say nothing about writes. */
const VOLATILE_TABLES = new Set(['session']);

interface Route {
  key: string;
  method: string;
  path: string;
  access: Access | undefined;
}

type Doc = { paths: Record<string, Record<string, { 'x-access'?: Access }>> };

/** The path with its parameters filled with values that name nothing. */
function fillPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    switch (name) {
      case 'code':
        return path.includes('/townships/') ? nowhere.township : path.includes('/indicators/') ? 'no_such_indicator' : 'no-such-department';
      case 'department':
        return 'no-such-department';
      case 'period':
        return '2011-01';
      case 'milestone':
        return 'sitting';
      default:
        return GHOST_ID;
    }
  });
}

const errorCode = (res: LightMyRequestResponse): string | undefined => {
  try {
    return (res.json() as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

const urlOf = (route: Route, expectation: RouteExpectation, place: Place) => expectation.url?.(place) ?? fillPath(route.path);

function allowed(role: RoleCode, { access }: RouteExpectation): boolean {
  if (access === 'public' || access === 'totp' || access === 'setup' || access === 'session') return true;
  return (typeof access === 'string' ? [access] : access).some((p) => roles[role].permissions[p] !== undefined);
}

describe('authorisation matrix', () => {
  let t: TestApp;
  let clients: Record<RoleCode, Client>;
  let routes: Route[];
  /**
   * The own place and the places outside the scope of the township worker (杨村街道; 下朱庄街道) and
   * of the village worker (梅厂镇梅厂村; 杨村街道, and another village of 梅厂镇).
   */
  const places = {} as Record<'township' | 'village', { own: Place; others: Place[] }>;

  const send = (client: Client | null, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  /** The tables written since the watch last settled, but the volatile ones: none, when nothing was written. */
  async function written(watch: WriteWatch): Promise<string[]> {
    return (await watch.changedTables()).map((c) => c.name).filter((name) => !VOLATILE_TABLES.has(name));
  }

  /** A family (head, wife, child) in a village, with an application for the head and an objection to it. */
  async function placeIn(client: Client, township: string, village: string, seq: number): Promise<Place> {
    const created = await client.post('/api/registry/households', {
      village,
      address: `授权矩阵测试路${seq}号`,
      members: [
        { name: `矩阵${seq}`, relation: '户主', idNumber: idNumber('19500301', seq * 2 + 1), hukou: '农业', maritalStatus: '已婚' },
        { name: `矩阵${seq}妻`, relation: '配偶', idNumber: idNumber('19510510', seq * 2 + 2), hukou: '农业', sex: '女' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const household = created.json().id as string;
    const [person, spouse] = created.json().personIds as [string, string];
    const birth = await client.post(`/api/registry/households/${household}/members`, {
      event: 'birth',
      date: '1976-01-01',
      parentIds: [person, spouse],
      member: { name: `矩阵${seq}女`, relation: '子女', idNumber: idNumber('19760101', seq * 2 + 2), hukou: '农业' },
    });
    expect(birth.statusCode, birth.body).toBe(201);
    const applied = await client.post('/api/benefits/applications', {
      programme: 'reward-assistance',
      personId: person,
      year: 2011,
      appliedOn: '2011-11-01',
      bankName: '天津农商银行',
      bankAccount: '6217 5900 0009 1234 567',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const application = applied.json() as { id: string; version: number };
    // An objection as if received during the village notice; written directly, as no route here reaches that state quickly.
    const objection = (
      await t.db.query<{ id: string }>(
        `INSERT INTO benefit_objection (district_code, application_id, stage, received_on, objector, content, recorded_by)
       SELECT district_code, id, 'village', '2011-11-02', '李四', '公示期间收到的异议', 'test' FROM benefit_application WHERE id = $1 RETURNING id::text AS id`,
        [application.id],
      )
    ).rows[0]?.id;
    if (!objection) throw new Error('no objection');
    return { township, village, household, person, spouse, application: application.id, version: application.version, objection };
  }

  beforeAll(async () => {
    t = await startTestApp();
    clients = Object.fromEntries(await Promise.all(roleList.map(async (r) => [r, await login(t.app, accounts[r])] as const))) as Record<RoleCode, Client>;
    const doc = (await clients.sysadmin.get('/api/docs/json')).json() as Doc;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, access: op['x-access'] })),
    );
    const yangcun = await placeIn(clients.township, '120114001', '120114001201', 301);
    const xiazhuzhuang = await placeIn(await login(t.app, 'township.xiazhuzhuang'), '120114002', '120114002201', 302);
    const sibling = (
      await t.db.query<{ code: string }>("SELECT code FROM village WHERE township_code = '120114101' AND code <> '120114101201' ORDER BY code LIMIT 1")
    ).rows[0]?.code;
    if (!sibling) throw new Error('梅厂镇 has one village only');
    const meichang = await login(t.app, 'township.meichang');
    places.township = { own: yangcun, others: [xiazhuzhuang] };
    places.village = {
      own: await placeIn(clients.village, '120114101', '120114101201', 303),
      others: [yangcun, await placeIn(meichang, '120114101', sibling, 304)],
    };
  }, 180_000);
  afterAll(async () => t.close());

  const declared = () =>
    routes
      .map((route) => ({ route, expectation: routeExpectations[route.key] }))
      .filter((x): x is { route: Route; expectation: RouteExpectation } => x.expectation !== undefined);

  it('declares an expectation for every route, and only for routes that exist, with the route’s own access rule', () => {
    expect(routes.length).toBeGreaterThan(100);
    const keys = new Set(routes.map((r) => r.key));
    expect(
      routes.filter((r) => routeExpectations[r.key] === undefined).map((r) => r.key),
      'routes without a declared expectation',
    ).toEqual([]);
    expect(
      Object.keys(routeExpectations).filter((k) => !keys.has(k)),
      'declared routes that no longer exist',
    ).toEqual([]);
    expect(
      routes.filter((r) => r.access === undefined).map((r) => r.key),
      'routes without an access rule',
    ).toEqual([]);
    expect(
      declared()
        .filter(({ route, expectation }) => JSON.stringify(route.access) !== JSON.stringify(expectation.access))
        .map(({ route, expectation }) => `${route.key}: route says ${JSON.stringify(route.access)}, table says ${JSON.stringify(expectation.access)}`),
    ).toEqual([]);
  });

  it('answers 401 to anonymous callers on every route but the public ones, and 403 to roles without the permission, whatever the body; nothing is written', async () => {
    const watch = new WriteWatch(t.db);
    await watch.settle();
    const failures: string[] = [];
    let cases = 0;
    for (const { route, expectation } of declared()) {
      const url = urlOf(route, expectation, nowhere);
      // Each request twice: once as the input guard refuses it, once as the schema does (an unknown field or parameter).
      const attempts =
        route.method === 'GET'
          ? [
              { url, body: undefined },
              { url: `${fillPath(route.path)}?probe=1`, body: undefined },
            ]
          : [
              { url, body: PROBE_BODY },
              { url, body: UNKNOWN_FIELD_BODY },
            ];
      for (const { url, body } of attempts) {
        if (expectation.access !== 'public') {
          const res = await send(null, route.method, url, body);
          cases += 1;
          if (errorCode(res) !== 'unauthenticated') failures.push(`${route.key} anonymous: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        for (const role of roleList) {
          if (allowed(role, expectation)) continue;
          const res = await send(clients[role], route.method, url, body);
          cases += 1;
          if (res.statusCode !== 403 || errorCode(res) !== 'forbidden') failures.push(`${route.key} ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await written(watch)).toEqual([]);
    expect(cases).toBeGreaterThan(500);
  });

  it('lets every role with the permission past the access check (a write’s body is refused at the input guard, so nothing is written)', async () => {
    const failures: string[] = [];
    for (const { route, expectation } of declared()) {
      const url = urlOf(route, expectation, nowhere);
      for (const role of roleList) {
        if (!allowed(role, expectation)) continue;
        const res = await send(clients[role], route.method, url, route.method === 'GET' ? undefined : PROBE_BODY);
        // A read of nothing in particular answers 2xx, one of an id that names nothing 404.
        const expected = route.method === 'GET' ? (res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 404 : res.statusCode === 400;
        if (!expected) failures.push(`${route.key} ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  describe.each(['township', 'village'] as const)('the %s worker', (role) => {
    const scoped = () => declared().filter(({ expectation }) => expectation.scoped !== undefined && allowed(role, expectation));

    it('has resources of a township to address: households, persons, applications, objections, notices', () => {
      expect(scoped().filter(({ route }) => route.method === 'GET').length).toBeGreaterThanOrEqual(5);
      expect(scoped().filter(({ route }) => route.method !== 'GET').length).toBeGreaterThanOrEqual(10);
    });

    it('reads the resources of its own place', async () => {
      const failures: string[] = [];
      for (const { route, expectation } of scoped()) {
        if (route.method !== 'GET') continue;
        const res = await send(clients[role], 'GET', urlOf(route, expectation, places[role].own));
        if (res.statusCode < 200 || res.statusCode > 299) failures.push(`${route.key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    });

    it('gets the same 404 for a resource outside its place as for one that does not exist, on reads and writes, and writes nothing', async () => {
      const watch = new WriteWatch(t.db);
      await watch.settle();
      const failures: string[] = [];
      const bodyFor = (route: Route, expectation: RouteExpectation, place: Place) =>
        route.method === 'GET' ? undefined : (expectation.scoped?.body?.(place) ?? {});
      for (const { route, expectation } of scoped()) {
        const missing = await send(clients[role], route.method, urlOf(route, expectation, nowhere), bodyFor(route, expectation, nowhere));
        for (const place of places[role].others) {
          if (expectation.scoped?.township && place.township === places[role].own.township) continue;
          const other = await send(clients[role], route.method, urlOf(route, expectation, place), bodyFor(route, expectation, place));
          const where = `${route.key} in ${place.village}`;
          if (other.statusCode !== 404) failures.push(`${where}: ${other.statusCode} ${other.body.slice(0, 200)}`);
          else if (other.body !== missing.body) failures.push(`${where}: answers ${other.body.slice(0, 200)} but for nothing ${missing.body.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await written(watch)).toEqual([]);
    });
  });
});
