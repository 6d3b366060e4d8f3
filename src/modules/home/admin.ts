/**
 * The administrators' home: accounts and locks for the system administrator, today's audit
 * entries for the auditor, the policy in force for the security administrator. Locks and audit
 * entries are security timing: they keep the real clock, as the audit log and the lockout do.
 */
import type { Queryable } from '../../db/types.ts';
import type { AuthContext } from '../auth/service.ts';
import { activeAccountCount, auditEntriesToday, failedLoginsToday, lockedAccountCount, securityPolicyRow } from './queries.ts';
import { txt, type Figure, type TodoItem } from './schemas.ts';

export async function adminHome(tx: Queryable, actor: AuthContext): Promise<{ todo: TodoItem[]; figures: Figure[] }> {
  const has = (p: AuthContext['permissions'][number]) => actor.permissions.includes(p);
  const todo: TodoItem[] = [];
  const figures: Figure[] = [];
  if (has('user.manage')) {
    const accounts = await activeAccountCount(tx);
    const locked = await lockedAccountCount(tx);
    if (locked > 0) {
      todo.push({
        kind: 'account.locked',
        count: locked,
        title: txt('被锁定的账户', 'Locked accounts'),
        detail: txt(`${locked} 个账户因多次登录失败被锁定，核实身份后可解锁`, `${locked} locked after failed sign-ins: unlock once the user is verified`),
        link: '/users',
        dueOn: null,
        overdue: false,
        waiting: false,
      });
    }
    figures.push(
      { key: 'users', label: txt('有效账户', 'Active accounts'), value: accounts, unit: txt('个', '') },
      { key: 'lockedUsers', label: txt('锁定账户', 'Locked accounts'), value: locked, unit: txt('个', '') },
    );
  }
  if (has('audit.read') && !has('benefits.manage')) {
    figures.push(
      {
        key: 'auditToday',
        label: txt('今日审计记录', 'Audit entries today'),
        value: await auditEntriesToday(tx),
        unit: txt('条', ''),
      },
      {
        key: 'failedLoginsToday',
        label: txt('今日登录失败', 'Failed sign-ins today'),
        value: await failedLoginsToday(tx),
        unit: txt('次', ''),
      },
    );
  }
  if (has('security.manage')) {
    const p = await securityPolicyRow(tx);
    if (p) {
      figures.push(
        { key: 'minPasswordLength', label: txt('密码最小长度', 'Minimum password length'), value: p.min_password_length, unit: txt('位', 'chars') },
        { key: 'lockoutThreshold', label: txt('失败锁定阈值', 'Lockout threshold'), value: p.lockout_threshold, unit: txt('次', 'attempts') },
        { key: 'idleTimeout', label: txt('空闲超时', 'Idle timeout'), value: p.idle_timeout_minutes, unit: txt('分钟', 'min') },
      );
    }
  }
  return { todo, figures };
}
