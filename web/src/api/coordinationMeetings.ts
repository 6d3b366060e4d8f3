import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { http } from './client.ts';
import type {
  ActionItem,
  CoordSettings,
  Indicator,
  IndicatorConfig,
  IndicatorInput,
  Meeting,
  MeetingInput,
  MeetingSummary,
  MinutesInput,
  Notice,
  Plan,
  Responsibility,
  ResponsibilityInput,
  ResponsibilityPatch,
  RuleInput,
  ValidationRule,
} from './coordinationTypes.ts';
import type { ActionItemInput, ActionItemQuery, ActionNoteInput, NoticeInput } from '../../../src/modules/coordination/schemas.ts';
import { queryKeys } from './queryKeys.ts';

/*
 * 部门协调 · meetings, action items (督办事项), notices (通知), the implementation plan with its
 * responsibilities, and the indicator configuration: the calls of coordinationTypes.ts and their
 * React Query hooks. Reports, completeness and bulletins are elsewhere.
 */

export type { ActionItemInput, ActionItemQuery, ActionNoteInput, NoticeInput } from '../../../src/modules/coordination/schemas.ts';

// ---------------------------------------------------------------------------------------------
// Calls

const base = '/api/coord';
const enc = encodeURIComponent;

export const coordMeetingsApi = {
  meetings: (signal?: AbortSignal) => http.get<{ items: MeetingSummary[] }>(`${base}/meetings`, undefined, signal),
  meeting: (id: string, signal?: AbortSignal) => http.get<Meeting>(`${base}/meetings/${enc(id)}`, undefined, signal),
  createMeeting: (body: MeetingInput) => http.post<Meeting>(`${base}/meetings`, body),
  saveMinutes: (id: string, body: MinutesInput) => http.put<Meeting>(`${base}/meetings/${enc(id)}/minutes`, body),

  actionItems: (query: ActionItemQuery, signal?: AbortSignal) => http.get<{ items: ActionItem[] }>(`${base}/action-items`, { ...query }, signal),
  createActionItem: (body: ActionItemInput) => http.post<ActionItem>(`${base}/action-items`, body),
  addActionNote: (id: string, body: ActionNoteInput) => http.post<ActionItem>(`${base}/action-items/${enc(id)}/notes`, body),

  notices: (signal?: AbortSignal) => http.get<{ items: Notice[] }>(`${base}/notices`, undefined, signal),
  sendNotice: (body: NoticeInput) => http.post<Notice>(`${base}/notices`, body),
  readNotice: (id: string) => http.post<Notice>(`${base}/notices/${enc(id)}/read`),

  plan: (year: number | null, signal?: AbortSignal) => http.get<Plan>(`${base}/plan`, year === null ? {} : { year }, signal),
  createResponsibility: (body: ResponsibilityInput) => http.post<Responsibility>(`${base}/responsibilities`, body),
  patchResponsibility: (id: string, body: ResponsibilityPatch) => http.patch<Responsibility>(`${base}/responsibilities/${enc(id)}`, body),

  indicators: (signal?: AbortSignal) => http.get<IndicatorConfig>(`${base}/indicators`, undefined, signal),
  putIndicator: (code: string, body: IndicatorInput) => http.put<Indicator>(`${base}/indicators/${enc(code)}`, body),
  addRule: (body: RuleInput) => http.post<ValidationRule>(`${base}/rules`, body),
  deleteRule: (id: string) => http.delete<null>(`${base}/rules/${enc(id)}`),
  putSettings: (body: CoordSettings) => http.put<CoordSettings>(`${base}/settings`, body),
};

/** What shows action items elsewhere: the desk, and the home dashboard's overdue list. */
function invalidateActionViews(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.coord.actionItems });
  void queryClient.invalidateQueries({ queryKey: queryKeys.coord.desk });
  void queryClient.invalidateQueries({ queryKey: queryKeys.home, refetchType: 'none' });
}

// ---------------------------------------------------------------------------------------------
// Meetings

export function useMeetings() {
  return useQuery({ queryKey: queryKeys.coord.meetingList, queryFn: ({ signal }) => coordMeetingsApi.meetings(signal) });
}

export function useMeeting(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.coord.meeting(id),
    queryFn: ({ signal }) => coordMeetingsApi.meeting(id, signal),
    enabled,
  });
}

export function useCreateMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingInput) => coordMeetingsApi.createMeeting(body),
    onSuccess: (meeting) => {
      queryClient.setQueryData(queryKeys.coord.meeting(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.meetingList });
    },
  });
}

export function useSaveMinutes(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MinutesInput) => coordMeetingsApi.saveMinutes(id, body),
    onSuccess: (meeting) => {
      queryClient.setQueryData(queryKeys.coord.meeting(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.meetingList });
      // The decisions became action items.
      invalidateActionViews(queryClient);
    },
    // Refused (another hand saved first): show the meeting as the server has it now.
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.coord.meeting(id) }),
  });
}

// ---------------------------------------------------------------------------------------------
// Action items

export function useActionItems(query: ActionItemQuery) {
  return useQuery({
    queryKey: queryKeys.coord.actionItemList(query),
    queryFn: ({ signal }) => coordMeetingsApi.actionItems(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateActionItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionItemInput) => coordMeetingsApi.createActionItem(body),
    onSuccess: () => invalidateActionViews(queryClient),
  });
}

export function useAddActionNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ActionNoteInput }) => coordMeetingsApi.addActionNote(id, body),
    onSuccess: (item) => {
      invalidateActionViews(queryClient);
      // A meeting lists the action items it decided; the next meeting's agenda carries open ones.
      if (item.meetingId) void queryClient.invalidateQueries({ queryKey: queryKeys.coord.meeting(item.meetingId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.meetings, refetchType: 'none' });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Notices

export function useNotices() {
  return useQuery({ queryKey: queryKeys.coord.notices, queryFn: ({ signal }) => coordMeetingsApi.notices(signal) });
}

/** Puts a notice as the server answered it in the cached list. */
function replaceNotice(queryClient: QueryClient, notice: Notice): void {
  queryClient.setQueryData<{ items: Notice[] }>(queryKeys.coord.notices, (old) =>
    old ? { items: old.items.map((n) => (n.id === notice.id ? notice : n)) } : old,
  );
}

export function useSendNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NoticeInput) => coordMeetingsApi.sendNotice(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.coord.notices }),
  });
}

export function useReadNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => coordMeetingsApi.readNotice(id),
    onSuccess: (notice) => {
      replaceNotice(queryClient, notice);
      // The desk counts unread notices.
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.desk });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Plan and responsibilities

/** The plan of a year, or (null) the latest one. */
export function usePlan(year: number | null) {
  return useQuery({
    queryKey: queryKeys.coord.plan(year),
    queryFn: ({ signal }) => coordMeetingsApi.plan(year, signal),
    placeholderData: keepPreviousData,
  });
}

function invalidatePlan(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.coord.plans });
  void queryClient.invalidateQueries({ queryKey: queryKeys.coord.desk });
}

export function useCreateResponsibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResponsibilityInput) => coordMeetingsApi.createResponsibility(body),
    onSuccess: () => invalidatePlan(queryClient),
  });
}

export function usePatchResponsibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResponsibilityPatch }) => coordMeetingsApi.patchResponsibility(id, body),
    // On a refusal too (409 stale version): the plan as it is now.
    onSettled: () => invalidatePlan(queryClient),
  });
}

// ---------------------------------------------------------------------------------------------
// Indicator configuration (coord.manage)

export function useIndicatorConfig(enabled = true) {
  return useQuery({
    queryKey: queryKeys.coord.indicators,
    queryFn: ({ signal }) => coordMeetingsApi.indicators(signal),
    enabled,
  });
}

/** The configuration feeds the report forms and bulletins of the section: read them again. */
function invalidateConfig(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.coord.indicators });
  void queryClient.invalidateQueries({
    queryKey: queryKeys.coord.all,
    refetchType: 'none',
    predicate: (query) => query.queryKey[1] !== queryKeys.coord.indicators[1],
  });
}

export function usePutIndicator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: IndicatorInput }) => coordMeetingsApi.putIndicator(code, body),
    onSuccess: () => invalidateConfig(queryClient),
  });
}

export function useAddRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleInput) => coordMeetingsApi.addRule(body),
    onSuccess: () => invalidateConfig(queryClient),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => coordMeetingsApi.deleteRule(id),
    onSettled: () => invalidateConfig(queryClient),
  });
}

export function usePutSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CoordSettings) => coordMeetingsApi.putSettings(body),
    onSuccess: (settings) => {
      queryClient.setQueryData<IndicatorConfig>(queryKeys.coord.indicators, (old) => (old ? { ...old, settings } : old));
      invalidateConfig(queryClient);
    },
  });
}
