import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDesk, useReportList, type ReportListQuery } from '../../../api/coordination.ts';
import type { ReportSummary } from '../../../api/coordinationTypes.ts';
import { useDepartments } from '../../../api/hooks.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { urlField, useUrlQuery } from '../../../components/useUrlQuery.ts';
import { formatDateTime, useI18n, type I18n } from '../../../i18n/index.ts';
import { CoordinationTabs } from '../CoordinationTabs.tsx';
import {
  currentYear,
  MONTH_FORMAT,
  monthDay,
  monthOf,
  PERIOD_PATTERN,
  periodLabel,
  REPORT_STATUSES,
  reportPath,
  reportYears,
  ROW_STATE_TAGS,
  rowState,
  timeliness,
  TIMELINESS_TAGS,
} from '../coordFormat.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

const muted = <span className="xf-muted">—</span>;
const STATUS_FILTERS: readonly NonNullable<ReportListQuery['status']>[] = [...REPORT_STATUSES, 'missing'];

/** The liaison may fill in a report that is not submitted yet, or was returned. */
function fillable(row: ReportSummary): boolean {
  return row.status === null || row.status === 'draft' || row.status === 'returned';
}

function columns(i18n: I18n, mayFile: boolean): TableColumnsType<ReportSummary> {
  const { t, lang } = i18n;
  return [
    {
      key: 'department',
      title: t('coord.col.department'),
      ellipsis: true,
      render: (_, row) => <span data-testid={`report-row-${row.department}-${row.period}`}>{row.departmentName}</span>,
    },
    { key: 'period', title: t('coord.col.period'), width: 110, render: (_, row) => <span className="xf-num">{periodLabel(row.period, lang)}</span> },
    { key: 'status', title: t('coord.col.status'), width: 100, render: (_, row) => <EnumTag table={ROW_STATE_TAGS} value={rowState(row)} /> },
    { key: 'due', title: t('coord.col.dueOn'), width: 120, render: (_, row) => <span className="xf-num">{row.dueOn}</span> },
    {
      key: 'submitted',
      title: t('coord.col.submittedAt'),
      width: 150,
      render: (_, row) => (row.submittedAt ? <span className="xf-num">{formatDateTime(row.submittedAt)}</span> : muted),
    },
    { key: 'timeliness', title: t('coord.col.timeliness'), width: 90, render: (_, row) => <EnumTag table={TIMELINESS_TAGS} value={timeliness(row)} /> },
    {
      key: 'action',
      title: t('common.actions'),
      width: 90,
      render: (_, row) => (
        <Link to={reportPath(row.department, row.period)} onClick={(event) => event.stopPropagation()}>
          {mayFile && fillable(row) ? t('coord.reports.fill') : t('coord.reports.open')}
        </Link>
      ),
    },
  ];
}

/** The list's filters live in the URL, so they survive the trip to a report and back. */
const REPORT_QUERY = {
  year: urlField.number(currentYear, (year) => reportYears().includes(year)),
  period: urlField.text(PERIOD_PATTERN),
  department: urlField.text(),
  status: urlField.oneOf(STATUS_FILTERS),
};

function useListQuery(): [ReportListQuery, (change: Partial<ReportListQuery>) => void] {
  const [query, setQuery] = useUrlQuery(REPORT_QUERY);
  // With a month chosen the year is not kept: the month says it.
  const update = (change: Partial<ReportListQuery>) => setQuery({ ...query, ...change }.period ? { ...change, year: undefined } : change);
  return [query, update];
}

/** 月报: every expected department-month of the filter, missing ones included; a row opens the report. */
export function ReportsPage() {
  const i18n = useI18n();
  const { t, tx, lang } = i18n;
  const { can } = useSession();
  const navigate = useNavigate();
  const mayFile = can(PERMISSIONS.coordReport);
  const office = can(PERMISSIONS.coordManage);
  const [query, update] = useListQuery();
  const list = useReportList(query);
  const desk = useDesk(mayFile);
  const departments = useDepartments(office && can(PERMISSIONS.orgRead));
  const own = desk.data?.department;
  const cols = useMemo(() => columns(i18n, mayFile), [i18n, mayFile]);

  const filters = (
    <div className="xf-toolbar">
      <Select<number>
        value={query.period ? Number(query.period.slice(0, 4)) : query.year}
        onChange={(year) => update({ year, period: undefined })}
        options={reportYears().map((year) => ({ value: year, label: t('coord.yearOption', { year }) }))}
        style={{ width: 110 }}
        data-testid="reports-filter-year"
      />
      <DatePicker
        picker="month"
        format={MONTH_FORMAT}
        placeholder={t('coord.filter.period')}
        value={query.period ? monthDay(query.period) : null}
        onChange={(value) => update({ period: value ? monthOf(value) : undefined, year: value ? value.year() : query.year })}
        style={{ width: 140 }}
        data-testid="reports-filter-period"
      />
      {office ? (
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('coord.filter.department')}
          value={query.department}
          onChange={(department) => update({ department })}
          options={(departments.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))}
          loading={departments.isPending && departments.fetchStatus !== 'idle'}
          popupMatchSelectWidth={false}
          style={{ width: 200 }}
          data-testid="reports-filter-department"
        />
      ) : null}
      <Select<NonNullable<ReportListQuery['status']>>
        allowClear
        placeholder={t('coord.filter.status')}
        value={query.status}
        onChange={(status) => update({ status })}
        options={STATUS_FILTERS.map((status) => ({ value: status, label: tx(`coord.status.${status}`, status) }))}
        style={{ width: 120 }}
        data-testid="reports-filter-status"
      />
      <Button onClick={() => update({ period: undefined, department: undefined, status: undefined, year: currentYear() })}>{t('common.reset')}</Button>
      <div className="xf-toolbar-spacer" />
      <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
    </div>
  );

  return (
    <div className="xf-stack" data-testid="reports-page">
      <CoordinationTabs />
      <Card
        title={t('coord.reports.title')}
        extra={
          mayFile && own && desk.data ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => void navigate(reportPath(own.code, desk.data.currentPeriod))}
              data-testid="report-fill-current"
            >
              {t('coord.reports.fillCurrent', { period: periodLabel(desk.data.currentPeriod, lang) })}
            </Button>
          ) : null
        }
      >
        {filters}
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ReportSummary>
            rowKey={(row) => `${row.department}/${row.period}`}
            size="middle"
            columns={cols}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onRow={(row) => ({ onClick: () => void navigate(reportPath(row.department, row.period)), className: 'xf-clickable-row' })}
            locale={{ emptyText: list.isPending ? ' ' : t('coord.reports.empty') }}
            scroll={{ x: 860 }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            data-testid="reports-table"
          />
        )}
      </Card>
    </div>
  );
}
