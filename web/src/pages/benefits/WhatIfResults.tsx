import { Card, Col, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { WhatIfResult, WhatIfTownship, WhatIfYear } from '../../api/benefits.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { formatCount, formatMoney, formatSignedCount } from './benefitsFormat.ts';
import { WhatIfChart } from './WhatIfChart.tsx';

/** Up in red (more spending, more persons), down in green, as the finance office reads it. */
function trendClass(difference: number): string | undefined {
  if (difference > 0) return 'xf-whatif-up';
  if (difference < 0) return 'xf-whatif-down';
  return undefined;
}

interface FigureRow {
  key: 'beneficiaries' | 'amount';
  baseline: number;
  draft: number;
}

function YearCard({ year }: { year: WhatIfYear }) {
  const { t, lang } = useI18n();
  const costDifference = year.draft.amount - year.baseline.amount;
  const rows: FigureRow[] = [
    { key: 'beneficiaries', baseline: year.baseline.beneficiaries, draft: year.draft.beneficiaries },
    { key: 'amount', baseline: year.baseline.amount, draft: year.draft.amount },
  ];
  const show = (row: FigureRow, value: number, signed = false) =>
    row.key === 'amount' ? formatMoney(value, lang, signed) : signed ? formatSignedCount(value, lang) : formatCount(value, lang);
  const columns: TableColumnsType<FigureRow> = [
    { key: 'figure', title: '', render: (_, row) => t(row.key === 'amount' ? 'whatIf.amount' : 'whatIf.beneficiaries') },
    { key: 'baseline', title: t('whatIf.baseline'), align: 'right', render: (_, row) => show(row, row.baseline) },
    { key: 'draft', title: t('whatIf.draft'), align: 'right', render: (_, row) => <strong>{show(row, row.draft)}</strong> },
    {
      key: 'difference',
      title: t('whatIf.difference'),
      align: 'right',
      render: (_, row) => <span className={trendClass(row.draft - row.baseline)}>{show(row, row.draft - row.baseline, true)}</span>,
    },
  ];

  return (
    <Card
      size="small"
      className="xf-whatif-year"
      title={t('benefits.yearOption', { year: year.year })}
      extra={
        <span>
          <Typography.Text type="secondary">{t('whatIf.costDifference')} </Typography.Text>
          <Typography.Text strong className={trendClass(costDifference)} data-testid="what-if-cost-diff">
            {formatMoney(costDifference, lang, true)}
          </Typography.Text>
        </span>
      }
      data-testid="what-if-year"
      data-year={year.year}
    >
      <Table<FigureRow> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} />
      <div style={{ marginTop: 10 }}>
        <Tag color="green" data-testid="what-if-gained">
          {t('whatIf.gained', { count: formatCount(year.gained, lang) })}
        </Tag>
        <Tag color="orange" data-testid="what-if-lost">
          {t('whatIf.lost', { count: formatCount(year.lost, lang) })}
        </Tag>
      </div>
    </Card>
  );
}

type TownshipRow = WhatIfTownship & { key: string; span: number };

/** Rows by township, then year; the township cell spans its years. */
function townshipRows(rows: readonly WhatIfTownship[]): TownshipRow[] {
  const order = new Map<string, number>();
  rows.forEach((row) => {
    if (!order.has(row.township)) order.set(row.township, order.size);
  });
  const sorted = [...rows].sort((a, b) => (order.get(a.township) ?? 0) - (order.get(b.township) ?? 0) || a.year - b.year);
  return sorted.map((row, index) => {
    const first = index === 0 || sorted[index - 1]?.township !== row.township;
    const span = first ? sorted.slice(index).findIndex((other) => other.township !== row.township) : 0;
    return { ...row, key: `${row.township}-${row.year}`, span: first ? (span === -1 ? sorted.length - index : span) : 0 };
  });
}

function townshipColumns({ t, lang }: I18n): TableColumnsType<TownshipRow> {
  const count = (value: number) => formatCount(value, lang);
  const money = (value: number) => formatMoney(value, lang);
  return [
    {
      key: 'township',
      title: t('whatIf.col.township'),
      width: 140,
      fixed: 'left',
      onCell: (row) => ({ rowSpan: row.span }),
      render: (_, row) => row.townshipName,
    },
    { key: 'year', title: t('whatIf.col.year'), width: 80, render: (_, row) => row.year },
    {
      key: 'beneficiaries',
      title: t('whatIf.beneficiaries'),
      children: [
        { key: 'bb', title: t('whatIf.baseline'), align: 'right', width: 100, render: (_, row) => count(row.baselineBeneficiaries) },
        { key: 'db', title: t('whatIf.draft'), align: 'right', width: 100, render: (_, row) => count(row.draftBeneficiaries) },
        {
          key: 'diffb',
          title: t('whatIf.difference'),
          align: 'right',
          width: 100,
          render: (_, row) => {
            const difference = row.draftBeneficiaries - row.baselineBeneficiaries;
            return <span className={trendClass(difference)}>{formatSignedCount(difference, lang)}</span>;
          },
        },
      ],
    },
    {
      key: 'amount',
      title: t('whatIf.amount'),
      children: [
        { key: 'ba', title: t('whatIf.baseline'), align: 'right', width: 150, render: (_, row) => money(row.baselineAmount) },
        { key: 'da', title: t('whatIf.draft'), align: 'right', width: 150, render: (_, row) => money(row.draftAmount) },
        {
          key: 'diffa',
          title: t('whatIf.difference'),
          align: 'right',
          width: 150,
          render: (_, row) => {
            const difference = row.draftAmount - row.baselineAmount;
            return <span className={trendClass(difference)}>{formatMoney(difference, lang, true)}</span>;
          },
        },
      ],
    },
  ];
}

/** The outcome of a what-if: each year's totals, the first year by township as a chart, every year by township as a table. */
export function WhatIfResults({ result, title }: { result: WhatIfResult; title: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const firstYear = result.years[0]?.year;

  return (
    <div className="xf-stack" data-testid="what-if-results">
      <Card title={t('whatIf.resultTitle')}>
        <Typography.Paragraph strong style={{ marginBottom: 4 }} data-testid="what-if-summary">
          {title}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('whatIf.scope')}
        </Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {result.years.map((year) => (
            <Col key={year.year} xs={24} lg={12} xxl={8}>
              <YearCard year={year} />
            </Col>
          ))}
        </Row>
      </Card>
      {firstYear !== undefined && result.byTownship.length > 0 ? (
        <Card title={t('whatIf.chartTitle', { year: firstYear })}>
          <WhatIfChart rows={result.byTownship} year={firstYear} />
        </Card>
      ) : null}
      <Card title={t('whatIf.townshipTitle')}>
        <Table<TownshipRow>
          rowKey="key"
          size="small"
          bordered
          columns={townshipColumns(i18n)}
          dataSource={townshipRows(result.byTownship)}
          pagination={false}
          locale={{ emptyText: t('whatIf.noTownships') }}
          scroll={{ x: 1070 }}
          data-testid="what-if-township-table"
        />
      </Card>
    </div>
  );
}
