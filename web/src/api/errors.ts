import { App } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../i18n/index.ts';
import { isApiError } from './client.ts';

/** The text to show for an error, in the chosen language. */
export function useErrorText(): (error: unknown) => string {
  const { lang, t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error)) {
        if (error.status === 0) return t('error.network');
        return error.messages[lang] ?? (error.message || t('error.generic', { code: error.code }));
      }
      return error instanceof Error ? error.message : String(error);
    },
    [lang, t],
  );
}

/** Shows an error as an antd message; use as a mutation's onError. */
export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  const text = useErrorText();
  return useCallback(
    (error: unknown) => {
      // A lost session is handled by the redirect to /login, not by a toast.
      if (isApiError(error) && error.status === 401 && error.code === 'session_expired') return;
      void message.error(text(error));
    },
    [message, text],
  );
}
