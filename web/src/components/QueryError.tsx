import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import { useErrorText } from '../api/errors.ts';
import { useI18n } from '../i18n/index.ts';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage.tsx';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
  /** Title for a 404 (and a 403, when not-found and no-access must look the same). */
  notFoundTitle?: string;
  hideForbidden?: boolean;
  /** Where the 404's button leads (default: back in history). */
  backTo?: { path: string; label: string };
}

/** A failed page load: 403 → the 403 page, 404 → a 404 result, otherwise the error and a retry. */
export function QueryError({ error, onRetry, notFoundTitle, hideForbidden = false, backTo }: QueryErrorProps) {
  const { t } = useI18n();
  const text = useErrorText();
  const navigate = useNavigate();
  const status = isApiError(error) ? error.status : 0;

  if (status === 403 && !hideForbidden) return <ForbiddenPage />;
  if (status === 404 || (status === 403 && hideForbidden)) {
    return (
      <Result
        status="404"
        title={notFoundTitle ?? t('error.notFound.title')}
        subTitle={notFoundTitle ? undefined : t('error.notFound.sub')}
        extra={
          backTo ? (
            <Button type="primary" onClick={() => void navigate(backTo.path)}>
              {backTo.label}
            </Button>
          ) : (
            <Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>
          )
        }
        data-testid="result-404"
      />
    );
  }
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={text(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
