import { Table, Typography, type TableColumnsType } from 'antd';
import type { BenefitsSummary, ProgrammeSummary } from '../../api/benefits.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatCount, formatYuan, FUNDING_TAGS, programmeLabel } from './benefitsFormat.ts';
import { EnumTag } from '../../components/EnumTag.tsx';

/** One row per programme: persons paid, yuan paid in the year, who pays; the year's total below. */
export function BenefitsTable({ summary }: { summary: BenefitsSummary }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const columns: TableColumnsType<ProgrammeSummary> = [
    {
      key: 'programme',
      title: t('benefits.col.programme'),
      render: (_, p) => programmeLabel(i18n, p.programme),
    },
    {
      key: 'beneficiaries',
      title: t('benefits.col.beneficiaries'),
      align: 'right',
      width: 140,
      render: (_, p) => <span data-testid={`benefits-persons-${p.programme}`}>{formatCount(p.beneficiaries, lang)}</span>,
    },
    {
      key: 'amount',
      title: t('benefits.col.amount'),
      align: 'right',
      width: 200,
      render: (_, p) => <span data-testid={`benefits-amount-${p.programme}`}>{formatYuan(p.amount, lang)}</span>,
    },
    {
      key: 'fundedBy',
      title: t('benefits.col.fundedBy'),
      width: 140,
      render: (_, p) => <EnumTag table={FUNDING_TAGS} value={p.fundedBy} />,
    },
  ];

  return (
    <Table<ProgrammeSummary>
      rowKey="programme"
      size="middle"
      columns={columns}
      dataSource={summary.programmes}
      pagination={false}
      locale={{ emptyText: t('benefits.empty') }}
      scroll={{ x: 720 }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <Typography.Text strong>{t('benefits.sum')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Typography.Text strong data-testid="benefits-amount-total">
              {formatYuan(summary.total, lang)}
            </Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} />
        </Table.Summary.Row>
      )}
      data-testid="benefits-table"
    />
  );
}
