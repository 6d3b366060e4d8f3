import { TranslationOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { isLang, LANGS, useI18n } from '../i18n/index.ts';

interface LanguageSwitchProps {
  /** 'light' on the red header, 'default' on a white page. */
  tone?: 'light' | 'default';
  /** The icon alone (a phone's header). */
  compact?: boolean;
}

export function LanguageSwitch({ tone = 'default', compact = false }: LanguageSwitchProps) {
  const { lang, setLang, t } = useI18n();
  const items = LANGS.map((code) => ({
    key: code,
    label: <span data-testid={`lang-${code}`}>{t(`lang.${code}`)}</span>,
  }));
  return (
    <Dropdown
      menu={{ items, selectable: true, selectedKeys: [lang], onClick: ({ key }) => isLang(key) && setLang(key) }}
      trigger={['click']}
      placement="bottomRight"
    >
      <Button
        type="text"
        icon={<TranslationOutlined />}
        className={tone === 'light' ? 'xf-header-button' : undefined}
        aria-label={t('lang.switch')}
        data-testid="lang-switch"
      >
        {compact ? null : lang === 'zh-CN' ? '中文' : 'EN'}
      </Button>
    </Dropdown>
  );
}
