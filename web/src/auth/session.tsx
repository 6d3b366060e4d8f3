import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { authApi } from '../api/auth.ts';
import { isApiError, setCsrfToken } from '../api/client.ts';
import { queryKeys } from '../api/queryKeys.ts';
import type { Session } from '../api/types.ts';
import type { Permission } from './permissions.ts';

/** Why a session ended: /login explains an expiry, and forgets the page after a sign-out. */
export type EndReason = 'expired' | 'signedOut' | 'rejected';

/**
 * The session and why it ended live in one cached value, so that a render can never see
 * "signed out" without its reason (two separate stores may render one before the other).
 */
interface SessionSnapshot {
  session: Session | null;
  endReason: EndReason | null;
}

export interface SessionState {
  /** undefined while the first /api/auth/me is in flight, null when signed out. */
  session: Session | null | undefined;
  endReason: EndReason | null;
  /** Set after a successful login or second-factor step. */
  signIn: (session: Session) => void;
  /** Forget the session locally (the caller has told the server, or the server has ended it). */
  forget: (reason: EndReason) => void;
  /** Re-read /api/auth/me (after a password change or second-factor enrolment). */
  refresh: () => Promise<void>;
  can: (permission: Permission) => boolean;
  /** /api/auth/me failed for another reason than 401 (server down). */
  loadFailed: boolean;
  retry: () => void;
}

async function loadSession(): Promise<SessionSnapshot> {
  try {
    const session = await authApi.me();
    setCsrfToken(session.csrfToken);
    return { session, endReason: null };
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return { session: null, endReason: error.code === 'session_expired' ? 'expired' : null };
    }
    throw error;
  }
}

/** Data cached for one user must not leak to the next one signing in on this browser. */
function clearUserData(queryClient: QueryClient): void {
  const keep = new Set<unknown>([queryKeys.session[0], queryKeys.health[0]]);
  queryClient.removeQueries({ predicate: (q) => !keep.has(q.queryKey[0]) });
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.session,
    queryFn: loadSession,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  const signIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      clearUserData(queryClient);
      queryClient.setQueryData<SessionSnapshot>(queryKeys.session, { session, endReason: null });
    },
    [queryClient],
  );

  const forget = useCallback(
    (reason: EndReason) => {
      // Several calls may fail at once; the first reason stands.
      const current = queryClient.getQueryData<SessionSnapshot>(queryKeys.session);
      if (current && current.session === null && current.endReason) return;
      setCsrfToken(null);
      clearUserData(queryClient);
      queryClient.setQueryData<SessionSnapshot>(queryKeys.session, { session: null, endReason: reason });
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.session });
  }, [queryClient]);

  const { data: snapshot, isError, refetch } = query;
  const value = useMemo<SessionState>(() => {
    const session = snapshot?.session;
    return {
      session,
      endReason: snapshot?.endReason ?? null,
      signIn,
      forget,
      refresh,
      can: (permission) => session?.permissions.includes(permission) ?? false,
      loadFailed: isError && snapshot === undefined,
      retry: () => void refetch(),
    };
  }, [isError, refetch, snapshot, signIn, forget, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for components rendered inside RequireAuth. */
export function useCurrentSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentSession without a session');
  return session;
}
