import { useQuery } from '@tanstack/react-query';
import type { DefaultOptionType } from 'antd/es/select/index.js';
import { useCallback, useMemo } from 'react';
import { benefitsApi, type ProgrammeId } from '../../../api/benefits.ts';
import { useOrgTree } from '../../../api/hooks.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { pagingFields, urlField } from '../../../components/useUrlQuery.ts';
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

/** The application list's filters live in the URL, so they survive the trip to an application and back. */
export const APPLICATION_QUERY = {
  year: urlField.number(currentYear, (year) => applicationYears().includes(year)),
  state: urlField.oneOf(APPLICATION_STATES),
  // A programme code the server does not know is left to the server to refuse.
  programme: urlField.text<ProgrammeId>(),
  township: urlField.text(),
  village: urlField.text(),
  ...pagingFields(),
};
