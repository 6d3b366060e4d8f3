import { useQuery } from '@tanstack/react-query';
import { authApi } from './auth.ts';
import { queryKeys } from './queryKeys.ts';
import { orgApi } from './org.ts';

/** Queries shared by several pages. Reference data changes rarely: cache it for minutes. */
const REFERENCE_STALE_MS = 5 * 60_000;

export function useHealth() {
  return useQuery({ queryKey: queryKeys.health, queryFn: authApi.health, staleTime: REFERENCE_STALE_MS });
}

export function useOrgTree(enabled = true) {
  return useQuery({ queryKey: queryKeys.org.tree, queryFn: orgApi.tree, staleTime: REFERENCE_STALE_MS, enabled });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: queryKeys.org.departments,
    queryFn: orgApi.departments,
    staleTime: REFERENCE_STALE_MS,
    enabled,
  });
}

export function useRoles(enabled = true) {
  return useQuery({ queryKey: queryKeys.roles, queryFn: orgApi.roles, staleTime: REFERENCE_STALE_MS, enabled });
}
