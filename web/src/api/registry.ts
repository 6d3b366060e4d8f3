import { http } from './client.ts';
import type { Household, HouseholdCreate, ImportJob, ImportMapping, MemberAdd, PersonPage, PersonQuery, Revealed } from './registryTypes.ts';
import type { Ok } from './types.ts';

const persons = '/api/registry/persons';
const households = '/api/registry/households';
const imports = '/api/registry/imports';
const person = (id: string) => `${persons}/${encodeURIComponent(id)}`;
const household = (id: string) => `${households}/${encodeURIComponent(id)}`;
const importJob = (id: string) => `${imports}/${encodeURIComponent(id)}`;

/** Links the browser downloads itself (the session cookie goes along). */
export const registryLinks = {
  template: '/api/registry/import-template',
  importErrors: (id: string) => `${importJob(id)}/errors`,
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
  importJob: (id: string, signal?: AbortSignal) => http.get<ImportJob>(importJob(id), undefined, signal),
  /** Match the columns by hand: answers the id of a new preview job. */
  mapImport: (id: string, body: ImportMapping) => http.post<{ id: string }>(`${importJob(id)}/mapping`, body),
  /** Write what a ready preview showed: answers the id of the apply job. */
  applyImport: (id: string) => http.post<{ id: string }>(`${importJob(id)}/apply`),
  cancelImport: (id: string) => http.post<Ok>(`${importJob(id)}/cancel`),
};
