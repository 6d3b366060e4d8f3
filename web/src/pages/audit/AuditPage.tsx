import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, type TableColumnsType } from 'antd';
import { auditApi } from '../../api/audit.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import type { AuditEntry, AuditResult } from '../../api/types.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { PAGE_SIZES, pagingFields, serverPagination, urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { auditActionLabels, entityTypeLabels, formatDateTime, labelFor, useI18n } from '../../i18n/index.ts';
import { AuditDetail } from './AuditDetail.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { useVerifyChain, VerifyButton, VerifyResult } from './VerifyChain.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';

/** The audit log's filters and page, kept in the URL. */
const AUDIT_QUERY = {
  ...pagingFields(),
  from: urlField.text(),
  to: urlField.text(),
  actor: urlField.text(),
  action: urlField.text(),
  entityType: urlField.text(),
  result: urlField.oneOf<AuditResult>(['success', 'failure']),
};

/** 成功 / 失败 */
const RESULT_TAGS = enumTable<AuditResult>('audit.result', { success: 'success', failure: 'error' });

export function AuditPage() {
  const { t, lang } = useI18n();
  const [query, update] = useUrlQuery(AUDIT_QUERY);
  const verify = useVerifyChain();
  const audit = useQuery({
    queryKey: queryKeys.audit.list(query),
    queryFn: ({ signal }) => auditApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  if (audit.isError && !audit.data) return <QueryError error={audit.error} onRetry={() => void audit.refetch()} />;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (value: string) => formatDateTime(value, true) },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      width: 130,
      render: (value: string | null, entry) =>
        entry.actorName ? <span title={value ?? undefined}>{entry.actorName}</span> : <span className="xf-muted">{t('audit.system')}</span>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (value: string) => (
        <span title={value} data-action={value}>
          {labelFor(auditActionLabels, value, lang)}
        </span>
      ),
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 160,
      render: (value: string, entry) => <span title={entry.entityId ?? undefined}>{labelFor(entityTypeLabels, value, lang)}</span>,
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 80,
      render: (value: AuditEntry['result']) => <EnumTag table={RESULT_TAGS} value={value} />,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 140,
      render: (value: string | null) => (value ? <span className="xf-code">{value}</span> : '—'),
    },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()} aria-label={t('common.refresh')} />
          <VerifyButton pending={verify.isPending} onClick={() => verify.mutate()} />
        </Space>
      }
      data-testid="audit-page"
    >
      {verify.data ? <VerifyResult result={verify.data} onClose={() => verify.reset()} /> : null}
      <AuditFilters query={query} onChange={update} />
      <Table<AuditEntry>
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={audit.data?.items ?? []}
        loading={audit.isFetching}
        expandable={{ expandedRowRender: (entry) => <AuditDetail entry={entry} /> }}
        scroll={{ x: 960 }}
        pagination={serverPagination(t, query, audit.data?.total, PAGE_SIZES)}
        onChange={(pagination, _filters, _sorter, extra) => {
          if (extra.action === 'paginate') {
            update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
          }
        }}
        data-testid="audit-table"
      />
    </Card>
  );
}
