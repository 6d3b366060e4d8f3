import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ecdApi, type Child } from '../../api/ecd.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime, useI18n } from '../../i18n/index.ts';
import { ageDays, formatMonths } from './ecdFormat.ts';
import { EcdTabs } from './EcdTabs.tsx';
import { GrowthChart } from './GrowthChart.tsx';
import { MeasurementForm } from './MeasurementForm.tsx';
import { MeasurementsTable } from './MeasurementsTable.tsx';
import { MilestonesPanel } from './MilestonesPanel.tsx';

/** The child and the guardian's consent. */
function ChildHeader({ child }: { child: Child }) {
  const { t } = useI18n();
  const withdrawn = child.consent.withdrawnAt !== null;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} data-testid="child-header">
      <Descriptions.Item label={t('ecd.col.name')}>
        <strong data-testid="child-name">{child.name}</strong>
      </Descriptions.Item>
      <Descriptions.Item label={t('ecd.col.sex')}>{t(child.sex === 'M' ? 'ecd.sex.M' : 'ecd.sex.F')}</Descriptions.Item>
      <Descriptions.Item label={t('ecd.col.birthDate')}>{child.birthDate}</Descriptions.Item>
      <Descriptions.Item label={t('ecd.age')}>{t('ecd.ageMonths', { months: formatMonths(ageDays(child.birthDate)) })}</Descriptions.Item>
      <Descriptions.Item label={t('ecd.col.enrolledOn')}>{child.enrolledOn}</Descriptions.Item>
      <Descriptions.Item label={t('ecd.col.consent')}>
        <Tag color={withdrawn ? 'default' : 'green'} data-testid="child-consent">
          {t(withdrawn ? 'ecd.consent.withdrawn' : 'ecd.consent.signed')}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('ecd.consentBy')}>
        {child.consent.by}
        {t('common.inParens', { text: child.consent.relation })}
      </Descriptions.Item>
      <Descriptions.Item label={t('ecd.consentAt')}>{formatDateTime(child.consent.at)}</Descriptions.Item>
      <Descriptions.Item label={t('ecd.consentPurpose')}>{child.consent.purpose}</Descriptions.Item>
    </Descriptions>
  );
}

/** 宝宝成长档案: the child, a teacher's measurement form, the measurements, the WHO growth chart and milestones. */
export function ChildArchivePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const archive = useQuery({ queryKey: queryKeys.ecd.child(id), queryFn: ({ signal }) => ecdApi.child(id, signal) });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/ecd')} data-testid="ecd-back">
      {t('ecd.back')}
    </Button>
  );

  if (archive.isError) {
    return (
      <div className="xf-stack">
        <EcdTabs />
        <QueryError
          error={archive.error}
          onRetry={() => void archive.refetch()}
          notFoundTitle={t('ecd.notFound')}
          hideForbidden
          backTo={{ path: '/ecd', label: t('ecd.back') }}
        />
      </div>
    );
  }
  const data = archive.data;
  if (!data) return <Spin size="large" description={t('app.loading')} data-testid="archive-loading" />;
  const writable = can(PERMISSIONS.ecdWrite) && data.child.consent.withdrawnAt === null;
  const print = (
    <Button icon={<PrinterOutlined />} onClick={() => void navigate(`/ecd/children/${data.child.id}/print`)} data-testid="archive-print">
      {t('ecdc.print.open')}
    </Button>
  );

  return (
    <div className="xf-stack" data-testid="archive-page">
      <EcdTabs />
      <Card
        title={t('ecd.archive')}
        extra={
          <Space size={8}>
            {writable ? null : <Tag>{t('ecd.readOnly')}</Tag>}
            {print}
            {back}
          </Space>
        }
      >
        <ChildHeader child={data.child} />
      </Card>
      {writable ? <MeasurementForm child={data.child} /> : null}
      <Card title={t('ecd.measurements')}>
        <MeasurementsTable measurements={data.measurements} />
      </Card>
      <GrowthChart child={data.child} measurements={data.measurements} />
      <MilestonesPanel child={data.child} writable={writable} />
    </div>
  );
}
