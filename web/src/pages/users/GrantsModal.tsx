import { Alert, Form, Modal, Typography } from 'antd';
import { useRoles } from '../../api/hooks.ts';
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';
import { allowedRoles, formToGrant, grantToForm, type GrantFormValue } from './grants.ts';
import { GrantsField } from './GrantsField.tsx';
import type { UserMutations } from './userMutations.ts';

interface GrantsModalProps {
  user: User;
  mutations: UserMutations;
  onClose: () => void;
}

/**
 * The security administrator's grants editor (授权). Saving is also a confirmation, except while
 * the account still has its temporary password: then the roles wait for the holder to change it.
 * Mounted only while open.
 */
export function GrantsModal({ user, mutations, onClose }: GrantsModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ grants?: GrantFormValue[] }>();
  const roles = useRoles();
  const initial = user.grants.length > 0 ? user.grants.map(grantToForm) : [{}];

  const submit = (values: { grants?: GrantFormValue[] }) => {
    const grants = (values.grants ?? []).map((grant) => formToGrant(grant, roles.data?.items));
    mutations.setGrants.mutate({ id: user.id, grants }, { onSuccess: onClose });
  };

  return (
    <Modal
      open
      title={t('users.grantsTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutations.setGrants.isPending}
      width={780}
      data-testid="grants-modal"
    >
      <Typography.Paragraph>
        <Typography.Text strong>{user.displayName}</Typography.Text>{' '}
        <Typography.Text type="secondary" className="xf-code">
          {user.username}
        </Typography.Text>
      </Typography.Paragraph>
      {user.temporaryPassword ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('users.grantsAwaitPassword')} data-testid="grants-await-password" />
      ) : null}
      <Form form={form} name="grants" layout="vertical" initialValues={{ grants: initial }} onFinish={submit}>
        <Form.Item label={t('users.grants')} required>
          <GrantsField allowed={allowedRoles(user.grants)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
