import { Tag, Tooltip } from 'antd';
import type { User } from '../../api/types.ts';
import { formatDateTime, useI18n } from '../../i18n/index.ts';

const COLOURS = { active: 'success', disabled: 'default', locked: 'error' } as const;

export function UserStatusTag({ user }: { user: Pick<User, 'status' | 'lockedUntil'> }) {
  const { t } = useI18n();
  const tag = (
    <Tag color={COLOURS[user.status]} data-testid={`status-${user.status}`}>
      {t(`users.status.${user.status}`)}
    </Tag>
  );
  if (user.status === 'locked' && user.lockedUntil) {
    return <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>{tag}</Tooltip>;
  }
  return tag;
}
