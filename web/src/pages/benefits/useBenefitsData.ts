import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { benefitsApi } from '../../api/benefits.ts';
import { useOrgTree } from '../../api/hooks.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { queryKeys } from '../../api/queryKeys.ts';

/** The programmes with their conditions and parameter rows; they change only when the office adds a row. */
export function useProgrammes() {
  return useQuery({
    queryKey: queryKeys.benefits.programmes,
    queryFn: ({ signal }) => benefitsApi.programmes(signal),
    select: (data) => data.programmes,
    staleTime: 60_000,
  });
}

/** The townships this user may see (GET /api/org/tree answers within the user's scope). */
export function useTownships() {
  const { can } = useSession();
  const tree = useOrgTree(can(PERMISSIONS.orgRead));
  const townships = useMemo(() => tree.data?.townships ?? [], [tree.data]);
  const names = useMemo(() => new Map(townships.map((township) => [township.code, township.name])), [townships]);
  return { townships, names, loading: tree.isPending && tree.fetchStatus !== 'idle' };
}
