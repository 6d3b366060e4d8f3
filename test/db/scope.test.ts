import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachOf, permissionsOf, type Grant } from '../../src/core/auth/roles.ts';
import { withScope, type Actor } from '../../src/db/scope.ts';
import { login, startTestApp, type TestApp } from '../helpers.ts';

describe('data scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('shows a township user only their own township, and 404 for another', async () => {
    const c = await login(t.app, 'township.yangcun');
    const tree = (await c.get('/api/org/tree')).json();
    expect(tree.townships.map((x: { code: string }) => x.code)).toEqual(['120114001']);
    expect(tree.townships[0].villages.length).toBe(7);
    expect((await c.get('/api/org/townships/120114001')).statusCode).toBe(200);
    const other = await c.get('/api/org/townships/120114002');
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    // The same 404 as for a township that does not exist at all: no existence leak.
    expect((await c.get('/api/org/townships/120114999')).body).toBe(other.body);
  });

  it('shows a village worker their village and its township node only', async () => {
    const c = await login(t.app, 'village.meichang');
    const tree = (await c.get('/api/org/tree')).json();
    expect(tree.townships).toHaveLength(1);
    expect(tree.townships[0].code).toBe('120114101');
    expect(tree.townships[0].villages.map((v: { code: string }) => v.code)).toEqual(['120114101201']);
  });

  it('does not merge scopes across roles: a village worker who is also a teacher sees one village', async () => {
    const c = await login(t.app, 'wang.li');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.grants.map((g: { role: string }) => g.role).sort()).toEqual(['teacher', 'village']);
    const tree = (await c.get('/api/org/tree')).json();
    expect(tree.townships[0].villages.map((v: { code: string }) => v.code)).toEqual(['120114102201']);
    expect((await c.get('/api/users')).statusCode).toBe(403);
  });

  it('shows the office and the auditor the whole district', async () => {
    for (const username of ['office', 'auditor']) {
      const c = await login(t.app, username);
      const tree = (await c.get('/api/org/tree')).json();
      expect(tree.townships).toHaveLength(30);
      expect((await c.get('/api/org/departments')).json().items).toHaveLength(19);
    }
  });

  it('keeps each administrator to their own job (separation of duties)', async () => {
    const sys = await login(t.app, 'sysadmin');
    const sec = await login(t.app, 'secadmin');
    const aud = await login(t.app, 'auditor');
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
    expect((await aud.put('/api/security/policy', {
      minPasswordLength: 10, passwordExpiryDays: 90, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30, requireTotpForPrivileged: true,
    })).statusCode).toBe(403);
  });

  it('is enforced by the database itself: a query without WHERE sees only the actor’s rows', async () => {
    const grants: Grant[] = [{ role: 'township', township: '120114002', village: null, department: null }];
    const actor: Actor = { district: '120114', userId: '00000000-0000-0000-0000-000000000000', username: 't', grants, reach: reachOf(grants), ip: null };
    expect(permissionsOf(grants)).toEqual(['org.read', 'registry.read', 'registry.write', 'personal_data.reveal', 'benefits.read', 'benefits.confirm']);
    await withScope(t.db, actor, async (tx) => {
      expect((await tx.query<{ code: string }>('SELECT code FROM township')).rows.map((r) => r.code)).toEqual(['120114002']);
      expect((await tx.query('SELECT * FROM village WHERE township_code <> $1', ['120114002'])).rows).toEqual([]);
      expect((await tx.query('SELECT * FROM audit_log')).rows).toEqual([]);
      expect((await tx.query('SELECT * FROM app_user')).rows).toEqual([]);
      expect((await tx.query('UPDATE security_policy SET lockout_threshold = 3')).rowCount).toBe(0);
    });
    await expect(withScope(t.db, actor, (tx) => tx.query('SELECT * FROM session'))).rejects.toThrow(/permission denied/);
    const other: Actor = { ...actor, district: '120221' };
    await withScope(t.db, other, async (tx) => {
      expect((await tx.query('SELECT * FROM township')).rows).toEqual([]);
    });
  });
});
