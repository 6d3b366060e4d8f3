import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { clientFor, login, sessionCookie, startTestApp, type TestApp } from '../helpers.ts';

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const attempt = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  /** A sign-in from a given client address (each test uses addresses of its own). */
  const attemptFrom = (remoteAddress: string, username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  /** Passwords checked for a name: every check that fails is audited with the reason 'password'. */
  const verifications = async (username: string) =>
    (
      await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_username = $1 AND detail->>'reason' = 'password'",
        [username],
      )
    ).rows[0]?.n;
  const signIns = async (username: string) =>
    (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND actor_username = $1", [username])).rows[0]?.n;

  it('signs in with an HttpOnly, SameSite=Strict cookie and returns roles, permissions and a CSRF token', async () => {
    const res = await attempt('office', 'xingfu-demo-2011');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'xingfu_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const body = res.json();
    expect(body.user.username).toBe('office');
    expect(body.grants).toEqual([{ role: 'office', confirmed: true, township: null, village: null, department: null }]);
    expect(body.permissions).toContain('audit.read');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toMatch(/password_hash|argon2/);
  });

  it('stores passwords as Argon2id hashes', async () => {
    const { rows } = await t.db.query<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE username = 'office'");
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$/);
  });

  it('rejects a wrong password and an unknown user alike', async () => {
    const wrong = await attempt('auditor', 'not the password');
    const unknown = await attempt('nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.code).toBe('invalid_credentials');
  });

  it('locks an account for 15 minutes after 5 failed sign-ins, even for the right password', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await attempt('liaison.forestry', `wrong-${i}-password`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const locked = await attempt('liaison.forestry', 'xingfu-demo-2011');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    const until = new Date(locked.json().error.details.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_username = 'liaison.forestry'",
    );
    expect(rows[0]?.n).toBe(6);
    // Once the lock has run out, the right password works again.
    await t.db.query("UPDATE signin_counter SET window_ends = now() - interval '1 second' WHERE username = 'liaison.forestry'");
    expect((await attempt('liaison.forestry', 'xingfu-demo-2011')).statusCode).toBe(200);
  });

  it('checks at most 5 passwords of 100 concurrent wrong guesses for one account, and locks it', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => attemptFrom('10.0.1.1', 'township.yangcun', `wrong-${i}-password`)));
    expect(await verifications('township.yangcun')).toBe(5);
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(4);
    expect(answers.filter((a) => a.statusCode === 423)).toHaveLength(96);
    const right = await attemptFrom('10.0.1.1', 'township.yangcun', DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('account_locked');
    // The account's administrators see the lock.
    const { rows } = await t.db.query<{ locked: boolean }>("SELECT locked_until > now() AS locked FROM app_user WHERE username = 'township.yangcun'");
    expect(rows[0]?.locked).toBe(true);
  });

  it('refuses the right password that arrives in a burst after the account locked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attemptFrom('10.0.2.1', 'township.meichang', i === 27 ? DEMO_PASSWORD : `wrong-${i}-password`)),
    );
    expect(answers[27]?.statusCode).toBe(423);
    expect(answers[27]?.cookies.find((c) => c.name === 'xingfu_session')).toBeUndefined();
    expect(await signIns('township.meichang')).toBe(0);
    expect(await verifications('township.meichang')).toBe(5);
  });

  it('limits failed sign-ins from one address across names, real or not', async () => {
    // Four names, five guesses each: no name reaches its own limit, the address reaches its limit of 20.
    for (const name of ['township.xiazhuzhuang', 'no.such.user', 'township.dahuangbao', 'nobody.else']) {
      for (let i = 0; i < 4; i++) expect((await attemptFrom('10.0.3.1', name, `wrong-${i}-password`)).statusCode).toBe(401);
    }
    for (let i = 0; i < 4; i++) expect((await attemptFrom('10.0.3.1', `spray.${i}`, 'wrong-password-1')).statusCode).toBe(401);
    const refused = await attemptFrom('10.0.3.1', 'secadmin', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_attempts');
    expect((await attemptFrom('10.0.3.1', 'yet.another', 'wrong-password-1')).json().error.code).toBe('too_many_attempts');
    // The accounts themselves are not locked: from another address the right password works.
    expect((await attemptFrom('10.0.3.2', 'secadmin', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await attemptFrom('10.0.3.2', 'township.xiazhuzhuang', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an account everywhere only at four times the threshold, and never from an address it signed in from', async () => {
    expect((await attemptFrom('10.0.4.1', 'office.finance', DEMO_PASSWORD)).statusCode).toBe(200);
    // Guesses from four addresses: each locks its own address out after 5; together they lock the account.
    for (const address of ['10.0.5.1', '10.0.5.2', '10.0.5.3', '10.0.5.4']) {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await attemptFrom(address, 'office.finance', `wrong-${i}-password`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 423]);
    }
    const elsewhere = await attemptFrom('10.0.5.5', 'office.finance', DEMO_PASSWORD);
    expect(elsewhere.statusCode).toBe(423);
    // The owner's own address is not held back by guesses from elsewhere.
    expect((await attemptFrom('10.0.4.1', 'office.finance', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown name, a wrong password and a disabled account alike, and locks them alike', async () => {
    const admin = await login(t.app, 'sysadmin');
    const id = (await admin.get('/api/users?q=centre.head')).json().items[0].id;
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).statusCode).toBe(200);
    // Times in a lock's answer differ by the moment it was given; everything else must not.
    const answer = (res: Awaited<ReturnType<typeof attempt>>) => ({
      status: res.statusCode,
      body: JSON.parse(res.body.replace(/\d/g, '0')) as unknown,
    });
    const cases: [string, string, string][] = [
      ['10.0.6.1', 'village.meichang', 'wrong-password-1'],
      ['10.0.6.2', 'no.such.person', 'wrong-password-1'],
      ['10.0.6.3', 'centre.head', DEMO_PASSWORD],
      ['10.0.6.4', 'centre.head', 'wrong-password-1'],
    ];
    const rounds: ReturnType<typeof answer>[][] = [];
    for (const [address, name, password] of cases) {
      const round: ReturnType<typeof answer>[] = [];
      for (let i = 0; i < 6; i++) round.push(answer(await attemptFrom(address, name, password)));
      rounds.push(round);
    }
    expect(rounds[0]?.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    for (const round of rounds.slice(1)) expect(round).toEqual(rounds[0]);
    await admin.patch(`/api/users/${id}`, { disabled: false });
  });

  it('ends a session at its absolute lifetime of 12 hours, however active it is', async () => {
    const c = await login(t.app, 'wang.li');
    const age = (hours: number) =>
      t.db.query(
        `UPDATE session SET created_at = now() - make_interval(hours => $1), last_seen_at = now()
          WHERE user_id = (SELECT id FROM app_user WHERE username = 'wang.li')`,
        [hours],
      );
    await age(11);
    expect((await c.get('/api/home')).statusCode).toBe(200);
    await age(13);
    const res = await c.get('/api/home');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('needs the CSRF token for every state change', async () => {
    const c = await login(t.app, 'sysadmin');
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_invalid');
    const wrong = await clientFor(t.app, c.cookie, 'x'.repeat(43)).post('/api/auth/logout');
    expect(wrong.statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).json().error.code).toBe('unauthenticated');
  });

  it('ends an idle session after the idle timeout', async () => {
    const c = await login(t.app, 'teacher');
    expect((await c.get('/api/home')).statusCode).toBe(200);
    await t.db.query("UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM app_user WHERE username = 'teacher')");
    const res = await c.get('/api/home');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
    expect((await c.get('/api/home')).json().error.code).toBe('unauthenticated');
  });

  it('applies the password rules: at least 10 characters, not the username', async () => {
    const c = await login(t.app, 'parent');
    const short = await c.post('/api/auth/password', { currentPassword: 'xingfu-demo-2011', newPassword: 'short1!' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.problems).toContain('too_short');
    const named = await c.post('/api/auth/password', { currentPassword: 'xingfu-demo-2011', newPassword: 'parent-2011-pass' });
    expect(named.json().error.details.problems).toContain('contains_username');
    const ok = await c.post('/api/auth/password', { currentPassword: 'xingfu-demo-2011', newPassword: 'Chun-Feng-2026' });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'parent', password: 'Chun-Feng-2026' } })).statusCode).toBe(200);
  });

  it('asks enrolled users for a one-time code, and accepts only the right one', async () => {
    const c = await login(t.app, 'auditor');
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUrl } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect((await c.post('/api/auth/totp/enable', { code: '000000' })).json().error.code).toBe('totp_code_wrong');
    expect((await c.post('/api/auth/totp/enable', { code: await generate({ secret }) })).statusCode).toBe(200);
    const { rows } = await t.db.query<{ totp_secret: string }>("SELECT totp_secret FROM app_user WHERE username = 'auditor'");
    expect(rows[0]?.totp_secret).toMatch(/^v2:aes:[0-9a-f]{8}:/);
    expect(rows[0]?.totp_secret).not.toContain(secret);

    const first = await attempt('auditor', 'xingfu-demo-2011');
    expect(first.json()).toEqual({ totpRequired: true, csrfToken: expect.any(String) });
    const pending = clientFor(t.app, sessionCookie(first), first.json().csrfToken);
    expect((await pending.get('/api/auth/me')).statusCode).toBe(401);
    expect((await pending.get('/api/audit')).statusCode).toBe(401);
    expect((await pending.post('/api/auth/totp/setup')).statusCode).toBe(401);
    expect((await pending.post('/api/auth/totp/verify', { code: '123456' })).json().error.code).toBe('totp_invalid');
    const verified = await pending.post('/api/auth/totp/verify', { code: await generate({ secret }) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.totpEnabled).toBe(true);
    expect((await pending.get('/api/audit')).statusCode).toBe(200);
  });

  it('counts wrong one-time codes like wrong passwords, and ends the sign-in once locked', async () => {
    // The auditor enrolled a second factor in the test before.
    const first = await attemptFrom('10.0.8.1', 'auditor', DEMO_PASSWORD);
    expect(first.json()).toEqual({ totpRequired: true, csrfToken: expect.any(String) });
    const pending = clientFor(t.app, sessionCookie(first), first.json().csrfToken);
    const verify = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/totp/verify',
        remoteAddress: '10.0.8.1',
        headers: { cookie: pending.cookie, 'x-csrf-token': pending.csrfToken, 'content-type': 'application/json' },
        payload: JSON.stringify({ code }),
      });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await verify('000000')).json().error.code);
    expect(codes).toEqual(['totp_invalid', 'totp_invalid', 'totp_invalid', 'totp_invalid', 'totp_invalid', 'account_locked']);
    expect((await pending.get('/api/auth/me')).json().error.code).toBe('unauthenticated');
    expect((await attemptFrom('10.0.8.1', 'auditor', DEMO_PASSWORD)).statusCode).toBe(423);
  });

  it('makes a privileged non-demo account enrol a second factor before anything else', async () => {
    const admin = await login(t.app, 'sysadmin');
    const created = await admin.post('/api/users', { username: 'office.li', displayName: '李明', password: 'Temp-Pass-2026' });
    expect(created.statusCode).toBe(201);
    const sec = await login(t.app, 'secadmin');
    expect((await sec.put(`/api/users/${created.json().id}/grants`, { grants: [{ role: 'office' }] })).statusCode).toBe(200);
    const c = await login(t.app, 'office.li', 'Temp-Pass-2026');
    // A new account first changes the temporary password, and the security administrator confirms its role…
    expect((await c.get('/api/home')).json().error.code).toBe('password_change_required');
    expect((await c.post('/api/auth/password', { currentPassword: 'Temp-Pass-2026', newPassword: 'Own-Secret-2026' })).statusCode).toBe(200);
    expect((await sec.post(`/api/users/${created.json().id}/grants/confirm`)).statusCode).toBe(200);
    // …then enrols the second factor the policy asks of office accounts.
    const me = await c.get('/api/auth/me');
    expect(me.json().user.mustEnrolTotp).toBe(true);
    expect((await c.get('/api/home')).json().error.code).toBe('totp_enrolment_required');
    const { secret } = (await c.post('/api/auth/totp/setup')).json();
    expect((await c.post('/api/auth/totp/enable', { code: await generate({ secret }) })).statusCode).toBe(200);
    expect((await c.get('/api/home')).statusCode).toBe(200);
  });
});
