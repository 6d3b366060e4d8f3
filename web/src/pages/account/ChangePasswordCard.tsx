import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { authApi } from '../../api/auth.ts';
import { useShowError } from '../../api/errors.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { refresh } = useSession();
  const [form] = Form.useForm<PasswordValues>();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordValues) => authApi.changePassword(currentPassword, newPassword),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('account.passwordChanged'));
      void refresh(); // clears mustChangePassword
    },
    onError: showError,
  });

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Card title={t('account.changePassword')} data-testid="change-password">
      <Form<PasswordValues> form={form} layout="vertical" onFinish={(values) => change.mutate(values)} style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[required(t('account.currentPassword'))]}>
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={[required(t('account.newPassword'))]}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            required(t('account.confirmPassword')),
            ({ getFieldValue }) => ({
              validator: async (_, value: unknown) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('users.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
