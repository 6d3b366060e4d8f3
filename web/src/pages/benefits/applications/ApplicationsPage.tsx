import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ProgrammeId } from '../../../api/benefits.ts';
import { benefitsWorkflowApi, type Application, type ApplicationState } from '../../../api/benefitsWorkflow.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { PAGE_SIZES, serverPagination, useUrlQuery } from '../../../components/useUrlQuery.ts';
import { useI18n } from '../../../i18n/index.ts';
import { BenefitsTabs } from '../BenefitsTabs.tsx';
import { applicationColumns } from './applicationColumns.tsx';
import { NewApplicationModal } from './NewApplicationModal.tsx';
import { PublicNoticeDownload } from './PublicNoticeDownload.tsx';
import { APPLICATION_QUERY, useAreaOptions, useProgrammeOptions } from './useWorkflowData.ts';
import { APPLICATION_STATES, applicationYears } from './workflowFormat.ts';
import { queryKeys } from '../../../api/queryKeys.ts';
import './workflow.css';

/** 资格确认: the year's applications through 村审议并公示 → 乡镇审核并公示 → 区审批并公布; a row opens one. */
export function ApplicationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const navigate = useNavigate();
  const [query, update] = useUrlQuery(APPLICATION_QUERY);
  const [creating, setCreating] = useState(false);
  const programmes = useProgrammeOptions();
  const areas = useAreaOptions(query.township);
  const mayEnter = can(PERMISSIONS.benefitsConfirm) || can(PERMISSIONS.benefitsManage);

  const list = useQuery({
    queryKey: queryKeys.benefits.workflow.applicationList(query),
    queryFn: ({ signal }) => benefitsWorkflowApi.applications(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns = applicationColumns(i18n, areas.manyTownships);

  const onTableChange: TableProps<Application>['onChange'] = (pagination, _filters, _sorter, extra) => {
    if (extra.action === 'paginate') update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
  };

  const filters = (
    <div className="xf-toolbar">
      <Select<number>
        value={query.year}
        onChange={(year) => update({ year })}
        options={applicationYears().map((y) => ({ value: y, label: t('wf.yearOption', { year: y }) }))}
        style={{ width: 110 }}
        aria-label={t('wf.filter.year')}
        data-testid="applications-filter-year"
      />
      <Select<ApplicationState>
        allowClear
        placeholder={t('wf.filter.state')}
        value={query.state}
        onChange={(state) => update({ state })}
        options={APPLICATION_STATES.map((s) => ({ value: s, label: t(`wf.state.${s}`) }))}
        style={{ width: 120 }}
        data-testid="applications-filter-state"
      />
      <Select<ProgrammeId>
        allowClear
        placeholder={t('wf.filter.programme')}
        value={query.programme}
        onChange={(programme) => update({ programme })}
        options={programmes.options}
        loading={programmes.loading}
        popupMatchSelectWidth={false}
        style={{ width: 176 }}
        data-testid="applications-filter-programme"
      />
      {areas.manyTownships ? (
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('wf.filter.township')}
          value={query.township}
          onChange={(township) => update({ township, village: undefined })}
          options={areas.townshipOptions}
          loading={areas.loading}
          style={{ width: 130 }}
          data-testid="applications-filter-township"
        />
      ) : null}
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('wf.filter.village')}
        value={query.village}
        onChange={(village) => update({ village })}
        options={areas.villageOptions}
        loading={areas.loading}
        style={{ width: 150 }}
        data-testid="applications-filter-village"
      />
      <Button onClick={() => update({ state: undefined, programme: undefined, township: undefined, village: undefined })}>{t('common.reset')}</Button>
      <div className="xf-toolbar-spacer" />
      <PublicNoticeDownload year={query.year} township={query.township} village={query.village} />
      <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
    </div>
  );

  return (
    <div className="xf-stack" data-testid="applications-page">
      <BenefitsTabs />
      <Card
        title={t('wf.app.title')}
        extra={
          mayEnter ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="application-new">
              {t('wf.app.new')}
            </Button>
          ) : null
        }
      >
        {filters}
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ResponsiveTable<Application>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onChange={onTableChange}
            onRow={(app) => ({
              onClick: () => void navigate(`/benefits/applications/${app.id}`),
              className: 'xf-clickable-row',
            })}
            locale={{ emptyText: list.isPending ? ' ' : t('wf.app.empty') }}
            // The columns' own widths: a wider table would stretch them and push 公示期 out of view.
            scroll={{ x: columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 0), 0) }}
            pagination={serverPagination(t, query, list.data?.total, PAGE_SIZES)}
            data-testid="applications-table"
          />
        )}
      </Card>
      {creating ? <NewApplicationModal defaultYear={query.year} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
