/**
 * Separation of the three administrators' duties (三权分立, MLPS level 3): the system administrator
 * manages accounts, the security administrator grants authority, and neither reaches business data
 * alone — not through an account it creates, nor through a password it resets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment, makeTownship, makeUser, signIn, type User } from '../factories.ts';
import { login, type Client, startTestApp, type TestApp } from '../helpers.ts';

const TEMPORARY = 'Chosen-By-Sys-2026';
const OWN = 'Holders-Own-2026';

let t: TestApp;
let sys: Client;
let sec: Client;
/** The accounts of the suite: the three administrators, a township office and a department liaison. */
const made = {} as Record<'sysadmin' | 'secadmin' | 'auditor' | 'township' | 'liaison', User>;
let township: string;
beforeAll(async () => {
  t = await startTestApp();
  township = (await makeTownship(t.db)).code;
  const department = (await makeDepartment(t.db)).code;
  for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) made[role] = await makeUser(t.db, { role, username: `the.${role}` });
  made.township = await makeUser(t.db, { role: 'township', township, username: 'the.township' });
  made.liaison = await makeUser(t.db, { role: 'liaison', department, username: 'the.liaison' });
  sys = await signIn(t.app, made.sysadmin);
  sec = await signIn(t.app, made.secadmin);
});
afterAll(async () => t.close());

const idOf = async (username: string): Promise<string> => (await sys.get(`/api/users?q=${username}`)).json().items[0].id;
/** Signs in with a temporary password and replaces it, as whoever knows it can. */
const takeOver = async (username: string, temporary: string): Promise<Client> => {
  const c = await login(t.app, username, temporary);
  expect((await c.get('/api/registry/persons')).json().error.code).toBe('password_change_required');
  expect((await c.post('/api/auth/password', { currentPassword: temporary, newPassword: OWN })).statusCode).toBe(200);
  return login(t.app, username, OWN);
};
const actions = async (id: string) =>
  (
    await t.db.query<{ action: string; actor_username: string }>('SELECT action, actor_username FROM audit_log WHERE entity_id = $1 ORDER BY seq', [id])
  ).rows.map((r) => `${r.actor_username} ${r.action}`);

describe('separation of the administrators’ duties: the system administrator', () => {
  it('refuses the finding’s path: the system administrator’s own account and password reach no business data', async () => {
    // It cannot create an account with a role …
    const withRole = await sys.post('/api/users', { username: 'shadow.office', displayName: '影子', password: TEMPORARY, grants: [{ role: 'office' }] });
    expect(withRole.statusCode).toBe(400);
    expect((await t.db.query("SELECT 1 FROM app_user WHERE username = 'shadow.office'")).rows).toEqual([]);
    // … nor grant one afterwards, …
    const created = await sys.post('/api/users', { username: 'shadow.office', displayName: '影子', password: TEMPORARY });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    for (const res of [
      await sys.put(`/api/users/${id}/grants`, { grants: [{ role: 'office' }] }),
      await sys.post(`/api/users/${id}/grants/confirm`),
      await sys.patch(`/api/users/${id}`, { grants: [{ role: 'office' }] }),
    ])
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect((await t.db.query('SELECT 1 FROM user_grant WHERE user_id = $1', [id])).rows).toEqual([]);
    // … so signed in as the account, with the password it chose, it reads nothing.
    const shadow = await takeOver('shadow.office', TEMPORARY);
    const persons = await shadow.get('/api/registry/persons');
    expect(persons.statusCode).toBe(403);
    expect(persons.json().error.code).toBe('forbidden');
    expect((await shadow.get('/api/auth/me')).json()).toMatchObject({ grants: [], permissions: [] });
  });

  it('is enforced by the database too: the account manager cannot write a grant', async () => {
    const id = await idOf('shadow.office');
    const { withScope } = await import('../../src/db/scope.ts');
    const { reachOf } = await import('../../src/core/auth/roles.ts');
    const grants = [{ role: 'sysadmin' as const, township: null, village: null, department: null }];
    const actor = { district: '120114', userId: made.sysadmin.id, username: made.sysadmin.username, grants, reach: reachOf(grants), ip: null };
    await expect(
      withScope(t.db, actor, (tx) =>
        tx.query("INSERT INTO user_grant (district_code, user_id, role, confirmed_at) VALUES ('120114', $1, 'office', now())", [id]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the security administrator from creating accounts or setting passwords', async () => {
    expect((await sec.post('/api/users', { username: 'sec.made', displayName: '安全', password: TEMPORARY })).statusCode).toBe(403);
    const id = made.liaison.id;
    expect((await sec.post(`/api/users/${id}/reset-password`, { password: TEMPORARY })).statusCode).toBe(403);
    expect((await sec.post(`/api/users/${id}/unlock`)).statusCode).toBe(403);
    expect((await sec.patch(`/api/users/${id}`, { disabled: true })).statusCode).toBe(403);
    expect((await sec.get('/api/registry/persons')).statusCode).toBe(403);
  });

  it('puts a grant given before the holder changed the temporary password in effect only once confirmed after it', async () => {
    const id = (await sys.post('/api/users', { username: 'new.township', displayName: '新人', password: TEMPORARY })).json().id;
    const granted = (await sec.put(`/api/users/${id}/grants`, { grants: [{ role: 'township', township }] })).json();
    expect(granted.grants.map((g: { confirmed: boolean }) => g.confirmed)).toEqual([false]);
    // Not yet: the account still has the temporary password.
    const early = await sec.post(`/api/users/${id}/grants/confirm`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('grants_need_own_password');
    const holder = await takeOver('new.township', TEMPORARY);
    expect((await holder.get('/api/registry/persons')).statusCode).toBe(403);
    expect((await holder.get('/api/auth/me')).json().user.grantsPending).toBe(true);
    const confirmed = await sec.post(`/api/users/${id}/grants/confirm`);
    expect(confirmed.json().grants.map((g: { confirmed: boolean }) => g.confirmed)).toEqual([true]);
    expect((await holder.get('/api/registry/persons')).statusCode).toBe(200);
    expect(await actions(id)).toEqual([
      'the.sysadmin user.create',
      'the.secadmin user.grant',
      'new.township auth.login',
      'new.township auth.password_change',
      'new.township auth.login',
      'the.secadmin user.grants_confirm',
    ]);
  });
});

describe('separation of the administrators’ duties: password resets and role changes', () => {
  it('suspends every grant on a password reset until the holder has a password of their own and the security administrator confirms', async () => {
    const id = made.township.id;
    const before = await signIn(t.app, made.township);
    expect((await before.get('/api/registry/persons')).statusCode).toBe(200);
    expect((await sys.post(`/api/users/${id}/reset-password`, { password: TEMPORARY })).statusCode).toBe(200);
    const listed = (await sys.get('/api/users?q=the.township')).json().items[0];
    expect(listed).toMatchObject({ temporaryPassword: true, grants: [{ role: 'township', confirmed: false }] });
    // Whoever set the temporary password signs in with it, replaces it and still reads nothing.
    const taker = await takeOver('the.township', TEMPORARY);
    expect((await taker.get('/api/registry/persons')).statusCode).toBe(403);
    expect((await sys.post(`/api/users/${id}/grants/confirm`)).statusCode).toBe(403);
    // The security administrator confirms: the grants are in effect again.
    expect((await sec.post(`/api/users/${id}/grants/confirm`)).statusCode).toBe(200);
    expect((await taker.get('/api/registry/persons')).statusCode).toBe(200);
    const reset = await t.db.query<{ detail: { grantsSuspended: number } }>(
      "SELECT detail FROM audit_log WHERE action = 'user.reset_password' AND entity_id = $1",
      [id],
    );
    expect(reset.rows[0]?.detail).toEqual({ grantsSuspended: 1 });
  });

  it('suspends an administrator’s grants too, so a reset cannot borrow another administrator’s authority', async () => {
    const id = made.auditor.id;
    expect((await sys.post(`/api/users/${id}/reset-password`, { password: TEMPORARY })).statusCode).toBe(200);
    const auditor = await takeOver('the.auditor', TEMPORARY);
    expect((await auditor.get('/api/registry/persons')).statusCode).toBe(403);
    expect((await auditor.get('/api/audit')).statusCode).toBe(403);
    expect((await sec.post(`/api/users/${id}/grants/confirm`)).statusCode).toBe(200);
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
  });

  it('never moves an account between the administrator roles and the business roles', async () => {
    const office = made.liaison.id;
    const admin = made.auditor.id;
    const refused = [
      await sec.put(`/api/users/${office}/grants`, { grants: [{ role: 'sysadmin' }] }),
      await sec.put(`/api/users/${office}/grants`, { grants: [{ role: 'secadmin' }] }),
      await sec.put(`/api/users/${admin}/grants`, { grants: [{ role: 'office' }] }),
      await sec.put(`/api/users/${admin}/grants`, { grants: [{ role: 'auditor' }, { role: 'teacher' }] }),
    ];
    expect(refused.map((r) => r.json().error?.code)).toEqual(['invalid_grant', 'invalid_grant', 'invalid_grant', 'invalid_grant']);
    // Withdrawing every role is the security administrator's to do.
    const withdrawn = await sec.put(`/api/users/${office}/grants`, { grants: [] });
    expect(withdrawn.json().grants).toEqual([]);
    expect((await t.db.query("SELECT 1 FROM audit_log WHERE action = 'user.grant' AND entity_id = $1", [office])).rows).toHaveLength(1);
  });
});
