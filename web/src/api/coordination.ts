import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { http } from './client.ts';
import type { Attachment, Bulletin, BulletinSummary, Completeness, Desk, Report, ReportDraftInput, ReportSummary } from './coordinationTypes.ts';
import type { ReportListQuery } from '../../../src/modules/coordination/schemas.ts';
import { queryKeys } from './queryKeys.ts';

/*
 * Calls and queries of 部门协调 for the desk, the monthly reports and their review, completeness and
 * bulletins. The wire types and every endpoint are in coordinationTypes.ts (the contract).
 */

/** The list's filter; when `period` (YYYY-MM) is given, `year` is not sent. */
export type { ReportListQuery } from '../../../src/modules/coordination/schemas.ts';

const base = '/api/coord';
const report = (department: string, period: string) => `${base}/reports/${encodeURIComponent(department)}/${encodeURIComponent(period)}`;
const bulletin = (id: string) => `${base}/bulletins/${encodeURIComponent(id)}`;

/** Links the browser follows itself (the session cookie goes along). */
export const coordLinks = {
  attachment: (id: string) => `${base}/attachments/${encodeURIComponent(id)}`,
  bulletinDocx: (id: string) => `${bulletin(id)}/docx`,
};

export const coordApi = {
  desk: (signal?: AbortSignal) => http.get<Desk>(`${base}/desk`, undefined, signal),

  reports: (query: ReportListQuery, signal?: AbortSignal) =>
    http.get<{ items: ReportSummary[] }>(`${base}/reports`, { ...query, year: query.period ? undefined : query.year }, signal),
  report: (department: string, period: string, signal?: AbortSignal) => http.get<Report>(report(department, period), undefined, signal),
  saveReport: (department: string, period: string, body: ReportDraftInput) => http.put<Report>(report(department, period), body),
  submitReport: (department: string, period: string, version: number) => http.post<Report>(`${report(department, period)}/submit`, { version }),
  returnReport: (department: string, period: string, version: number, comment: string) =>
    http.post<Report>(`${report(department, period)}/return`, { version, comment }),
  acceptReport: (department: string, period: string, version: number) => http.post<Report>(`${report(department, period)}/accept`, { version }),
  uploadAttachment: (department: string, period: string, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.upload<Attachment>(`${report(department, period)}/attachments`, form);
  },
  deleteAttachment: (id: string) => http.delete<null>(coordLinks.attachment(id)),

  /** A year's completeness; null: the latest year that has reports. */
  completeness: (year: number | null, signal?: AbortSignal) => http.get<Completeness>(`${base}/completeness`, year === null ? {} : { year }, signal),

  bulletins: (signal?: AbortSignal) => http.get<{ items: BulletinSummary[] }>(`${base}/bulletins`, undefined, signal),
  bulletin: (id: string, signal?: AbortSignal) => http.get<Bulletin>(bulletin(id), undefined, signal),
  createBulletin: (period: string) => http.post<Bulletin>(`${base}/bulletins`, { period }),
  patchBulletin: (id: string, body: { version: number; title?: string; intro?: string; closing?: string }) => http.patch<Bulletin>(bulletin(id), body),
  refreshBulletin: (id: string, version: number) => http.post<Bulletin>(`${bulletin(id)}/refresh`, { version }),
  publishBulletin: (id: string, version: number) => http.post<Bulletin>(`${bulletin(id)}/publish`, { version }),
  deleteBulletin: (id: string) => http.delete<null>(bulletin(id)),
};

// ---------------------------------------------------------------------------------------------
// Queries

export function useDesk(enabled = true) {
  return useQuery({ queryKey: queryKeys.coord.desk, queryFn: ({ signal }) => coordApi.desk(signal), enabled });
}

export function useReportList(query: ReportListQuery) {
  return useQuery({
    queryKey: queryKeys.coord.reportList(query),
    queryFn: ({ signal }) => coordApi.reports(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReport(department: string, period: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.coord.report(department, period),
    queryFn: ({ signal }) => coordApi.report(department, period, signal),
    enabled,
  });
}

export function useCompleteness(year: number | null) {
  return useQuery({
    queryKey: queryKeys.coord.completenessYear(year),
    queryFn: ({ signal }) => coordApi.completeness(year, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBulletins() {
  return useQuery({ queryKey: queryKeys.coord.bulletinList, queryFn: ({ signal }) => coordApi.bulletins(signal) });
}

export function useBulletin(id: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.coord.bulletin(id), queryFn: ({ signal }) => coordApi.bulletin(id, signal), enabled });
}

// ---------------------------------------------------------------------------------------------
// Changes

/**
 * After a report changed: the answer (when there is one) is the report as it is now; the lists,
 * the completeness grid and the desk are read again when next shown.
 */
export function useReportChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (department: string, period: string, answer: Report | undefined) => {
      if (answer) queryClient.setQueryData(queryKeys.coord.report(department, period), answer);
      else void queryClient.invalidateQueries({ queryKey: queryKeys.coord.report(department, period), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.reportLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.completeness });
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.desk });
    },
    [queryClient],
  );
}

type ReportCommand =
  | { kind: 'save'; body: ReportDraftInput }
  /** Saves the form first, then submits what was saved. */
  | { kind: 'submit'; body: ReportDraftInput }
  | { kind: 'return'; version: number; comment: string }
  | { kind: 'accept'; version: number };

async function runReportCommand(department: string, period: string, command: ReportCommand): Promise<Report> {
  switch (command.kind) {
    case 'save':
      return coordApi.saveReport(department, period, command.body);
    case 'submit': {
      const saved = await coordApi.saveReport(department, period, command.body);
      return coordApi.submitReport(department, period, saved.version);
    }
    case 'return':
      return coordApi.returnReport(department, period, command.version, command.comment);
    case 'accept':
      return coordApi.acceptReport(department, period, command.version);
  }
}

/** Save, submit, return or accept one report; whatever the answer, the page shows the report as it is now. */
export function useReportCommand(department: string, period: string) {
  const changed = useReportChanged();
  return useMutation({
    mutationFn: (command: ReportCommand) => runReportCommand(department, period, command),
    onSuccess: (answer) => changed(department, period, answer),
    // A refused submission may follow a successful save: read the report again.
    onError: () => changed(department, period, undefined),
  });
}

/** After a bulletin changed (or was created or deleted). */
export function useBulletinChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (answer: Bulletin | { id: string; deleted: true }) => {
      // A deleted bulletin's page is left first; then its cache can go (see forgetBulletin).
      if (!('deleted' in answer)) queryClient.setQueryData(queryKeys.coord.bulletin(answer.id), answer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.coord.bulletinList });
    },
    [queryClient],
  );
}

/** Drops a deleted bulletin from the cache, once its page is no longer shown. */
export function useForgetBulletin() {
  const queryClient = useQueryClient();
  return useCallback((id: string) => queryClient.removeQueries({ queryKey: queryKeys.coord.bulletin(id) }), [queryClient]);
}

export function useCreateBulletin() {
  const changed = useBulletinChanged();
  return useMutation({ mutationFn: coordApi.createBulletin, onSuccess: changed });
}

type BulletinCommand = { kind: 'edit'; title: string; intro: string; closing: string } | { kind: 'refresh' } | { kind: 'publish' } | { kind: 'delete' };

/** Edit, refresh, publish or delete a draft bulletin; a refusal reads it again. */
export function useBulletinCommand(current: Pick<Bulletin, 'id' | 'version'>) {
  const changed = useBulletinChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (command: BulletinCommand): Promise<Bulletin | { id: string; deleted: true }> => {
      const { id, version } = current;
      switch (command.kind) {
        case 'edit':
          return coordApi.patchBulletin(id, { version, title: command.title, intro: command.intro, closing: command.closing });
        case 'refresh':
          return coordApi.refreshBulletin(id, version);
        case 'publish':
          return coordApi.publishBulletin(id, version);
        case 'delete':
          await coordApi.deleteBulletin(id);
          return { id, deleted: true };
      }
    },
    onSuccess: changed,
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.coord.bulletin(current.id) }),
  });
}
