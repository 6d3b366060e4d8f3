import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { BrowserRouter } from 'react-router';
import { isApiError } from './api/client.ts';
import { SessionWatcher } from './auth/SessionWatcher.tsx';
import { SessionProvider } from './auth/session.tsx';
import { antdLocale } from './i18n/antdLocale.ts';
import { I18nProvider, useI18n } from './i18n/index.ts';
import { AppRoutes } from './routes.tsx';
import { theme } from './theme.ts';

/** Retry only what may succeed on a second try: network failures and server errors. */
function retry(failureCount: number, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const transient = error.status === 0 || error.status >= 500;
  return transient && failureCount < 2;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

function LocalisedApp() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={theme} componentSize="middle">
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <SessionWatcher />
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}
