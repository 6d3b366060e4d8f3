import type { Grant, GrantInput, Role, RoleScope } from '../../api/types.ts';

/** A grant row of the user form: scopes by code, unset until picked. */
export interface GrantFormValue {
  role?: string;
  township?: string;
  village?: string;
  department?: string;
}

/** Used when GET /api/roles is unavailable; the server's list wins when it loads. */
const FALLBACK_SCOPES: Record<string, RoleScope> = {
  office: 'district',
  liaison: 'department',
  township: 'township',
  village: 'village',
  teacher: 'centre',
  centre_head: 'centre',
  parent: 'self',
  auditor: 'district',
  sysadmin: 'district',
  secadmin: 'district',
};

export const ROLE_CODES = Object.keys(FALLBACK_SCOPES);

export function scopeOf(role: string | undefined, roles: Role[] | undefined): RoleScope | undefined {
  if (!role) return undefined;
  return roles?.find((r) => r.code === role)?.scope ?? FALLBACK_SCOPES[role];
}

export function grantToForm(grant: Grant): GrantFormValue {
  return {
    role: grant.role,
    township: grant.township?.code,
    village: grant.village?.code,
    department: grant.department?.code,
  };
}

/** Only the scope fields the role takes are sent (a village grant carries its township too). */
export function formToGrant(value: GrantFormValue, roles: Role[] | undefined): GrantInput {
  const role = value.role ?? '';
  const scope = scopeOf(role, roles);
  const grant: GrantInput = { role };
  if ((scope === 'township' || scope === 'village') && value.township) grant.township = value.township;
  if (scope === 'village' && value.village) grant.village = value.village;
  if (scope === 'department' && value.department) grant.department = value.department;
  return grant;
}
