import { Alert, Card, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useCurrentSession } from '../../auth/session.tsx';
import { Emblem } from '../../components/Emblem.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useI18n } from '../../i18n/index.ts';

export function WelcomeCard({ districtName }: { districtName: string }) {
  const session = useCurrentSession();
  const { t } = useI18n();
  const { user } = session;
  return (
    <Card className="xf-welcome" data-testid="welcome-card">
      <Space size={20} align="start">
        <Emblem size={56} />
        <div>
          <h2 className="xf-welcome-title" data-testid="welcome-name">
            {t('home.welcome', { name: user.displayName })}
          </h2>
          <Typography.Text type="secondary">{t('home.district', { district: districtName })}</Typography.Text>
          <div style={{ marginTop: 10 }}>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {t('home.rolesLabel')}
            </Typography.Text>
            <RoleTags grants={session.grants} emptyText={t('home.noRoles')} />
          </div>
        </div>
      </Space>
      {user.grantsPending ? <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('home.grantsPending')} data-testid="grants-pending" /> : null}
      {user.mustChangePassword || user.mustEnrolTotp ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={
            <>
              {user.mustChangePassword ? t('home.mustChangePassword') : null}
              {user.mustEnrolTotp ? t('home.mustEnrolTotp') : null} <Link to="/account">{t('menu.account')}</Link>
            </>
          }
        />
      ) : null}
    </Card>
  );
}
