import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { authApi } from '../../api/auth.ts';
import { useShowError } from '../../api/errors.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';

/** Second-factor enrolment: set-up shows the QR code and secret, then a code turns it on. */
export function TotpCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { user } = useCurrentSession();
  const { refresh } = useSession();

  const setup = useMutation({ mutationFn: authApi.setupTotp, onError: showError });
  const enable = useMutation({
    mutationFn: (code: string) => authApi.enableTotp(code),
    onSuccess: () => {
      void message.success(t('account.totpEnabled'));
      setup.reset();
      void refresh(); // totpEnabled, mustEnrolTotp
    },
    onError: showError,
  });

  const status = user.totpEnabled ? (
    <Tag color="success" data-testid="totp-status">
      {t('account.totpOn')}
    </Tag>
  ) : (
    <Tag data-testid="totp-status">{t('account.totpOff')}</Tag>
  );

  return (
    <Card title={t('account.totp')} extra={status} data-testid="totp-card">
      {user.totpEnabled ? (
        <Typography.Paragraph style={{ margin: 0 }}>
          <CheckCircleFilled style={{ color: '#52c41a', marginRight: 8 }} />
          {t('account.totpActive')}
        </Typography.Paragraph>
      ) : !setup.data ? (
        <Space orientation="vertical">
          <Typography.Paragraph style={{ margin: 0 }}>{t('account.totpIntro')}</Typography.Paragraph>
          <Button type="primary" loading={setup.isPending} onClick={() => setup.mutate()} data-testid="totp-setup">
            {t('account.totpStart')}
          </Button>
        </Space>
      ) : (
        <Row gutter={24}>
          <Col flex="none">
            <img src={setup.data.qrDataUrl} alt={t('account.totpQr')} className="xf-qr" data-testid="totp-qr" />
          </Col>
          <Col flex="1" style={{ minWidth: 260 }}>
            <Typography.Paragraph>{t('account.totpIntro')}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('account.totpSecret')}</Typography.Text>
            <Typography.Paragraph copyable={{ text: setup.data.secret }} className="xf-code" data-testid="totp-secret">
              {setup.data.secret}
            </Typography.Paragraph>
            <Form<{ code: string }> layout="inline" onFinish={({ code }) => enable.mutate(code)}>
              <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}>
                <Input
                  maxLength={6}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  placeholder="000000"
                  style={{ width: 140 }}
                  data-testid="totp-enable-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-enable">
                {t('account.totpEnable')}
              </Button>
            </Form>
          </Col>
        </Row>
      )}
    </Card>
  );
}
