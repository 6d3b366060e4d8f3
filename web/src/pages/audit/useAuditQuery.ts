import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditQuery } from '../../api/audit.ts';
import type { AuditResult } from '../../api/types.ts';

export const AUDIT_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function result(raw: string | null): AuditResult | undefined {
  return raw === 'success' || raw === 'failure' ? raw : undefined;
}

/** The audit log's filters and page, kept in the URL. */
export function useAuditQuery(): [AuditQuery, (change: Partial<AuditQuery>) => void] {
  const [params, setParams] = useSearchParams();

  const query = useMemo<AuditQuery>(() => {
    const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
    return {
      page: positive(params.get('page'), 1),
      pageSize: AUDIT_PAGE_SIZES.some((size) => size === pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      actor: params.get('actor') ?? undefined,
      action: params.get('action') ?? undefined,
      entityType: params.get('entityType') ?? undefined,
      result: result(params.get('result')),
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<AuditQuery>) => {
      const next: AuditQuery = { ...query, ...change };
      if (!('page' in change)) next.page = 1;
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
