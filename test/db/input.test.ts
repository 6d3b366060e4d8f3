import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Client, type TestApp } from '../helpers.ts';

describe('bad input', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t.app, 'sysadmin');
  });
  afterAll(async () => t.close());

  const countUsers = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user')).rows[0]?.n;
  const raw = (payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': contentType },
    });

  it('answers each kind with a 4xx, a stable code, both languages and no stack trace, and changes nothing', async () => {
    const before = await countUsers();
    const cases: [Promise<{ statusCode: number; body: string }>, number, string][] = [
      [raw('{"username": "x",'), 400, 'invalid_json'],
      [raw(''), 400, 'invalid_json'],
      [raw('username=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
      [raw(JSON.stringify({ username: 'big.one', displayName: 'x'.repeat(300_000), password: 'Abcdefgh-123' })), 413, 'body_too_large'],
      [admin.post('/api/users', { username: 42, displayName: '数字', password: 'Abcdefgh-123' }), 400, 'validation_failed'],
      [admin.post('/api/users', { username: 'ok.name', displayName: '多余字段', password: 'Abcdefgh-123', isAdmin: true }), 400, 'validation_failed'],
      [
        admin.post('/api/users', { username: 'ok.name', displayName: '带角色', password: 'Abcdefgh-123', grants: [{ role: 'teacher' }] }),
        400,
        'validation_failed',
      ],
      [admin.patch('/api/users/not-a-uuid', { displayName: 'x' }), 400, 'validation_failed'],
      [admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' }), 404, 'not_found'],
      [admin.get('/api/users?page=0'), 400, 'validation_failed'],
      [admin.get('/api/users?pageSize=100000'), 400, 'validation_failed'],
      [admin.get('/api/no-such-endpoint'), 404, 'not_found'],
      [t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office' } }), 400, 'validation_failed'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      const body = JSON.parse(res.body);
      expect({ status: res.statusCode, code: body.error?.code }).toEqual({ status, code });
      expect(body.error.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(body.error.messages.en).toMatch(/[a-z]/);
      expect(res.body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    }
    expect(await countUsers()).toBe(before);
  });

  it('answers in English when asked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/home', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(res.json().error).toMatchObject({ code: 'unauthenticated', message: 'Please sign in' });
    const zh = await t.app.inject({ method: 'GET', url: '/api/home' });
    expect(zh.json().error.message).toBe('请先登录');
  });

  it('reports health and serves the API document only to administrators outside demo mode', async () => {
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'ok', database: t.db.kind, demo: false });
    expect(health.demoAccounts).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    const office = await login(t.app, 'office');
    expect((await office.get('/api/docs/json')).statusCode).toBe(403);
    const doc = await admin.get('/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/org/tree', '/api/audit']));
  });
});
