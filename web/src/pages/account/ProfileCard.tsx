import { Card, Descriptions, Tag } from 'antd';
import { useCurrentSession } from '../../auth/session.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useI18n } from '../../i18n/index.ts';

export function ProfileCard() {
  const { user, grants } = useCurrentSession();
  const { t } = useI18n();
  return (
    <Card title={t('account.profile')}>
      <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t('users.username')}>
          <span className="xf-code" data-verbatim>
            {user.username}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('users.displayName')}>{user.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('account.district')}>{user.district.name}</Descriptions.Item>
        <Descriptions.Item label={t('users.roles')}>
          <RoleTags grants={grants} emptyText={t('home.noRoles')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('account.totpStatus')}>
          {user.totpEnabled ? <Tag color="success">{t('account.totpOn')}</Tag> : <Tag>{t('account.totpOff')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
