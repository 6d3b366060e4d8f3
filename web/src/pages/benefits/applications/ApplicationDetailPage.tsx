import { CheckOutlined, CloseOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { benefitsWorkflowApi, type ApplicationDetail, type DecisionAction, type NoticePeriod, type Objection } from '../../../api/benefitsWorkflow.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder.tsx';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import { usePageCrumb } from '../../../layout/pageMeta.tsx';
import { BenefitsTabs } from '../BenefitsTabs.tsx';
import { ApplicationSteps } from './ApplicationSteps.tsx';
import { DecisionModal } from './DecisionModal.tsx';
import { EvaluationView } from './EvaluationView.tsx';
import { ObjectionModal, ResolveModal } from './ObjectionModals.tsx';
import { Money } from './WorkflowTags.tsx';
import { APPLICATION_STATE_TAGS, businessToday, categoryLabel, currentStateKey, mayRecordObjection, noticeRunning, programmeName } from './workflowFormat.ts';
import { queryKeys } from '../../../api/queryKeys.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';
import './workflow.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const muted = <span className="xf-muted">—</span>;

/** The pass / reject / withdraw buttons for whoever may take the next step now. */
function DecisionBar({ app, onDecide }: { app: ApplicationDetail; onDecide: (action: DecisionAction) => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const step = app.nextStep;
  if (!step) return null;
  // Withdrawing is open to the applicant's village and township workers and the office at any step.
  const mayWithdraw = can(PERMISSIONS.benefitsConfirm) || can(PERMISSIONS.benefitsManage);
  if (!app.canAct && !mayWithdraw) return null;
  return (
    <div className="xf-wf-actions" data-testid="application-actions">
      {app.waitUntil ? <Alert type="info" showIcon title={t('wf.waitUntil', { date: app.waitUntil })} data-testid="application-wait" /> : null}
      {app.canAct && app.openObjections > 0 ? (
        <Alert type="warning" showIcon title={t('wf.objectionsOpen', { count: app.openObjections })} data-testid="application-objections-open" />
      ) : null}
      {app.canAct ? (
        <>
          <Button type="primary" icon={<CheckOutlined />} disabled={app.waitUntil !== null} onClick={() => onDecide('pass')} data-testid="application-pass">
            {t(`wf.action.pass.${step}`)}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={() => onDecide('reject')} data-testid="application-reject">
            {t('wf.action.reject')}
          </Button>
        </>
      ) : (
        <Typography.Text type="secondary" data-testid="application-waiting">
          {t('wf.notYours', { step: t(`wf.next.${step}`) })}
        </Typography.Text>
      )}
      <div className="xf-toolbar-spacer" />
      {mayWithdraw ? (
        <Button icon={<RollbackOutlined />} onClick={() => onDecide('withdraw')} data-testid="application-withdraw">
          {t('wf.action.withdraw')}
        </Button>
      ) : null}
    </div>
  );
}

function ApplicationHeader({ app, onDecide }: { app: ApplicationDetail; onDecide: (action: DecisionAction) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Card
      title={
        <Space size={10} wrap>
          <span data-testid="application-person">{app.personName}</span>
          <Typography.Text type="secondary" className="xf-code" style={{ fontWeight: 'normal' }}>
            {app.idNumberMasked}
          </Typography.Text>
          <EnumTag table={APPLICATION_STATE_TAGS} value={app.state} label={currentStateKey(app)} />
        </Space>
      }
      extra={
        <Link to="/benefits/applications">
          <Button>{t('wf.app.back')}</Button>
        </Link>
      }
      data-testid="application-header"
      data-state={app.state}
      data-version={app.version}
    >
      <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('wf.col.programme')}>
          <span data-testid="application-programme">{programmeName(i18n, app.programme, app.programmeName)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('wf.detail.year')}>{t('wf.yearOption', { year: app.year })}</Descriptions.Item>
        <Descriptions.Item label={t('wf.col.category')}>{app.category ? categoryLabel(i18n, app.category) : muted}</Descriptions.Item>
        <Descriptions.Item label={t('wf.detail.person')}>
          {t(`wf.sex.${app.sex}`)} · {t('wf.detail.born', { date: app.birthDate })}
        </Descriptions.Item>
        <Descriptions.Item label={t('wf.detail.area')}>
          {app.townshipName} / {app.villageName}
          <Link to={`/registry/households/${app.householdId}`} style={{ marginLeft: 8 }}>
            {t('wf.detail.household')}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('wf.col.monthlyAmount')}>
          <Money amount={app.monthlyAmount} testId="application-amount" />
        </Descriptions.Item>
        <Descriptions.Item label={t('wf.col.appliedOn')}>{app.appliedOn}</Descriptions.Item>
        <Descriptions.Item label={t('wf.detail.bank')}>
          {app.bankName} <span className="xf-code">{app.bankAccountMasked}</span>
        </Descriptions.Item>
        {app.startMonth ? <Descriptions.Item label={t('wf.detail.startMonth')}>{app.startMonth}</Descriptions.Item> : null}
        {app.closingReason ? (
          <Descriptions.Item label={t('wf.detail.closingReason')}>
            <span data-testid="application-closing-reason">{app.closingReason}</span>
          </Descriptions.Item>
        ) : null}
        {app.note ? <Descriptions.Item label={t('wf.form.note')}>{app.note}</Descriptions.Item> : null}
      </Descriptions>
      <DecisionBar app={app} onDecide={onDecide} />
    </Card>
  );
}

function noticeText(notice: NoticePeriod | null, running: boolean, t: ReturnType<typeof useI18n>['t']) {
  if (!notice) return muted;
  return (
    <span className="xf-num">
      {notice.from} ~ {notice.until}
      {running ? (
        <Tag color="orange" className="xf-inline-tag">
          {t('wf.notice.running')}
        </Tag>
      ) : null}
    </span>
  );
}

/** The notice periods, and the objections received during them with how each was resolved. */
function NoticesCard({ app }: { app: ApplicationDetail }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [adding, setAdding] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const mayConfirm = can(PERMISSIONS.benefitsConfirm) || can(PERMISSIONS.benefitsManage);
  const today = businessToday();
  const running = noticeRunning(app, today);
  const recordable = mayRecordObjection(app, today);

  const columns: TableColumnsType<Objection> = [
    {
      key: 'received',
      title: t('wf.objection.receivedOn'),
      width: 110,
      render: (_, o) => (
        <div>
          <span className="xf-num">{o.receivedOn}</span>
          <div className="xf-subline">{t(`wf.noticeShort.${o.stage}`)}</div>
        </div>
      ),
    },
    {
      key: 'objector',
      title: t('wf.objection.objector'),
      width: 120,
      render: (_, o) => (
        <div>
          {o.objector}
          <div className="xf-subline">{t('wf.objection.recordedByName', { user: o.recordedByName ?? o.recordedBy })}</div>
        </div>
      ),
    },
    { key: 'content', title: t('wf.objection.content'), dataIndex: 'content' },
    {
      key: 'result',
      title: t('wf.objection.result'),
      render: (_, o) => (
        <div data-testid="objection-result" data-upheld={String(o.upheld)}>
          {o.upheld === null ? (
            <Tag color="orange">{t('wf.objection.open')}</Tag>
          ) : o.upheld ? (
            <Tag color="red">{t('wf.objection.upheld.true')}</Tag>
          ) : (
            <Tag color="green">{t('wf.objection.upheld.false')}</Tag>
          )}
          {o.resolution ? <div>{o.resolution}</div> : null}
          {o.resolvedBy ? (
            <div className="xf-subline">{t('wf.steps.byAt', { user: o.resolvedByName ?? o.resolvedBy, time: formatDateTime(o.resolvedAt) })}</div>
          ) : null}
        </div>
      ),
    },
    ...(mayConfirm && app.objections.some((o) => o.upheld === null)
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 76,
            render: (_: unknown, o: Objection) =>
              o.upheld === null ? (
                <Button size="small" onClick={() => setResolving(o)} data-testid="objection-resolve">
                  {t('wf.objection.resolveShort')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('wf.detail.notices')}
      extra={
        mayConfirm && recordable ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="objection-add">
            {t('wf.objection.add')}
          </Button>
        ) : null
      }
      data-testid="application-notices"
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('wf.notice.village')}>{noticeText(app.villageNotice, running && app.state === 'village_notice', t)}</Descriptions.Item>
        <Descriptions.Item label={t('wf.notice.township')}>{noticeText(app.townshipNotice, running && app.state === 'township_notice', t)}</Descriptions.Item>
      </Descriptions>
      <Table<Objection>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={app.objections}
        pagination={false}
        locale={{ emptyText: t('wf.objection.none') }}
        scroll={{ x: 600 }}
        data-testid="objections-table"
      />
      {adding ? <ObjectionModal app={app} onClose={() => setAdding(false)} /> : null}
      {resolving ? <ResolveModal objection={resolving} onClose={() => setResolving(null)} /> : null}
    </Card>
  );
}

/** One application: where it stands, why the person qualifies, the notices and objections; the next step. */
export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const valid = UUID.test(id);
  const [deciding, setDeciding] = useState<DecisionAction | null>(null);
  const detail = useQuery({
    queryKey: queryKeys.benefits.workflow.application(id),
    queryFn: ({ signal }) => benefitsWorkflowApi.application(id, signal),
    enabled: valid,
  });
  const app = detail.data;
  usePageCrumb(app ? `${app.personName} · ${programmeName(i18n, app.programme, app.programmeName)}` : null);

  let body;
  if (!app) {
    body = (
      <DetailPlaceholder
        query={detail}
        invalidPath={valid ? null : `/api/benefits/applications/${id}`}
        notFoundTitle={t('wf.app.notFound')}
        backTo={{ path: '/benefits/applications', label: t('wf.app.back') }}
      />
    );
  } else {
    body = (
      <>
        <ApplicationHeader app={app} onDecide={setDeciding} />
        <Card title={t('wf.detail.progress')}>
          <ApplicationSteps app={app} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Card title={t('wf.detail.evaluation')} extra={<Typography.Text type="secondary">{t('wf.detail.evaluationNote')}</Typography.Text>}>
              <EvaluationView result={app.evaluation} testId="application-evaluation" />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <NoticesCard app={app} />
          </Col>
        </Row>
        {deciding ? <DecisionModal app={app} action={deciding} onClose={() => setDeciding(null)} /> : null}
      </>
    );
  }

  return (
    <div className="xf-stack" data-testid="application-detail-page">
      <BenefitsTabs />
      {body}
    </div>
  );
}
