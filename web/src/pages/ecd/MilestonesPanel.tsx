import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Child } from '../../api/ecd.ts';
import { useMilestones, useSetMilestone, useUndoMilestone } from '../../api/ecdCentre.ts';
import type { MilestoneStatus } from '../../api/ecdCentreTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';
import { businessToday, DATE_FORMAT, isFuture, toDateText } from '../registry/registryFormat.ts';
import { axisTicks, MILESTONE_STATE_COLORS, milestoneAxis, percentOf } from './milestoneBar.ts';

/** The state of one milestone as a tag (crawling's "late" is an observation: healthy children may skip it). */
export function MilestoneStateTag({ item }: { item: MilestoneStatus }) {
  const { t } = useI18n();
  const color = item.milestone === 'crawling' && item.state === 'late' ? 'orange' : MILESTONE_STATE_COLORS[item.state];
  return (
    <Tag color={color} data-testid={`milestone-state-${item.milestone}`} data-state={item.state}>
      {t(`ecdc.ms.state.${item.state}`)}
    </Tag>
  );
}

/** The WHO window as a coloured span on a month axis, the child's age today as a line, achievement as a dot. */
function WindowBar({ item, axis, ageMonths }: { item: MilestoneStatus; axis: number; ageMonths: number }) {
  const { t, lang } = useI18n();
  const from = percentOf(item.window.fromMonths, axis);
  const to = percentOf(item.window.toMonths, axis);
  const label = lang === 'en' ? item.labelEn : item.label;
  return (
    <div className="xf-ms-bar" role="img" aria-label={`${label}: ${t('ecdc.ms.window', { from: item.window.fromMonths, to: item.window.toMonths })}`}>
      <div className={`xf-ms-window xf-ms-window-${item.state}`} style={{ left: `${from}%`, width: `${Math.max(0.5, to - from)}%` }} />
      <div className="xf-ms-today" style={{ left: `${percentOf(ageMonths, axis)}%` }} />
      {item.achievedAtMonths !== null ? (
        <Tooltip title={t('ecdc.ms.achievedAt', { date: item.achievedOn ?? '', months: item.achievedAtMonths.toFixed(1) })}>
          <div className={`xf-ms-dot xf-ms-dot-${item.state}`} style={{ left: `${percentOf(item.achievedAtMonths, axis)}%` }} />
        </Tooltip>
      ) : null}
    </div>
  );
}

interface TickValues {
  date: Dayjs;
  note?: string;
}

/** 记录达成: the day the teacher saw the milestone (not before birth, not in the future) and a note. */
function TickModal({ child, item, onClose }: { child: Child; item: MilestoneStatus; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<TickValues>();
  const save = useSetMilestone(child.id);
  const submit = (values: TickValues) =>
    save.mutate(
      { milestone: item.milestone, achievedOn: toDateText(values.date), note: values.note?.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t('ecdc.ms.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={`${t('ecdc.ms.set')} · ${lang === 'en' ? item.labelEn : item.label}`}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="milestone-save">
          {t('ecdc.ms.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form<TickValues>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(item.achievedOn ?? businessToday()), note: item.note ?? '' }}
        onFinish={submit}
      >
        <Form.Item name="date" label={t('ecdc.ms.date')} rules={[{ required: true }]}>
          <DatePicker
            format={DATE_FORMAT}
            disabledDate={(d) => isFuture(d) || d.format(DATE_FORMAT) < child.birthDate}
            style={{ width: '100%' }}
            data-testid="milestone-date"
          />
        </Form.Item>
        <Form.Item name="note" label={t('ecdc.ms.note')}>
          <Input maxLength={500} data-testid="milestone-note" />
        </Form.Item>
      </Form>
      {save.isError ? <Alert type="error" showIcon title={errorText(save.error)} data-testid="milestone-error" /> : null}
    </Modal>
  );
}

/** 大运动发育里程碑: the six WHO milestones, each against its window of achievement; teachers tick or undo them. */
export function MilestonesPanel({ child, writable }: { child: Child; writable: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorText();
  const milestones = useMilestones(child.id);
  const undo = useUndoMilestone(child.id);
  const [ticking, setTicking] = useState<MilestoneStatus | null>(null);

  if (milestones.isError) {
    return (
      <Card title={t('ecdc.ms.title')}>
        <QueryError error={milestones.error} onRetry={() => void milestones.refetch()} />
      </Card>
    );
  }
  const data = milestones.data;
  const axis = data ? milestoneAxis(data.ageMonths, data.items) : 24;

  return (
    <Card title={t('ecdc.ms.title')} loading={milestones.isPending} data-testid="milestones-panel">
      <Typography.Paragraph type="secondary" className="xf-ms-hint">
        {t('ecdc.ms.hint')}
      </Typography.Paragraph>
      <div className="xf-ms-grid">
        {data?.items.map((item) => (
          <div key={item.milestone} className="xf-ms-row" data-testid={`milestone-${item.milestone}`} data-state={item.state}>
            <div className="xf-ms-label">
              <strong>{lang === 'en' ? item.labelEn : item.label}</strong>
              <MilestoneStateTag item={item} />
            </div>
            <WindowBar item={item} axis={axis} ageMonths={data.ageMonths} />
            <div className="xf-ms-side">
              <Typography.Text type="secondary" className="xf-ms-window-text">
                {t('ecdc.ms.window', { from: item.window.fromMonths, to: item.window.toMonths })}
              </Typography.Text>
              {item.achievedOn ? (
                <Typography.Text>{t('ecdc.ms.achievedAt', { date: item.achievedOn, months: (item.achievedAtMonths ?? 0).toFixed(1) })}</Typography.Text>
              ) : null}
              {writable ? (
                <Space size={4}>
                  <Button size="small" onClick={() => setTicking(item)} data-testid={`milestone-set-${item.milestone}`}>
                    {t(item.achievedOn ? 'ecdc.ms.change' : 'ecdc.ms.set')}
                  </Button>
                  {item.achievedOn ? (
                    <Popconfirm
                      title={t('ecdc.ms.undoConfirm')}
                      onConfirm={() =>
                        undo.mutate(item.milestone, {
                          onSuccess: () => void message.success(t('ecdc.ms.undone')),
                          onError: (e) => void message.error(showError(e)),
                        })
                      }
                    >
                      <Button size="small" type="link" danger data-testid={`milestone-undo-${item.milestone}`}>
                        {t('ecdc.ms.undo')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ) : null}
            </div>
            {item.state === 'late' && item.milestone !== 'crawling' ? (
              <Typography.Text type="danger" className="xf-ms-note">
                {t('ecdc.ms.lateAdvice')}
              </Typography.Text>
            ) : null}
            {item.milestone === 'crawling' ? (
              <Typography.Text type="secondary" className="xf-ms-note" data-testid="milestone-crawling-note">
                {t('ecdc.ms.crawlingNote')}
              </Typography.Text>
            ) : null}
          </div>
        ))}
        {data ? (
          <div className="xf-ms-row xf-ms-axis-row" aria-hidden>
            <div className="xf-ms-label">{t('ecdc.ms.axis')}</div>
            <div className="xf-ms-axis">
              {axisTicks(axis).map((m) => (
                <span key={m} style={{ left: `${percentOf(m, axis)}%` }}>
                  {m}
                </span>
              ))}
            </div>
            <div />
          </div>
        ) : null}
      </div>
      {ticking ? <TickModal child={child} item={ticking} onClose={() => setTicking(null)} /> : null}
    </Card>
  );
}
