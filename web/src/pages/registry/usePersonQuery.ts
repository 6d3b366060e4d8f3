import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Hukou, PersonQuery, PersonSort } from '../../api/registryTypes.ts';
import type { SortOrder } from '../../api/types.ts';

const SORTS: readonly PersonSort[] = ['name', 'birthDate', 'village', 'updatedAt'];
const HUKOUS: readonly Hukou[] = ['rural', 'urban'];
export const PERSON_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((value) => value === raw);
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function bool(raw: string | null): boolean | undefined {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

/** The person search lives in the URL, so a search survives the trip to a household and back. */
export function usePersonQuery(): [PersonQuery, (change: Partial<PersonQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo<PersonQuery>(() => {
    const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
    const order: SortOrder | undefined = oneOf(['asc', 'desc'], params.get('order'));
    return {
      page: positive(params.get('page'), 1),
      pageSize: PERSON_PAGE_SIZES.some((size) => size === pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
      q: params.get('q') ?? undefined,
      village: params.get('village') ?? undefined,
      alive: bool(params.get('alive')),
      hukou: oneOf(HUKOUS, params.get('hukou')),
      sort: oneOf(SORTS, params.get('sort')),
      order,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<PersonQuery>) => {
      const next = { ...query, ...change };
      // A new filter or page size starts again at page 1.
      const filtersChanged = ['q', 'village', 'alive', 'hukou', 'pageSize'].some((key) => key in change);
      if (filtersChanged && !('page' in change)) next.page = 1;
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined || value === '') continue;
        if ((key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) continue;
        search.set(key, String(value));
      }
      setParams(search, { replace: true });
    },
    [query, setParams],
  );

  return [query, update];
}
