import { PERMISSIONS } from '../../auth/permissions.ts';
import { SectionTabs, type SectionTab } from '../../components/SectionTabs.tsx';
import './benefits.css';

/** The pages of 扶助项目, in the order of the work: standards, confirmation, beneficiaries, payment. */
export const BENEFITS_TABS: readonly SectionTab[] = [
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

/** The section navigation at the top of every 扶助项目 page. */
export function BenefitsTabs() {
  return <SectionTabs tabs={BENEFITS_TABS} root="/benefits" labelKey="benefits.nav.label" testId="benefits-tabs" />;
}
