import type { DefaultOptionType } from 'antd/es/select/index.js';
import { useMemo } from 'react';
import { useOrgTree } from '../../api/hooks.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';

/**
 * The villages this user may see (GET /api/org/tree answers within the user's scope), grouped by
 * township; a single township's villages are listed without a group.
 */
export function useVillageOptions() {
  const { can } = useSession();
  const tree = useOrgTree(can(PERMISSIONS.orgRead));
  const options = useMemo<DefaultOptionType[]>(() => {
    const townships = tree.data?.townships ?? [];
    const groups = townships
      .filter((township) => township.villages.length > 0)
      .map((township) => ({
        label: township.name,
        title: township.name,
        options: township.villages.map((village) => ({ value: village.code, label: village.name })),
      }));
    if (groups.length === 1) return groups[0]?.options ?? [];
    return groups;
  }, [tree.data]);
  return { options, loading: tree.isPending && tree.fetchStatus !== 'idle' };
}
