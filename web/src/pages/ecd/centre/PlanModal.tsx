import { Alert, App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useSavePlan } from '../../../api/ecdCentre.ts';
import type { ActivityPlan, ActivityPlanInput, Domain } from '../../../api/ecdCentreTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { DOMAINS, useEcdErrorText } from './ecdErrors.ts';

interface Values {
  title: string;
  ageFromMonths: number;
  ageToMonths: number;
  domain: Domain;
  minutes: number;
  goal: string;
  materials?: string;
  steps: string;
  parentGuidance: string;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Create a plan, or edit one (materials and steps one a line). */
export function PlanModal({ plan, onClose, onSaved }: { plan: ActivityPlan | null; onClose: () => void; onSaved: (plan: ActivityPlan) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useEcdErrorText();
  const [form] = Form.useForm<Values>();
  const save = useSavePlan();
  const initial: Partial<Values> = plan
    ? { ...plan, materials: plan.materials.join('\n'), steps: plan.steps.join('\n') }
    : { ageFromMonths: 6, ageToMonths: 12, domain: 'gross_motor', minutes: 30 };
  const submit = (v: Values) => {
    const input: ActivityPlanInput = {
      title: v.title.trim(),
      ageFromMonths: v.ageFromMonths,
      ageToMonths: v.ageToMonths,
      domain: v.domain,
      minutes: v.minutes,
      goal: v.goal.trim(),
      materials: lines(v.materials),
      steps: lines(v.steps),
      parentGuidance: v.parentGuidance.trim(),
    };
    save.mutate(plan ? { id: plan.id, version: plan.version, input } : { input }, {
      onSuccess: (saved) => {
        void message.success(t('ecdc.plan.saved'));
        onSaved(saved);
      },
    });
  };
  return (
    <Modal
      open
      width={680}
      title={plan ? `${t('ecdc.plan.edit')} · ${plan.title}` : t('ecdc.plan.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'plan-save' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="title" label={t('ecdc.plan.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="plan-title" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="ageFromMonths" label={t('ecdc.class.ageFrom')} rules={[{ required: true }]}>
            <InputNumber min={0} max={72} />
          </Form.Item>
          <Form.Item
            name="ageToMonths"
            label={t('ecdc.class.ageTo')}
            dependencies={['ageFromMonths']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: number | undefined) =>
                  value === undefined || value >= Number(getFieldValue('ageFromMonths'))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('ecdc.class.ageOrder'))),
              }),
            ]}
          >
            <InputNumber min={0} max={72} />
          </Form.Item>
          <Form.Item name="domain" label={t('ecdc.plan.domain')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={DOMAINS.map((d) => ({ value: d, label: t(`ecdc.domain.${d}`) }))} />
          </Form.Item>
          <Form.Item name="minutes" label={t('ecdc.plan.minutes')} rules={[{ required: true }]}>
            <InputNumber min={5} max={120} />
          </Form.Item>
        </Space>
        <Form.Item name="goal" label={t('ecdc.plan.goal')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="materials" label={t('ecdc.plan.materials')} extra={t('ecdc.plan.materialsHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="steps" label={t('ecdc.plan.steps')} extra={t('ecdc.plan.stepsHint')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={5} data-testid="plan-steps" />
        </Form.Item>
        <Form.Item name="parentGuidance" label={t('ecdc.plan.guidance')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {save.isError ? <Alert type="error" showIcon title={errorText(save.error)} data-testid="plan-error" /> : null}
    </Modal>
  );
}
