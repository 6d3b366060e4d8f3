import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { usePatchResponsibility, usePlan } from '../../api/coordinationMeetings.ts';
import type { ContentArea, Plan, Responsibility, ResponsibilityStatus } from '../../api/coordinationTypes.ts';
import { useShowError } from '../../api/errors.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { useI18n } from '../../i18n/index.ts';
import { businessToday } from '../registry/registryFormat.ts';
import { CoordinationTabs } from './CoordinationTabs.tsx';
import './meetings.css';
import { AREA_TAGS, CONTENT_AREAS, RESPONSIBILITY_STATUS_TAGS, RESPONSIBILITY_STATUSES, useCoordRole } from './meetings/coordmFormat.ts';
import { ResponsibilityModal } from './ResponsibilityModal.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';

/** The status of a responsibility: a Select for who may change it, a tag for the others. */
function StatusControl({ item }: { item: Responsibility }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { manage, report, ownDepartments } = useCoordRole();
  const patch = usePatchResponsibility();
  const mine = report && item.departments.some((d) => ownDepartments.includes(d.code));
  if (!manage && !mine) return <EnumTag table={RESPONSIBILITY_STATUS_TAGS} value={item.status} />;
  return (
    <Select<ResponsibilityStatus>
      size="small"
      value={item.status}
      loading={patch.isPending}
      disabled={patch.isPending}
      onChange={(status) =>
        patch.mutate(
          { id: item.id, body: { version: item.version, status } },
          { onSuccess: () => void message.success(t('coordm.plan.statusSaved')), onError: showError },
        )
      }
      options={RESPONSIBILITY_STATUSES.map((s) => ({ value: s, label: <EnumTag table={RESPONSIBILITY_STATUS_TAGS} value={s} /> }))}
      popupMatchSelectWidth={false}
      className="xf-coordm-status-select"
      aria-label={t('coordm.col.status')}
      data-testid={`responsibility-status-${item.id}`}
    />
  );
}

function ResponsibilityRow({ item, onEdit }: { item: Responsibility; onEdit?: (item: Responsibility) => void }) {
  const { t } = useI18n();
  const { ownDepartments } = useCoordRole();
  return (
    <div className="xf-coordm-resp" data-testid={`responsibility-${item.id}`}>
      <div className="xf-coordm-resp-main">
        <div className="xf-coordm-resp-title">{item.title}</div>
        {item.description ? <div className="xf-coordm-resp-desc">{item.description}</div> : null}
        <div className="xf-coordm-resp-departments">
          {item.departments.map((d) => (
            <Tag
              key={d.code}
              color={d.lead ? 'blue' : undefined}
              variant={ownDepartments.includes(d.code) ? 'solid' : 'outlined'}
              title={d.name}
              data-lead={d.lead ? 'true' : 'false'}
            >
              {d.lead ? `${t('coordm.plan.lead')} · ` : ''}
              {d.shortName || d.name}
            </Tag>
          ))}
        </div>
      </div>
      <Space className="xf-coordm-resp-side" size={8}>
        <StatusControl item={item} />
        {onEdit ? (
          <Button
            size="small"
            type="text"
            icon={<EditOutlined />}
            onClick={() => onEdit(item)}
            aria-label={t('common.edit')}
            data-testid="responsibility-edit"
          />
        ) : null}
      </Space>
    </div>
  );
}

function AreaSection({ area, items, onEdit }: { area: ContentArea; items: Responsibility[]; onEdit?: (item: Responsibility) => void }) {
  const { t } = useI18n();
  const done = items.filter((item) => item.status === 'done').length;
  return (
    <section className={`xf-coordm-area xf-coordm-area-${area}`} data-testid={`plan-area-${area}`}>
      <div className="xf-coordm-area-head">
        <EnumTag table={AREA_TAGS} value={area} />
        <span className="xf-coordm-area-name">{t(`coordm.areaLong.${area}`)}</span>
        <span className="xf-subline">{t('coordm.plan.areaCount', { count: items.length, done })}</span>
      </div>
      {items.length === 0 ? (
        <Typography.Text type="secondary" className="xf-coordm-area-empty">
          {t('coordm.plan.areaEmpty')}
        </Typography.Text>
      ) : (
        items.map((item) => <ResponsibilityRow key={item.id} item={item} onEdit={onEdit} />)
      )}
    </section>
  );
}

function PlanBody({ plan, onEdit }: { plan: Plan; onEdit?: (item: Responsibility) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={4} className="xf-coordm-plan-title" data-testid="plan-title">
        {plan.title}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'doc', label: t('coordm.plan.docNumber'), children: <span data-testid="plan-doc-number">{plan.docNumber}</span> },
          { key: 'issued', label: t('coordm.plan.issuedOn'), children: <span className="xf-num">{plan.issuedOn}</span> },
        ]}
      />
      <Typography.Title level={5} className="xf-coordm-section">
        {t('coordm.plan.goals')}
      </Typography.Title>
      <div className="xf-coordm-text">{plan.goals}</div>
      <Typography.Title level={5} className="xf-coordm-section">
        {t('coordm.plan.measures')}
      </Typography.Title>
      <div className="xf-coordm-text">{plan.measures}</div>
      <Typography.Title level={5} className="xf-coordm-section">
        {t('coordm.plan.responsibilities')}
      </Typography.Title>
      <div className="xf-coordm-areas">
        {CONTENT_AREAS.map((area) => (
          <AreaSection key={area} area={area} items={plan.responsibilities.filter((r) => r.area === area)} onEdit={onEdit} />
        ))}
      </div>
    </>
  );
}

/** The year asked for, kept in the URL; without one the server answers the latest plan. */
const PLAN_QUERY = { year: urlField.number(null, (year) => year !== 0) };

/** 实施方案: the year's plan and the responsibilities of the departments under its five areas. */
export function PlanPage() {
  const { t } = useI18n();
  const { manage } = useCoordRole();
  const [{ year: asked }, setQuery] = useUrlQuery(PLAN_QUERY);
  const plan = usePlan(asked);
  const [editing, setEditing] = useState<Responsibility | 'new' | null>(null);
  const shown = asked === null || plan.data?.year === asked ? plan.data : undefined;
  const year = shown?.year ?? asked ?? Number(businessToday().slice(0, 4));
  const years = plan.data?.years ?? [year];
  const missing = plan.isError && isApiError(plan.error) && plan.error.status === 404;

  let body;
  if (missing) {
    body = <Empty description={t('coordm.plan.none', { year })} data-testid="plan-none" />;
  } else if (plan.isError && !shown) {
    body = <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  } else if (!shown) {
    body = <Skeleton active />;
  } else {
    body = <PlanBody plan={shown} onEdit={manage ? setEditing : undefined} />;
  }

  return (
    <div className="xf-stack" data-testid="plan-page">
      <CoordinationTabs />
      <Card
        title={t('coordm.plan.pageTitle')}
        extra={
          <div className="xf-coordm-extra">
            <Select<number>
              value={year}
              onChange={(next) => setQuery({ year: next })}
              options={years.map((y) => ({ value: y, label: t('coordm.yearOption', { year: y }) }))}
              style={{ width: 120 }}
              aria-label={t('coordm.plan.year')}
              data-testid="plan-year"
            />
            <Button icon={<ReloadOutlined />} onClick={() => void plan.refetch()} aria-label={t('common.refresh')} />
            {manage && shown ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="responsibility-add">
                {t('coordm.plan.add')}
              </Button>
            ) : null}
          </div>
        }
      >
        {body}
      </Card>
      {editing ? <ResponsibilityModal year={year} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
