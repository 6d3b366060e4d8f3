import { PlusOutlined } from '@ant-design/icons';
import { Button, Calendar, Card, Empty, Popover, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSessions } from '../../../api/ecdCentre.ts';
import type { Session } from '../../../api/ecdCentreTypes.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { useI18n } from '../../../i18n/index.ts';
import { EcdTabs } from '../EcdTabs.tsx';
import { SessionDrawer } from './SessionDrawer.tsx';
import { SessionModal } from './SessionModal.tsx';
import { byDay, chinaNow, chinaWallTime, monthRange, sessionTime } from './sessionFormat.ts';

const SHOWN_PER_DAY = 3;

function SessionChip({ session, onOpen }: { session: Session; onOpen: (id: string) => void }) {
  return (
    <button
      type="button"
      className={`xf-cal-session xf-cal-session-${session.status}`}
      title={`${sessionTime(session)} ${session.className} · ${session.room.name}`}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(session.id);
      }}
      data-testid={`session-${session.id}`}
      data-status={session.status}
    >
      {chinaWallTime(session.startsAt).format('HH:mm')} {session.className}
    </button>
  );
}

/** 课程安排: a month of sessions; a session opens its details, plan and attendance. A parent sees their child's sessions. */
export function CalendarPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const writable = can(PERMISSIONS.ecdWrite);
  const phone = useIsPhone();
  const [month, setMonth] = useState<Dayjs>(chinaNow);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creatingOn, setCreatingOn] = useState<Dayjs | null>(null);
  const range = monthRange(month);
  const sessions = useSessions(range.from, range.to);
  const days = useMemo(() => byDay(sessions.data?.items ?? []), [sessions.data]);
  const open = sessions.data?.items.find((s) => s.id === openId) ?? null;
  const inMonth = (sessions.data?.items ?? []).filter((s) => chinaWallTime(s.startsAt).isSame(month, 'month')).length;

  const cell = (date: Dayjs) => {
    const list = days.get(date.format('YYYY-MM-DD')) ?? [];
    if (list.length === 0) return null;
    const more = list.length - SHOWN_PER_DAY;
    return (
      <div className="xf-cal-cell">
        {list.slice(0, more > 0 ? SHOWN_PER_DAY : list.length).map((s) => (
          <SessionChip key={s.id} session={s} onOpen={setOpenId} />
        ))}
        {more > 0 ? (
          <Popover
            trigger="click"
            title={date.format('YYYY-MM-DD')}
            content={
              <div className="xf-cal-cell" style={{ width: 220 }}>
                {list.map((s) => (
                  <SessionChip key={s.id} session={s} onOpen={setOpenId} />
                ))}
              </div>
            }
          >
            <Typography.Link onClick={(e) => e.stopPropagation()} style={{ fontSize: 12 }}>
              {t('ecdc.cal.more', { n: more })}
            </Typography.Link>
          </Popover>
        ) : null}
      </div>
    );
  };

  // A phone shows the small calendar, a dot on days with sessions, and the chosen day's sessions under it.
  const dot = (date: Dayjs) => <span className={days.has(date.format('YYYY-MM-DD')) ? 'xf-cal-dot' : 'xf-cal-dot xf-cal-dot-none'} />;
  const chosen = days.get(month.format('YYYY-MM-DD')) ?? [];
  const dayList = (
    <div className="xf-cal-day" data-testid="calendar-day">
      <Typography.Text strong>{month.format('YYYY-MM-DD')}</Typography.Text>
      {chosen.length > 0 ? (
        <div className="xf-cal-cell">
          {chosen.map((s) => (
            <SessionChip key={s.id} session={s} onOpen={setOpenId} />
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ecdc.cal.dayEmpty')} />
      )}
    </div>
  );

  const extra = (
    <Space>
      <Typography.Text type="secondary" data-testid="calendar-count" data-count={inMonth}>
        {inMonth === 0 && !sessions.isFetching ? t('ecdc.cal.empty') : null}
      </Typography.Text>
      {writable ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingOn(month)} data-testid="session-new">
          {t('ecdc.cal.new')}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <div className="xf-stack" data-testid="ecd-calendar-page">
      <EcdTabs />
      <Card title={t('ecdc.cal.title')} extra={extra}>
        {sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <div data-testid="ecd-calendar" data-loading={sessions.isFetching ? 'true' : 'false'}>
            <Calendar
              fullscreen={!phone}
              value={month}
              onPanelChange={(value) => setMonth(value)}
              onSelect={(value) => setMonth(value)}
              cellRender={(current, info) => (info.type !== 'date' ? info.originNode : phone ? dot(current) : cell(current))}
            />
            {phone ? dayList : null}
          </div>
        )}
      </Card>
      <SessionDrawer session={open} writable={writable} onClose={() => setOpenId(null)} />
      {creatingOn ? <SessionModal day={creatingOn} onClose={() => setCreatingOn(null)} /> : null}
    </div>
  );
}
