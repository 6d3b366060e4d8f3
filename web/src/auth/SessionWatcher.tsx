import { useEffect } from 'react';
import { authApi } from '../api/auth.ts';
import { setUnauthorizedHandler } from '../api/client.ts';
import { useSession } from './session.tsx';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
const CHECK_EVERY_MS = 15_000;

/**
 * Ends the client side of a session: on a 401 from any call (session expired, revoked) and after
 * the policy's idle timeout without user activity. RequireAuth then sends the user to /login
 * ("会话已过期,请重新登录"), and back to the same page after signing in.
 */
export function SessionWatcher() {
  const { session, forget } = useSession();

  useEffect(() => {
    setUnauthorizedHandler((error) => forget(error.code === 'session_expired' ? 'expired' : 'rejected'));
    return () => setUnauthorizedHandler(null);
  }, [forget]);

  const idleMinutes = session?.idleTimeoutMinutes ?? 0;
  const signedIn = Boolean(session);
  useEffect(() => {
    if (!signedIn || idleMinutes <= 0) return undefined;
    let lastActivity = Date.now();
    const touch = () => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity < idleMinutes * 60_000) return;
      window.clearInterval(timer);
      void authApi.logout().catch(() => undefined);
      forget('expired');
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch);
    };
  }, [signedIn, idleMinutes, forget]);

  return null;
}
