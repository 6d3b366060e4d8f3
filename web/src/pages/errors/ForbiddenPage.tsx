import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.ts';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('error.forbidden.title')}
      subTitle={t('error.forbidden.sub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="result-403"
    />
  );
}
