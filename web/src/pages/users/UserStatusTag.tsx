import { Tooltip } from 'antd';
import type { User } from '../../api/types.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';
import { formatDateTime, useI18n } from '../../i18n/index.ts';

const STATUS_TAGS = enumTable<User['status']>(
  'users.status',
  { active: 'success', disabled: 'default', locked: 'error' },
  { testId: (status) => `status-${status}` },
);

export function UserStatusTag({ user }: { user: Pick<User, 'status' | 'lockedUntil'> }) {
  const { t } = useI18n();
  const tag = <EnumTag table={STATUS_TAGS} value={user.status} />;
  if (user.status === 'locked' && user.lockedUntil) {
    return <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>{tag}</Tooltip>;
  }
  return tag;
}
