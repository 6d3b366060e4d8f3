import { http } from './client.ts';
import type { Department, Home, OrgTree, Page, Role, Township } from './types.ts';

export const orgApi = {
  home: () => http.get<Home>('/api/home'),
  roles: () => http.get<{ items: Role[] }>('/api/roles'),
  tree: () => http.get<OrgTree>('/api/org/tree'),
  township: (code: string) => http.get<Township>(`/api/org/townships/${encodeURIComponent(code)}`),
  departments: () => http.get<Pick<Page<Department>, 'items'>>('/api/org/departments'),
  /** When a department joined or left the leading group (the office). */
  setMembership: (code: string, span: { activeFrom: string; activeTo: string | null }) =>
    http.patch<Department>(`/api/org/departments/${encodeURIComponent(code)}`, span),
};
