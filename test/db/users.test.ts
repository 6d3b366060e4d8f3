import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTownshipCode, makeDepartment, makeTownship, makeUser, signIn, type Department, type Township, type User } from '../factories.ts';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

let t: TestApp;
let admin: Client;
let sec: Client;
let mine: Township;
let other: Township;
let department: Department;
beforeAll(async () => {
  t = await startTestApp();
  mine = await makeTownship(t.db, { villages: 2 });
  other = await makeTownship(t.db);
  department = await makeDepartment(t.db);
  admin = await signIn(t.app, await makeUser(t.db, { role: 'sysadmin', username: 'admin.sys' }));
  sec = await signIn(t.app, await makeUser(t.db, { role: 'secadmin', username: 'admin.sec' }));
});
afterAll(async () => t.close());

describe('users and roles: the list', () => {
  it('lists accounts with server-side paging, sorting and filtering', async () => {
    const all = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE district_code = '120114'")).rows[0]?.n;
    expect((await admin.get('/api/users?pageSize=5')).json().total).toBe(all);
    // Twelve accounts of their own: three liaisons, the rest of other roles, one of them found by its holder's name.
    const made: User[] = [];
    for (let i = 1; i <= 12; i++) {
      const scope =
        i <= 3
          ? { role: 'liaison' as const, department: department.code }
          : i % 2 === 0
            ? { role: 'township' as const, township: mine.code }
            : { role: 'teacher' as const };
      made.push(
        await makeUser(t.db, {
          ...scope,
          username: `paging.${String(13 - i).padStart(2, '0')}`,
          ...(i === 7 ? { displayName: '欧阳明月（测试街道计生办）' } : {}),
        }),
      );
    }
    const usernames = made.map((u) => u.username).sort();
    const page1 = (await admin.get('/api/users?q=paging.&page=1&pageSize=5&sort=username&order=asc')).json();
    expect(page1.total).toBe(12);
    expect(page1.items).toHaveLength(5);
    const names = page1.items.map((u: { username: string }) => u.username);
    expect(names).toEqual(usernames.slice(0, 5));
    const page3 = (await admin.get('/api/users?q=paging.&page=3&pageSize=5&sort=username&order=asc')).json();
    expect(page3.items.map((u: { username: string }) => u.username)).toEqual(usernames.slice(10));
    const liaisons = (await admin.get('/api/users?q=paging.&role=liaison')).json();
    expect(liaisons.items.map((u: { username: string }) => u.username).sort()).toEqual(
      made
        .slice(0, 3)
        .map((u) => u.username)
        .sort(),
    );
    expect((await admin.get(`/api/users?q=${encodeURIComponent('欧阳明月')}`)).json().items.map((u: { username: string }) => u.username)).toEqual([
      made[6]?.username,
    ]);
    expect((await admin.get('/api/users?sort=password_hash')).statusCode).toBe(400);
  });
});

describe('users and roles: accounts and grants', () => {
  it('creates an account without roles, the security administrator grants them scoped, and both are audit-logged', async () => {
    const res = await admin.post('/api/users', { username: 'village.dongliu', displayName: '刘芳', password: 'Village-Pass-01' });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ grants: [], temporaryPassword: true });
    const village = mine.villages[1];
    const granted = await sec.put(`/api/users/${user.id}/grants`, { grants: [{ role: 'village', village: village?.code }] });
    expect(granted.statusCode).toBe(200);
    // Granted while the account still has its temporary password: awaiting confirmation.
    expect(granted.json().grants).toEqual([
      {
        role: 'village',
        confirmed: false,
        township: { code: mine.code, name: mine.name },
        village: { code: village?.code, name: village?.name },
        department: null,
      },
    ]);
    const { rows } = await t.db.query<{ action: string; actor_username: string; after: { username?: string; grants?: unknown[] } }>(
      "SELECT action, actor_username, after FROM audit_log WHERE action IN ('user.create', 'user.grant') AND entity_id = $1 ORDER BY seq",
      [user.id],
    );
    expect(rows.map((r) => [r.action, r.actor_username])).toEqual([
      ['user.create', 'admin.sys'],
      ['user.grant', 'admin.sec'],
    ]);
    expect(rows[0]?.after.username).toBe('village.dongliu');
    expect(rows[1]?.after.grants).toHaveLength(1);
    expect(JSON.stringify(rows[0]?.after)).not.toContain('Village-Pass-01');
  });

  it('refuses a wrong scope, an unknown unit, a taken name, a weak password and combined administrator roles', async () => {
    const base = { displayName: '测试', password: 'Good-Pass-2026' };
    const existing = await makeUser(t.db, { role: 'office' });
    const creates: [unknown, string][] = [
      [{ ...base, username: existing.username }, 'username_taken'],
      [{ ...base, username: 'a.b7', password: 'short' }, 'weak_password'],
      [{ ...base, username: 'a.b8', password: 'a.b8-a.b8-a.b8' }, 'weak_password'],
      [{ ...base, username: 'A B' }, 'validation_failed'],
      [{ ...base, username: 'a.b10', admin: true }, 'validation_failed'],
    ];
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user')).rows[0]?.n;
    for (const [body, code] of creates) {
      const res = await admin.post('/api/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user')).rows[0]?.n).toBe(before);
    const id = (await admin.post('/api/users', { ...base, username: 'a.b0' })).json().id;
    const grants: [unknown[], string][] = [
      [[{ role: 'township' }], 'invalid_grant'],
      [[{ role: 'township', township: await freeTownshipCode(t.db) }], 'invalid_grant'],
      [[{ role: 'liaison', department: 'nowhere' }], 'invalid_grant'],
      [[{ role: 'office', township: mine.code }], 'invalid_grant'],
      [[{ role: 'sysadmin' }, { role: 'auditor' }], 'invalid_grant'],
      [[{ role: 'village', township: other.code, village: mine.villages[0]?.code }], 'invalid_grant'],
      [[{ role: 'mayor' }], 'validation_failed'],
    ];
    for (const [list, code] of grants) {
      const res = await sec.put(`/api/users/${id}/grants`, { grants: list });
      expect(res.json().error?.code, JSON.stringify(list)).toBe(code);
    }
    expect((await t.db.query('SELECT 1 FROM user_grant WHERE user_id = $1', [id])).rows).toEqual([]);
  });
});

describe('users and roles: disabling, resetting and unlocking', () => {
  it('disables an account, which ends its sessions at once', async () => {
    const account = await makeUser(t.db, { role: 'liaison', department: department.code });
    const victim = await signIn(t.app, account);
    const id = (await victim.get('/api/auth/me')).json().user.id;
    expect(id).toBe(account.id);
    const res = await admin.patch(`/api/users/${id}`, { disabled: true });
    expect(res.json().status).toBe('disabled');
    expect((await victim.get('/api/home')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: account.password } });
    // Answered like a wrong password: the answer does not confirm that the account exists.
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');
    const audit = await t.db.query<{ before: { status: string }; after: { status: string } }>(
      "SELECT before, after FROM audit_log WHERE action = 'user.update' AND entity_id = $1",
      [id],
    );
    expect(audit.rows[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });
    await admin.patch(`/api/users/${id}`, { disabled: false });
  });

  it('resets a password to a temporary one that must be changed, and unlocks', async () => {
    const account = await makeUser(t.db, { role: 'liaison', department: department.code });
    const id = (await (await signIn(t.app, account)).get('/api/auth/me')).json().user.id;
    expect((await admin.post(`/api/users/${id}/reset-password`, { password: 'Reset-Temp-2026' })).statusCode).toBe(200);
    const c = await login(t.app, account.username, 'Reset-Temp-2026');
    expect((await c.get('/api/home')).json().error.code).toBe('password_change_required');
    await t.db.query("UPDATE app_user SET locked_until = now() + interval '10 minutes' WHERE id = $1", [id]);
    expect((await admin.get('/api/users?status=locked')).json().items.map((u: { id: string }) => u.id)).toEqual([id]);
    expect((await admin.post(`/api/users/${id}/unlock`)).statusCode).toBe(200);
    expect((await admin.get('/api/users?status=locked')).json().total).toBe(0);
  });

  it('lifts a lock caused by failed sign-ins', async () => {
    const account = await makeUser(t.db, { role: 'township', township: other.code });
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password }, remoteAddress: '10.0.9.1' });
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}-password`);
    expect((await attempt(account.password)).statusCode).toBe(423);
    const locked = (await admin.get('/api/users?status=locked')).json().items;
    expect(locked.map((u: { username: string }) => u.username)).toEqual([account.username]);
    expect((await admin.post(`/api/users/${locked[0].id}/unlock`)).statusCode).toBe(200);
    expect((await attempt(account.password)).statusCode).toBe(200);
  });

  it('does not let an administrator disable themselves, reset their own password or change their own roles', async () => {
    const me = (await admin.get('/api/auth/me')).json().user.id;
    expect((await admin.patch(`/api/users/${me}`, { disabled: true })).json().error.code).toBe('self_lockout');
    expect((await admin.post(`/api/users/${me}/reset-password`, { password: 'Reset-Temp-2026' })).statusCode).toBe(403);
    const secId = (await sec.get('/api/auth/me')).json().user.id;
    expect((await sec.put(`/api/users/${secId}/grants`, { grants: [{ role: 'auditor' }] })).statusCode).toBe(403);
    expect((await sec.put(`/api/users/${secId}/grants`, { grants: [] })).statusCode).toBe(403);
  });
});
