import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { ProgrammeId } from '../../../api/benefits.ts';
import { benefitsWorkflowApi } from '../../../api/benefitsWorkflow.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useProgrammeOptions } from '../applications/useWorkflowData.ts';
import { useWorkflowReload } from '../applications/useWorkflowReload.ts';
import { MONTH_FORMAT, noImplicitSubmit, thisMonth, toMonth } from '../applications/workflowFormat.ts';

interface Values {
  programme: ProgrammeId;
  period: Dayjs;
}

/** 生成花名册: the month's lines of a programme from its enrolments; opens the new draft. */
export function GenerateRollModal({ defaultProgramme, onClose }: { defaultProgramme?: ProgrammeId; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const reload = useWorkflowReload();
  const programmes = useProgrammeOptions();
  const [form] = Form.useForm<Values>();
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
        initialValues={{ programme: defaultProgramme, period: thisMonth() }}
        onValuesChange={() => generate.reset()}
        onFinish={(v) => generate.mutate(v)}
      >
        <Form.Item
          name="programme"
          label={t('wf.col.programme')}
          rules={[{ required: true, message: t('common.select', { field: t('wf.col.programme') }) }]}
        >
          <Select<ProgrammeId> options={programmes.options} loading={programmes.loading} data-testid="roll-programme" />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('wf.roll.period')}
          rules={[{ required: true, message: t('common.select', { field: t('wf.roll.period') }) }]}
        >
          <DatePicker picker="month" format={MONTH_FORMAT} allowClear={false} style={{ width: 200 }} data-testid="roll-period" />
        </Form.Item>
      </Form>
      {generate.isError ? <Alert type="error" showIcon title={errorText(generate.error)} data-testid="roll-generate-error" /> : null}
    </Modal>
  );
}
