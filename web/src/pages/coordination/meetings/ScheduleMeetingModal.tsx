import { DeleteOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useCreateMeeting } from '../../../api/coordinationMeetings.ts';
import type { MeetingKind } from '../../../api/coordinationTypes.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { DATETIME_FORMAT, MEETING_KINDS, noImplicitSubmit, useDepartmentOptions } from './coordmFormat.ts';
import { todayDayjs } from '../../../clock.ts';

/** As many agenda items as the server takes (carried action items come on top). */
const MAX_AGENDA = 30;

interface Values {
  kind: MeetingKind;
  title: string;
  startsAt: Dayjs;
  place: string;
  chair: string;
  agenda: string[];
  attendees: string[];
}

/** 安排会议: kind, time, place, chair, agenda and attending departments; opens the new meeting. */
export function ScheduleMeetingModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const departments = useDepartmentOptions();
  const create = useCreateMeeting();
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) => {
    create.mutate(
      {
        kind: v.kind,
        title: v.title.trim(),
        startsAt: v.startsAt.toISOString(),
        place: v.place.trim(),
        chair: v.chair.trim(),
        agenda: v.agenda.map((item) => item.trim()).filter((item) => item !== ''),
        attendees: v.attendees,
      },
      {
        onSuccess: (meeting) => {
          void message.success(t('coordm.schedule.done'));
          onClose();
          void navigate(`/coordination/meetings/${meeting.id}`);
        },
      },
    );
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Modal
      open
      title={t('coordm.meetings.schedule')}
      onCancel={onClose}
      width={680}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="meeting-schedule-submit">
            {t('coordm.schedule.submit')}
          </Button>
        </>
      }
      data-testid="meeting-schedule-modal"
    >
      <Alert type="info" showIcon className="xf-form-alert" title={t('coordm.schedule.carryNote')} data-testid="meeting-carry-note" />
      <Form<Values>
        form={form}
        name="coord-meeting"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={{
          kind: 'work',
          startsAt: todayDayjs().add(1, 'day').hour(9).minute(0).second(0).millisecond(0),
          agenda: [''],
          attendees: [],
        }}
        onValuesChange={() => create.reset()}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('coordm.col.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`coordm.kind.${kind}`) }))}
            data-testid="meeting-kind-input"
          />
        </Form.Item>
        <Form.Item name="title" label={t('coordm.field.title')} rules={[required(t('coordm.field.title'))]}>
          <Input maxLength={200} placeholder={t('coordm.schedule.titlePlaceholder')} data-testid="meeting-title-input" />
        </Form.Item>
        <div className="xf-coordm-row">
          <Form.Item
            name="startsAt"
            label={t('coordm.col.startsAt')}
            rules={[{ required: true, message: t('common.select', { field: t('coordm.col.startsAt') }) }]}
          >
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={DATETIME_FORMAT} style={{ width: 200 }} data-testid="meeting-starts-at" />
          </Form.Item>
          <Form.Item name="place" label={t('coordm.col.place')} rules={[required(t('coordm.col.place'))]} className="xf-grow">
            <Input maxLength={100} placeholder={t('coordm.schedule.placePlaceholder')} data-testid="meeting-place" />
          </Form.Item>
        </div>
        <Form.Item name="chair" label={t('coordm.field.chair')} rules={[required(t('coordm.field.chair'))]}>
          <Input maxLength={60} placeholder={t('coordm.schedule.chairPlaceholder')} data-testid="meeting-chair" />
        </Form.Item>

        <Form.Item label={t('coordm.field.agenda')} required={false}>
          <Form.List name="agenda">
            {(fields, { add, remove }) => (
              <div className="xf-coordm-list">
                {fields.map((field, index) => (
                  <div key={field.key} className="xf-coordm-list-row">
                    <span className="xf-coordm-list-no">{index + 1}.</span>
                    <Form.Item name={field.name} noStyle>
                      <Input maxLength={300} placeholder={t('coordm.schedule.agendaPlaceholder')} data-testid={`meeting-agenda-${index}`} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('coordm.remove')}
                      disabled={fields.length === 1}
                    />
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add('')}
                  disabled={fields.length >= MAX_AGENDA}
                  block
                  data-testid="meeting-agenda-add"
                >
                  {t('coordm.schedule.agendaAdd')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>

        <Form.Item label={t('coordm.field.attendees')} required>
          <div className="xf-coordm-row xf-coordm-row-tight">
            <Form.Item
              name="attendees"
              noStyle
              rules={[{ required: true, type: 'array', min: 1, message: t('common.select', { field: t('coordm.field.attendees') }) }]}
            >
              <Select
                mode="multiple"
                allowClear
                options={departments.options}
                loading={departments.loading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('coordm.schedule.attendeesPlaceholder')}
                maxTagCount="responsive"
                className="xf-grow"
                data-testid="meeting-attendees"
              />
            </Form.Item>
            <Button
              icon={<TeamOutlined />}
              onClick={() => form.setFields([{ name: 'attendees', value: departments.codes, errors: [] }])}
              disabled={departments.codes.length === 0}
              data-testid="meeting-attendees-all"
            >
              {t('coordm.allDepartments')}
            </Button>
          </div>
        </Form.Item>
      </Form>
      {create.isError ? <Alert type="error" showIcon title={errorText(create.error)} data-testid="meeting-schedule-error" /> : null}
    </Modal>
  );
}
