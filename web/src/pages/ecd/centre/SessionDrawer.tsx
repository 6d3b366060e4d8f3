import { Alert, App, Button, Checkbox, Descriptions, Divider, Drawer, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useActivityPlan, useCancelSession, useSaveAttendance } from '../../../api/ecdCentre.ts';
import type { Session } from '../../../api/ecdCentreTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { DOMAIN_TAGS, useEcdErrorText } from './ecdErrors.ts';
import { PlanDetail } from './PlanDetail.tsx';
import { chinaWallTime, SESSION_STATUS_TAGS, sessionTime } from './sessionFormat.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

/** 考勤: one checkbox per class member (and an optional note); everyone not ticked is recorded absent. */
function AttendanceForm({ session }: { session: Session }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useEcdErrorText();
  const save = useSaveAttendance(session.id);
  const [present, setPresent] = useState<Set<string>>(() => new Set(session.attendance.filter((a) => a.present === true).map((a) => a.childId)));
  const [notes, setNotes] = useState<Record<string, string>>(() =>
    Object.fromEntries(session.attendance.filter((a) => a.note).map((a) => [a.childId, a.note ?? ''])),
  );
  const toggle = (childId: string, on: boolean) =>
    setPresent((prev) => {
      const next = new Set(prev);
      if (on) next.add(childId);
      else next.delete(childId);
      return next;
    });
  const submit = () => {
    const cleaned = Object.fromEntries(
      Object.entries(notes)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    save.mutate(
      { present: [...present], ...(Object.keys(cleaned).length > 0 ? { notes: cleaned } : {}) },
      { onSuccess: () => void message.success(t('ecdc.session.attendanceSaved')) },
    );
  };

  if (session.attendance.length === 0) return <Typography.Text type="secondary">{t('ecdc.session.noMembers')}</Typography.Text>;
  return (
    <div data-testid="attendance-form">
      <div style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => setPresent(new Set(session.attendance.map((a) => a.childId)))} data-testid="attendance-all">
          {t('ecdc.session.allPresent')}
        </Button>
      </div>
      {session.attendance.map((a) => (
        <div key={a.childId} className="xf-attendance-row">
          <Checkbox checked={present.has(a.childId)} onChange={(e) => toggle(a.childId, e.target.checked)} data-testid={`attendance-${a.childId}`}>
            {a.childName}
          </Checkbox>
          <Input
            size="small"
            placeholder={t('ecdc.session.noteFor')}
            value={notes[a.childId] ?? ''}
            maxLength={200}
            onChange={(e) => setNotes((prev) => ({ ...prev, [a.childId]: e.target.value }))}
          />
        </div>
      ))}
      {save.isError ? <Alert type="error" showIcon title={errorText(save.error)} style={{ marginTop: 8 }} /> : null}
      <Button type="primary" onClick={submit} loading={save.isPending} style={{ marginTop: 12 }} data-testid="attendance-save">
        {t('ecdc.session.saveAttendance')} ({present.size}/{session.attendance.length})
      </Button>
    </div>
  );
}

/** What a parent (or a read-only view) sees of the attendance. */
function AttendanceList({ session }: { session: Session }) {
  const { t } = useI18n();
  return (
    <div data-testid="attendance-list">
      {session.attendance.map((a) => (
        <div key={a.childId} className="xf-attendance-row">
          <span>{a.childName}</span>
          <span>
            <Tag color={a.present === null ? 'default' : a.present ? 'green' : 'red'} data-testid={`attendance-state-${a.childId}`}>
              {t(a.present === null ? 'ecdc.session.unknown' : a.present ? 'ecdc.session.present' : 'ecdc.session.absent')}
            </Tag>
            {a.note ? <Typography.Text type="secondary">{a.note}</Typography.Text> : null}
          </span>
        </div>
      ))}
    </div>
  );
}

function CancelSession({ session }: { session: Session }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useEcdErrorText();
  const cancel = useCancelSession(session.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  if (!open) {
    return (
      <Button danger onClick={() => setOpen(true)} data-testid="session-cancel">
        {t('ecdc.session.cancel')}
      </Button>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input
        placeholder={t('ecdc.session.cancelNote')}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        data-testid="session-cancel-note"
      />
      <Space>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
        <Button
          danger
          type="primary"
          disabled={note.trim() === ''}
          loading={cancel.isPending}
          onClick={() => cancel.mutate(note.trim(), { onSuccess: () => void message.success(t('ecdc.session.cancelled')) })}
          data-testid="session-cancel-confirm"
        >
          {t('ecdc.session.cancel')}
        </Button>
      </Space>
      {cancel.isError ? <Alert type="error" showIcon title={errorText(cancel.error)} /> : null}
    </Space>
  );
}

/** A session's details, its activity plan and (for staff) the attendance checklist. */
export function SessionDrawer({ session, writable, onClose }: { session: Session | null; writable: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const plan = useActivityPlan(session?.activityPlan?.id ?? null);
  return (
    <Drawer open={session !== null} onClose={onClose} size={560} title={session ? `${session.className} · ${t('ecdc.session.title')}` : ''} destroyOnHidden>
      {session ? (
        <div data-testid="session-drawer" data-session={session.id}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('ecdc.session.class')}>{session.className}</Descriptions.Item>
            <Descriptions.Item label={t('ecdc.session.time')}>
              {chinaWallTime(session.startsAt).format('YYYY-MM-DD ddd')} {sessionTime(session)}
              {t('common.inParens', { text: t('ecdc.minutes', { n: session.minutes }) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ecdc.session.teacher')}>{session.teacher.name}</Descriptions.Item>
            <Descriptions.Item label={t('ecdc.session.room')}>{session.room.name}</Descriptions.Item>
            <Descriptions.Item label={t('ecdc.session.status')}>
              <EnumTag table={SESSION_STATUS_TAGS} value={session.status} />
              {session.status === 'held' ? t('ecdc.session.presence', { present: session.presentCount, enrolled: session.enrolled }) : null}
              {session.note ? <Typography.Text type="secondary"> {session.note}</Typography.Text> : null}
            </Descriptions.Item>
          </Descriptions>

          <Divider titlePlacement="start">{t('ecdc.session.plan')}</Divider>
          {session.activityPlan ? (
            <>
              <Space style={{ marginBottom: 8 }}>
                <strong>{session.activityPlan.title}</strong>
                <EnumTag table={DOMAIN_TAGS} value={session.activityPlan.domain} />
              </Space>
              {plan.data ? <PlanDetail plan={plan.data} /> : plan.isPending ? <Spin /> : null}
            </>
          ) : (
            <Typography.Text type="secondary">{t('ecdc.session.noPlan')}</Typography.Text>
          )}

          <Divider titlePlacement="start">{t('ecdc.session.attendance')}</Divider>
          {writable && session.status !== 'cancelled' ? (
            <AttendanceForm key={`${session.id}-${session.status}`} session={session} />
          ) : (
            <AttendanceList session={session} />
          )}

          {writable && session.status === 'scheduled' ? (
            <>
              <Divider />
              <CancelSession session={session} />
            </>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
