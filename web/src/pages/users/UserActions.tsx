import { Button, Popconfirm, Space } from 'antd';
import type { User } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { UserMutations } from './userMutations.ts';

interface UserActionsProps {
  user: User;
  mutations: UserMutations;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

/** Row actions for callers holding `user.manage`. */
export function UserActions({ user, mutations, onEdit, onResetPassword }: UserActionsProps) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const self = session.user.id === user.id;
  const disabled = user.status === 'disabled';
  const id = user.username;

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onEdit(user)} data-testid={`user-edit-${id}`}>
        {t('common.edit')}
      </Button>
      {self ? null : (
        <Popconfirm
          title={t(disabled ? 'users.confirmEnable' : 'users.confirmDisable', { name: user.displayName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => mutations.update.mutateAsync({ id: user.id, body: { disabled: !disabled } }).catch(() => undefined)}
        >
          <Button type="link" size="small" danger={!disabled} data-testid={`user-toggle-${id}`}>
            {disabled ? t('users.enable') : t('users.disable')}
          </Button>
        </Popconfirm>
      )}
      <Button type="link" size="small" onClick={() => onResetPassword(user)} data-testid={`user-reset-${id}`}>
        {t('users.resetPassword')}
      </Button>
      {user.status === 'locked' ? (
        <Popconfirm
          title={t('users.confirmUnlock', { name: user.displayName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => mutations.unlock.mutateAsync(user.id).catch(() => undefined)}
        >
          <Button type="link" size="small" data-testid={`user-unlock-${id}`}>
            {t('users.unlock')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
