import { describe, expect, it } from 'vitest';
import type { RoleCode } from './roles.ts';
import { confirmProblem, grantChangeProblem } from './separation.ts';

const change = (current: RoleCode[], next: RoleCode[], actorId = 'sec') => grantChangeProblem({ actorId, accountId: 'u', current, next });

describe('a change of grants under the separation of duties', () => {
  it('lets business roles change among themselves, and an account without roles take either kind', () => {
    expect(change(['township'], ['township', 'teacher'])).toBeNull();
    expect(change([], ['office'])).toBeNull();
    expect(change([], ['auditor'])).toBeNull();
    expect(change(['office'], [])).toBeNull();
    expect(change(['secadmin'], [])).toBeNull();
  });

  it('refuses one’s own grants', () => {
    expect(change(['township'], ['township'], 'u')?.code).toBe('forbidden');
  });

  it('keeps an administrator role alone, and never moves an account between the two kinds', () => {
    expect(change([], ['sysadmin', 'auditor'])?.code).toBe('invalid_grant');
    expect(change([], ['secadmin', 'office'])?.code).toBe('invalid_grant');
    expect(change(['sysadmin'], ['office'])?.en).toMatch(/administrator role cannot be given a business role/);
    expect(change(['office'], ['auditor'])?.en).toMatch(/business roles cannot be given an administrator role/);
  });
});

describe('confirming suspended grants', () => {
  const state = { actorId: 'sec', accountId: 'u', temporaryPassword: false, pendingGrants: 1 };
  it('needs another account, the holder’s own password and a grant awaiting confirmation', () => {
    expect(confirmProblem(state)).toBeNull();
    expect(confirmProblem({ ...state, actorId: 'u' })?.code).toBe('forbidden');
    expect(confirmProblem({ ...state, temporaryPassword: true })?.code).toBe('grants_need_own_password');
    expect(confirmProblem({ ...state, pendingGrants: 0 })?.code).toBe('invalid_grant');
  });
});
