import { Alert, App, DatePicker, Form, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useActivityPlans, useCentre, useClasses, useCreateSession } from '../../../api/ecdCentre.ts';
import type { SessionInput } from '../../../api/ecdCentreTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useEcdErrorText } from './ecdErrors.ts';
import { fromChinaWallTime } from './sessionFormat.ts';

interface Values {
  classId: string;
  start: Dayjs;
  minutes: number;
  teacherId?: string;
  roomCode?: string;
  activityPlanId?: string | null;
}

/** 安排课次: a class at a time; the plan picker lists only plans for the class's ages. Room or teacher taken → 409. */
export function SessionModal({ day, onClose }: { day: Dayjs; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useEcdErrorText();
  const [form] = Form.useForm<Values>();
  const classes = useClasses();
  const centre = useCentre();
  const plans = useActivityPlans();
  const create = useCreateSession();
  const classId = Form.useWatch('classId', form);
  const chosen = classes.data?.items.find((c) => c.id === classId);

  const planOptions = useMemo(() => {
    const all = plans.data?.items ?? [];
    const fitting = chosen ? all.filter((p) => p.ageFromMonths <= chosen.ageToMonths && p.ageToMonths >= chosen.ageFromMonths) : all;
    return fitting.map((p) => ({
      value: p.id,
      label: `${p.title}(${t('ecdc.monthsRange', { from: p.ageFromMonths, to: p.ageToMonths })} · ${t(`ecdc.domain.${p.domain}`)})`,
    }));
  }, [plans.data, chosen, t]);

  const submit = (v: Values) => {
    const body: SessionInput = { classId: v.classId, startsAt: fromChinaWallTime(v.start), minutes: v.minutes };
    if (v.teacherId) body.teacherId = v.teacherId;
    if (v.roomCode) body.roomCode = v.roomCode;
    if (v.activityPlanId) body.activityPlanId = v.activityPlanId;
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('ecdc.session.created'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('ecdc.cal.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'session-submit' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ start: day.hour(9).minute(30).second(0), minutes: 45 }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if ('classId' in changed) form.setFieldValue('activityPlanId', null);
        }}
      >
        <Form.Item name="classId" label={t('ecdc.session.class')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={classes.isPending}
            options={(classes.data?.items ?? [])
              .filter((c) => c.active)
              .map((c) => ({ value: c.id, label: `${c.name}(${t('ecdc.monthsRange', { from: c.ageFromMonths, to: c.ageToMonths })})` }))}
            data-testid="session-class"
          />
        </Form.Item>
        <Form.Item name="start" label={t('ecdc.session.start')} extra={t('ecdc.session.chinaTime')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="session-start" />
        </Form.Item>
        <Form.Item name="minutes" label={t('ecdc.session.minutes')} rules={[{ required: true }]}>
          <InputNumber min={10} max={240} step={5} style={{ width: '100%' }} data-testid="session-minutes" />
        </Form.Item>
        <Form.Item name="teacherId" label={t('ecdc.session.teacher')} extra={chosen ? chosen.teacher.name : undefined}>
          <Select
            allowClear
            placeholder={chosen?.teacher.name}
            options={(centre.data?.teachers ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
            data-testid="session-teacher"
          />
        </Form.Item>
        <Form.Item name="roomCode" label={t('ecdc.session.room')}>
          <Select
            allowClear
            placeholder={chosen?.room.name}
            options={(centre.data?.rooms ?? []).map((r) => ({ value: r.code, label: `${r.name}(${r.capacity})` }))}
            data-testid="session-room"
          />
        </Form.Item>
        <Form.Item name="activityPlanId" label={t('ecdc.session.plan')} extra={t('ecdc.session.planHint')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={plans.isPending} options={planOptions} data-testid="session-plan" />
        </Form.Item>
      </Form>
      {create.isError ? <Alert type="error" showIcon title={errorText(create.error)} data-testid="session-error" /> : null}
    </Modal>
  );
}
