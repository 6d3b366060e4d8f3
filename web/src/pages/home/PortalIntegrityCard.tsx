import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { usePortalIntegrity } from '../../api/portal.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDateTime, useI18n } from '../../i18n/index.ts';
import { INTEGRITY_COLORS, integrityLevel } from '../portal/integrityStatus.ts';

/** 门户网站安全: the portal's integrity in one line, for those who write or approve its articles. */
export function PortalIntegrityCard() {
  const { t } = useI18n();
  const { can } = useSession();
  const allowed = can(PERMISSIONS.portalEdit) || can(PERMISSIONS.portalApprove);
  const integrity = usePortalIntegrity(allowed);
  if (!allowed) return null;
  const data = integrity.data;
  const level = data ? integrityLevel(data) : null;
  return (
    <Card
      size="small"
      title={
        <span>
          <SafetyCertificateOutlined /> {t('portal.home.title')}
        </span>
      }
      extra={<Link to="/website/integrity">{t('portal.home.open')}</Link>}
      loading={integrity.isPending && !integrity.isError}
      data-testid="portal-integrity-card"
    >
      {integrity.isError ? (
        <Typography.Text type="secondary">{t('common.loadFailed')}</Typography.Text>
      ) : data && level ? (
        <Link to="/website/integrity" className="xf-portal-home-status">
          <Tag color={INTEGRITY_COLORS[level]} data-testid="portal-integrity-level" data-level={level}>
            {t(`portal.integrity.level.${level}`, { count: data.recent.length })}
          </Tag>
          {data.lastCheck ? (
            <Typography.Text type="secondary">{t('portal.home.lastCheck', { at: formatDateTime(data.lastCheck.finishedAt) })}</Typography.Text>
          ) : null}
        </Link>
      ) : null}
    </Card>
  );
}
