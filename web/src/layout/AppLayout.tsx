import { Layout } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { thisYear } from '../clock.ts';
import { useHealth } from '../api/hooks.ts';
import { FullPageSpin } from '../auth/guards.tsx';
import { useI18n } from '../i18n/index.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { PageMetaProvider } from './pageMeta.tsx';
import { SideMenu } from './SideMenu.tsx';

const COLLAPSED_KEY = 'xingfu.menuCollapsed';

/** Below Ant Design's md breakpoint: a phone. */
const startsNarrow = (): boolean => window.matchMedia?.('(max-width: 767.98px)').matches === true;

function initialCollapsed(): boolean {
  if (startsNarrow()) return true;
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function AppLayout() {
  const { t } = useI18n();
  const health = useHealth();
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  // On a phone the menu folds away entirely (its tab opens it over the page), whatever was remembered.
  const [narrow, setNarrow] = useState(startsNarrow);
  const { pathname } = useLocation();
  // On a phone, choosing a page folds the menu away again.
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [pathname, narrow]);

  const onCollapse = (value: boolean) => {
    setCollapsed(value);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // not remembered
    }
  };

  return (
    <PageMetaProvider>
      <Layout className="xf-shell">
        <HeaderBar />
        <Layout className="xf-body">
          <Layout.Sider
            collapsible
            collapsed={collapsed}
            onCollapse={onCollapse}
            width={224}
            collapsedWidth={narrow ? 0 : 64}
            breakpoint="md"
            onBreakpoint={(broken) => {
              setNarrow(broken);
              // Back on a wide screen, the menu as the user left it there.
              setCollapsed(broken || initialCollapsed());
            }}
            theme="light"
            className="xf-sider"
            data-testid="sider"
          >
            <SideMenu collapsed={collapsed} />
          </Layout.Sider>
          <Layout className="xf-main">
            <Breadcrumbs />
            <Layout.Content className="xf-content">
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            </Layout.Content>
            <Layout.Footer className="xf-footer">
              {t('app.footer', {
                year: thisYear(),
                office: t('app.office'),
                version: health.data?.version ?? '—',
              })}
            </Layout.Footer>
          </Layout>
        </Layout>
      </Layout>
    </PageMetaProvider>
  );
}
