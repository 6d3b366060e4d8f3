import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Skeleton, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useDeleteRule, useIndicatorConfig } from '../../api/coordinationMeetings.ts';
import type { Indicator, IndicatorConfig, ValidationRule } from '../../api/coordinationTypes.ts';
import { useShowError } from '../../api/errors.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { ForbiddenPage } from '../errors/ForbiddenPage.tsx';
import { CoordinationTabs } from './CoordinationTabs.tsx';
import { CoordSettingsForm } from './CoordSettingsForm.tsx';
import { IndicatorModal } from './IndicatorModal.tsx';
import './meetings.css';
import { useCoordRole } from './meetings/coordmFormat.ts';
import { ruleText } from './meetings/ruleText.ts';
import { RuleModal } from './RuleModal.tsx';

/** Every member department reports it: one tag says so instead of nineteen. */
function reportedByAll(indicator: Indicator, config: IndicatorConfig): boolean {
  return config.departments.length > 1 && config.departments.every((d) => indicator.departments.includes(d.code));
}

function range(indicator: Indicator): string {
  const { min, max } = indicator;
  if (min === null && max === null) return '—';
  if (min !== null && max !== null) return `${min} – ${max}`;
  return min !== null ? `≥ ${min}` : `≤ ${max}`;
}

function indicatorColumns(i18n: I18n, config: IndicatorConfig, onEdit: (indicator: Indicator) => void): TableColumnsType<Indicator> {
  const { t } = i18n;
  const short = new Map(config.departments.map((d) => [d.code, d]));
  return [
    { key: 'name', title: t('coordm.ind.name'), width: 180, render: (_, ind) => <span data-testid={`indicator-${ind.code}`}>{ind.name}</span> },
    { key: 'unit', title: t('coordm.ind.unit'), width: 70, render: (_, ind) => ind.unit },
    { key: 'aggregation', title: t('coordm.ind.aggregation'), width: 100, render: (_, ind) => t(`coordm.agg.${ind.aggregation}`) },
    {
      key: 'integer',
      title: t('coordm.ind.integer'),
      width: 70,
      render: (_, ind) => (ind.integer ? t('coordm.yes') : <span className="xf-muted">{t('coordm.no')}</span>),
    },
    { key: 'range', title: t('coordm.ind.range'), width: 110, render: (_, ind) => <span className="xf-num">{range(ind)}</span> },
    {
      key: 'departments',
      title: t('coordm.ind.departments'),
      render: (_, ind) =>
        reportedByAll(ind, config) ? (
          <Tag color="blue">{t('coordm.ind.allDepartments', { count: ind.departments.length })}</Tag>
        ) : (
          <div className="xf-coordm-tags">
            {ind.departments.map((code) => {
              const d = short.get(code);
              return (
                <Tooltip key={code} title={d?.name ?? code}>
                  <Tag>{d?.shortName || d?.name || code}</Tag>
                </Tooltip>
              );
            })}
          </div>
        ),
    },
    {
      key: 'active',
      title: t('coordm.ind.active'),
      width: 80,
      render: (_, ind) => (ind.active ? <Tag color="green">{t('coordm.ind.on')}</Tag> : <Tag>{t('coordm.ind.off')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, ind) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(ind)} data-testid={`indicator-edit-${ind.code}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
}

function RulesCard({ config, onAdd }: { config: IndicatorConfig; onAdd: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const remove = useDeleteRule();
  const names = useMemo(() => new Map(config.indicators.map((ind) => [ind.code, ind.name])), [config.indicators]);
  const columns: TableColumnsType<ValidationRule> = [
    {
      key: 'rule',
      title: t('coordm.rule.rule'),
      width: 360,
      render: (_, rule) => (
        <span className="xf-coordm-rule" data-testid={`rule-${rule.id}`}>
          {ruleText(rule, (code) => names.get(code) ?? code)}
        </span>
      ),
    },
    { key: 'message', title: t('coordm.rule.message'), render: (_, rule) => rule.message },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, rule) => (
        <Popconfirm
          title={t('coordm.rule.deleteConfirm')}
          okText={t('coordm.rule.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutateAsync(rule.id).then(
              () => void message.success(t('coordm.rule.deleted')),
              (error: unknown) => showError(error),
            )
          }
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid={`rule-delete-${rule.id}`}>
            {t('coordm.rule.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      title={t('coordm.rule.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={onAdd} disabled={config.indicators.length < 2} data-testid="rule-add">
          {t('coordm.rule.add')}
        </Button>
      }
      data-testid="rules-card"
    >
      <Typography.Paragraph type="secondary">{t('coordm.rule.intro')}</Typography.Paragraph>
      <Table<ValidationRule>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={config.rules}
        pagination={false}
        locale={{ emptyText: t('coordm.rule.empty') }}
        scroll={{ x: 720 }}
        data-testid="rules-table"
      />
    </Card>
  );
}

/** 指标配置 (the office): what each department reports, the checks between figures, and the deadlines. */
export function IndicatorsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { manage } = useCoordRole();
  const config = useIndicatorConfig(manage);
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [addingRule, setAddingRule] = useState(false);
  const data = config.data;
  const indicators = useMemo(() => [...(data?.indicators ?? [])].sort((a, b) => a.sortOrder - b.sortOrder), [data]);

  let body;
  if (!manage) {
    body = <ForbiddenPage />;
  } else if (config.isError && !data) {
    body = (
      <Card>
        <QueryError error={config.error} onRetry={() => void config.refetch()} />
      </Card>
    );
  } else if (!data) {
    body = (
      <Card>
        <Skeleton active />
      </Card>
    );
  } else {
    body = (
      <>
        <Card
          title={t('coordm.ind.title')}
          extra={
            <div className="xf-coordm-extra">
              <Button icon={<ReloadOutlined />} onClick={() => void config.refetch()} aria-label={t('common.refresh')} />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="indicator-add">
                {t('coordm.ind.add')}
              </Button>
            </div>
          }
        >
          <Typography.Paragraph type="secondary">{t('coordm.ind.intro')}</Typography.Paragraph>
          <Table<Indicator>
            rowKey="code"
            size="small"
            columns={indicatorColumns(i18n, data, setEditing)}
            dataSource={indicators}
            loading={config.isFetching}
            rowClassName={(ind) => (ind.active ? '' : 'xf-coordm-inactive')}
            pagination={false}
            locale={{ emptyText: t('coordm.ind.empty') }}
            scroll={{ x: 1100 }}
            data-testid="indicators-table"
          />
        </Card>
        <RulesCard config={data} onAdd={() => setAddingRule(true)} />
        {/* Read again after a save: the form starts from what the server keeps. */}
        <CoordSettingsForm key={JSON.stringify(data.settings)} settings={data.settings} />
      </>
    );
  }

  return (
    <div className="xf-stack" data-testid="indicators-page">
      <CoordinationTabs />
      {body}
      {editing && data ? <IndicatorModal config={data} indicator={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {addingRule && data ? <RuleModal config={data} onClose={() => setAddingRule(false)} /> : null}
    </div>
  );
}
