import { Alert, Form, Input, Modal } from 'antd';
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';
import type { UserMutations } from './userMutations.ts';

interface UserFormValues {
  username: string;
  displayName: string;
  password?: string;
  confirm?: string;
}

interface UserFormModalProps {
  /** The user to edit; null to create one. */
  user: User | null;
  mutations: UserMutations;
  onClose: () => void;
}

/**
 * The system administrator's account form: name and, for a new account, its temporary password.
 * Roles are not here: the security administrator grants them (三权分立).
 * Mounted only while open, so every opening starts from a fresh form.
 */
export function UserFormModal({ user, mutations, onClose }: UserFormModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<UserFormValues>();
  const creating = user === null;
  const pending = creating ? mutations.create.isPending : mutations.update.isPending;
  const initialValues: Partial<UserFormValues> = user ? { username: user.username, displayName: user.displayName } : {};

  const submit = (values: UserFormValues) => {
    const options = { onSuccess: onClose };
    if (user) {
      mutations.update.mutate({ id: user.id, body: { displayName: values.displayName.trim() } }, options);
    } else {
      mutations.create.mutate({ username: values.username.trim(), displayName: values.displayName.trim(), password: values.password ?? '' }, options);
    }
  };

  return (
    <Modal
      open
      title={creating ? t('users.create') : t('users.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      width={560}
      data-testid="user-form-modal"
    >
      <Form<UserFormValues>
        form={form}
        name="user-form"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        requiredMark="optional"
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={creating ? t('users.usernameRule') : undefined}
          rules={[
            { required: true, message: t('common.required', { field: t('users.username') }) },
            { pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={!creating} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}
        >
          <Input maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        {creating ? <PasswordFields label={t('users.initialPassword')} /> : null}
        {creating ? <Alert type="info" showIcon title={t('users.createNoRoles')} data-testid="user-create-no-roles" /> : null}
      </Form>
    </Modal>
  );
}

/** A new password typed twice; shared with the reset-password dialog. */
export function PasswordFields({ label }: { label: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="password" label={label} extra={t('users.passwordHint')} rules={[{ required: true, message: t('common.required', { field: label }) }]}>
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('users.confirmPassword')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('common.required', { field: t('users.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: async (_, value: unknown) => {
              if (value && value !== getFieldValue('password')) throw new Error(t('users.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password-confirm" />
      </Form.Item>
    </>
  );
}
