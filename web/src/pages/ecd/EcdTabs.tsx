import { PERMISSIONS } from '../../auth/permissions.ts';
import { SectionTabs, type SectionTab } from '../../components/SectionTabs.tsx';
import './ecdCentre.css';

/** The pages of 早教中心. A parent sees the archives (their own child's) and their child's calendar only. */
export const ECD_TABS: readonly SectionTab[] = [
  { key: 'children', path: '/ecd', labelKey: 'ecdc.nav.children', testId: 'ecd-tab-children' },
  { key: 'calendar', path: '/ecd/calendar', labelKey: 'ecdc.nav.calendar', testId: 'ecd-tab-calendar' },
  { key: 'classes', path: '/ecd/classes', labelKey: 'ecdc.nav.classes', testId: 'ecd-tab-classes', permission: PERMISSIONS.ecdRead },
  { key: 'plans', path: '/ecd/plans', labelKey: 'ecdc.nav.plans', testId: 'ecd-tab-plans', permission: PERMISSIONS.ecdRead },
  { key: 'centre', path: '/ecd/centre', labelKey: 'ecdc.nav.centre', testId: 'ecd-tab-centre', permission: PERMISSIONS.ecdRead },
];

/** The section navigation at the top of every 早教中心 page (the archive's children/:id keeps 儿童档案 lit). */
export function EcdTabs() {
  return <SectionTabs tabs={ECD_TABS} root="/ecd" labelKey="ecdc.nav.label" testId="ecd-tabs" />;
}
