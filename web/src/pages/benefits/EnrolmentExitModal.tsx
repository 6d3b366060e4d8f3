import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { benefitsApi, type Enrolment, type EnrolmentExit } from '../../api/benefits.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { programmeName } from './benefitsFormat.ts';
import { todayDayjs } from '../../clock.ts';
import { queryKeys } from '../../api/queryKeys.ts';

const MONTH_FORMAT = 'YYYY-MM';

interface Values {
  lastMonth: Dayjs;
  reason: string;
}

/**
 * 退出: the enrolment ends with its last paid month (the month before the start means nothing was
 * paid) and a reason. Mounted only while open.
 */
export function EnrolmentExitModal({ enrolment, onClose }: { enrolment: Enrolment; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();

  const exit = useMutation({
    mutationFn: (body: EnrolmentExit) => benefitsApi.exitEnrolment(enrolment.id, body),
    onSuccess: () => {
      void message.success(t('enrolments.exited', { name: enrolment.personName }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.enrolments });
      onClose();
    },
  });

  const earliest = dayjs(`${enrolment.startMonth}-01`).subtract(1, 'month');
  const beforeEarliest = (value: Dayjs) => value.isBefore(earliest, 'month');

  return (
    <Modal
      open
      title={t('enrolments.exitTitle', { name: enrolment.personName })}
      onCancel={onClose}
      width={560}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" danger loading={exit.isPending} onClick={() => form.submit()} data-testid="exit-submit">
          {t('enrolments.exitConfirm')}
        </Button>,
      ]}
      data-testid="enrolment-exit-modal"
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'programme', label: t('enrolments.col.programme'), children: programmeName(i18n, enrolment.programme, enrolment.programmeName) },
          { key: 'place', label: t('enrolments.col.place'), children: `${enrolment.townshipName} ${enrolment.villageName}` },
          { key: 'start', label: t('enrolments.col.startMonth'), children: enrolment.startMonth },
        ]}
      />
      <Alert type="info" showIcon className="xf-form-alert" title={t('enrolments.exitNote')} />
      {exit.isError ? <Alert type="error" showIcon className="xf-form-alert" title={errorText(exit.error)} data-testid="exit-error" /> : null}
      <Form<Values>
        form={form}
        name="benefits-enrolment-exit"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ lastMonth: todayDayjs().startOf('month') }}
        onValuesChange={() => {
          if (exit.isError) exit.reset();
        }}
        onFinish={(values) => exit.mutate({ lastMonth: values.lastMonth.format(MONTH_FORMAT), reason: values.reason.trim() })}
      >
        <Form.Item
          name="lastMonth"
          label={t('enrolments.lastMonth')}
          extra={t('enrolments.lastMonthHint')}
          rules={[{ required: true, message: t('common.select', { field: t('enrolments.lastMonth') }) }]}
        >
          <DatePicker picker="month" format={MONTH_FORMAT} disabledDate={beforeEarliest} style={{ width: 200 }} data-testid="exit-last-month" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('enrolments.exitReason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('enrolments.exitReason') }) },
            {
              validator: (_, value?: string) =>
                !value?.trim() || value.trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('benefits.minChars', { min: 2 }))),
            },
          ]}
        >
          <Input.TextArea
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('enrolments.exitReasonPlaceholder')}
            data-testid="exit-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
