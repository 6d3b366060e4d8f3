import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, type TableColumnsType, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ProgrammeId } from '../../../api/benefits.ts';
import { benefitsWorkflowApi, type Roll } from '../../../api/benefitsWorkflow.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { PAGE_SIZES, pagingFields, serverPagination, urlField, useUrlQuery } from '../../../components/useUrlQuery.ts';
import { formatDateTime, useI18n, type I18n } from '../../../i18n/index.ts';
import { BenefitsTabs } from '../BenefitsTabs.tsx';
import { useProgrammeOptions } from '../applications/useWorkflowData.ts';
import { formatCount, programmeName, ROLL_STATE_TAGS } from '../applications/workflowFormat.ts';
import { Money } from '../applications/WorkflowTags.tsx';
import '../applications/workflow.css';
import { GenerateRollModal } from './GenerateRollModal.tsx';
import { queryKeys } from '../../../api/queryKeys.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

const muted = <span className="xf-muted">—</span>;

/** The programme shown and the page, kept in the URL. */
const ROLL_QUERY = { programme: urlField.text<ProgrammeId>(), ...pagingFields() };

/** The rolls' columns; a township or village worker's figures are the own place's, and the titles say whose. */
function rollColumns(i18n: I18n, scopeName: string | null): TableColumnsType<Roll> {
  const { t, lang } = i18n;
  return [
    {
      key: 'programme',
      title: t('wf.col.programme'),
      ellipsis: true,
      render: (_, roll) => <span data-testid={`roll-${roll.id}`}>{programmeName(i18n, roll.programme, roll.programmeName)}</span>,
    },
    { key: 'period', title: t('wf.roll.period'), width: 100, render: (_, roll) => <span className="xf-num">{roll.period}</span> },
    { key: 'state', title: t('wf.col.state'), width: 96, render: (_, roll) => <EnumTag table={ROLL_STATE_TAGS} value={roll.state} /> },
    {
      key: 'lines',
      title: scopeName ? t('wf.roll.linesOf', { place: scopeName }) : t('wf.roll.lines'),
      width: 96,
      align: 'right',
      render: (_, roll) => <span className="xf-num">{formatCount(roll.lineCount, lang)}</span>,
    },
    {
      key: 'total',
      title: scopeName ? t('wf.roll.totalOf', { place: scopeName }) : t('wf.roll.totalYuan'),
      width: 140,
      align: 'right',
      render: (_, roll) => <Money amount={roll.totalAmount} />,
    },
    {
      key: 'generated',
      title: t('wf.roll.generatedBy'),
      width: 190,
      render: (_, roll) => (
        <div>
          {roll.generatedByName ?? roll.generatedBy}
          <div className="xf-subline">{formatDateTime(roll.generatedAt)}</div>
        </div>
      ),
    },
    {
      key: 'approved',
      title: t('wf.roll.approvedBy'),
      width: 190,
      render: (_, roll) =>
        roll.approvedBy ? (
          <div>
            {roll.approvedByName ?? roll.approvedBy}
            <div className="xf-subline">{formatDateTime(roll.approvedAt)}</div>
          </div>
        ) : (
          muted
        ),
    },
  ];
}

/** 发放花名册: each programme's monthly rolls, draft to paid; a row opens the roll. */
export function RollsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const navigate = useNavigate();
  const [generating, setGenerating] = useState(false);
  const programmes = useProgrammeOptions();
  const manage = can(PERMISSIONS.benefitsManage);

  const [query, update] = useUrlQuery(ROLL_QUERY);

  const rolls = useQuery({
    queryKey: queryKeys.benefits.workflow.rollList(query),
    queryFn: ({ signal }) => benefitsWorkflowApi.rolls(query, signal),
    placeholderData: keepPreviousData,
  });

  const onTableChange: TableProps<Roll>['onChange'] = (pagination, _filters, _sorter, extra) => {
    if (extra.action === 'paginate') update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
  };

  return (
    <div className="xf-stack" data-testid="rolls-page">
      <BenefitsTabs />
      <Card
        title={t('wf.roll.title')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="roll-generate">
              {t('wf.roll.generate')}
            </Button>
          ) : null
        }
      >
        <div className="xf-toolbar">
          <Select<ProgrammeId>
            allowClear
            placeholder={t('wf.filter.programme')}
            value={query.programme}
            onChange={(programme) => update({ programme })}
            options={programmes.options}
            loading={programmes.loading}
            popupMatchSelectWidth={false}
            style={{ width: 240 }}
            data-testid="rolls-filter-programme"
          />
          <div className="xf-toolbar-spacer" />
          <Button icon={<ReloadOutlined />} onClick={() => void rolls.refetch()} aria-label={t('common.refresh')} />
        </div>
        {rolls.isError && !rolls.data ? (
          <QueryError error={rolls.error} onRetry={() => void rolls.refetch()} />
        ) : (
          <ResponsiveTable<Roll>
            rowKey="id"
            size="middle"
            columns={rollColumns(i18n, rolls.data?.items[0]?.scopeName ?? null)}
            dataSource={rolls.data?.items ?? []}
            loading={rolls.isFetching}
            onChange={onTableChange}
            onRow={(roll) => ({ onClick: () => void navigate(`/benefits/rolls/${roll.id}`), className: 'xf-clickable-row' })}
            locale={{ emptyText: rolls.isPending ? ' ' : t('wf.roll.empty') }}
            scroll={{ x: 1000 }}
            pagination={serverPagination(t, query, rolls.data?.total, PAGE_SIZES)}
            data-testid="rolls-table"
          />
        )}
      </Card>
      {generating ? <GenerateRollModal defaultProgramme={query.programme} onClose={() => setGenerating(false)} /> : null}
    </div>
  );
}
