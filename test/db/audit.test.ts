import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/modules/audit/log.ts';
import { deriveAuditKeys } from '../../src/modules/audit/anchor.ts';
import { verifyChain } from '../../src/modules/audit/service.ts';
import { makeTownship, makeUser, signIn, type User } from '../factories.ts';
import { startTestApp, testSecretKeyBytes, type TestApp } from '../helpers.ts';

const keys = deriveAuditKeys(testSecretKeyBytes);

describe('audit log', () => {
  let t: TestApp;
  /** An account of each role the suite signs in as. */
  const made = {} as Record<'office' | 'auditor' | 'sysadmin' | 'secadmin' | 'township' | 'parent', User>;
  beforeAll(async () => {
    t = await startTestApp();
    const township = (await makeTownship(t.db)).code;
    for (const role of ['office', 'auditor', 'sysadmin', 'secadmin', 'parent'] as const) made[role] = await makeUser(t.db, { role });
    made.township = await makeUser(t.db, { role: 'township', township });
    // Some history: sign-ins, a failed one, an account change.
    await signIn(t.app, made.office);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: made.office.username, password: 'wrong-password-1' } });
    const admin = await signIn(t.app, made.sysadmin);
    await admin.post('/api/users', { username: 'teacher.two', displayName: '教师二', password: 'Teacher-Two-2026' });
  });
  afterAll(async () => t.close());

  it('records sign-ins, failures and changes with who, what and from where', async () => {
    const auditor = await signIn(t.app, made.auditor);
    const res = (await auditor.get('/api/audit?pageSize=50')).json();
    const actions = res.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'user.create', 'system.seed_demo']));
    const failed = res.items.find((e: { action: string }) => e.action === 'auth.login_failed');
    expect(failed).toMatchObject({ actor: made.office.username, result: 'failure', ip: '127.0.0.1', detail: { reason: 'password' } });
    const filtered = (await auditor.get('/api/audit?action=auth&result=failure')).json();
    expect(filtered.items.every((e: { action: string; result: string }) => e.action.startsWith('auth.') && e.result === 'failure')).toBe(true);
    expect(filtered.total).toBe(1);
    expect((await auditor.get('/api/audit?from=not-a-date')).statusCode).toBe(400);
  });

  it('masks ID and phone numbers in the log itself', async () => {
    await t.db.transaction((tx) =>
      appendAudit(tx, {
        district: '120114',
        actorId: null,
        actorUsername: 'test',
        action: 'personal_data.reveal',
        entityType: 'person',
        after: { idNumber: '120114198506121238', phone: '13812345678', note: '身份证 11010519491231002X 电话 13900001111' },
      }),
    );
    const { rows } = await t.db.query<{ after: Record<string, string> }>("SELECT after FROM audit_log WHERE action = 'personal_data.reveal'");
    expect(rows[0]?.after).toEqual({
      idNumber: '120114********1238',
      phone: '138****5678',
      note: '身份证 110105********002X 电话 139****1111',
    });
  });

  it('is append-only', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain and reports the first broken link', async () => {
    const auditor = await signIn(t.app, made.auditor);
    const intact = (await auditor.get('/api/audit/verify')).json();
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(5);
    // Someone with database access rewrites entry 3 behind the application's back.
    await t.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET actor_username = 'someone-else' WHERE seq = 3;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    expect(await verifyChain(t.db, '120114', { keys })).toMatchObject({ district: '120114', ok: false, checked: 2, firstBroken: { seq: 3, reason: 'hash' } });
    // Rewriting the hash too moves the break to the link of the next entry.
    await t.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log a SET hash = xingfu_audit_hash(a) WHERE seq = 3;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    expect((await verifyChain(t.db, '120114', { keys })).firstBroken).toEqual({ seq: 4, reason: 'link' });
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'link' } });
  });

  it('is readable by the office and the auditor only', async () => {
    for (const [role, status] of [
      ['office', 200],
      ['auditor', 200],
      ['sysadmin', 403],
      ['secadmin', 403],
      ['township', 403],
      ['parent', 403],
    ] as const) {
      const c = await signIn(t.app, made[role]);
      expect((await c.get('/api/audit')).statusCode, role).toBe(status);
    }
  });
});
