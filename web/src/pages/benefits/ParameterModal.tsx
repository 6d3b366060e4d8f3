import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { Dayjs } from 'dayjs';
import { benefitsApi, type ParameterInput, type ParameterValue, type Programme } from '../../api/benefits.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { businessToday, DATE_FORMAT, toDateText } from '../registry/registryFormat.ts';
import { programmeName } from './benefitsFormat.ts';
import { fitsDecimals, formatParameterValue, notFirstOfMonth, parameterLabel, rowInForce, unitDecimals, unitLabel, valueKind } from './parameterFormat.ts';
import { useTownships } from './useBenefitsData.ts';
import { todayDayjs } from '../../clock.ts';
import { queryKeys } from '../../api/queryKeys.ts';

interface Values {
  name: string;
  effectiveFrom: Dayjs;
  value: ParameterValue;
  reference: string;
}

/** Patterns of the values typed as text (the server checks them again). */
const TEXT_PATTERNS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'division-code': /^\d{9}$/,
};

/**
 * 登记新标准: a new row for one of the programme's parameters, from the first day of a month on,
 * with its legal reference. Mounted only while open.
 */
export function ParameterModal({ programme, onClose }: { programme: Programme; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { names } = useTownships();

  const add = useMutation({
    mutationFn: (body: ParameterInput) => benefitsApi.addParameter(body),
    onSuccess: () => {
      void message.success(t('parameter.saved'));
      // Standards feed every figure of the section.
      void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.all });
      onClose();
    },
  });

  const selectedName = Form.useWatch('name', form) ?? programme.parameters[0]?.name;
  const parameter = programme.parameters.find((p) => p.name === selectedName);
  const kind = parameter ? valueKind(parameter) : 'number';
  const unit = parameter ? unitLabel(i18n, parameter.unit) : '';
  const current = parameter ? rowInForce(parameter.rows, businessToday()) : undefined;
  const effectiveFrom = Form.useWatch('effectiveFrom', form);
  const dateText = effectiveFrom ? toDateText(effectiveFrom) : undefined;
  const replaced = parameter?.rows.find((row) => row.effectiveFrom === dateText);

  const field = t('parameter.value');
  const valueRules: Rule[] = [{ required: true, message: t('common.required', { field }) }];
  const pattern = parameter ? TEXT_PATTERNS[parameter.unit] : undefined;
  if (kind === 'number' && parameter) {
    const decimals = unitDecimals(parameter.unit);
    valueRules.push({
      validator: (_, value: unknown) =>
        typeof value !== 'number' || fitsDecimals(parameter.unit, value)
          ? Promise.resolve()
          : Promise.reject(new Error(t(decimals === 0 ? 'benefits.wholeNumber' : 'benefits.decimals', { decimals }))),
    });
  }
  if (kind === 'text') {
    valueRules.push({ whitespace: true, message: t('common.required', { field }) });
    if (pattern) valueRules.push({ pattern, message: t(parameter?.unit === 'date' ? 'parameter.format.date' : 'parameter.format.code') });
  }

  const submit = (values: Values) => {
    const value = typeof values.value === 'string' ? values.value.trim() : values.value;
    add.mutate({
      programme: programme.id,
      name: values.name,
      effectiveFrom: toDateText(values.effectiveFrom),
      value,
      reference: values.reference.trim(),
    });
  };

  const firstOfNextMonth = todayDayjs().add(1, 'month').startOf('month');

  return (
    <Modal
      open
      title={t('parameter.title', { programme: programmeName(i18n, programme.id, programme.name) })}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="parameter-submit">
          {t('common.save')}
        </Button>,
      ]}
      data-testid="parameter-modal"
    >
      <Alert type="info" showIcon className="xf-form-alert" title={t('parameter.note')} data-testid="parameter-note" />
      {add.isError ? <Alert type="error" showIcon className="xf-form-alert" title={errorText(add.error)} data-testid="parameter-error" /> : null}
      {replaced && parameter ? (
        <Alert
          type="warning"
          showIcon
          className="xf-form-alert"
          title={t('parameter.replaces', {
            date: replaced.effectiveFrom,
            value: formatParameterValue(i18n, parameter.unit, replaced.value, names),
          })}
          data-testid="parameter-replaces"
        />
      ) : null}
      <Form<Values>
        form={form}
        name="benefits-parameter"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ name: programme.parameters[0]?.name, effectiveFrom: firstOfNextMonth }}
        onValuesChange={(changed: Partial<Values>) => {
          // A new parameter has a value of another kind: start it empty.
          if ('name' in changed) form.setFieldValue('value', undefined);
          if (add.isError) add.reset();
        }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('parameter.name')} rules={[{ required: true, message: t('common.select', { field: t('parameter.name') }) }]}>
          <Select
            options={programme.parameters.map((p) => ({
              value: p.name,
              label: `${parameterLabel(i18n, p.name)}（${p.name}）`,
            }))}
            data-testid="parameter-name"
          />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('parameter.effectiveFrom')}
          extra={t('parameter.effectiveFromHint')}
          rules={[
            { required: true, message: t('common.select', { field: t('parameter.effectiveFrom') }) },
            {
              validator: (_, value: Dayjs | undefined) =>
                !value || !notFirstOfMonth(value) ? Promise.resolve() : Promise.reject(new Error(t('parameter.firstOfMonth'))),
            },
          ]}
        >
          <DatePicker format={DATE_FORMAT} disabledDate={notFirstOfMonth} style={{ width: 200 }} data-testid="parameter-effective-from" />
        </Form.Item>
        <Form.Item
          name="value"
          label={field}
          rules={valueRules}
          extra={
            current && parameter
              ? t('parameter.current', {
                  value: formatParameterValue(i18n, parameter.unit, current.value, names),
                  from: current.effectiveFrom,
                })
              : undefined
          }
        >
          {kind === 'number' ? (
            <InputNumber<number>
              min={0}
              precision={parameter && unitDecimals(parameter.unit) === 0 ? 0 : undefined}
              suffix={unit || undefined}
              style={{ width: 200 }}
              data-testid="parameter-value"
            />
          ) : kind === 'boolean' ? (
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('benefits.value.yes') },
                { value: false, label: t('benefits.value.no') },
              ]}
              data-testid="parameter-value"
            />
          ) : (
            <Input
              maxLength={60}
              placeholder={parameter?.unit === 'date' ? DATE_FORMAT : parameter?.unit === 'division-code' ? '120114002' : undefined}
              style={{ width: 280 }}
              data-testid="parameter-value"
            />
          )}
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('parameter.reference')}
          extra={t('parameter.referenceHint')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('parameter.reference') }) },
            {
              validator: (_, value?: string) =>
                !value?.trim() || value.trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('benefits.minChars', { min: 2 }))),
            },
          ]}
        >
          <Input.TextArea
            maxLength={1000}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('parameter.referencePlaceholder')}
            data-testid="parameter-reference"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
