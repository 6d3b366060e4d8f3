import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSaveMinutes } from '../../../api/coordinationMeetings.ts';
import type { Meeting } from '../../../api/coordinationTypes.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { DATE_FORMAT, noImplicitSubmit, toDate, useDepartmentOptions } from './coordmFormat.ts';
import { todayDayjs } from '../../../clock.ts';

/** As many decisions as the server takes at once. */
const MAX_DECISIONS = 50;

interface DecisionValues {
  title: string;
  owner: string | undefined;
  dueOn: Dayjs | undefined;
}

interface Values {
  minutes: string;
  present: string[];
  decisions: DecisionValues[];
}

/**
 * 记录纪要 (the office, while the meeting is scheduled): the minutes, who came, and the decisions,
 * each with an owner department and a due date. Saving marks the meeting held and turns each
 * decision into an action item.
 */
export function MinutesForm({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const departments = useDepartmentOptions();
  const save = useSaveMinutes(meeting.id);
  const [form] = Form.useForm<Values>();

  // Any member department may own a decision; without the list, the attendees.
  const ownerOptions = departments.options.length > 0 ? departments.options : meeting.attendeeList.map((d) => ({ value: d.code, label: d.name }));

  const submit = (v: Values) => {
    save.mutate(
      {
        version: meeting.version,
        minutes: v.minutes.trim(),
        present: v.present,
        decisions: v.decisions.map((d) => ({ title: d.title.trim(), owner: d.owner ?? '', dueOn: d.dueOn ? toDate(d.dueOn) : '' })),
      },
      { onSuccess: () => void message.success(t('coordm.minutes.saved')) },
    );
  };

  const newDecision = (): DecisionValues => ({ title: '', owner: undefined, dueOn: todayDayjs().add(1, 'month') });

  return (
    <Card title={t('coordm.minutes.record')} data-testid="meeting-minutes-form">
      <Alert type="info" showIcon className="xf-form-alert" title={t('coordm.minutes.hint')} />
      <Form<Values>
        form={form}
        name="coord-minutes"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={{ minutes: '', present: meeting.attendeeList.map((d) => d.code), decisions: [] }}
        onValuesChange={() => save.reset()}
        onFinish={submit}
      >
        <Form.Item
          name="minutes"
          label={t('coordm.minutes.text')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.minutes.text') }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 18 }}
            maxLength={20000}
            showCount
            placeholder={t('coordm.minutes.placeholder')}
            data-testid="meeting-minutes"
          />
        </Form.Item>

        <Form.Item name="present" label={t('coordm.minutes.present')} extra={t('coordm.minutes.presentHint')}>
          <Checkbox.Group className="xf-coordm-checks" data-testid="meeting-present">
            {meeting.attendeeList.map((d) => (
              <Checkbox key={d.code} value={d.code} data-testid={`meeting-present-${d.code}`}>
                {d.name}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>

        <Form.Item label={t('coordm.minutes.decisions')} extra={t('coordm.minutes.decisionsHint')}>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <div className="xf-coordm-list">
                {fields.length === 0 ? <Typography.Text type="secondary">{t('coordm.minutes.noDecisions')}</Typography.Text> : null}
                {fields.map((field, index) => (
                  <div key={field.key} className="xf-coordm-decision" data-testid={`meeting-decision-${index}`}>
                    <span className="xf-coordm-list-no">{index + 1}.</span>
                    <Form.Item
                      name={[field.name, 'title']}
                      className="xf-grow"
                      rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.decision.title') }) }]}
                    >
                      <Input maxLength={300} placeholder={t('coordm.decision.title')} data-testid={`meeting-decision-title-${index}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'owner']} rules={[{ required: true, message: t('common.select', { field: t('coordm.decision.owner') }) }]}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={ownerOptions}
                        placeholder={t('coordm.decision.owner')}
                        style={{ width: 200 }}
                        popupMatchSelectWidth={false}
                        data-testid={`meeting-decision-owner-${index}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, message: t('common.select', { field: t('coordm.decision.dueOn') }) }]}>
                      <DatePicker
                        format={DATE_FORMAT}
                        placeholder={t('coordm.decision.dueOn')}
                        style={{ width: 150 }}
                        data-testid={`meeting-decision-due-${index}`}
                      />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('coordm.remove')} />
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add(newDecision())}
                  disabled={fields.length >= MAX_DECISIONS}
                  block
                  data-testid="meeting-decision-add"
                >
                  {t('coordm.minutes.addDecision')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
        {save.isError ? <Alert type="error" showIcon className="xf-form-alert" title={errorText(save.error)} data-testid="meeting-minutes-error" /> : null}
        <Button type="primary" icon={<SaveOutlined />} htmlType="submit" loading={save.isPending} data-testid="meeting-save-minutes">
          {t('coordm.minutes.save')}
        </Button>
      </Form>
    </Card>
  );
}
