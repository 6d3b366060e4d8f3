import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Table, type TableColumnsType, type TableProps } from 'antd';
import { useState } from 'react';
import { benefitsWorkflowApi, type LineKind, type RollDetail, type RollLine, type RollLineQuery } from '../../../api/benefitsWorkflow.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { PAGE_SIZES, serverPagination } from '../../../components/useUrlQuery.ts';
import { useI18n, type I18n } from '../../../i18n/index.ts';
import { categoryLabel, fundingName, LINE_KIND_TAGS, LINE_KINDS } from '../applications/workflowFormat.ts';
import { Money } from '../applications/WorkflowTags.tsx';
import { queryKeys } from '../../../api/queryKeys.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

const muted = <span className="xf-muted">—</span>;

function lineColumns(i18n: I18n): TableColumnsType<RollLine> {
  const { t } = i18n;
  return [
    { key: 'name', title: t('wf.col.name'), width: 96, fixed: 'left', dataIndex: 'personName' },
    { key: 'id', title: t('wf.col.idNumber'), width: 176, render: (_, l) => <span className="xf-code">{l.idNumberMasked}</span> },
    {
      key: 'area',
      title: t('wf.col.village'),
      width: 150,
      render: (_, l) => (
        <div>
          {l.villageName}
          <div className="xf-subline">{l.townshipName}</div>
        </div>
      ),
    },
    { key: 'month', title: t('wf.roll.paidMonth'), width: 96, render: (_, l) => <span className="xf-num">{l.paidMonth}</span> },
    { key: 'kind', title: t('wf.roll.kind'), width: 80, render: (_, l) => <EnumTag table={LINE_KIND_TAGS} value={l.kind} /> },
    { key: 'category', title: t('wf.col.category'), width: 124, render: (_, l) => (l.category ? categoryLabel(i18n, l.category) : muted) },
    { key: 'fundedBy', title: t('wf.roll.fundedByCol'), width: 96, render: (_, l) => fundingName(i18n, l.fundedBy) },
    { key: 'amount', title: t('wf.roll.amountYuan'), width: 120, align: 'right', render: (_, l) => <Money amount={l.amount} /> },
    { key: 'note', title: t('wf.roll.note'), ellipsis: true, render: (_, l) => l.note ?? muted },
  ];
}

/** The roll's lines, paged by the server, filtered by township and kind. */
export function RollLinesTable({ roll }: { roll: RollDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [query, setQuery] = useState<RollLineQuery>({ page: 1, pageSize: 20 });
  const lines = useQuery({
    queryKey: queryKeys.benefits.workflow.rollLines(roll.id, query),
    queryFn: ({ signal }) => benefitsWorkflowApi.rollLines(roll.id, query, signal),
    placeholderData: keepPreviousData,
  });

  const onChange: TableProps<RollLine>['onChange'] = (pagination, _filters, _sorter, extra) => {
    if (extra.action === 'paginate') {
      setQuery((q) => ({ ...q, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? q.pageSize }));
    }
  };

  return (
    <>
      <div className="xf-toolbar">
        <Select<string>
          allowClear
          placeholder={t('wf.roll.township')}
          value={query.township}
          onChange={(township) => setQuery((q) => ({ ...q, township, page: 1 }))}
          options={roll.byTownship.map((r) => ({ value: r.township, label: r.townshipName }))}
          style={{ width: 170 }}
          data-testid="roll-lines-township"
        />
        <Select<LineKind>
          allowClear
          placeholder={t('wf.roll.kind')}
          value={query.kind}
          onChange={(kind) => setQuery((q) => ({ ...q, kind, page: 1 }))}
          options={LINE_KINDS.map((kind) => ({ value: kind, label: t(`wf.kind.${kind}`) }))}
          style={{ width: 120 }}
          data-testid="roll-lines-kind"
        />
      </div>
      {lines.isError && !lines.data ? (
        <QueryError error={lines.error} onRetry={() => void lines.refetch()} />
      ) : (
        <Table<RollLine>
          rowKey="id"
          size="small"
          columns={lineColumns(i18n)}
          dataSource={lines.data?.items ?? []}
          loading={lines.isFetching}
          onChange={onChange}
          locale={{ emptyText: lines.isPending ? ' ' : t('wf.roll.noLines') }}
          scroll={{ x: 1100 }}
          pagination={serverPagination(t, query, lines.data?.total, PAGE_SIZES)}
          data-testid="roll-lines-table"
        />
      )}
    </>
  );
}
