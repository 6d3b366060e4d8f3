import { SafetyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/index.ts';

interface TotpStepProps {
  pending: boolean;
  onSubmit: (code: string) => void;
  onBack: () => void;
}

export function TotpStep({ pending, onSubmit, onBack }: TotpStepProps) {
  const { t } = useI18n();
  return (
    <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={({ code }) => onSubmit(code)} size="large" data-testid="totp-form">
      <Space orientation="vertical" size={4} style={{ marginBottom: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          <SafetyOutlined /> {t('login.totpTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('login.totpHint')}</Typography.Text>
      </Space>
      <Form.Item name="code" label={t('login.totpCode')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}>
        <Input
          maxLength={6}
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          placeholder="000000"
          className="xf-totp-input"
          data-testid="totp-code"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending} data-testid="totp-submit">
        {t('login.verify')}
      </Button>
      <Button type="link" block onClick={onBack} style={{ marginTop: 8 }}>
        {t('login.backToPassword')}
      </Button>
    </Form>
  );
}
