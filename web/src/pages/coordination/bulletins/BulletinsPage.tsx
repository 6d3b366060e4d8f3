import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useBulletins } from '../../../api/coordination.ts';
import type { BulletinSummary } from '../../../api/coordinationTypes.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { formatDateTime, useI18n, type I18n } from '../../../i18n/index.ts';
import { CoordinationTabs } from '../CoordinationTabs.tsx';
import { GenerateBulletinModal } from './GenerateBulletinModal.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';
import { enumTable } from '../../../components/enumTable.ts';

const muted = <span className="xf-muted">—</span>;

/** 草稿 / 已发布 */
export const BULLETIN_STATUS_TAGS = enumTable<BulletinSummary['status']>(
  'coord.bulletinStatus',
  { draft: 'default', published: 'green' },
  { testId: 'bulletin-status', dataAttr: 'status' },
);

function columns(i18n: I18n): TableColumnsType<BulletinSummary> {
  const { t } = i18n;
  return [
    {
      key: 'number',
      title: t('coord.bulletins.number'),
      width: 220,
      render: (_, row) => (row.number ? <span className="xf-nowrap">{row.number}</span> : <span className="xf-muted">{t('coord.bulletins.unnumbered')}</span>),
    },
    {
      key: 'title',
      title: t('coord.bulletins.titleCol'),
      ellipsis: true,
      render: (_, row) => <span data-testid={`bulletin-row-${row.id}`}>{row.title}</span>,
    },
    {
      key: 'period',
      title: t('coord.bulletins.period'),
      width: 150,
      render: (_, row) => (
        <div>
          {row.periodLabel}
          <div className="xf-subline">{t(`coord.bulletinKind.${row.kind}`)}</div>
        </div>
      ),
    },
    { key: 'status', title: t('coord.col.status'), width: 90, render: (_, row) => <EnumTag table={BULLETIN_STATUS_TAGS} value={row.status} /> },
    { key: 'created', title: t('coord.bulletins.createdAt'), width: 150, render: (_, row) => <span className="xf-num">{formatDateTime(row.createdAt)}</span> },
    {
      key: 'published',
      title: t('coord.bulletins.publishedAt'),
      width: 150,
      render: (_, row) => (row.publishedAt ? <span className="xf-num">{formatDateTime(row.publishedAt)}</span> : muted),
    },
  ];
}

/** 通报: the office's circulars on the reports, newest first; the office generates a draft from a period. */
export function BulletinsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const navigate = useNavigate();
  const [generating, setGenerating] = useState(false);
  const list = useBulletins();
  const cols = useMemo(() => columns(i18n), [i18n]);
  const manage = can(PERMISSIONS.coordManage);

  return (
    <div className="xf-stack" data-testid="bulletins-page">
      <CoordinationTabs />
      <Card
        title={t('coord.bulletins.title')}
        extra={
          <div className="xf-toolbar xf-coord-card-toolbar">
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="bulletin-generate">
                {t('coord.bulletins.generate')}
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
          </div>
        }
      >
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<BulletinSummary>
            rowKey="id"
            size="middle"
            columns={cols}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onRow={(row) => ({ onClick: () => void navigate(`/coordination/bulletins/${row.id}`), className: 'xf-clickable-row' })}
            locale={{ emptyText: list.isPending ? ' ' : manage ? t('coord.bulletins.emptyOffice') : t('coord.bulletins.empty') }}
            scroll={{ x: 900 }}
            pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            data-testid="bulletins-table"
          />
        )}
      </Card>
      {generating ? <GenerateBulletinModal onClose={() => setGenerating(false)} /> : null}
    </div>
  );
}
