import { MenuOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { useHealth } from '../api/hooks.ts';
import { isDateFixed, today } from '../clock.ts';
import { Emblem } from '../components/Emblem.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useIsPhone } from '../components/useIsPhone.ts';
import { useI18n } from '../i18n/index.ts';
import { UserMenu } from './UserMenu.tsx';

/**
 * The red band: emblem and product name, the demo's business date, language and user menu. On a
 * phone (`onMenu` given) a menu button opens the side menu, the name is the short one and the
 * business date moves to a strip under the band, so nothing overlaps in 390 px.
 */
export function HeaderBar({ onMenu }: { onMenu?: () => void }) {
  const { t } = useI18n();
  const health = useHealth();
  const phone = useIsPhone();
  const dated = health.data?.demo || isDateFixed();
  const dateTag = dated ? (
    <Tooltip title={isDateFixed() ? t('app.businessDateHint', { date: today() }) : undefined}>
      <Tag className="xf-demo-tag" data-testid="business-date">
        {[health.data?.demo ? t('app.demo') : null, isDateFixed() ? t('app.businessDate', { date: today() }) : null].filter(Boolean).join(' · ')}
      </Tag>
    </Tooltip>
  ) : null;
  return (
    <>
      <header className="xf-header" data-testid="app-header">
        {onMenu ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={onMenu}
            className="xf-header-button xf-menu-button"
            aria-label={t('header.expand')}
            data-testid="menu-button"
          />
        ) : null}
        <Link to="/" className="xf-brand">
          <Emblem size={phone ? 30 : 38} />
          <span className="xf-brand-name" data-testid="product-name">
            {t(phone ? 'app.shortName' : 'app.name')}
          </span>
        </Link>
        {phone ? null : dateTag}
        <div className="xf-header-spacer" />
        <LanguageSwitch tone="light" compact={phone} />
        <UserMenu compact={phone} />
      </header>
      {phone && dateTag ? <div className="xf-demo-strip">{dateTag}</div> : null}
    </>
  );
}
