import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachOf, permissionsOf, type Grant } from '../../src/core/auth/roles.ts';
import { withScope, type Actor } from '../../src/db/scope.ts';
import { freeTownshipCode, makeClient, makeDepartment, makeTownship, makeUser, signIn, type Department, type Township } from '../factories.ts';
import { startTestApp, type TestApp } from '../helpers.ts';

let t: TestApp;
let mine: Township;
let other: Township;
let department: Department;
const count = async (table: 'township' | 'department'): Promise<number> =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE district_code = '120114'`)).rows[0]?.n ?? -1;
beforeAll(async () => {
  t = await startTestApp();
  mine = await makeTownship(t.db, { villages: 3 });
  other = await makeTownship(t.db, { villages: 2 });
  department = await makeDepartment(t.db);
});
afterAll(async () => t.close());

describe('data scope', () => {
  it('shows a township user only their own township, and 404 for another', async () => {
    const { client: c } = await makeClient(t.app, t.db, { role: 'township', township: mine.code });
    const tree = (await c.get('/api/org/tree')).json();
    expect(tree.townships.map((x: { code: string }) => x.code)).toEqual([mine.code]);
    expect(tree.townships[0].villages.map((v: { code: string }) => v.code)).toEqual(mine.villages.map((v) => v.code));
    expect((await c.get(`/api/org/townships/${mine.code}`)).statusCode).toBe(200);
    const refused = await c.get(`/api/org/townships/${other.code}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    // The same 404 as for a township that does not exist at all: no existence leak.
    expect((await c.get(`/api/org/townships/${await freeTownshipCode(t.db)}`)).body).toBe(refused.body);
  });

  it('shows a village worker their village and its township node only', async () => {
    const village = other.villages[1]?.code as string;
    const { client: c } = await makeClient(t.app, t.db, { role: 'village', village });
    const tree = (await c.get('/api/org/tree')).json();
    expect(tree.townships).toHaveLength(1);
    expect(tree.townships[0].code).toBe(other.code);
    expect(tree.townships[0].villages.map((v: { code: string }) => v.code)).toEqual([village]);
  });

  it('does not merge scopes across roles: a village worker who is also a teacher sees one village', async () => {
    const village = mine.villages[2]?.code as string;
    const { client: c } = await makeClient(t.app, t.db, { grants: [{ role: 'village', village }, { role: 'teacher' }] });
    const me = (await c.get('/api/auth/me')).json();
    expect(me.grants.map((g: { role: string }) => g.role).sort()).toEqual(['teacher', 'village']);
    const tree = (await c.get('/api/org/tree')).json();
    expect(tree.townships[0].villages.map((v: { code: string }) => v.code)).toEqual([village]);
    expect((await c.get('/api/users')).statusCode).toBe(403);
  });

  it('shows the office and the auditor the whole district', async () => {
    for (const role of ['office', 'auditor'] as const) {
      const { client: c } = await makeClient(t.app, t.db, { role });
      const tree = (await c.get('/api/org/tree')).json();
      expect(tree.townships).toHaveLength(await count('township'));
      expect(tree.townships.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining([mine.code, other.code]));
      const departments = (await c.get('/api/org/departments')).json().items;
      expect(departments).toHaveLength(await count('department'));
      expect(departments.map((d: { code: string }) => d.code)).toContain(department.code);
    }
  });
});

describe('data scope of the administrators and in the database', () => {
  it('keeps each administrator to their own job (separation of duties)', async () => {
    const sys = await signIn(t.app, await makeUser(t.db, { role: 'sysadmin' }));
    const sec = await signIn(t.app, await makeUser(t.db, { role: 'secadmin' }));
    const aud = await signIn(t.app, await makeUser(t.db, { role: 'auditor' }));
    expect((await sys.get('/api/users')).statusCode).toBe(200);
    expect((await sys.get('/api/audit')).statusCode).toBe(403);
    expect((await sys.get('/api/security/policy')).statusCode).toBe(403);
    expect((await sec.get('/api/security/policy')).statusCode).toBe(200);
    // The security administrator sees the accounts to grant their roles, not the audit log or business data.
    expect((await sec.get('/api/users')).statusCode).toBe(200);
    expect((await sec.get('/api/audit')).statusCode).toBe(403);
    expect((await sec.get('/api/registry/persons')).statusCode).toBe(403);
    expect((await sys.get('/api/registry/persons')).statusCode).toBe(403);
    expect((await aud.get('/api/audit')).statusCode).toBe(200);
    expect((await aud.get('/api/users')).statusCode).toBe(200);
    expect((await aud.post('/api/users', { username: 'x.y.z', displayName: 'x', password: 'Abcdefgh-123' })).statusCode).toBe(403);
    expect(
      (
        await aud.put('/api/security/policy', {
          minPasswordLength: 10,
          passwordExpiryDays: 90,
          lockoutThreshold: 5,
          lockoutMinutes: 15,
          idleTimeoutMinutes: 30,
          requireTotpForPrivileged: true,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('is enforced by the database itself: a query without WHERE sees only the actor’s rows', async () => {
    const grants: Grant[] = [{ role: 'township', township: other.code, village: null, department: null }];
    const actor: Actor = { district: '120114', userId: '00000000-0000-0000-0000-000000000000', username: 't', grants, reach: reachOf(grants), ip: null };
    expect(permissionsOf(grants)).toEqual(['org.read', 'registry.read', 'registry.write', 'personal_data.reveal', 'benefits.read', 'benefits.confirm']);
    await withScope(t.db, actor, async (tx) => {
      expect((await tx.query<{ code: string }>('SELECT code FROM township')).rows.map((r) => r.code)).toEqual([other.code]);
      expect((await tx.query<{ code: string }>('SELECT code FROM village')).rows.map((r) => r.code).sort()).toEqual(other.villages.map((v) => v.code).sort());
      expect((await tx.query('SELECT * FROM village WHERE township_code <> $1', [other.code])).rows).toEqual([]);
      expect((await tx.query('SELECT * FROM audit_log')).rows).toEqual([]);
      expect((await tx.query('SELECT * FROM app_user')).rows).toEqual([]);
      expect((await tx.query('UPDATE security_policy SET lockout_threshold = 3')).rowCount).toBe(0);
    });
    await expect(withScope(t.db, actor, (tx) => tx.query('SELECT * FROM session'))).rejects.toThrow(/permission denied/);
    const otherDistrict: Actor = { ...actor, district: '120221' };
    await withScope(t.db, otherDistrict, async (tx) => {
      expect((await tx.query('SELECT * FROM township')).rows).toEqual([]);
    });
  });
});
