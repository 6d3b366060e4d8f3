import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Spin, Typography } from 'antd';
import { benefitsApi } from '../../api/benefits.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { useI18n } from '../../i18n/index.ts';
import { BenefitsCards } from './BenefitsCards.tsx';
import { BenefitsChart } from './BenefitsChart.tsx';
import { BenefitsTable } from './BenefitsTable.tsx';
import { BenefitsTabs } from './BenefitsTabs.tsx';
import { FIRST_YEAR, scopedAreas, yearOptions } from './benefitsFormat.ts';
import { thisYear } from '../../clock.ts';

/** The year shown, kept in the URL; the business year is the default. */
const SUMMARY_QUERY = { year: urlField.number(thisYear, (year) => Number.isInteger(year) && year >= FIRST_YEAR && year <= thisYear()) };

/** 扶助项目 · 年度发放统计: the register's persons and yuan per programme for one year, within the user's scope. */
export function BenefitsPage() {
  const { t } = useI18n();
  const session = useCurrentSession();
  const [{ year }, setQuery] = useUrlQuery(SUMMARY_QUERY);
  const areas = scopedAreas(session.grants);

  const summary = useQuery({
    queryKey: queryKeys.benefits.summary(year),
    queryFn: ({ signal }) => benefitsApi.summary(year, signal),
    placeholderData: keepPreviousData,
    // The figures of a past year do not move while the page is open.
    staleTime: 5 * 60_000,
  });

  const chooseYear = (next: number) => setQuery({ year: next });

  const yearSelect = (
    <Space>
      <Typography.Text type="secondary">{t('benefits.year')}</Typography.Text>
      <Select<number>
        value={year}
        onChange={chooseYear}
        options={yearOptions().map((y) => ({ value: y, label: t('benefits.yearOption', { year: y }) }))}
        style={{ width: 110 }}
        aria-label={t('benefits.year')}
        data-testid="benefits-year"
      />
    </Space>
  );

  const data = summary.data;
  return (
    <div className="xf-stack" data-testid="benefits-page">
      <BenefitsTabs />
      <Card title={t('benefits.title')} extra={yearSelect}>
        {areas.length > 0 ? (
          <Alert
            type="info"
            showIcon
            className="xf-benefits-note"
            title={t('benefits.scopeNote', { areas: areas.join('、') })}
            data-testid="benefits-scope-note"
          />
        ) : null}
        {summary.isError && !data ? (
          <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
        ) : (
          <Spin spinning={summary.isFetching} description={t('benefits.loading')}>
            {data ? (
              <div className="xf-stack" data-testid="benefits-content" data-year={data.year} aria-busy={summary.isFetching}>
                <BenefitsCards summary={data} />
                <BenefitsTable summary={data} />
              </div>
            ) : (
              <div className="xf-benefits-placeholder" data-testid="benefits-loading" />
            )}
          </Spin>
        )}
      </Card>
      {data ? (
        <Card title={t('benefits.chart')}>
          <Spin spinning={summary.isFetching}>
            <BenefitsChart summary={data} />
          </Spin>
        </Card>
      ) : null}
    </div>
  );
}
