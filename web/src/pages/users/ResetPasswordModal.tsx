import { Form, Modal, Typography } from 'antd';
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';
import { PasswordFields } from './UserFormModal.tsx';
import type { UserMutations } from './userMutations.ts';

interface ResetPasswordModalProps {
  user: User;
  mutations: UserMutations;
  onClose: () => void;
}

/** Mounted only while open. */
export function ResetPasswordModal({ user, mutations, onClose }: ResetPasswordModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string; confirm: string }>();

  return (
    <Modal
      open
      title={t('users.resetPassword')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={mutations.resetPassword.isPending}
      data-testid="reset-password-modal"
    >
      <Typography.Paragraph>
        <Typography.Text strong>{user.displayName}</Typography.Text>{' '}
        <Typography.Text type="secondary" className="xf-code" data-verbatim>
          {user.username}
        </Typography.Text>
      </Typography.Paragraph>
      {user.grants.some((g) => g.confirmed) ? (
        <Typography.Paragraph type="warning" data-testid="reset-suspends-grants">
          {t('users.resetSuspendsGrants')}
        </Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        name="reset-password"
        layout="vertical"
        onFinish={({ password }) => mutations.resetPassword.mutate({ id: user.id, password }, { onSuccess: onClose })}
      >
        <PasswordFields label={t('users.newPassword')} />
      </Form>
    </Modal>
  );
}
