import { Drawer, Layout } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { thisYear } from '../clock.ts';
import { useHealth } from '../api/hooks.ts';
import { FullPageSpin } from '../auth/guards.tsx';
import { Emblem } from '../components/Emblem.tsx';
import { useIsPhone } from '../components/useIsPhone.ts';
import { useI18n } from '../i18n/index.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { PageMetaProvider } from './pageMeta.tsx';
import { SideMenu } from './SideMenu.tsx';

const COLLAPSED_KEY = 'xingfu.menuCollapsed';

function initialCollapsed(): boolean {
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
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();

  // The phone's menu drawer closes when a page is chosen (or the screen grows past a phone's).
  useEffect(() => setDrawerOpen(false), [pathname, phone]);

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
        <HeaderBar onMenu={phone ? () => setDrawerOpen(true) : undefined} />
        <Layout className="xf-body">
          {phone ? (
            <Drawer
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              placement="left"
              size={272}
              destroyOnHidden
              className="xf-menu-drawer"
              title={
                <span className="xf-menu-drawer-title">
                  <Emblem size={28} />
                  {t('app.shortName')}
                </span>
              }
            >
              <div data-testid="menu-drawer">
                <SideMenu collapsed={false} onNavigate={() => setDrawerOpen(false)} />
              </div>
            </Drawer>
          ) : (
            <Layout.Sider
              collapsible
              collapsed={collapsed}
              onCollapse={onCollapse}
              width={224}
              collapsedWidth={64}
              theme="light"
              className="xf-sider"
              data-testid="sider"
            >
              <SideMenu collapsed={collapsed} />
            </Layout.Sider>
          )}
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
