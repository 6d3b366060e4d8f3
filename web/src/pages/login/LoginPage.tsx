import { useMutation } from '@tanstack/react-query';
import { Alert, App, Card, Form } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { authApi, isSession } from '../../api/auth.ts';
import { setCsrfToken } from '../../api/client.ts';
import { useShowError } from '../../api/errors.ts';
import { useHealth } from '../../api/hooks.ts';
import type { Session } from '../../api/types.ts';
import { isLoginState, safeReturnPath } from '../../auth/navigation.ts';
import { useSession } from '../../auth/session.tsx';
import { Emblem } from '../../components/Emblem.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/index.ts';
import { DemoAccounts } from './DemoAccounts.tsx';
import { PasswordStep, type Credentials } from './PasswordStep.tsx';
import { TotpStep } from './TotpStep.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { session, signIn } = useSession();
  const showError = useShowError();
  const location = useLocation();
  const state = isLoginState(location.state) ? location.state : {};
  const returnTo = safeReturnPath(state.from);
  const health = useHealth();
  const [form] = Form.useForm<Credentials>();
  const [step, setStep] = useState<'password' | 'totp'>('password');

  // Say once, on arrival, why the user is here again (the alert in the card stays).
  const toldExpired = useRef(false);
  useEffect(() => {
    if (!state.expired || toldExpired.current) return;
    toldExpired.current = true;
    void message.warning({ content: t('error.sessionExpired'), key: 'session-expired' });
  }, [state.expired, message, t]);

  // Signing in re-renders this page with a session, and the <Navigate> below returns the user.
  const finish = (signedIn: Session) => signIn(signedIn);

  const login = useMutation({
    mutationFn: ({ username, password }: Credentials) => authApi.login(username.trim(), password),
    onSuccess: (result) => {
      if (isSession(result)) {
        finish(result);
        return;
      }
      // The pending session's token guards the code step (it is a state-changing POST too).
      if (result.csrfToken) setCsrfToken(result.csrfToken);
      setStep('totp');
    },
    onError: (error) => {
      showError(error);
      form.setFieldValue('password', '');
    },
  });

  // A wrong code clears the field (the step is re-mounted under a new key).
  const [totpAttempt, setTotpAttempt] = useState(0);
  const verify = useMutation({
    mutationFn: authApi.verifyTotp,
    onSuccess: finish,
    onError: (error) => {
      showError(error);
      setTotpAttempt((n) => n + 1);
    },
  });

  if (session) return <Navigate to={returnTo} replace />;

  return (
    <div className="xf-login" data-testid="login-page">
      <div className="xf-login-band" />
      <div className="xf-login-lang">
        <LanguageSwitch />
      </div>
      <main className="xf-login-main">
        <div className="xf-login-brand">
          <Emblem size={72} />
          <h1 className="xf-login-title" data-testid="product-name">
            {t('app.name')}
          </h1>
          <div className="xf-login-subtitle">{t('login.subtitle')}</div>
        </div>
        <Card className="xf-login-card" title={t('login.title')}>
          {state.expired ? (
            <Alert type="warning" showIcon title={t('error.sessionExpired')} style={{ marginBottom: 16 }} data-testid="session-expired" />
          ) : null}
          {step === 'password' ? (
            <PasswordStep form={form} pending={login.isPending} onSubmit={(values) => login.mutate(values)} />
          ) : (
            <TotpStep
              key={totpAttempt}
              pending={verify.isPending}
              onSubmit={(code) => verify.mutate(code)}
              onBack={() => {
                form.setFieldValue('password', '');
                setStep('password');
              }}
            />
          )}
          <div className="xf-login-notice">{t('login.notice')}</div>
          {health.data?.demo && health.data.demoAccounts?.length && step === 'password' ? (
            <div style={{ marginTop: 16 }}>
              <Alert type="info" showIcon title={t('login.demoNotice')} style={{ marginBottom: 8 }} />
              <DemoAccounts
                accounts={health.data.demoAccounts}
                onPick={(account) => {
                  form.setFieldsValue({ username: account.username, password: account.password });
                  void message.info({ content: t('login.filled', { username: account.username }), key: 'demo-fill' });
                }}
              />
            </div>
          ) : null}
        </Card>
      </main>
      <footer className="xf-login-footer">{t('app.office')}</footer>
    </div>
  );
}
