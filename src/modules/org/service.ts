import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import type { AuthContext } from '../auth/service.ts';
import { setDepartmentMembership } from '../coordination/config.ts';
import * as q from './queries.ts';
import type { Department, Membership, OrgTree, Township } from './schemas.ts';

const presentDepartment = (d: q.DepartmentRow): Department => ({
  code: d.code,
  name: d.name,
  shortName: d.short_name,
  activeFrom: d.active_from,
  activeTo: d.active_to,
  liaisonCount: d.liaison_count,
});

/** District → townships → villages, as far as the caller may see. */
export async function orgTree(db: Database, actor: AuthContext): Promise<OrgTree> {
  return withScope(db, actor, async (tx) => {
    const district = (await q.districtName(tx)) ?? { code: actor.district, name: '' };
    const townships = await q.visibleTownships(tx);
    const villages = await q.visibleVillages(tx);
    return {
      district,
      townships: townships.map((t) => ({
        ...t,
        villages: villages.filter((v) => v.township_code === t.code).map(({ code, name, kind }) => ({ code, name, kind })),
      })),
    };
  });
}

/** One township with its villages and the number of its users (404 outside the caller's scope). */
export async function township(db: Database, actor: AuthContext, code: string): Promise<Township> {
  return withScope(db, actor, async (tx) => {
    const found = await q.visibleTownship(tx, code);
    if (!found) throw new AppError('not_found');
    const villages = await q.visibleVillages(tx, found.code);
    return {
      ...found,
      villages: villages.map(({ code, name, kind }) => ({ code, name, kind })),
      userCount: await q.countUsersInTownship(tx, found.code),
    };
  });
}

export async function departments(db: Database, actor: AuthContext): Promise<{ items: Department[] }> {
  return withScope(db, actor, async (tx) => ({ items: (await q.visibleDepartments(tx)).map(presentDepartment) }));
}

/** When a member department joined or left the leading group; answers the department as it is now. */
export async function setMembership(db: Database, actor: AuthContext, code: string, span: Membership): Promise<Department> {
  return withScope(db, actor, async (tx) => {
    await setDepartmentMembership(tx, actor, code, span);
    const row = (await q.visibleDepartments(tx)).find((d) => d.code === code);
    if (!row) throw new AppError('not_found');
    return presentDepartment(row);
  });
}
