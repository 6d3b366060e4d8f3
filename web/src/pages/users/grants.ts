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

/** The system, security and audit administrators' roles (三权分立): each held alone. */
const ADMINISTRATOR_ROLES = ['sysadmin', 'secadmin', 'auditor'];

/**
 * The roles an account may be granted, as the server rules it: one administrator role held alone;
 * never an administrator role to an account holding business roles, nor the reverse.
 */
export function allowedRoles(current: readonly Grant[]): (role: string) => boolean {
  const administrator = current.some((g) => ADMINISTRATOR_ROLES.includes(g.role));
  const business = current.some((g) => !ADMINISTRATOR_ROLES.includes(g.role));
  return (role) => (ADMINISTRATOR_ROLES.includes(role) ? !business : !administrator);
}

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
  const role = (value.role ?? '') as GrantInput['role'];
  const scope = scopeOf(role, roles);
  const grant: GrantInput = { role };
  if ((scope === 'township' || scope === 'village') && value.township) grant.township = value.township;
  if (scope === 'village' && value.village) grant.village = value.village;
  if (scope === 'department' && value.department) grant.department = value.department;
  return grant;
}
