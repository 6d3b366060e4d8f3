import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag, Typography, type TableColumnsType } from 'antd';
import { usePortalIntegrity } from '../../api/portal.ts';
import type { Finding, PortalIntegrity } from '../../api/portalTypes.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { INTEGRITY_COLORS, integrityLevel } from './integrityStatus.ts';
import { PortalTabs } from './PortalTabs.tsx';
import { FINDING_KIND_TAGS, FINDING_SOURCE_TAGS } from './portalFormat.ts';

function findingColumns({ t }: I18n): TableColumnsType<Finding> {
  return [
    { key: 'kind', title: t('portal.integrity.kind'), width: 220, render: (_, f) => <EnumTag table={FINDING_KIND_TAGS} value={f.kind} /> },
    { key: 'foundAt', title: t('portal.integrity.foundAt'), width: 150, render: (_, f) => <span className="xf-num">{formatDateTime(f.foundAt)}</span> },
    { key: 'source', title: t('portal.integrity.source'), width: 110, render: (_, f) => <EnumTag table={FINDING_SOURCE_TAGS} value={f.source} /> },
    { key: 'url', title: t('portal.integrity.url'), render: (_, f) => <code className="xf-portal-break">{f.url}</code> },
    { key: 'detail', title: t('portal.integrity.detail'), render: (_, f) => <span className="xf-portal-break">{f.detail}</span> },
    {
      key: 'userAgent',
      title: t('portal.integrity.userAgent'),
      width: 160,
      render: (_, f) => (f.userAgent ? <span className="xf-portal-break xf-subline">{f.userAgent}</span> : <span className="xf-muted">—</span>),
    },
  ];
}

function LastCheck({ status }: { status: PortalIntegrity }) {
  const { t } = useI18n();
  const check = status.lastCheck;
  if (!check)
    return <Typography.Paragraph type="secondary">{t(status.scheduled ? 'portal.integrity.neverRun' : 'portal.integrity.notScheduled')}</Typography.Paragraph>;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="integrity-last-check">
      <Descriptions.Item label={t('portal.integrity.checkedAt')}>
        <span className="xf-num">{formatDateTime(check.finishedAt)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('portal.integrity.checkSource')}>{t(`portal.integrity.source.${check.source}`)}</Descriptions.Item>
      <Descriptions.Item label={t('portal.integrity.pages')}>
        <span className="xf-num">{check.checked}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('portal.integrity.findings')}>
        <span className="xf-num">{check.findings}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('portal.integrity.publicUrl')}>
        <code className="xf-portal-break">{check.publicUrl}</code>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 网站安全: the last check from outside, and what the checks and the read path found in the last seven days. */
export function IntegrityPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const integrity = usePortalIntegrity();
  const data = integrity.data;
  const level = data ? integrityLevel(data) : null;
  return (
    <div className="xf-stack" data-testid="portal-integrity-page">
      <PortalTabs />
      <Card
        title={t('portal.integrity.title')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void integrity.refetch()} aria-label={t('common.refresh')} />}
      >
        {integrity.isError && !data ? (
          <QueryError error={integrity.error} onRetry={() => void integrity.refetch()} />
        ) : (
          <div className="xf-stack">
            <Typography.Paragraph type="secondary">{t('portal.integrity.intro')}</Typography.Paragraph>
            {data && level ? (
              <>
                <div>
                  <Tag color={INTEGRITY_COLORS[level]} data-testid="integrity-level" data-level={level}>
                    {t(`portal.integrity.level.${level}`, { count: data.recent.length })}
                  </Tag>
                </div>
                <LastCheck status={data} />
              </>
            ) : null}
            <Typography.Title level={5}>{t('portal.integrity.recent')}</Typography.Title>
            <ResponsiveTable<Finding>
              rowKey="id"
              size="small"
              columns={findingColumns(i18n)}
              dataSource={data?.recent ?? []}
              loading={integrity.isFetching}
              locale={{ emptyText: integrity.isPending ? ' ' : t('portal.integrity.none') }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 1000 }}
              data-testid="integrity-findings"
            />
          </div>
        )}
      </Card>
    </div>
  );
}
