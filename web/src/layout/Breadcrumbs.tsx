import { Breadcrumb, type BreadcrumbProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/index.ts';
import { menuTrail } from './menuConfig.tsx';
import { subPageTrail, usePageMeta } from './pageMeta.tsx';

type Crumb = NonNullable<BreadcrumbProps['items']>[number];

export function Breadcrumbs() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { crumb: pageCrumb } = usePageMeta();
  const trail = menuTrail(pathname);
  const subPages = trail.length > 0 ? subPageTrail(pathname) : [];
  const labels = subPages.map((page, index) =>
    // A detail page's own name (set by the page) stands in for its generic label.
    index === subPages.length - 1 && page.detail && pageCrumb ? pageCrumb : t(page.labelKey),
  );
  // A page that names itself like its sub-page entry needs no second crumb.
  const lastSub = subPages.at(-1);
  const crumb = pageCrumb && !(lastSub?.detail || labels.at(-1) === pageCrumb) ? pageCrumb : null;
  const crumbs: Crumb[] = [];

  const home = trail.length === 1 && trail[0]?.path === '/';
  crumbs.push({ key: 'home', title: home && !crumb ? t('menu.home') : <Link to="/">{t('menu.home')}</Link> });
  if (!home) {
    trail.forEach((entry, index) => {
      const last = index === trail.length - 1 && !crumb && subPages.length === 0;
      const text = t(entry.labelKey);
      crumbs.push({ key: entry.key, title: entry.path && !last ? <Link to={entry.path}>{text}</Link> : text });
    });
    subPages.forEach((page, index) => {
      const last = index === subPages.length - 1 && !crumb;
      const text = labels[index] ?? t(page.labelKey);
      crumbs.push({ key: page.path, title: last ? text : <Link to={page.href}>{text}</Link> });
    });
  }
  if (crumb) crumbs.push({ key: 'page', title: crumb });

  return <Breadcrumb items={crumbs} className="xf-breadcrumbs" data-testid="breadcrumbs" />;
}
