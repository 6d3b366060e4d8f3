import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { UserQuery } from '../../api/users.ts';
import type { SortOrder, UserSort, UserStatus } from '../../api/types.ts';

const SORTS: readonly UserSort[] = ['username', 'displayName', 'lastLoginAt', 'createdAt'];
const STATUSES: readonly UserStatus[] = ['active', 'disabled', 'locked'];
export const PAGE_SIZES = [10, 20, 50, 100] as const;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((value) => value === raw);
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The users table's query lives in the URL, so paging and filters survive reloads and links. */
export function useUserQuery(): [UserQuery, (change: Partial<UserQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo<UserQuery>(() => {
    const pageSize = positive(params.get('pageSize'), 20);
    const order: SortOrder | undefined = oneOf(['asc', 'desc'], params.get('order'));
    return {
      page: positive(params.get('page'), 1),
      pageSize: PAGE_SIZES.some((size) => size === pageSize) ? pageSize : 20,
      sort: oneOf(SORTS, params.get('sort')),
      order,
      q: params.get('q') ?? undefined,
      role: params.get('role') ?? undefined,
      status: oneOf(STATUSES, params.get('status')),
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<UserQuery>) => {
      const next = { ...query, ...change };
      // A new filter or page size starts again at page 1.
      const filtersChanged = ['q', 'role', 'status', 'pageSize'].some((key) => key in change);
      if (filtersChanged && !('page' in change)) next.page = 1;
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined || value === '') continue;
        if ((key === 'page' && value === 1) || (key === 'pageSize' && value === 20)) continue;
        search.set(key, String(value));
      }
      setParams(search, { replace: true });
    },
    [query, setParams],
  );

  return [query, update];
}
