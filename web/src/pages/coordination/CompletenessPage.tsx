import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useCompleteness } from '../../api/coordination.ts';
import type { LateEntry, Rate } from '../../api/coordinationTypes.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { CellLegend, CompletenessGrid } from './CompletenessGrid.tsx';
import { CoordinationTabs } from './CoordinationTabs.tsx';
import { currentYear, formatRate, periodLabel, reportPath, reportYears } from './coordFormat.ts';

function RateStats({ rate, loading }: { rate: Rate | undefined; loading: boolean }) {
  const { t, lang } = useI18n();
  const items = [
    { key: 'expected', title: t('coord.completeness.expected'), value: rate ? String(rate.expected) : '—' },
    { key: 'received', title: t('coord.completeness.received'), value: rate ? String(rate.received) : '—' },
    { key: 'onTime', title: t('coord.completeness.onTime'), value: rate ? String(rate.onTime) : '—' },
    { key: 'completeness', title: t('coord.completeness.rate'), value: rate ? formatRate(rate.completeness, lang) : '—' },
    { key: 'timeliness', title: t('coord.completeness.timeliness'), value: rate ? formatRate(rate.timeliness, lang) : '—' },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="completeness-stats">
      {items.map((item) => (
        <Col key={item.key} flex="1 1 150px">
          <Card size="small" className="xf-stat-card" loading={loading}>
            <Statistic title={item.title} value={item.value} data-testid={`completeness-${item.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function lateColumns(i18n: I18n): TableColumnsType<LateEntry> {
  const { t, lang } = i18n;
  return [
    { key: 'department', title: t('coord.col.department'), dataIndex: 'departmentName', ellipsis: true },
    { key: 'period', title: t('coord.col.period'), width: 120, render: (_, row) => periodLabel(row.period, lang) },
    { key: 'due', title: t('coord.col.dueOn'), width: 120, render: (_, row) => <span className="xf-num">{row.dueOn}</span> },
    {
      key: 'submitted',
      title: t('coord.col.submittedAt'),
      width: 170,
      render: (_, row) =>
        row.submittedAt ? <span className="xf-num">{formatDateTime(row.submittedAt)}</span> : <Tag color="red">{t('coord.status.missing')}</Tag>,
    },
    {
      key: 'action',
      title: t('common.actions'),
      width: 80,
      render: (_, row) => <Link to={reportPath(row.department, row.period)}>{t('coord.reports.open')}</Link>,
    },
  ];
}

/** The year chosen, kept in the URL. */
const COMPLETENESS_QUERY = { year: urlField.number(null, (year) => reportYears().includes(year)) };

/** 报送情况: a year of reports, department by month, with completeness and timeliness, and who was late. */
export function CompletenessPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [{ year: chosen }, setQuery] = useUrlQuery(COMPLETENESS_QUERY);
  // Without a chosen year the server answers the latest year that has reports.
  const data = useCompleteness(chosen);
  const year = chosen ?? data.data?.year ?? currentYear();
  const completeness = data.data;
  const late = useMemo(() => lateColumns(i18n), [i18n]);

  return (
    <div className="xf-stack" data-testid="completeness-page">
      <CoordinationTabs />
      <Card
        title={t('coord.completeness.title')}
        extra={
          <div className="xf-toolbar xf-coord-card-toolbar">
            <Select<number>
              value={year}
              onChange={(next) => setQuery({ year: next })}
              options={reportYears().map((y) => ({ value: y, label: t('coord.yearOption', { year: y }) }))}
              style={{ width: 110 }}
              data-testid="completeness-year"
            />
            <Button icon={<ReloadOutlined />} onClick={() => void data.refetch()} aria-label={t('common.refresh')} />
          </div>
        }
      >
        {data.isError && !completeness ? (
          <QueryError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <div className="xf-stack">
            <RateStats rate={completeness?.overall} loading={data.isPending} />
            <CellLegend />
            <CompletenessGrid rows={completeness?.rows ?? []} months={completeness?.months ?? []} loading={data.isFetching} />
          </div>
        )}
      </Card>
      <Card title={t('coord.completeness.lateTitle')} data-testid="completeness-late">
        <Table<LateEntry>
          rowKey={(row) => `${row.department}/${row.period}`}
          size="small"
          columns={late}
          dataSource={completeness?.late ?? []}
          loading={data.isFetching}
          pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: data.isPending ? ' ' : t('coord.completeness.noLate') }}
          scroll={{ x: 600 }}
        />
      </Card>
    </div>
  );
}
