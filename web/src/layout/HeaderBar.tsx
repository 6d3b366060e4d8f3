import { Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { useHealth } from '../api/hooks.ts';
import { isDateFixed, today } from '../clock.ts';
import { Emblem } from '../components/Emblem.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/index.ts';
import { UserMenu } from './UserMenu.tsx';

export function HeaderBar() {
  const { t } = useI18n();
  const health = useHealth();
  return (
    <header className="xf-header" data-testid="app-header">
      <Link to="/" className="xf-brand">
        <Emblem size={38} />
        <span className="xf-brand-name" data-testid="product-name">{t('app.name')}</span>
      </Link>
      {health.data?.demo || isDateFixed() ? (
        <Tooltip title={isDateFixed() ? t('app.businessDateHint', { date: today() }) : undefined}>
          <Tag className="xf-demo-tag" data-testid="business-date">
            {[health.data?.demo ? t('app.demo') : null, isDateFixed() ? t('app.businessDate', { date: today() }) : null].filter(Boolean).join(' · ')}
          </Tag>
        </Tooltip>
      ) : null}
      <div className="xf-header-spacer" />
      <LanguageSwitch tone="light" />
      <UserMenu />
    </header>
  );
}
