import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './client.ts';
import type { ChildArchive } from './ecd.ts';
import type {
  ActivityPlan,
  ActivityPlanInput,
  ArchivePrint,
  Centre,
  Domain,
  EcdClass,
  MilestoneCode,
  Milestones,
  Session,
  SessionInput,
  TeacherLoad,
} from './ecdCentreTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Fetchers and hooks of the ECD centre's work beyond the growth archive (see ecdCentreTypes.ts). */

const enc = encodeURIComponent;

export interface PlanQuery {
  ageMonths?: number | null;
  domain?: Domain | null;
  q?: string;
}

export interface ClassBody {
  name: string;
  ageFromMonths: number;
  ageToMonths: number;
  teacherId: string;
  roomCode: string;
}

export interface AttendanceBody {
  present: string[];
  notes?: Record<string, string>;
}

export const ecdCentreApi = {
  milestones: (childId: string, signal?: AbortSignal) => http.get<Milestones>(`/api/ecd/children/${enc(childId)}/milestones`, undefined, signal),
  setMilestone: (childId: string, milestone: MilestoneCode, body: { achievedOn: string; note?: string }) =>
    http.put<Milestones>(`/api/ecd/children/${enc(childId)}/milestones/${enc(milestone)}`, body),
  undoMilestone: (childId: string, milestone: MilestoneCode) => http.delete<Milestones>(`/api/ecd/children/${enc(childId)}/milestones/${enc(milestone)}`),

  plans: (query: PlanQuery, signal?: AbortSignal) =>
    http.get<{ items: ActivityPlan[] }>('/api/ecd/activity-plans', { ageMonths: query.ageMonths, domain: query.domain, q: query.q?.trim() }, signal),
  plan: (id: string, signal?: AbortSignal) => http.get<ActivityPlan>(`/api/ecd/activity-plans/${enc(id)}`, undefined, signal),
  createPlan: (body: ActivityPlanInput) => http.post<ActivityPlan>('/api/ecd/activity-plans', body),
  updatePlan: (id: string, body: ActivityPlanInput & { version: number }) => http.put<ActivityPlan>(`/api/ecd/activity-plans/${enc(id)}`, body),

  centre: (signal?: AbortSignal) => http.get<Centre>('/api/ecd/centre', undefined, signal),

  classes: (signal?: AbortSignal) => http.get<{ items: EcdClass[] }>('/api/ecd/classes', undefined, signal),
  createClass: (body: ClassBody) => http.post<EcdClass>('/api/ecd/classes', body),
  updateClass: (classId: string, body: ClassBody) => http.put<EcdClass>(`/api/ecd/classes/${enc(classId)}`, body),
  setMembers: (classId: string, childIds: string[]) => http.put<EcdClass>(`/api/ecd/classes/${enc(classId)}/members`, { childIds }),

  sessions: (from: string, to: string, signal?: AbortSignal) => http.get<{ items: Session[] }>('/api/ecd/sessions', { from, to }, signal),
  createSession: (body: SessionInput) => http.post<Session>('/api/ecd/sessions', body),
  attendance: (sessionId: string, body: AttendanceBody) => http.put<Session>(`/api/ecd/sessions/${enc(sessionId)}/attendance`, body),
  cancelSession: (sessionId: string, note: string) => http.post<Session>(`/api/ecd/sessions/${enc(sessionId)}/cancel`, { note }),

  teacherLoad: (from: string, to: string, signal?: AbortSignal) => http.get<TeacherLoad>('/api/ecd/teacher-load', { from, to }, signal),

  archivePrint: (childId: string, signal?: AbortSignal) => http.get<ArchivePrint>(`/api/ecd/children/${enc(childId)}/archive-print`, undefined, signal),
};

/**
 * The archive inside ArchivePrint, typed as the contract describes it (the child's archive as
 * GET /api/ecd/children/:id returns it); null when the server sent something else.
 */
export function printedArchive(print: ArchivePrint): ChildArchive | null {
  const value = print.archive;
  if (typeof value !== 'object' || value === null) return null;
  if (!('child' in value) || !('measurements' in value) || !Array.isArray(value.measurements)) return null;
  return value as ChildArchive;
}

// ---- milestones ------------------------------------------------------------------------------

export function useMilestones(childId: string) {
  return useQuery({ queryKey: queryKeys.ecd.milestones(childId), queryFn: ({ signal }) => ecdCentreApi.milestones(childId, signal) });
}

export function useSetMilestone(childId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ milestone, achievedOn, note }: { milestone: MilestoneCode; achievedOn: string; note?: string }) =>
      ecdCentreApi.setMilestone(childId, milestone, note ? { achievedOn, note } : { achievedOn }),
    onSuccess: (data) => client.setQueryData(queryKeys.ecd.milestones(childId), data),
  });
}

export function useUndoMilestone(childId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (milestone: MilestoneCode) => ecdCentreApi.undoMilestone(childId, milestone),
    onSuccess: (data) => client.setQueryData(queryKeys.ecd.milestones(childId), data),
  });
}

// ---- activity plans --------------------------------------------------------------------------

export function useActivityPlans(query: PlanQuery = {}, enabled = true) {
  return useQuery({ queryKey: queryKeys.ecd.planList(query), queryFn: ({ signal }) => ecdCentreApi.plans(query, signal), enabled });
}

export function useActivityPlan(id: string | null) {
  return useQuery({
    queryKey: queryKeys.ecd.plan(id ?? ''),
    queryFn: ({ signal }) => ecdCentreApi.plan(id ?? '', signal),
    enabled: id !== null,
  });
}

/** Creates a plan, or updates one when `id` and `version` are given (409 stale_version if someone saved first). */
export function useSavePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: ActivityPlanInput }) =>
      id !== undefined && version !== undefined ? ecdCentreApi.updatePlan(id, { ...input, version }) : ecdCentreApi.createPlan(input),
    onSuccess: (plan) => {
      client.setQueryData(queryKeys.ecd.plan(plan.id), plan);
      void client.invalidateQueries({ queryKey: queryKeys.ecd.plans });
    },
  });
}

// ---- the centre, classes ---------------------------------------------------------------------

export function useCentre() {
  return useQuery({ queryKey: queryKeys.ecd.centre, queryFn: ({ signal }) => ecdCentreApi.centre(signal), staleTime: 60_000 });
}

export function useClasses(enabled = true) {
  return useQuery({ queryKey: queryKeys.ecd.classes, queryFn: ({ signal }) => ecdCentreApi.classes(signal), enabled });
}

/** Opens a class, or (given its id) changes one. */
export function useSaveClass(classId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassBody) => (classId === undefined ? ecdCentreApi.createClass(body) : ecdCentreApi.updateClass(classId, body)),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.ecd.classes }),
  });
}

export function useSetMembers(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (childIds: string[]) => ecdCentreApi.setMembers(classId, childIds),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.ecd.classes });
      void client.invalidateQueries({ queryKey: queryKeys.ecd.sessions });
    },
  });
}

// ---- sessions, attendance, teacher load ------------------------------------------------------

export function useSessions(from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.ecd.sessionRange(from, to),
    queryFn: ({ signal }) => ecdCentreApi.sessions(from, to, signal),
    placeholderData: (previous) => previous,
  });
}

function useSessionChange<V>(mutationFn: (vars: V) => Promise<Session>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.ecd.sessions });
      void client.invalidateQueries({ queryKey: queryKeys.ecd.teacherLoads });
    },
  });
}

export function useCreateSession() {
  return useSessionChange((body: SessionInput) => ecdCentreApi.createSession(body));
}

export function useSaveAttendance(sessionId: string) {
  return useSessionChange((body: AttendanceBody) => ecdCentreApi.attendance(sessionId, body));
}

export function useCancelSession(sessionId: string) {
  return useSessionChange((note: string) => ecdCentreApi.cancelSession(sessionId, note));
}

export function useTeacherLoad(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.ecd.teacherLoad(from, to),
    queryFn: ({ signal }) => ecdCentreApi.teacherLoad(from, to, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

// ---- the printable archive -------------------------------------------------------------------

export function useArchivePrint(childId: string) {
  return useQuery({ queryKey: queryKeys.ecd.archivePrint(childId), queryFn: ({ signal }) => ecdCentreApi.archivePrint(childId, signal) });
}
