import { http } from './client.ts';
import type {
  Household,
  HouseholdCreate,
  ImportJob,
  MemberAdd,
  PersonPage,
  PersonQuery,
  Revealed,
} from './registryTypes.ts';
import type { Ok } from './types.ts';

const persons = '/api/registry/persons';
const households = '/api/registry/households';
const imports = '/api/registry/imports';
const person = (id: string) => `${persons}/${encodeURIComponent(id)}`;
const household = (id: string) => `${households}/${encodeURIComponent(id)}`;

/** Links the browser downloads itself (the session cookie goes along). */
export const registryLinks = {
  template: '/api/registry/import-template',
  importErrors: (id: string) => `${imports}/${encodeURIComponent(id)}/errors`,
};

export const registryApi = {
  search: (query: PersonQuery, signal?: AbortSignal) => http.get<PersonPage>(persons, { ...query }, signal),
  household: (id: string, signal?: AbortSignal) => http.get<Household>(household(id), undefined, signal),
  createHousehold: (body: HouseholdCreate) => http.post<{ id: string; personIds: string[] }>(households, body),
  addMember: (householdId: string, body: MemberAdd) => http.post<{ id: string }>(`${household(householdId)}/members`, body),
  death: (id: string, body: { date: string; note?: string }) => http.post<Ok>(`${person(id)}/death`, body),
  moveOut: (id: string, body: { date: string; destination: string }) => http.post<Ok>(`${person(id)}/move-out`, body),
  disability: (id: string, body: { date: string; grade: number }) => http.post<Ok>(`${person(id)}/disability`, body),
  reveal: (id: string, reason: string) => http.post<Revealed>(`${person(id)}/reveal`, { reason }),
  startImport: (file: Blob, fileName: string, township?: string) => {
    const form = new FormData();
    // Plain fields first: the server reads them before the file's stream.
    if (township) form.append('township', township);
    form.append('file', file, fileName);
    return http.upload<{ id: string }>(imports, form);
  },
  importJob: (id: string, signal?: AbortSignal) => http.get<ImportJob>(`${imports}/${encodeURIComponent(id)}`, undefined, signal),
};
