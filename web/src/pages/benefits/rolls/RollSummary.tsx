import { Card, Col, Collapse, Row, Statistic, Steps, Table, Typography, type TableColumnsType } from 'antd';
import type { RollDetail, RollState, RollStop } from '../../../api/benefitsWorkflow.ts';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import { formatCount, formatMoney, fundingName, LINE_KIND_TAGS, ROLL_STATES } from '../applications/workflowFormat.ts';
import { Money } from '../applications/WorkflowTags.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';

/** 生成 → 核对 → 审批 → 导出 → 发放, each with who and when. */
export function RollProgress({ roll }: { roll: RollDetail }) {
  const { t } = useI18n();
  const done: Record<RollState, [string | null, string | null]> = {
    draft: [roll.generatedByName ?? roll.generatedBy, roll.generatedAt],
    checked: [roll.checkedByName ?? roll.checkedBy, roll.checkedAt],
    approved: [roll.approvedByName ?? roll.approvedBy, roll.approvedAt],
    exported: [roll.exportedByName ?? roll.exportedBy, roll.exportedAt],
    paid: [roll.paidByName ?? roll.paidBy, roll.paidAt],
  };
  const current = ROLL_STATES.indexOf(roll.state);
  return (
    <div data-testid="roll-progress" data-state={roll.state}>
      <Steps
        size="small"
        current={current}
        status={roll.state === 'paid' ? 'finish' : 'process'}
        items={ROLL_STATES.map((state, index) => {
          const [by, at] = done[state];
          return {
            title: t(`wf.rollStep.${state}`),
            content:
              by && index <= current ? (
                <div className="xf-wf-step-meta" data-testid={`roll-step-${state}`}>
                  <div>{by}</div>
                  <div>{formatDateTime(at)}</div>
                </div>
              ) : null,
          };
        })}
      />
    </div>
  );
}

/** Lines, total and the share of each funding body. */
export function RollStats({ roll }: { roll: RollDetail }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6} xl={4}>
        <Card size="small" className="xf-stat-card xf-wf-stat">
          <Statistic
            title={roll.scopeName ? t('wf.roll.linesOf', { place: roll.scopeName }) : t('wf.roll.lines')}
            value={roll.lineCount}
            formatter={(value) => <span data-testid="roll-line-count">{formatCount(Number(value), lang)}</span>}
          />
        </Card>
      </Col>
      <Col xs={12} md={6} xl={5}>
        <Card size="small" className="xf-stat-card xf-wf-stat">
          <Statistic
            title={roll.scopeName ? t('wf.roll.totalOf', { place: roll.scopeName }) : t('wf.roll.total')}
            value={roll.totalAmount}
            prefix="￥"
            formatter={(value) => <span data-testid="roll-total">{formatMoney(Number(value), lang)}</span>}
          />
        </Card>
      </Col>
      {roll.byFundingBody.map((f) => (
        <Col key={f.fundedBy} xs={12} md={6} xl={5}>
          <Card size="small" className="xf-stat-card xf-wf-stat">
            <Statistic
              title={t('wf.roll.fundedBy', { body: fundingName(i18n, f.fundedBy) })}
              value={f.amount}
              prefix="￥"
              formatter={(value) => <span data-testid={`roll-funding-${f.fundedBy}`}>{formatMoney(Number(value), lang)}</span>}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type TownshipRow = RollDetail['byTownship'][number];
type KindRow = RollDetail['byKind'][number];

/** Per township, with the roll's total below; per kind (正常 / 补发 / 调整). */
export function RollBreakdown({ roll }: { roll: RollDetail }) {
  const { t, lang } = useI18n();
  const townshipColumns: TableColumnsType<TownshipRow> = [
    { key: 'township', title: t('wf.roll.township'), dataIndex: 'townshipName' },
    {
      key: 'lines',
      title: t('wf.roll.lines'),
      width: 110,
      align: 'right',
      render: (_, r) => <span className="xf-num">{formatCount(r.lines, lang)}</span>,
    },
    { key: 'amount', title: t('wf.roll.amountYuan'), width: 160, align: 'right', render: (_, r) => <Money amount={r.amount} /> },
  ];
  const kindColumns: TableColumnsType<KindRow> = [
    { key: 'kind', title: t('wf.roll.kind'), render: (_, r) => <EnumTag table={LINE_KIND_TAGS} value={r.kind} /> },
    {
      key: 'lines',
      title: t('wf.roll.lines'),
      width: 90,
      align: 'right',
      render: (_, r) => <span className="xf-num">{formatCount(r.lines, lang)}</span>,
    },
    { key: 'amount', title: t('wf.roll.amountYuan'), width: 140, align: 'right', render: (_, r) => <Money amount={r.amount} /> },
  ];
  const sumLines = roll.byTownship.reduce((sum, r) => sum + r.lines, 0);
  const sumAmount = roll.byTownship.reduce((sum, r) => sum + r.amount, 0);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('wf.roll.byTownship')} size="small">
          <Table<TownshipRow>
            rowKey="township"
            size="small"
            columns={townshipColumns}
            dataSource={roll.byTownship}
            pagination={false}
            locale={{ emptyText: t('wf.roll.noLines') }}
            summary={() =>
              roll.byTownship.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('wf.roll.sum')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong className="xf-num">
                      {formatCount(sumLines, lang)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Typography.Text strong className="xf-num">
                      {formatMoney(sumAmount, lang)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
            data-testid="roll-by-township"
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('wf.roll.byKind')} size="small">
          <Table<KindRow>
            rowKey="kind"
            size="small"
            columns={kindColumns}
            dataSource={roll.byKind}
            pagination={false}
            locale={{ emptyText: t('wf.roll.noLines') }}
            data-testid="roll-by-kind"
          />
          <Typography.Paragraph type="secondary" className="xf-subline" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('wf.roll.kindHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

/** Enrolled persons the roll pays nothing this month, and why; folded away by default. */
export function RollStops({ roll }: { roll: RollDetail }) {
  const { t } = useI18n();
  const columns: TableColumnsType<RollStop> = [
    { key: 'name', title: t('wf.col.name'), width: 110, dataIndex: 'personName' },
    { key: 'township', title: t('wf.roll.township'), width: 140, dataIndex: 'townshipName' },
    {
      key: 'reasons',
      title: t('wf.roll.stopReasons'),
      render: (_, stop) => (
        <ul className="xf-wf-stop-reasons">
          {stop.reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <Collapse
      items={[
        {
          key: 'stops',
          label: t('wf.roll.stops', { count: roll.stops.length }),
          children: (
            <Table<RollStop>
              rowKey="enrolmentId"
              size="small"
              columns={columns}
              dataSource={roll.stops}
              pagination={roll.stops.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              locale={{ emptyText: t('wf.roll.noStops') }}
              data-testid="roll-stops-table"
            />
          ),
        },
      ]}
      data-testid="roll-stops"
    />
  );
}
