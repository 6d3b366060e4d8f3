import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { ProgrammeId } from '../../../api/benefits.ts';
import { benefitsWorkflowApi } from '../../../api/benefitsWorkflow.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useProgrammeOptions } from '../applications/useWorkflowData.ts';
import { useWorkflowReload } from '../applications/useWorkflowReload.ts';
import { MONTH_FORMAT, noImplicitSubmit, thisMonth, toMonth } from '../applications/workflowFormat.ts';
import { queryKeys } from '../../../api/queryKeys.ts';

interface Values {
  programme: ProgrammeId;
  period: Dayjs;
}

const monthAfter = (month: string): Dayjs => dayjs(`${month}-01`).add(1, 'month');

/** 生成花名册: the month's lines of a programme from its enrolments; opens the new draft. */
export function GenerateRollModal({ defaultProgramme, onClose }: { defaultProgramme?: ProgrammeId; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const reload = useWorkflowReload();
  const programmes = useProgrammeOptions();
  const [form] = Form.useForm<Values>();
  const programme = Form.useWatch('programme', form) ?? defaultProgramme;
  const period = Form.useWatch('period', form);
  // The programme's latest roll: the next month is the one to generate; a later one pays the months between as arrears.
  const latest = useQuery({
    queryKey: queryKeys.benefits.workflow.latestRoll(programme),
    queryFn: ({ signal }) => benefitsWorkflowApi.rolls({ programme, page: 1, pageSize: 1 }, signal),
    enabled: programme !== undefined,
  });
  const lastRoll = latest.data?.items[0];
  const lastPeriod = lastRoll?.period;
  // The server generates no month while an earlier roll of the programme waits for approval.
  const pending = lastRoll && (lastRoll.state === 'draft' || lastRoll.state === 'checked') && period && toMonth(period) !== lastRoll.period ? lastRoll : null;
  // The month after the latest roll: the one to generate.
  const next = lastPeriod ? monthAfter(lastPeriod) : null;
  const suggested = next ?? thisMonth();
  useEffect(() => {
    if (lastPeriod && !form.isFieldTouched('period')) form.setFieldValue('period', monthAfter(lastPeriod));
  }, [form, lastPeriod]);
  const gap = next && period ? period.startOf('month').diff(next, 'month') : 0;
  const ahead = period ? period.startOf('month').diff(thisMonth(), 'month') : 0;
  const generate = useMutation({
    mutationFn: (v: Values) => benefitsWorkflowApi.generateRoll(v.programme, toMonth(v.period)),
    onSuccess: (roll) => {
      void message.success(t('wf.roll.generated'));
      reload.roll(roll.id, roll, true);
      onClose();
      void navigate(`/benefits/rolls/${roll.id}`);
    },
  });

  return (
    <Modal
      open
      title={t('wf.roll.generate')}
      onCancel={onClose}
      width={520}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={generate.isPending} onClick={() => form.submit()} data-testid="roll-generate-confirm">
            {t('wf.roll.generateConfirm')}
          </Button>
        </>
      }
      data-testid="roll-generate-modal"
    >
      <div className="xf-wf-modal-hint">{t('wf.roll.generateHint')}</div>
      <Form<Values>
        form={form}
        name="roll-generate"
        onKeyDown={noImplicitSubmit}
        layout="vertical"
        initialValues={{ programme: defaultProgramme, period: suggested }}
        onValuesChange={() => generate.reset()}
        onFinish={(v) => generate.mutate(v)}
      >
        <Form.Item name="programme" label={t('wf.col.programme')} rules={[{ required: true, message: t('common.select', { field: t('wf.col.programme') }) }]}>
          <Select<ProgrammeId> options={programmes.options} loading={programmes.loading} data-testid="roll-programme" />
        </Form.Item>
        <Form.Item name="period" label={t('wf.roll.period')} rules={[{ required: true, message: t('common.select', { field: t('wf.roll.period') }) }]}>
          <DatePicker picker="month" format={MONTH_FORMAT} allowClear={false} style={{ width: 200 }} data-testid="roll-period" />
        </Form.Item>
      </Form>
      {pending ? (
        <Alert
          type="warning"
          showIcon
          className="xf-wf-modal-hint"
          title={t('wf.roll.pendingWarning', { period: pending.period })}
          action={
            <Button
              size="small"
              onClick={() => {
                onClose();
                void navigate(`/benefits/rolls/${pending.id}`);
              }}
              data-testid="roll-pending-open"
            >
              {t('wf.roll.openPending')}
            </Button>
          }
          data-testid="roll-pending-warning"
        />
      ) : null}
      {gap > 0 && next && lastPeriod && period ? (
        <Alert
          type="warning"
          showIcon
          className="xf-wf-modal-hint"
          title={t('wf.roll.gapWarning', {
            last: lastPeriod,
            months: gap,
            from: next.format(MONTH_FORMAT),
            to: period.subtract(1, 'month').format(MONTH_FORMAT),
          })}
          data-testid="roll-gap-warning"
        />
      ) : null}
      {ahead > 1 ? (
        <Alert
          type="warning"
          showIcon
          className="xf-wf-modal-hint"
          title={t('wf.roll.aheadWarning', { today: thisMonth().format(MONTH_FORMAT) })}
          data-testid="roll-ahead-warning"
        />
      ) : null}
      {generate.isError ? <Alert type="error" showIcon title={errorText(generate.error)} data-testid="roll-generate-error" /> : null}
    </Modal>
  );
}
