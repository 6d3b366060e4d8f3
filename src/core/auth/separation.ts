/**
 * Separation of the three administrators' duties (三权分立, MLPS level 3), as rules on a change of
 * an account's grants (pure; the security administrator's service applies them).
 *
 * - The system administrator manages accounts (create, disable, unlock, temporary password) and
 *   grants nothing; the security administrator grants, withdraws and confirms roles and sets no
 *   password; the auditor reads. Which permission does what is in roles.ts.
 * - No one changes their own grants.
 * - An administrator role is held alone, and an account never moves between the administrator
 *   roles and the business roles: a business role is never granted to an account holding an
 *   administrator role, nor an administrator role to an account holding business roles.
 * - A grant is in effect only once confirmed, and is confirmed only while the account has its
 *   holder's own password: a temporary password (set by the system administrator on creation or
 *   reset) suspends every grant until the holder has replaced it and the security administrator
 *   confirms again (enforced in the database by migration 0023).
 */
import { isAdministratorRole, type RoleCode } from './roles.ts';

/** A refusal: its error code, and a message when the code's own is not precise enough. */
export interface SeparationProblem {
  code: 'forbidden' | 'invalid_grant' | 'grants_need_own_password';
  en?: string;
  zh?: string;
}

export interface GrantChange {
  actorId: string;
  accountId: string;
  /** The roles the account holds now (in effect or awaiting confirmation). */
  current: readonly RoleCode[];
  next: readonly RoleCode[];
}

export function grantChangeProblem(change: GrantChange): SeparationProblem | null {
  if (change.actorId === change.accountId) {
    return { code: 'forbidden', en: 'You cannot change your own roles', zh: '不能修改自己的角色' };
  }
  const administrator = change.next.filter(isAdministratorRole);
  if (administrator.length > 0 && change.next.length > 1) {
    return {
      code: 'invalid_grant',
      en: 'the system, security and audit administrator roles are each held alone (separation of duties)',
      zh: '系统管理员、安全管理员、审计管理员须三权分立，不能与其他角色兼任',
    };
  }
  const wasAdministrator = change.current.some(isAdministratorRole);
  const wasBusiness = change.current.some((r) => !isAdministratorRole(r));
  if (wasAdministrator && change.next.some((r) => !isAdministratorRole(r))) {
    return {
      code: 'invalid_grant',
      en: 'an account holding an administrator role cannot be given a business role',
      zh: '持有管理员角色的账户不能授予业务角色',
    };
  }
  if (wasBusiness && administrator.length > 0) {
    return {
      code: 'invalid_grant',
      en: 'an account holding business roles cannot be given an administrator role',
      zh: '持有业务角色的账户不能授予管理员角色',
    };
  }
  return null;
}

export interface ConfirmState {
  actorId: string;
  accountId: string;
  /** The account still has a temporary password (it must change it at its next sign-in). */
  temporaryPassword: boolean;
  pendingGrants: number;
}

export function confirmProblem(state: ConfirmState): SeparationProblem | null {
  if (state.actorId === state.accountId) {
    return { code: 'forbidden', en: 'You cannot confirm your own roles', zh: '不能确认自己的角色' };
  }
  if (state.temporaryPassword) return { code: 'grants_need_own_password' };
  if (state.pendingGrants === 0) {
    return { code: 'invalid_grant', en: 'no grant awaits confirmation', zh: '没有待确认的角色授权' };
  }
  return null;
}
