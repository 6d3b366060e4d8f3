import { Tag } from 'antd';
import { Link } from 'react-router';
import { useHealth } from '../api/hooks.ts';
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
      {health.data?.demo ? <Tag className="xf-demo-tag">{t('app.demo')}</Tag> : null}
      <div className="xf-header-spacer" />
      <LanguageSwitch tone="light" />
      <UserMenu />
    </header>
  );
}
