import { Alert, App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useAddRule } from '../../api/coordinationMeetings.ts';
import type { IndicatorConfig, RuleOperator } from '../../api/coordinationTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { noImplicitSubmit, OPERATOR_SIGNS, RULE_OPERATORS } from './meetings/coordmFormat.ts';
import { ruleText } from './meetings/ruleText.ts';

interface Values {
  left: string;
  operator: RuleOperator;
  right: string;
  factor: number;
  message: string;
}

/** 新增校验规则: left <operator> right × factor, and the message a liaison sees when it fails. */
export function RuleModal({ config, onClose }: { config: IndicatorConfig; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddRule();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const names = new Map(config.indicators.map((ind) => [ind.code, ind.name]));
  const options = config.indicators.map((ind) => ({ value: ind.code, label: `${ind.name}（${ind.code}）` }));
  const preview =
    values?.left && values.right && values.operator && typeof values.factor === 'number'
      ? ruleText({ left: values.left, right: values.right, operator: values.operator, factor: values.factor }, (code) => names.get(code) ?? code)
      : null;

  const submit = (v: Values) =>
    add.mutate(
      { left: v.left, operator: v.operator, right: v.right, factor: v.factor, message: v.message.trim() },
      {
        onSuccess: () => {
          void message.success(t('coordm.rule.added'));
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={t('coordm.rule.add')}
      onCancel={onClose}
      width={680}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="rule-submit">
            {t('common.save')}
          </Button>
        </>
      }
      data-testid="rule-modal"
    >
      <Form<Values>
        form={form}
        name="coord-rule"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={{ operator: '<=', factor: 1 }}
        onValuesChange={() => add.reset()}
        onFinish={submit}
      >
        <div className="xf-coordm-row xf-coordm-rule-row">
          <Form.Item
            name="left"
            label={t('coordm.rule.left')}
            className="xf-grow"
            rules={[{ required: true, message: t('common.select', { field: t('coordm.rule.left') }) }]}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="rule-left" />
          </Form.Item>
          <Form.Item name="operator" label={t('coordm.rule.operator')} rules={[{ required: true }]}>
            <Select options={RULE_OPERATORS.map((op) => ({ value: op, label: OPERATOR_SIGNS[op] }))} style={{ width: 80 }} data-testid="rule-operator" />
          </Form.Item>
          <Form.Item
            name="right"
            label={t('coordm.rule.right')}
            className="xf-grow"
            dependencies={['left']}
            rules={[
              { required: true, message: t('common.select', { field: t('coordm.rule.right') }) },
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  !value || value !== getFieldValue('left') ? Promise.resolve() : Promise.reject(new Error(t('coordm.rule.same'))),
              }),
            ]}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="rule-right" />
          </Form.Item>
          <Form.Item
            name="factor"
            label={t('coordm.rule.factor')}
            rules={[
              { required: true, message: t('common.required', { field: t('coordm.rule.factor') }) },
              {
                validator: (_, value?: number | null) =>
                  typeof value !== 'number' || value > 0 ? Promise.resolve() : Promise.reject(new Error(t('coordm.rule.factorPositive'))),
              },
            ]}
          >
            <InputNumber<number> min={0} prefix="×" style={{ width: 100 }} data-testid="rule-factor" />
          </Form.Item>
        </div>
        <Form.Item
          name="message"
          label={t('coordm.rule.message')}
          extra={t('coordm.rule.messageHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.rule.message') }) }]}
        >
          <Input maxLength={200} placeholder={t('coordm.rule.messagePlaceholder')} data-testid="rule-message" />
        </Form.Item>
      </Form>
      {preview ? <Alert type="info" className="xf-form-alert" title={t('coordm.rule.preview', { rule: preview })} data-testid="rule-preview" /> : null}
      {add.isError ? <Alert type="error" showIcon title={errorText(add.error)} data-testid="rule-error" /> : null}
    </Modal>
  );
}
