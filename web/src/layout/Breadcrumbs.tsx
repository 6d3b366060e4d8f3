import { Breadcrumb, type BreadcrumbProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/index.ts';
import { menuTrail } from './menuConfig.tsx';
import { usePageMeta } from './pageMeta.tsx';

type Crumb = NonNullable<BreadcrumbProps['items']>[number];

export function Breadcrumbs() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { crumb } = usePageMeta();
  const trail = menuTrail(pathname);
  const crumbs: Crumb[] = [];

  const home = trail.length === 1 && trail[0]?.path === '/';
  crumbs.push({ key: 'home', title: home && !crumb ? t('menu.home') : <Link to="/">{t('menu.home')}</Link> });
  if (!home) {
    trail.forEach((entry, index) => {
      const last = index === trail.length - 1 && !crumb;
      const text = t(entry.labelKey);
      crumbs.push({ key: entry.key, title: entry.path && !last ? <Link to={entry.path}>{text}</Link> : text });
    });
  }
  if (crumb) crumbs.push({ key: 'page', title: crumb });

  return <Breadcrumb items={crumbs} className="xf-breadcrumbs" data-testid="breadcrumbs" />;
}
