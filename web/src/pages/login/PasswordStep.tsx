import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input, type FormInstance } from 'antd';
import { useI18n } from '../../i18n/index.ts';

export interface Credentials {
  username: string;
  password: string;
}

interface PasswordStepProps {
  form: FormInstance<Credentials>;
  pending: boolean;
  onSubmit: (values: Credentials) => void;
}

export function PasswordStep({ form, pending, onSubmit }: PasswordStepProps) {
  const { t } = useI18n();
  return (
    <Form<Credentials> form={form} layout="vertical" requiredMark={false} onFinish={onSubmit} size="large" data-testid="login-form">
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
