import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { useMeeting } from '../../../api/coordinationMeetings.ts';
import type { ActionItem, Meeting } from '../../../api/coordinationTypes.ts';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder.tsx';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import { usePageCrumb } from '../../../layout/pageMeta.tsx';
import { CoordinationTabs } from '../CoordinationTabs.tsx';
import '../meetings.css';
import { ACTION_STATUS_TAGS, MEETING_KIND_TAGS, MEETING_STATUS_TAGS, useCoordRole } from './coordmFormat.ts';
import { MinutesForm } from './MinutesForm.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';

const ID = /^[0-9A-Za-z_-]{1,64}$/;

/** A link to an action item on the action items page, which opens and marks it. */
export const actionItemHref = (id: string) => `/coordination/action-items?item=${encodeURIComponent(id)}`;

function MeetingHeader({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  return (
    <Card
      title={
        <Space size={10} wrap>
          <EnumTag table={MEETING_KIND_TAGS} value={meeting.kind} />
          <span data-testid="meeting-title">{meeting.title}</span>
          <EnumTag table={MEETING_STATUS_TAGS} value={meeting.status} />
        </Space>
      }
      extra={
        <Link to="/coordination/meetings">
          <Button>{t('coordm.meeting.back')}</Button>
        </Link>
      }
      data-testid="meeting-header"
      data-status={meeting.status}
    >
      <Descriptions
        column={{ xs: 1, sm: 2, lg: 4 }}
        size="small"
        items={[
          { key: 'time', label: t('coordm.col.startsAt'), children: <span className="xf-num">{formatDateTime(meeting.startsAt)}</span> },
          { key: 'place', label: t('coordm.col.place'), children: meeting.place },
          { key: 'chair', label: t('coordm.field.chair'), children: meeting.chair },
          { key: 'attendees', label: t('coordm.col.attendees'), children: t('coordm.meeting.departmentCount', { count: meeting.attendees }) },
        ]}
      />
    </Card>
  );
}

function AgendaCard({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  return (
    <Card title={t('coordm.field.agenda')} size="small" data-testid="meeting-agenda">
      {meeting.agenda.length === 0 ? (
        <Typography.Text type="secondary">{t('coordm.meeting.noAgenda')}</Typography.Text>
      ) : (
        <ol className="xf-coordm-agenda">
          {meeting.agenda.map((item, index) => (
            <li key={`${index}-${item.title}`} data-carried={item.carried ? 'true' : 'false'}>
              {item.carried ? (
                <Tag color="orange" className="xf-inline-tag" data-testid="agenda-carried">
                  {t('coordm.meeting.carried')}
                </Tag>
              ) : null}
              {item.actionItemId ? <Link to={actionItemHref(item.actionItemId)}>{item.title}</Link> : item.title}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function AttendeesCard({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const held = meeting.status === 'held';
  const present = meeting.attendeeList.filter((d) => d.present === true).length;
  return (
    <Card
      title={t('coordm.field.attendees')}
      size="small"
      extra={
        held ? <Typography.Text type="secondary">{t('coordm.meeting.presentCount', { present, total: meeting.attendeeList.length })}</Typography.Text> : null
      }
      data-testid="meeting-attendees-list"
    >
      <ul className="xf-coordm-attendees">
        {meeting.attendeeList.map((d) => (
          <li key={d.code} data-present={d.present === null ? 'unknown' : String(d.present)}>
            {d.present === true ? (
              <CheckCircleFilled className="xf-coordm-present" aria-label={t('coordm.meeting.present')} />
            ) : d.present === false ? (
              <CloseCircleFilled className="xf-coordm-absent" aria-label={t('coordm.meeting.absent')} />
            ) : (
              <span className="xf-coordm-bullet" aria-hidden />
            )}
            <span title={d.name}>{d.name}</span>
            {d.present === false ? <span className="xf-subline">{t('coordm.meeting.absent')}</span> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function DecidedItems({ items }: { items: ActionItem[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<ActionItem> = [
    {
      key: 'title',
      title: t('coordm.decision.title'),
      render: (_, item) => <Link to={actionItemHref(item.id)}>{item.title}</Link>,
    },
    { key: 'owner', title: t('coordm.decision.owner'), width: 200, render: (_, item) => item.ownerName },
    { key: 'dueOn', title: t('coordm.decision.dueOn'), width: 120, render: (_, item) => <span className="xf-num">{item.dueOn}</span> },
    { key: 'status', title: t('coordm.col.status'), width: 100, render: (_, item) => <EnumTag table={ACTION_STATUS_TAGS} value={item.status} /> },
  ];
  return (
    <Card title={t('coordm.meeting.decided')} size="small" data-testid="meeting-action-items">
      <Table<ActionItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('coordm.meeting.noDecisions') }}
        scroll={{ x: 640 }}
      />
    </Card>
  );
}

function MeetingBody({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { manage } = useCoordRole();
  const held = meeting.status === 'held';
  return (
    <>
      <MeetingHeader meeting={meeting} />
      <div className="xf-coordm-two">
        <AgendaCard meeting={meeting} />
        <AttendeesCard meeting={meeting} />
      </div>
      {held ? (
        <>
          <Card title={t('coordm.minutes.title')} size="small">
            {meeting.minutes ? (
              <div className="xf-coordm-text" data-testid="meeting-minutes-text">
                {meeting.minutes}
              </div>
            ) : (
              <Typography.Text type="secondary">{t('coordm.minutes.none')}</Typography.Text>
            )}
          </Card>
          <DecidedItems items={meeting.actionItems} />
        </>
      ) : manage ? (
        // Remounted with each version: a meeting read again starts a clean form.
        <MinutesForm key={meeting.version} meeting={meeting} />
      ) : (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coordm.minutes.pending')} />
        </Card>
      )}
    </>
  );
}

/** One meeting: its agenda (items carried over marked), who attended, the minutes and the decisions. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const valid = ID.test(id);
  const detail = useMeeting(id, valid);
  const meeting = detail.data;
  usePageCrumb(meeting?.title ?? null);

  let body;
  if (!meeting) {
    body = (
      <DetailPlaceholder
        query={detail}
        invalidPath={valid ? null : `/api/coord/meetings/${id}`}
        notFoundTitle={t('coordm.meeting.notFound')}
        backTo={{ path: '/coordination/meetings', label: t('coordm.meeting.back') }}
      />
    );
  } else {
    body = <MeetingBody meeting={meeting} />;
  }

  return (
    <div className="xf-stack" data-testid="meeting-page">
      <CoordinationTabs />
      {body}
    </div>
  );
}
