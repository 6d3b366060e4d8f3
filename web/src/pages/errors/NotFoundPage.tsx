import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFound.title')}
      subTitle={t('error.notFound.sub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="result-404"
    />
  );
}
