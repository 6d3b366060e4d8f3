/**
 * The home page of whoever signs in: what waits for them (待办) and the few figures of each of their
 * roles in that role's own scope, all read inside the caller's scope (row-level security) on the
 * business date. Each part comes from its module's own queries; nothing scans a whole register.
 */
import { roles, type RoleCode } from '../../core/auth/roles.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import type { ChangeCache } from '../../db/changeCache.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { AuthContext } from '../auth/service.ts';
import { displayNames } from '../users/names.ts';
import { adminHome } from './admin.ts';
import { applicationTodo, benefitFigures, rollTodo } from './benefits.ts';
import { coordinationTodo, liaisonFigures, officeCoordinationFigures } from './coordination.ts';
import { ownChildren, staffTodo } from './ecd.ts';
import { districtRow, recentAuditEntries, townshipName, villageFullName } from './queries.ts';
import { txt, type Figure, type FigureGroup, type HomeReply, type Text, type TodoItem } from './schemas.ts';

/** Overdue first, then what the user can act on, then what waits on someone else. */
const order = (item: TodoItem) => (item.overdue ? 0 : item.waiting ? 2 : 1);

/** The name of the place a benefits grant covers: 梅厂镇, 梅厂镇六道口村, or the district. */
async function benefitsScope(tx: Queryable, actor: AuthContext, district: string): Promise<{ role: RoleCode; scope: Text } | null> {
  const grant = actor.grants.find((g) => roles[g.role].permissions['benefits.read'] !== undefined);
  if (!grant) return null;
  if (grant.village !== null) {
    const name = await villageFullName(tx, grant.village);
    return { role: grant.role, scope: txt(name ?? grant.village, name ?? grant.village) };
  }
  if (grant.township !== null) {
    const name = await townshipName(tx, grant.township);
    return { role: grant.role, scope: txt(name ?? grant.township, name ?? grant.township) };
  }
  return { role: grant.role, scope: txt(district, district) };
}

/** Figures the server keeps between requests until their rows change. */
export interface HomeKept {
  enrolled: ChangeCache<number>;
}

export async function homeFor(tx: Queryable, actor: AuthContext, kept: HomeKept): Promise<Omit<HomeReply, 'recentActivity'>> {
  const today = businessToday();
  const has = (p: AuthContext['permissions'][number]) => actor.permissions.includes(p);
  const district = (await districtRow(tx)) ?? {
    code: actor.district,
    name: '',
  };
  const todo: TodoItem[] = [];
  const figures: FigureGroup[] = [];

  if (has('benefits.read')) {
    const acts = has('benefits.confirm') || has('benefits.manage');
    const applications = acts ? await applicationTodo(tx, actor, today) : { todo: [], noticeRunning: 0 };
    todo.push(...applications.todo, ...(await rollTodo(tx, actor)));
    const scope = await benefitsScope(tx, actor, district.name);
    if (scope) {
      const shown = await benefitFigures(tx, actor, applications.noticeRunning, kept.enrolled);
      figures.push({ ...scope, figures: acts ? shown : shown.filter((f) => f.key !== 'noticeRunning') });
    }
  }
  if (has('coord.report') || has('coord.manage')) {
    const coordination = await coordinationTodo(tx, actor);
    todo.push(...coordination.todo);
    if (coordination.desk) {
      if (has('coord.manage')) addTo(figures, 'office', txt(district.name, district.name), officeCoordinationFigures(coordination.desk));
      else {
        const group = await liaisonFigures(tx, actor, coordination.desk);
        if (group) figures.push(group);
      }
    }
  }
  if (has('ecd.read')) {
    const ecd = await staffTodo(tx, actor, today);
    todo.push(...ecd.todo);
    figures.push(ecd.figures);
  }
  const children = has('ecd.own') ? await ownChildren(tx, actor, today, businessNow()) : [];
  const admin = await adminHome(tx, actor);
  todo.push(...admin.todo);
  if (admin.figures.length > 0) {
    const role = actor.grants.find((g) => g.role === 'sysadmin' || g.role === 'auditor' || g.role === 'secadmin')?.role ?? 'office';
    addTo(figures, role, txt(district.name, district.name), admin.figures);
  }
  return {
    district,
    today,
    todo: todo
      .map((item, i) => ({ item, i }))
      .sort((a, b) => order(a.item) - order(b.item) || a.i - b.i)
      .map((x) => x.item),
    figures,
    children,
  };
}

/** The home page in the caller's scope; the auditor's also shows the latest audit entries. */
export async function homePage(db: Database, actor: AuthContext, kept: HomeKept): Promise<HomeReply> {
  return withScope(db, actor, async (tx) => {
    const home = await homeFor(tx, actor, kept);
    if (!actor.permissions.includes('audit.read')) return home;
    const rows = await recentAuditEntries(tx, actor.district);
    // People by name (null: the system itself).
    const nameOf = await displayNames(
      tx,
      rows.map((r) => r.actor_username),
    );
    return {
      ...home,
      recentActivity: rows.map((r) => ({
        at: r.at.toISOString(),
        actor: nameOf(r.actor_username),
        action: r.action,
        entityType: r.entity_type,
        result: r.result,
      })),
    };
  });
}

/** Adds figures to the group of that role and scope, or starts one. */
function addTo(groups: FigureGroup[], role: RoleCode, scope: Text, more: readonly Figure[]): void {
  const group = groups.find((g) => g.role === role && g.scope['zh-CN'] === scope['zh-CN']);
  if (group) group.figures.push(...more);
  else groups.push({ role, scope, figures: [...more] });
}
