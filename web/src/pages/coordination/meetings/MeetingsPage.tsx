import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMeetings } from '../../../api/coordinationMeetings.ts';
import type { MeetingSummary } from '../../../api/coordinationTypes.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { formatDateTime, useI18n, type I18n } from '../../../i18n/index.ts';
import { CoordinationTabs } from '../CoordinationTabs.tsx';
import { MEETING_KIND_TAGS, MEETING_STATUS_TAGS, useCoordRole } from './coordmFormat.ts';
import '../meetings.css';
import { ScheduleMeetingModal } from './ScheduleMeetingModal.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';

function meetingColumns({ t }: I18n): TableColumnsType<MeetingSummary> {
  return [
    { key: 'kind', title: t('coordm.col.kind'), width: 120, render: (_, m) => <EnumTag table={MEETING_KIND_TAGS} value={m.kind} /> },
    {
      key: 'title',
      title: t('coordm.col.meeting'),
      ellipsis: true,
      render: (_, m) => (
        <Link to={`/coordination/meetings/${m.id}`} onClick={(event) => event.stopPropagation()} data-testid={`meeting-${m.id}`}>
          {m.title}
        </Link>
      ),
    },
    {
      key: 'startsAt',
      title: t('coordm.col.startsAt'),
      width: 150,
      render: (_, m) => <span className="xf-num">{formatDateTime(m.startsAt)}</span>,
    },
    { key: 'place', title: t('coordm.col.place'), width: 200, ellipsis: true, render: (_, m) => m.place },
    { key: 'status', title: t('coordm.col.status'), width: 96, render: (_, m) => <EnumTag table={MEETING_STATUS_TAGS} value={m.status} /> },
    {
      key: 'attendees',
      title: t('coordm.col.attendees'),
      width: 120,
      align: 'right',
      render: (_, m) => <span className="xf-num">{m.attendees}</span>,
    },
    {
      key: 'decisions',
      title: t('coordm.col.decisions'),
      width: 110,
      align: 'right',
      render: (_, m) => (m.status === 'held' ? <span className="xf-num">{m.decisions}</span> : <span className="xf-muted">—</span>),
    },
  ];
}

/** 例会: work and coordination meetings, newest first; the office schedules them. */
export function MeetingsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const { manage } = useCoordRole();
  const meetings = useMeetings();
  const [scheduling, setScheduling] = useState(false);

  return (
    <div className="xf-stack" data-testid="meetings-page">
      <CoordinationTabs />
      <Card
        title={t('coordm.meetings.title')}
        extra={
          <div className="xf-coordm-extra">
            <Button icon={<ReloadOutlined />} onClick={() => void meetings.refetch()} aria-label={t('common.refresh')} />
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setScheduling(true)} data-testid="meeting-schedule">
                {t('coordm.meetings.schedule')}
              </Button>
            ) : null}
          </div>
        }
      >
        <Typography.Paragraph type="secondary">{t('coordm.meetings.intro')}</Typography.Paragraph>
        {meetings.isError && !meetings.data ? (
          <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
        ) : (
          <Table<MeetingSummary>
            rowKey="id"
            size="middle"
            columns={meetingColumns(i18n)}
            dataSource={meetings.data?.items ?? []}
            loading={meetings.isFetching}
            onRow={(m) => ({ onClick: () => void navigate(`/coordination/meetings/${m.id}`), className: 'xf-clickable-row' })}
            rowClassName={(m) => (m.status === 'scheduled' ? 'xf-coordm-upcoming' : '')}
            locale={{ emptyText: meetings.isPending ? ' ' : t('coordm.meetings.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            scroll={{ x: 960 }}
            data-testid="meetings-table"
          />
        )}
      </Card>
      {scheduling ? <ScheduleMeetingModal onClose={() => setScheduling(false)} /> : null}
    </div>
  );
}
