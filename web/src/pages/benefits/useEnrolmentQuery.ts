import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { EnrolmentQuery, ProgrammeId } from '../../api/benefits.ts';
import { PROGRAMME_IDS } from './benefitsFormat.ts';

export const ENROLMENT_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;
const FILTERS: readonly string[] = ['programme', 'township', 'active', 'q', 'pageSize'];

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function bool(raw: string | null): boolean | undefined {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

/** The enrolment search lives in the URL, so a filtered list can be bookmarked and survives a reload. */
export function useEnrolmentQuery(): [EnrolmentQuery, (change: Partial<EnrolmentQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo<EnrolmentQuery>(() => {
    const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
    const programme = params.get('programme');
    return {
      page: positive(params.get('page'), 1),
      pageSize: ENROLMENT_PAGE_SIZES.some((size) => size === pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
      programme: PROGRAMME_IDS.find((id): id is ProgrammeId => id === programme),
      township: params.get('township') ?? undefined,
      active: bool(params.get('active')),
      q: params.get('q') ?? undefined,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<EnrolmentQuery>) => {
      const next = { ...query, ...change };
      // A new filter or page size starts again at page 1.
      if (FILTERS.some((key) => key in change) && !('page' in change)) next.page = 1;
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
