import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.ts';

interface PageMeta {
  /** The last breadcrumb for a page whose name comes from data (e.g. a township's name). */
  crumb: string | null;
  setCrumb: (crumb: string | null) => void;
}

const PageMetaContext = createContext<PageMeta | null>(null);

export function PageMetaProvider({ children }: { children: ReactNode }) {
  const [crumb, setCrumb] = useState<string | null>(null);
  const value = useMemo(() => ({ crumb, setCrumb }), [crumb]);
  return <PageMetaContext.Provider value={value}>{children}</PageMetaContext.Provider>;
}

export function usePageMeta(): PageMeta {
  const value = useContext(PageMetaContext);
  if (!value) throw new Error('usePageMeta outside PageMetaProvider');
  return value;
}

/** Adds `crumb` after the menu's breadcrumbs while the calling page is shown. */
export function usePageCrumb(crumb: string | null | undefined): void {
  const { setCrumb } = usePageMeta();
  useEffect(() => {
    setCrumb(crumb ?? null);
    return () => setCrumb(null);
  }, [crumb, setCrumb]);
}

/** A page below a menu entry without a menu entry of its own; `:param` matches one path segment. */
export interface SubPage {
  path: string;
  labelKey: MessageKey;
}

/**
 * The breadcrumbs of such pages, after the menu's: e.g. 扶助项目 / 资格确认 / (the application).
 * A page with `:param` is a detail page: the name its page sets with `usePageCrumb` replaces the label.
 */
export const SUB_PAGES: readonly SubPage[] = [
  { path: '/benefits/programmes', labelKey: 'benefits.nav.programmes' },
  { path: '/benefits/applications', labelKey: 'benefits.nav.applications' },
  { path: '/benefits/applications/:id', labelKey: 'benefits.nav.applicationDetail' },
  { path: '/benefits/enrolments', labelKey: 'benefits.nav.enrolments' },
  { path: '/benefits/rolls', labelKey: 'benefits.nav.rolls' },
  { path: '/benefits/rolls/:id', labelKey: 'benefits.nav.rollDetail' },
  { path: '/benefits/what-if', labelKey: 'benefits.nav.whatIf' },
  { path: '/coordination/reports', labelKey: 'coord.nav.reports' },
  { path: '/coordination/reports/:department/:period', labelKey: 'coord.nav.report' },
  { path: '/coordination/completeness', labelKey: 'coord.nav.completeness' },
  { path: '/coordination/bulletins', labelKey: 'coord.nav.bulletins' },
  { path: '/coordination/bulletins/:id', labelKey: 'coord.nav.bulletin' },
  { path: '/coordination/meetings', labelKey: 'coord.nav.meetings' },
  { path: '/coordination/meetings/:id', labelKey: 'coord.nav.meeting' },
  { path: '/coordination/action-items', labelKey: 'coord.nav.actionItems' },
  { path: '/coordination/notices', labelKey: 'coord.nav.notices' },
  { path: '/coordination/plan', labelKey: 'coord.nav.plan' },
  { path: '/coordination/indicators', labelKey: 'coord.nav.indicators' },
  { path: '/ecd/calendar', labelKey: 'ecdc.nav.calendar' },
  { path: '/ecd/classes', labelKey: 'ecdc.nav.classes' },
  { path: '/ecd/plans', labelKey: 'ecdc.nav.plans' },
  { path: '/ecd/centre', labelKey: 'ecdc.nav.centre' },
  { path: '/website/articles/:id', labelKey: 'portal.nav.article' },
  { path: '/website/domains', labelKey: 'portal.nav.domains' },
  { path: '/website/integrity', labelKey: 'portal.nav.integrity' },
];

export interface SubPageCrumb extends SubPage {
  /** The actual path (parameters filled in), for the link. */
  href: string;
  detail: boolean;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** The sub-pages `pathname` is at or below, outermost first. */
export function subPageTrail(pathname: string, pages: readonly SubPage[] = SUB_PAGES): SubPageCrumb[] {
  const actual = splitPath(pathname);
  const trail: SubPageCrumb[] = [];
  for (const page of pages) {
    const pattern = splitPath(page.path);
    if (pattern.length > actual.length) continue;
    const matches = pattern.every((segment, i) => segment.startsWith(':') || segment === actual[i]);
    if (!matches) continue;
    trail.push({
      ...page,
      href: `/${actual.slice(0, pattern.length).join('/')}`,
      detail: pattern.some((segment) => segment.startsWith(':')),
    });
  }
  return trail.sort((a, b) => splitPath(a.path).length - splitPath(b.path).length);
}
