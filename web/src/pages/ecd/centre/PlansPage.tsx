import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Empty, Input, InputNumber, Segmented, Select, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useActivityPlans } from '../../../api/ecdCentre.ts';
import type { ActivityPlan, Domain } from '../../../api/ecdCentreTypes.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { EcdTabs } from '../EcdTabs.tsx';
import { DOMAIN_TAGS, DOMAINS } from './ecdErrors.ts';
import { PlanDetail } from './PlanDetail.tsx';
import { PlanModal } from './PlanModal.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';

type View = 'cards' | 'table';

/** 活动方案库: the centre's parent-child activity plans by age, domain and words; staff write them. */
export function PlansPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const writable = can(PERMISSIONS.ecdWrite);
  const [ageMonths, setAgeMonths] = useState<number | null>(null);
  const [domain, setDomain] = useState<Domain | null>(null);
  const [q, setQ] = useState('');
  const query = useDeferredValue({ ageMonths, domain, q });
  const plans = useActivityPlans(query);
  const [view, setView] = useState<View>('cards');
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<ActivityPlan | 'new' | null>(null);
  const items = plans.data?.items ?? [];
  const open = items.find((p) => p.id === openId) ?? null;

  const columns: TableColumnsType<ActivityPlan> = [
    { key: 'title', title: t('ecdc.plan.name'), width: 220, render: (_, p) => <Typography.Link strong>{p.title}</Typography.Link> },
    { key: 'age', title: t('ecdc.plan.age'), width: 140, render: (_, p) => t('ecdc.monthsRange', { from: p.ageFromMonths, to: p.ageToMonths }) },
    { key: 'domain', title: t('ecdc.plan.domain'), width: 120, render: (_, p) => <EnumTag table={DOMAIN_TAGS} value={p.domain} /> },
    { key: 'minutes', title: t('ecdc.plan.minutes'), width: 100, align: 'right', dataIndex: 'minutes' },
    { key: 'goal', title: t('ecdc.plan.goal'), ellipsis: true, dataIndex: 'goal' },
  ];

  const toolbar = (
    <Space wrap>
      <InputNumber
        min={0}
        max={72}
        placeholder={t('ecdc.plan.ageFilter')}
        value={ageMonths}
        onChange={(v) => setAgeMonths(typeof v === 'number' ? v : null)}
        style={{ width: 150 }}
        data-testid="plans-age"
      />
      <Select<Domain>
        allowClear
        placeholder={t('ecdc.plan.allDomains')}
        value={domain ?? undefined}
        onChange={(v) => setDomain(v ?? null)}
        options={DOMAINS.map((d) => ({ value: d, label: t(`ecdc.domain.${d}`) }))}
        style={{ width: 150 }}
        data-testid="plans-domain"
      />
      <Input.Search allowClear placeholder={t('ecdc.plan.search')} onSearch={setQ} style={{ width: 240 }} data-testid="plans-search" />
      <Segmented<View>
        value={view}
        onChange={setView}
        options={[
          { value: 'cards', label: t('ecdc.plan.cards') },
          { value: 'table', label: t('ecdc.plan.table') },
        ]}
      />
      {writable ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-new">
          {t('ecdc.plan.new')}
        </Button>
      ) : null}
    </Space>
  );

  let body;
  if (plans.isError) body = <QueryError error={plans.error} onRetry={() => void plans.refetch()} />;
  else if (plans.isPending) body = <Spin />;
  else if (items.length === 0) body = <Empty description={t('ecdc.plan.empty')} />;
  else if (view === 'table')
    body = (
      <Table<ActivityPlan>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(p) => ({ onClick: () => setOpenId(p.id), className: 'xf-clickable-row' })}
        scroll={{ x: 800 }}
        data-testid="plans-table"
      />
    );
  else
    body = (
      <div className="xf-plan-grid" data-testid="plans-cards">
        {items.map((p) => (
          <Card key={p.id} size="small" hoverable className="xf-plan-card" onClick={() => setOpenId(p.id)} data-testid={`plan-${p.id}`}>
            <Typography.Text strong>{p.title}</Typography.Text>
            <Space size={4} wrap>
              <EnumTag table={DOMAIN_TAGS} value={p.domain} />
              <Typography.Text type="secondary">
                {t('ecdc.monthsRange', { from: p.ageFromMonths, to: p.ageToMonths })} · {t('ecdc.minutes', { n: p.minutes })}
              </Typography.Text>
            </Space>
            <div className="xf-plan-goal">{p.goal}</div>
          </Card>
        ))}
      </div>
    );

  return (
    <div className="xf-stack" data-testid="ecd-plans-page">
      <EcdTabs />
      <Card
        title={t('ecdc.plan.title')}
        extra={plans.data ? <Typography.Text type="secondary">{t('ecdc.plan.count', { n: items.length })}</Typography.Text> : null}
      >
        <div className="xf-toolbar">{toolbar}</div>
        <Spin spinning={plans.isFetching && !plans.isPending}>{body}</Spin>
      </Card>
      <Drawer
        open={open !== null}
        onClose={() => setOpenId(null)}
        size={600}
        title={open?.title}
        destroyOnHidden
        extra={
          writable && open ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(open)} data-testid="plan-edit">
              {t('ecdc.plan.edit')}
            </Button>
          ) : null
        }
      >
        {open ? <PlanDetail plan={open} /> : null}
      </Drawer>
      {editing ? (
        <PlanModal
          plan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setOpenId(saved.id);
          }}
        />
      ) : null}
    </div>
  );
}
