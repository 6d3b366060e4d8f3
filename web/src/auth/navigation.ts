import type { Location } from 'react-router';

/** What /login receives in its location state. */
export interface LoginState {
  /** Where the user wanted to go, to return there after signing in. */
  from?: string;
  /** The session ended on its own (expired, idle, revoked). */
  expired?: boolean;
}

export function isLoginState(value: unknown): value is LoginState {
  return typeof value === 'object' && value !== null;
}

export function pathOf(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

/** Only same-app paths may be returned to (no open redirect through the state). */
export function safeReturnPath(from: string | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}
