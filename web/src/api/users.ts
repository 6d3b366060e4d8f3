import { http } from './client.ts';
import type { GrantInput, Ok, Page, SortOrder, User, UserCreate, UserSort, UserStatus, UserUpdate } from './types.ts';

export interface UserQuery {
  page: number;
  pageSize: number;
  sort?: UserSort;
  order?: SortOrder;
  q?: string;
  role?: string;
  status?: UserStatus;
}

const base = '/api/users';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const usersApi = {
  list: (query: UserQuery, signal?: AbortSignal) => http.get<Page<User>>(base, { ...query }, signal),
  create: (body: UserCreate) => http.post<User>(base, body),
  update: (id: string, body: UserUpdate) => http.patch<User>(one(id), body),
  resetPassword: (id: string, password: string) => http.post<Ok>(`${one(id)}/reset-password`, { password }),
  unlock: (id: string) => http.post<Ok>(`${one(id)}/unlock`),
  setGrants: (id: string, grants: GrantInput[]) => http.put<User>(`${one(id)}/grants`, { grants }),
  confirmGrants: (id: string) => http.post<User>(`${one(id)}/grants/confirm`),
};
