import { Button, Popconfirm, Space } from 'antd';
import type { User } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { UserMutations } from './userMutations.ts';

interface UserActionsProps {
  user: User;
  mutations: UserMutations;
  /** The system administrator's account actions (`user.manage`). */
  manage: boolean;
  /** The security administrator's grant actions (`user.grant`). */
  grant: boolean;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  onGrants: (user: User) => void;
}

/** Row actions: each administrator sees only their own (三权分立), and none on their own roles or password. */
export function UserActions({ user, mutations, manage, grant, onEdit, onResetPassword, onGrants }: UserActionsProps) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const self = session.user.id === user.id;
  const disabled = user.status === 'disabled';
  const id = user.username;
  const pending = user.grants.some((g) => !g.confirmed);

  return (
    <Space size={0} wrap>
      {manage ? (
        <Button type="link" size="small" onClick={() => onEdit(user)} data-testid={`user-edit-${id}`}>
          {t('common.edit')}
        </Button>
      ) : null}
      {manage && !self ? (
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
      ) : null}
      {manage && !self ? (
        <Button type="link" size="small" onClick={() => onResetPassword(user)} data-testid={`user-reset-${id}`}>
          {t('users.resetPassword')}
        </Button>
      ) : null}
      {manage && user.status === 'locked' ? (
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
      {grant && !self ? (
        <Button type="link" size="small" onClick={() => onGrants(user)} data-testid={`user-grants-${id}`}>
          {t('users.grantsEdit')}
        </Button>
      ) : null}
      {grant && !self && pending && !user.temporaryPassword ? (
        <Popconfirm
          title={t('users.confirmGrantsPrompt', { name: user.displayName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => mutations.confirmGrants.mutateAsync(user.id).catch(() => undefined)}
        >
          <Button type="link" size="small" data-testid={`user-confirm-grants-${id}`}>
            {t('users.confirmGrants')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
