import { Alert, Col, Row } from 'antd';
import { useCurrentSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { TotpCard } from './TotpCard.tsx';

export function AccountPage() {
  const { user } = useCurrentSession();
  const { t } = useI18n();
  return (
    <div className="xf-stack" data-testid="account-page">
      {user.mustChangePassword ? <Alert type="warning" showIcon title={t('account.mustChangePassword')} data-testid="must-change-password" /> : null}
      {user.mustEnrolTotp ? <Alert type="warning" showIcon title={t('account.mustEnrolTotp')} data-testid="must-enrol-totp" /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ProfileCard />
        </Col>
        <Col xs={24} xl={14}>
          <div className="xf-stack">
            <ChangePasswordCard />
            <TotpCard />
          </div>
        </Col>
      </Row>
    </div>
  );
}
