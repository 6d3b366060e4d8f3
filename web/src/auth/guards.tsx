import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useI18n } from '../i18n/index.ts';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage.tsx';
import { pathOf, type LoginState } from './navigation.ts';
import { mayImportRosters, type Permission } from './permissions.ts';
import { useSession } from './session.tsx';

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div className="xf-full-page-spin">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

/** Renders the signed-in part of the app, or sends the user to /login. */
export function RequireAuth() {
  const { session, loadFailed, retry, endReason } = useSession();
  const location = useLocation();
  const { t } = useI18n();

  if (loadFailed) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={t('error.network')}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (session === undefined) return <FullPageSpin />;
  if (session === null) {
    // The one place that sends a signed-out user to /login (so no two redirects can race).
    const state: LoginState = endReason === 'signedOut' ? {} : { from: pathOf(location), expired: endReason === 'expired' };
    return <Navigate to="/login" replace state={state} />;
  }
  const mustAct = session.user.mustChangePassword || session.user.mustEnrolTotp;
  if (mustAct && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <Outlet />;
}

/** Shows the 403 page unless the session holds `permission` (or, given a list, any one of them). */
export function RequirePermission({ permission, children }: { permission: Permission | readonly Permission[]; children: ReactNode }) {
  const { can } = useSession();
  const list: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return list.some(can) ? children : <ForbiddenPage />;
}

/** The roster import page: a township's own office only (see mayImportRosters). */
export function RequireRosterImport({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return session && mayImportRosters(session.grants) ? children : <ForbiddenPage />;
}
