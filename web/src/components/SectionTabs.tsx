import { Card, Tabs } from 'antd';
import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Permission } from '../auth/permissions.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n, type MessageKey } from '../i18n/index.ts';

/** One page of a section (扶助项目, 部门协调…), shown as a tab at the top of each of its pages. */
export interface SectionTab {
  key: string;
  path: string;
  labelKey: MessageKey;
  testId: string;
  permission?: Permission;
}

/** The tab whose page owns `pathname`: the section's root itself, or the longest path a sub-page starts with. */
export function activeSectionTab(pathname: string, tabs: readonly SectionTab[], root: string): SectionTab | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: SectionTab | undefined;
  for (const tab of tabs) {
    const matches = tab.path === root ? path === tab.path : path === tab.path || path.startsWith(`${tab.path}/`);
    if (matches && (!best || tab.path.length > best.path.length)) best = tab;
  }
  return best;
}

/**
 * A section's navigation. The tab follows the URL, so a detail page keeps its list's tab
 * highlighted; clicking that tab goes back to the list. Tabs needing a permission the user lacks
 * are left out.
 */
export function SectionTabs(props: { tabs: readonly SectionTab[]; root: string; labelKey: MessageKey; testId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = useMemo(() => props.tabs.filter((tab) => !tab.permission || can(tab.permission)), [can, props.tabs]);
  const active = activeSectionTab(pathname, tabs, props.root);

  return (
    <Card size="small" className="xf-section-tabs" data-testid={props.testId}>
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
        aria-label={t(props.labelKey)}
      />
    </Card>
  );
}
