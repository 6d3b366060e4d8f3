import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { benefitsApi } from '../../../api/benefits.ts';
import { benefitsWorkflowApi, type Application, type Decision, type DecisionAction } from '../../../api/benefitsWorkflow.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useWorkflowReload } from './useWorkflowReload.ts';
import {
  businessToday,
  DATE_FORMAT,
  MONTH_FORMAT,
  nextMonth,
  noImplicitSubmit,
  noticeDays,
  toDate,
  todayDay,
  toMonth,
  type ConfirmationRow,
} from './workflowFormat.ts';
import { queryKeys } from '../../../api/queryKeys.ts';

interface Values {
  noticeFrom?: Dayjs;
  startMonth?: Dayjs;
  reason?: string;
}

function toDecision(action: DecisionAction, app: Application, v: Values): Decision {
  const body: Decision = { action, version: app.version };
  if (action === 'pass' && app.nextStep === 'district' && v.startMonth) body.startMonth = toMonth(v.startMonth);
  if (action === 'pass' && app.nextStep !== 'district' && v.noticeFrom) body.noticeFrom = toDate(v.noticeFrom);
  if (action !== 'pass' && v.reason) body.reason = v.reason.trim();
  return body;
}

/**
 * One decision on an application: pass the village or township step (posting its notice), approve at
 * the district (from a start month), reject or withdraw (with a reason). The application's version goes
 * along, so a decision on a stale page is refused (409 stale_version).
 */
export function DecisionModal({ app, action, onClose }: { app: Application; action: DecisionAction; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reload = useWorkflowReload();
  const [form] = Form.useForm<Values>();
  const step = app.nextStep ?? 'village';
  const noticeFrom = Form.useWatch('noticeFrom', form);
  const programmes = useQuery({
    queryKey: queryKeys.benefits.programmes,
    queryFn: ({ signal }) => benefitsApi.programmes(signal),
    staleTime: 60_000,
  });
  // The notice days are rules of the confirmation, answered beside the programmes.
  const rules = (programmes.data as { confirmation?: ConfirmationRow[] } | undefined)?.confirmation;
  const days = noticeDays(rules, step === 'township' ? 'township' : 'village', noticeFrom ? toDate(noticeFrom) : businessToday());
  // A notice goes up between the application (or the end of the village notice) and today.
  const earliest = step === 'township' ? (app.villageNotice?.until ?? app.appliedOn) : app.appliedOn;
  const badNoticeDay = (day: Dayjs) => {
    const text = toDate(day);
    return text > businessToday() || (step === 'township' ? text <= earliest : text < earliest);
  };
  // Payment starts in the confirmation year or the next.
  const badStartMonth = (month: Dayjs) => month.year() !== app.year && month.year() !== app.year + 1;

  const decide = useMutation({
    mutationFn: (body: Decision) => benefitsWorkflowApi.decide(app.id, body),
    onSuccess: () => {
      void message.success(action === 'pass' && step === 'district' ? t('wf.decided.approve') : t(`wf.decided.${action}`));
      onClose();
    },
    // Whatever the answer, the page shows the application as the server has it now.
    onSettled: reload.applications,
  });

  const title = action === 'pass' ? t(`wf.action.pass.${step}`) : action === 'reject' ? t('wf.action.reject') : t('wf.action.withdraw');

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger={action !== 'pass'} loading={decide.isPending} onClick={() => form.submit()} data-testid="decision-confirm">
            {t('common.confirm')}
          </Button>
        </>
      }
      data-testid="decision-modal"
    >
      <Typography.Paragraph>
        <Typography.Text strong>{app.personName}</Typography.Text>{' '}
        <Typography.Text type="secondary" className="xf-code">
          {app.idNumberMasked}
        </Typography.Text>{' '}
        <Typography.Text type="secondary">· {app.villageName}</Typography.Text>
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        name="decision"
        onKeyDown={noImplicitSubmit}
        layout="vertical"
        initialValues={{ noticeFrom: todayDay(), startMonth: nextMonth() }}
        onValuesChange={() => decide.reset()}
        onFinish={(values) => decide.mutate(toDecision(action, app, values))}
      >
        {action === 'pass' && step !== 'district' ? (
          <>
            <div className="xf-wf-modal-hint">{t(`wf.decision.noticeHint.${step}`, { days })}</div>
            <Form.Item
              name="noticeFrom"
              label={t('wf.decision.noticeFrom')}
              rules={[{ required: true, message: t('common.select', { field: t('wf.decision.noticeFrom') }) }]}
            >
              <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={badNoticeDay} style={{ width: 200 }} data-testid="decision-notice-from" />
            </Form.Item>
          </>
        ) : null}
        {action === 'pass' && step === 'district' ? (
          <>
            <div className="xf-wf-modal-hint">{t('wf.decision.approveHint')}</div>
            <Form.Item
              name="startMonth"
              label={t('wf.decision.startMonth')}
              rules={[{ required: true, message: t('common.select', { field: t('wf.decision.startMonth') }) }]}
            >
              <DatePicker
                picker="month"
                format={MONTH_FORMAT}
                allowClear={false}
                disabledDate={badStartMonth}
                style={{ width: 200 }}
                data-testid="decision-start-month"
              />
            </Form.Item>
          </>
        ) : null}
        {action !== 'pass' ? (
          <>
            <div className="xf-wf-modal-hint">{t(action === 'reject' ? 'wf.decision.rejectHint' : 'wf.decision.withdrawHint')}</div>
            <Form.Item
              name="reason"
              label={t('wf.decision.reason')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('wf.decision.reason') }) }]}
            >
              <Input.TextArea maxLength={500} autoSize={{ minRows: 3, maxRows: 6 }} autoFocus data-testid="decision-reason" />
            </Form.Item>
          </>
        ) : null}
      </Form>
      {decide.isError ? <Alert type="error" showIcon title={errorText(decide.error)} data-testid="decision-error" /> : null}
    </Modal>
  );
}
