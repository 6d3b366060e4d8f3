import { useQuery } from '@tanstack/react-query';
import type { DefaultOptionType } from 'antd/es/select/index.js';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { benefitsApi, type ProgrammeId } from '../../../api/benefits.ts';
import type { ApplicationQuery, ApplicationState } from '../../../api/benefitsWorkflow.ts';
import { useOrgTree } from '../../../api/hooks.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { APPLICATION_STATES, applicationYears, currentYear, programmeOptions } from './workflowFormat.ts';
import { queryKeys } from '../../../api/queryKeys.ts';

/** The programmes with their parameters (the cache the programmes page shares); they change rarely. */
export function useProgrammeOptions() {
  const i18n = useI18n();
  const query = useQuery({
    queryKey: queryKeys.benefits.programmes,
    queryFn: ({ signal }) => benefitsApi.programmes(signal),
    staleTime: 60_000,
  });
  const programmes = query.data?.programmes;
  const options = useMemo(() => programmeOptions(i18n, programmes), [i18n, programmes]);
  const byId = useCallback((id: string | undefined) => programmes?.find((p) => p.id === id), [programmes]);
  return { programmes, options, byId, loading: query.isPending };
}

/** Townships and villages within the user's scope (GET /api/org/tree answers within it). */
export function useAreaOptions(township: string | undefined) {
  const { can } = useSession();
  const tree = useOrgTree(can(PERMISSIONS.orgRead));
  return useMemo(() => {
    const townships = tree.data?.townships ?? [];
    const townshipOptions = townships.map((tw) => ({ value: tw.code, label: tw.name }));
    const chosen = townships.filter((tw) => !township || tw.code === township).filter((tw) => tw.villages.length > 0);
    const groups: DefaultOptionType[] = chosen.map((tw) => ({
      label: tw.name,
      title: tw.name,
      options: tw.villages.map((v) => ({ value: v.code, label: v.name })),
    }));
    const villageOptions = groups.length === 1 ? (groups[0]?.options ?? []) : groups;
    return { townshipOptions, villageOptions, manyTownships: townships.length > 1, loading: tree.isPending && tree.fetchStatus !== 'idle' };
  }, [tree.data, tree.isPending, tree.fetchStatus, township]);
}

export const APPLICATION_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The application list's filters live in the URL, so they survive the trip to an application and back. */
export function useApplicationQuery(): [ApplicationQuery, (change: Partial<ApplicationQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo<ApplicationQuery>(() => {
    const year = Number(params.get('year'));
    const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
    const state = APPLICATION_STATES.find((s) => s === params.get('state'));
    const programme = params.get('programme') ?? undefined;
    return {
      year: applicationYears().includes(year) ? year : currentYear(),
      state: state as ApplicationState | undefined,
      // A programme code the server does not know is left to the server to refuse.
      programme: programme as ProgrammeId | undefined,
      township: params.get('township') ?? undefined,
      village: params.get('village') ?? undefined,
      page: positive(params.get('page'), 1),
      pageSize: APPLICATION_PAGE_SIZES.some((size) => size === pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<ApplicationQuery>) => {
      const next: Partial<ApplicationQuery> = { ...query, ...change };
      const filtersChanged = ['year', 'state', 'programme', 'township', 'village', 'pageSize'].some((key) => key in change);
      if (filtersChanged && !('page' in change)) next.page = 1;
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined || value === '') continue;
        if ((key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) continue;
        if (key === 'year' && value === currentYear()) continue;
        search.set(key, String(value));
      }
      setParams(search, { replace: true });
    },
    [query, setParams],
  );

  return [query, update];
}
