import { BellOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useDesk } from '../../api/coordination.ts';
import type { Desk, Reminder, ReportSummary, Responsibility } from '../../api/coordinationTypes.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime, useI18n } from '../../i18n/index.ts';
import { CoordinationTabs } from './CoordinationTabs.tsx';
import { periodLabel, reportPath, ROW_STATE_TAGS, rowState, timeliness, TIMELINESS_TAGS } from './coordFormat.ts';
import { ActionItemList, OverdueActionsCard } from './OverdueActionsCard.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';

const RESPONSIBILITY_TAGS = enumTable<Responsibility['status']>('coord.responsibility', { planned: 'default', in_progress: 'blue', done: 'green' });

/** The liaison's own reports coming due or overdue, one alert each. */
function Reminders({ reminders }: { reminders: Reminder[] }) {
  const { t, lang } = useI18n();
  if (reminders.length === 0) return null;
  return (
    <div className="xf-stack xf-coord-reminders" data-testid="desk-reminders">
      {reminders.map((reminder) => {
        const params = {
          period: periodLabel(reminder.period, lang),
          date: reminder.dueOn,
          days: Math.abs(reminder.daysLeft),
        };
        const text = reminder.overdue
          ? t('coord.desk.overdueOwn', params)
          : reminder.daysLeft === 0
            ? t('coord.desk.dueTodayOwn', params)
            : t('coord.desk.dueInOwn', params);
        return (
          <Alert
            key={`${reminder.department}/${reminder.period}`}
            type={reminder.overdue ? 'error' : 'warning'}
            showIcon
            title={text}
            action={
              <Link to={reportPath(reminder.department, reminder.period)}>
                <Button size="small">{t('coord.reports.fill')}</Button>
              </Link>
            }
            data-testid={`reminder-${reminder.department}-${reminder.period}`}
            data-overdue={reminder.overdue ? 'true' : 'false'}
          />
        );
      })}
    </div>
  );
}

/** The office's view of the reminders: every department, so a table rather than a wall of alerts. */
function ReminderTable({ reminders }: { reminders: Reminder[] }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const columns: TableColumnsType<Reminder> = [
    { key: 'department', title: t('coord.col.department'), dataIndex: 'departmentName', ellipsis: true },
    { key: 'period', title: t('coord.col.period'), width: 110, render: (_, row) => periodLabel(row.period, lang) },
    { key: 'due', title: t('coord.col.dueOn'), width: 110, render: (_, row) => <span className="xf-num">{row.dueOn}</span> },
    {
      key: 'days',
      title: t('coord.desk.daysLeft'),
      width: 110,
      render: (_, row) =>
        row.overdue ? (
          <Tag color="red">{t('coord.desk.overdueDays', { days: Math.abs(row.daysLeft) })}</Tag>
        ) : (
          <Tag color="orange">{t('coord.desk.daysLeftValue', { days: row.daysLeft })}</Tag>
        ),
    },
    {
      key: 'status',
      title: t('coord.col.status'),
      width: 90,
      render: (_, row) => <EnumTag table={ROW_STATE_TAGS} value={rowState({ status: row.status, late: row.overdue })} />,
    },
  ];
  // Longest overdue first.
  const rows = [...reminders].sort((a, b) => a.daysLeft - b.daysLeft || a.department.localeCompare(b.department));
  return (
    <Table<Reminder>
      rowKey={(row) => `${row.department}/${row.period}`}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ defaultPageSize: 8, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
      onRow={(row) => ({ onClick: () => void navigate(reportPath(row.department, row.period)), className: 'xf-clickable-row' })}
      locale={{ emptyText: t('coord.desk.noReminders') }}
      scroll={{ x: 520 }}
      data-testid="desk-reminder-table"
    />
  );
}

function CurrentReportCard({ desk }: { desk: Desk }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const department = desk.department;
  if (!department) return null;
  const report = desk.currentReport;
  const fillable = !report || report.status === null || report.status === 'draft' || report.status === 'returned';
  return (
    <Card title={t('coord.desk.currentReport', { period: periodLabel(desk.currentPeriod, lang) })} className="xf-stat-card" data-testid="desk-current-report">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('coord.col.status')}>
          <EnumTag table={ROW_STATE_TAGS} value={rowState(report ?? { status: null, late: false })} testId="desk-current-status" />
        </Descriptions.Item>
        <Descriptions.Item label={t('coord.col.dueOn')}>
          <span className="xf-num">{report?.dueOn ?? '—'}</span>
        </Descriptions.Item>
        {report?.submittedAt ? (
          <Descriptions.Item label={t('coord.col.submittedAt')}>
            <span className="xf-num">{formatDateTime(report.submittedAt)}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Button
        type={fillable ? 'primary' : 'default'}
        icon={fillable ? <EditOutlined /> : <EyeOutlined />}
        onClick={() => void navigate(reportPath(department.code, desk.currentPeriod))}
        data-testid="desk-open-report"
      >
        {fillable ? t('coord.reports.fill') : t('coord.reports.open')}
      </Button>
    </Card>
  );
}

function NoticesCard({ count }: { count: number }) {
  const { t } = useI18n();
  return (
    <Card className="xf-stat-card" data-testid="desk-notices">
      <Statistic title={t('coord.desk.unreadNotices')} value={count} prefix={<BellOutlined />} />
      <Link to="/coordination/notices">{t('coord.desk.toNotices')}</Link>
    </Card>
  );
}

function Responsibilities({ items }: { items: Responsibility[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('coord.desk.responsibilities')} extra={<Link to="/coordination/plan">{t('coord.desk.toPlan')}</Link>} data-testid="desk-responsibilities">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coord.desk.noResponsibilities')} />
      ) : (
        <ul className="xf-coord-items">
          {items.map((item) => (
            <li key={item.id} className="xf-coord-item">
              <div className="xf-coord-item-main">
                <div>
                  <Tag>{t(`coord.area.${item.area}`)}</Tag>
                  <span className="xf-coord-item-title">{item.title}</span>
                </div>
                <div className="xf-subline">
                  {item.departments.map((d) => (d.lead ? t('coord.desk.lead', { name: d.shortName || d.name }) : d.shortName || d.name)).join('、')}
                </div>
              </div>
              <div className="xf-coord-item-side">
                <EnumTag table={RESPONSIBILITY_TAGS} value={item.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function LiaisonDesk({ desk }: { desk: Desk }) {
  const { t } = useI18n();
  return (
    <>
      <Card size="small" data-testid="desk-department">
        <span className="xf-coord-desk-dept">{desk.department?.name}</span>
        <span className="xf-subline">{t('coord.desk.today', { date: desk.today })}</span>
      </Card>
      <Reminders reminders={desk.reminders} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12} xl={8}>
          <CurrentReportCard desk={desk} />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <NoticesCard count={desk.unreadNotices} />
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={t('coord.desk.actionItems')}
            extra={<Link to="/coordination/action-items">{t('coord.desk.allActionItems')}</Link>}
            className="xf-stat-card"
            data-testid="desk-action-items"
          >
            {desk.actionItems.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coord.desk.noActionItems')} />
            ) : (
              <ActionItemList items={desk.actionItems} today={desk.today} testId="desk-action-list" />
            )}
          </Card>
        </Col>
      </Row>
      <Responsibilities items={desk.responsibilities} />
    </>
  );
}

function OfficeDesk({ desk }: { desk: Desk }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const reviewColumns: TableColumnsType<ReportSummary> = [
    { key: 'department', title: t('coord.col.department'), dataIndex: 'departmentName', ellipsis: true },
    { key: 'period', title: t('coord.col.period'), width: 110, render: (_, row) => periodLabel(row.period, lang) },
    { key: 'submitted', title: t('coord.col.submittedAt'), width: 150, render: (_, row) => <span className="xf-num">{formatDateTime(row.submittedAt)}</span> },
    { key: 'timeliness', title: t('coord.col.timeliness'), width: 90, render: (_, row) => <EnumTag table={TIMELINESS_TAGS} value={timeliness(row)} /> },
  ];
  const stats = [
    { key: 'review', title: t('coord.desk.awaitingReview'), value: desk.awaitingReview.length },
    { key: 'reminders', title: t('coord.desk.remindersCount'), value: desk.reminders.length },
    { key: 'overdue', title: t('coord.desk.overdueActions'), value: desk.overdueActions.length },
  ];
  return (
    <>
      <Row gutter={[16, 16]} data-testid="desk-stats">
        {stats.map((stat) => (
          <Col key={stat.key} xs={24} sm={8}>
            <Card size="small" className="xf-stat-card">
              <Statistic title={stat.title} value={stat.value} data-testid={`desk-stat-${stat.key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('coord.desk.awaitingReview')} data-testid="desk-awaiting-review">
        <Table<ReportSummary>
          rowKey={(row) => `${row.department}/${row.period}`}
          size="small"
          columns={reviewColumns}
          dataSource={desk.awaitingReview}
          pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
          onRow={(row) => ({ onClick: () => void navigate(reportPath(row.department, row.period)), className: 'xf-clickable-row' })}
          locale={{ emptyText: t('coord.desk.noReview') }}
          scroll={{ x: 520 }}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('coord.desk.reminders')} data-testid="desk-office-reminders">
            <ReminderTable reminders={desk.reminders} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <OverdueActionsCard />
        </Col>
      </Row>
    </>
  );
}

/** 工作台: what the signed-in user has to do now — a liaison's own report and duties, the office's reviews and overdue work. */
export function DeskPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const desk = useDesk();

  let body;
  if (desk.isError && !desk.data) {
    body = (
      <Card>
        <QueryError error={desk.error} onRetry={() => void desk.refetch()} />
      </Card>
    );
  } else if (!desk.data) {
    body = (
      <Card>
        <Skeleton active />
      </Card>
    );
  } else if (desk.data.department) {
    body = <LiaisonDesk desk={desk.data} />;
  } else {
    body = (
      <>
        {!can(PERMISSIONS.coordManage) ? <Alert type="info" showIcon title={t('coord.desk.readOnly')} /> : null}
        <OfficeDesk desk={desk.data} />
      </>
    );
  }

  return (
    <div className="xf-stack" data-testid="desk-page">
      <CoordinationTabs />
      {body}
    </div>
  );
}
