import { SectionTabs, type SectionTab } from '../../components/SectionTabs.tsx';
import './portal.css';

/** The pages of 门户网站: the articles, the approved link domains, the integrity status. */
export const PORTAL_TABS: readonly SectionTab[] = [
  { key: 'articles', path: '/website', labelKey: 'portal.nav.articles', testId: 'portal-tab-articles' },
  { key: 'domains', path: '/website/domains', labelKey: 'portal.nav.domains', testId: 'portal-tab-domains' },
  { key: 'integrity', path: '/website/integrity', labelKey: 'portal.nav.integrity', testId: 'portal-tab-integrity' },
];

/** The section navigation at the top of every 门户网站 page. */
export function PortalTabs() {
  // No tab is matched exactly: the articles tab ("/website") owns the article pages under it by prefix.
  return <SectionTabs tabs={PORTAL_TABS} root="" labelKey="portal.nav.label" testId="portal-tabs" />;
}
