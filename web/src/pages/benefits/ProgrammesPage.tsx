import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { ParameterRow, Programme, ProgrammeParameter } from '../../api/benefits.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { businessToday } from '../registry/registryFormat.ts';
import { BenefitsTabs } from './BenefitsTabs.tsx';
import { FUNDING_TAGS, PERIOD_TAGS, programmeName } from './benefitsFormat.ts';
import { ParameterModal } from './ParameterModal.tsx';
import { formatParameterValue, parameterLabel, rowInForce, unitLabel } from './parameterFormat.ts';
import { useProgrammes, useTownships } from './useBenefitsData.ts';
import { EnumTag } from '../../components/EnumTag.tsx';

interface ParameterTableProps {
  programme: Programme;
  parameter: ProgrammeParameter;
  today: string;
  places: ReadonlyMap<string, string>;
}

/** The rows of one parameter, latest first; the row in force today marked, rows still to come too. */
function ParameterTable({ programme, parameter, today, places }: ParameterTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const inForce = rowInForce(parameter.rows, today);
  const rows = [...parameter.rows].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const unit = unitLabel(i18n, parameter.unit);

  const columns: TableColumnsType<ParameterRow> = [
    {
      key: 'effectiveFrom',
      title: t('programmes.col.effectiveFrom'),
      width: 190,
      render: (_, row) => (
        <span className="xf-nowrap">
          {row.effectiveFrom}{' '}
          {row === inForce ? (
            <Tag color="green" className="xf-inline-tag" data-testid="parameter-in-force">
              {t('programmes.inForce')}
            </Tag>
          ) : row.effectiveFrom > today ? (
            <Tag color="blue" className="xf-inline-tag">
              {t('programmes.scheduled')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      key: 'value',
      title: t('programmes.col.value'),
      width: 170,
      render: (_, row) => (
        <Typography.Text strong={row === inForce} data-testid="parameter-value-cell">
          {formatParameterValue(i18n, parameter.unit, row.value, places)}
        </Typography.Text>
      ),
    },
    {
      key: 'reference',
      title: t('programmes.col.reference'),
      render: (_, row) => <div className="xf-parameter-reference">{row.reference}</div>,
    },
    {
      key: 'entered',
      title: t('programmes.col.entered'),
      width: 170,
      render: (_, row) =>
        row.createdBy || row.createdAt ? (
          <div className="xf-cell-stack">
            <span title={row.createdBy ?? undefined}>{row.createdBy ? (row.createdByName ?? t('audit.system')) : '—'}</span>
            <span className="xf-subline">{formatDateTime(row.createdAt)}</span>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('programmes.initialRow')}</Typography.Text>
        ),
    },
  ];

  return (
    <div className="xf-parameter" data-testid={`parameter-${programme.id}-${parameter.name}`}>
      <div className="xf-parameter-head">
        <Typography.Text strong>{parameterLabel(i18n, parameter.name)}</Typography.Text>
        {unit ? <Typography.Text type="secondary">{t('programmes.unit', { unit })}</Typography.Text> : null}
      </div>
      <Table<ParameterRow>
        rowKey="effectiveFrom"
        size="small"
        bordered
        className="xf-parameter-table"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(row) => (row === inForce ? 'xf-row-in-force' : row.effectiveFrom > today ? 'xf-row-scheduled' : '')}
        onRow={(row) => ({ 'data-in-force': row === inForce ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('programmes.noRows') }}
        scroll={{ x: 760 }}
      />
    </div>
  );
}

interface ProgrammeCardProps {
  programme: Programme;
  today: string;
  places: ReadonlyMap<string, string>;
  onAdd?: (programme: Programme) => void;
}

function ProgrammeCard({ programme, today, places, onAdd }: ProgrammeCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Card
      type="inner"
      title={
        <span className="xf-programme-meta">
          <span style={{ marginInlineEnd: 12 }}>{programmeName(i18n, programme.id, programme.name)}</span>
          <EnumTag table={FUNDING_TAGS} value={programme.fundedBy} testId="funding-tag" />
          <EnumTag table={PERIOD_TAGS} value={programme.period} testId="period-tag" />
        </span>
      }
      extra={
        onAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd(programme)} data-testid="parameter-add">
            {t('programmes.addParameter')}
          </Button>
        ) : null
      }
      data-testid={`programme-card-${programme.id}`}
    >
      {programme.basis ? (
        <div className="xf-programme-basis">
          <Typography.Text type="secondary">{t('programmes.basis')}</Typography.Text>
          {programme.basis}
        </div>
      ) : null}

      <Typography.Title level={5} className="xf-programme-section">
        {t('programmes.conditions')}
      </Typography.Title>
      {programme.conditions.length > 0 ? (
        <ol className="xf-conditions" data-testid="programme-conditions">
          {programme.conditions.map((condition) => (
            <li key={condition.id}>
              {condition.label}
              {condition.basis ? <span className="xf-condition-basis">{condition.basis}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <Typography.Text type="secondary">{t('programmes.noConditions')}</Typography.Text>
      )}

      <Typography.Title level={5} className="xf-programme-section">
        {t('programmes.parameters')}
      </Typography.Title>
      {programme.parameters.length > 0 ? (
        programme.parameters.map((parameter) => (
          <ParameterTable key={parameter.name} programme={programme} parameter={parameter} today={today} places={places} />
        ))
      ) : (
        <Typography.Text type="secondary">{t('programmes.noParameters')}</Typography.Text>
      )}
    </Card>
  );
}

function intro(i18n: I18n, manage: boolean): string {
  return i18n.t(manage ? 'programmes.introManage' : 'programmes.intro');
}

/** 项目与标准: each programme's conditions and effective-dated standards; the office adds new rows. */
export function ProgrammesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const manage = can(PERMISSIONS.benefitsManage);
  const programmes = useProgrammes();
  const { names } = useTownships();
  const [adding, setAdding] = useState<Programme | null>(null);
  const today = businessToday();

  const list = programmes.data;
  return (
    <div className="xf-stack" data-testid="benefits-programmes-page">
      <BenefitsTabs />
      <Card
        title={t('programmes.title')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void programmes.refetch()} aria-label={t('common.refresh')} />}
      >
        {programmes.isError && !list ? (
          <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} />
        ) : (
          <Spin spinning={programmes.isFetching && !list}>
            <Typography.Paragraph type="secondary">{intro(i18n, manage)}</Typography.Paragraph>
            {list && list.length === 0 ? <Empty description={t('programmes.empty')} /> : null}
            <div className="xf-stack">
              {(list ?? []).map((programme) => (
                <ProgrammeCard key={programme.id} programme={programme} today={today} places={names} onAdd={manage ? setAdding : undefined} />
              ))}
            </div>
            {!list ? <div className="xf-benefits-placeholder" /> : null}
          </Spin>
        )}
      </Card>
      {adding ? <ParameterModal programme={adding} onClose={() => setAdding(null)} /> : null}
    </div>
  );
}
