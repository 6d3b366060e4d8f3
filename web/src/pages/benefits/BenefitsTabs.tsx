import { Card, Tabs } from 'antd';
import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { PERMISSIONS, type Permission } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import './benefits.css';

interface BenefitsTab {
  key: string;
  path: string;
  labelKey: MessageKey;
  testId: string;
  permission?: Permission;
}

/** The pages of 扶助项目, in the order of the work: standards, confirmation, beneficiaries, payment. */
export const BENEFITS_TABS: readonly BenefitsTab[] = [
  { key: 'overview', path: '/benefits', labelKey: 'benefits.nav.overview', testId: 'benefits-tab-overview' },
  { key: 'programmes', path: '/benefits/programmes', labelKey: 'benefits.nav.programmes', testId: 'benefits-tab-programmes' },
  { key: 'applications', path: '/benefits/applications', labelKey: 'benefits.nav.applications', testId: 'benefits-tab-applications' },
  { key: 'enrolments', path: '/benefits/enrolments', labelKey: 'benefits.nav.enrolments', testId: 'benefits-tab-enrolments' },
  { key: 'rolls', path: '/benefits/rolls', labelKey: 'benefits.nav.rolls', testId: 'benefits-tab-rolls' },
  {
    key: 'what-if',
    path: '/benefits/what-if',
    labelKey: 'benefits.nav.whatIf',
    testId: 'benefits-tab-what-if',
    permission: PERMISSIONS.benefitsManage,
  },
];

/** The tab whose page owns `pathname`: /benefits itself, or the longest path a sub-page starts with. */
export function activeBenefitsTab(pathname: string, tabs: readonly BenefitsTab[] = BENEFITS_TABS): BenefitsTab | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: BenefitsTab | undefined;
  for (const tab of tabs) {
    const matches = tab.path === '/benefits' ? path === tab.path : path === tab.path || path.startsWith(`${tab.path}/`);
    if (matches && (!best || tab.path.length > best.path.length)) best = tab;
  }
  return best;
}

/**
 * The section navigation shown at the top of every 扶助项目 page. The tab follows the URL, so a
 * detail page (an application, a roll) keeps its list's tab highlighted; clicking that tab goes back
 * to the list.
 */
export function BenefitsTabs() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = useMemo(() => BENEFITS_TABS.filter((tab) => !tab.permission || can(tab.permission)), [can]);
  const active = activeBenefitsTab(pathname, tabs);

  return (
    <Card size="small" className="xf-benefits-tabs" data-testid="benefits-tabs">
      <Tabs
        activeKey={active?.key ?? ''}
        items={tabs.map((tab) => ({
          key: tab.key,
          label: (
            <span data-testid={tab.testId} aria-current={tab.key === active?.key ? 'page' : undefined}>
              {t(tab.labelKey)}
            </span>
          ),
        }))}
        onTabClick={(key) => {
          const tab = tabs.find((candidate) => candidate.key === key);
          if (tab && tab.path !== pathname) void navigate(tab.path);
        }}
        aria-label={t('benefits.nav.label')}
      />
    </Card>
  );
}
