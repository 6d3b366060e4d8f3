import { PERMISSIONS } from '../../auth/permissions.ts';
import { SectionTabs, type SectionTab } from '../../components/SectionTabs.tsx';
import './coordination.css';

/** The pages of 部门协调: what to do now, the reports and what comes of them, then meetings and the plan. */
export const COORDINATION_TABS: readonly SectionTab[] = [
  { key: 'desk', path: '/coordination', labelKey: 'coord.nav.desk', testId: 'coord-tab-desk' },
  { key: 'reports', path: '/coordination/reports', labelKey: 'coord.nav.reports', testId: 'coord-tab-reports' },
  {
    key: 'completeness',
    path: '/coordination/completeness',
    labelKey: 'coord.nav.completeness',
    testId: 'coord-tab-completeness',
    permission: PERMISSIONS.coordRead,
  },
  { key: 'bulletins', path: '/coordination/bulletins', labelKey: 'coord.nav.bulletins', testId: 'coord-tab-bulletins' },
  { key: 'meetings', path: '/coordination/meetings', labelKey: 'coord.nav.meetings', testId: 'coord-tab-meetings' },
  { key: 'action-items', path: '/coordination/action-items', labelKey: 'coord.nav.actionItems', testId: 'coord-tab-action-items' },
  { key: 'notices', path: '/coordination/notices', labelKey: 'coord.nav.notices', testId: 'coord-tab-notices' },
  { key: 'plan', path: '/coordination/plan', labelKey: 'coord.nav.plan', testId: 'coord-tab-plan' },
  {
    key: 'indicators',
    path: '/coordination/indicators',
    labelKey: 'coord.nav.indicators',
    testId: 'coord-tab-indicators',
    permission: PERMISSIONS.coordManage,
  },
];

/** The section navigation at the top of every 部门协调 page. */
export function CoordinationTabs() {
  return <SectionTabs tabs={COORDINATION_TABS} root="/coordination" labelKey="coord.nav.label" testId="coord-tabs" />;
}
