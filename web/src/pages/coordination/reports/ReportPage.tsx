import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { useReport } from '../../../api/coordination.ts';
import type { Report, ReportEvent } from '../../../api/coordinationTypes.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder.tsx';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import { usePageCrumb } from '../../../layout/pageMeta.tsx';
import { CoordinationTabs } from '../CoordinationTabs.tsx';
import { PERIOD_PATTERN, periodLabel, ROW_STATE_TAGS, rowState, timeliness, TIMELINESS_TAGS } from '../coordFormat.ts';
import { ReportAttachments } from './ReportAttachments.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ReportReview } from './ReportReview.tsx';
import { ValuesTable } from './ReportValues.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';

const muted = <span className="xf-muted">—</span>;

const EVENT_COLORS: Record<ReportEvent['action'], string> = {
  saved: 'gray',
  submitted: 'blue',
  resubmitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};

function ReportHistory({ history }: { history: ReportEvent[] }) {
  const { t, tx } = useI18n();
  return (
    <Card title={t('coord.report.history')} data-testid="report-history">
      {history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coord.report.noHistory')} />
      ) : (
        <Timeline
          items={history.map((event, index) => ({
            key: index,
            color: EVENT_COLORS[event.action],
            content: (
              <div data-testid={`report-event-${event.action}`}>
                <span className="xf-event-who">{tx(`coord.event.${event.action}`, event.action)}</span>
                {event.comment ? <div className="xf-coord-event-comment">{event.comment}</div> : null}
                <div className="xf-event-meta">{t('coord.event.byAt', { user: event.actorName, time: formatDateTime(event.at) })}</div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** The narrative of a report that can no longer be edited, as written. */
function ReportText({ report }: { report: Report }) {
  const { t } = useI18n();
  const sections = [
    { key: 'progress', label: t('coord.field.progress'), text: report.progress },
    { key: 'work', label: t('coord.field.work'), text: report.work },
    { key: 'effect', label: t('coord.field.effect'), text: report.effect },
    { key: 'problems', label: t('coord.field.problems'), text: report.problems },
  ];
  return (
    <div className="xf-coord-narrative">
      {sections.map((section) => (
        <section key={section.key} data-testid={`report-${section.key}`}>
          <div className="xf-form-section">{section.label}</div>
          {section.text ? <p className="xf-coord-text">{section.text}</p> : <p className="xf-muted">{t('coord.report.notWritten')}</p>}
        </section>
      ))}
      <div className="xf-form-section">{t('coord.report.indicators')}</div>
      <ValuesTable report={report} />
    </div>
  );
}

function ReportHeader({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  return (
    <Card
      title={
        <Space size={10} wrap>
          <span data-testid="report-title">{t('coord.report.heading', { department: report.departmentName, period: periodLabel(report.period, lang) })}</span>
          <EnumTag table={ROW_STATE_TAGS} value={rowState(report)} testId="report-status" />
          {report.status === 'accepted' ? (
            <Tag icon={<LockOutlined />} color="green" data-testid="report-locked">
              {t('coord.report.locked')}
            </Tag>
          ) : null}
        </Space>
      }
      extra={
        <Link to="/coordination/reports">
          <Button>{t('coord.report.back')}</Button>
        </Link>
      }
      data-testid="report-header"
      data-status={report.status ?? 'none'}
      data-version={report.version}
    >
      <Descriptions column={{ xs: 1, sm: 2, xl: 4 }} size="small">
        <Descriptions.Item label={t('coord.col.dueOn')}>
          <span className="xf-num">{report.dueOn}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('coord.col.submittedAt')}>
          {report.submittedAt ? <span className="xf-num">{formatDateTime(report.submittedAt)}</span> : muted}
        </Descriptions.Item>
        <Descriptions.Item label={t('coord.col.timeliness')}>
          <EnumTag table={TIMELINESS_TAGS} value={timeliness(report)} />
        </Descriptions.Item>
        <Descriptions.Item label={t('coord.report.acceptedAt')}>
          {report.acceptedAt ? <span className="xf-num">{formatDateTime(report.acceptedAt)}</span> : muted}
        </Descriptions.Item>
      </Descriptions>
      {report.status === 'returned' && report.returnComment ? (
        <Alert
          type="warning"
          showIcon
          className="xf-coord-return"
          title={report.editable ? t('coord.report.returnedTitle') : t('coord.report.returnedTitleOthers')}
          description={<span className="xf-coord-text">{report.returnComment}</span>}
          data-testid="report-return-comment-shown"
        />
      ) : null}
      {report.status === 'accepted' ? <Alert type="success" showIcon className="xf-coord-return" title={t('coord.report.lockedHint')} /> : null}
      {report.status === 'submitted' && !report.reviewable ? (
        <Alert type="info" showIcon className="xf-coord-return" title={t('coord.report.waitingReview')} />
      ) : null}
    </Card>
  );
}

/** 月报: the form while the liaison may edit it; otherwise the report as filed, with the office's review. */
export function ReportPage() {
  const { department = '', period = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const valid = PERIOD_PATTERN.test(period) && department !== '';
  const detail = useReport(department, period, valid);
  const report = detail.data;
  usePageCrumb(report ? `${report.departmentName} ${periodLabel(report.period, lang)}` : null);

  let body;
  if (!report) {
    body = (
      <DetailPlaceholder
        query={detail}
        invalidPath={valid ? null : `/api/coord/reports/${department}/${period}`}
        notFoundTitle={t('coord.report.notFound')}
        backTo={{ path: '/coordination/reports', label: t('coord.report.back') }}
      />
    );
  } else {
    const review = report.reviewable && can(PERMISSIONS.coordManage);
    body = (
      <>
        <ReportHeader report={report} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={report.editable ? t('coord.report.formTitle') : t('coord.report.viewTitle')} data-testid="report-body">
              {report.editable ? (
                // One form per report: a save keeps what is typed, a new report starts afresh.
                <ReportForm key={`${report.department}/${report.period}`} report={report} />
              ) : report.id === null ? (
                <Empty description={t('coord.report.notFiled')} data-testid="report-not-filed" />
              ) : (
                <ReportText report={report} />
              )}
              {review ? <ReportReview report={report} /> : null}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <div className="xf-stack">
              <ReportAttachments report={report} />
              <ReportHistory history={report.history} />
            </div>
          </Col>
        </Row>
      </>
    );
  }

  return (
    <div className="xf-stack" data-testid="report-page">
      <CoordinationTabs />
      {body}
    </div>
  );
}
