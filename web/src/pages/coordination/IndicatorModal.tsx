import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { usePutIndicator } from '../../api/coordinationMeetings.ts';
import type { Aggregation, Indicator, IndicatorConfig } from '../../api/coordinationTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { businessToday } from '../registry/registryFormat.ts';
import { AGGREGATIONS, noImplicitSubmit } from './meetings/coordmFormat.ts';

interface Values {
  code: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  integer: boolean;
  min: number | null;
  max: number | null;
  departments: string[];
  active: boolean;
  sortOrder: number;
}

/** 2–40 lower-case letters, digits and underscores, a letter first (as the server checks). */
const CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** 新增 / 编辑指标 (PUT creates or replaces the indicator of the code). */
export function IndicatorModal({ config, indicator, onClose }: { config: IndicatorConfig; indicator: Indicator | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const put = usePutIndicator();
  const [form] = Form.useForm<Values>();
  const code = Form.useWatch('code', form);
  const taken = !indicator && config.indicators.some((ind) => ind.code === code?.trim());
  const today = businessToday();

  const departmentOptions = config.departments.map((d) => {
    const left = d.activeTo !== null && d.activeTo < today;
    return { value: d.code, label: left ? `${d.name}（${t('coordm.ind.departmentLeft')}）` : d.name };
  });

  const nextOrder = config.indicators.reduce((max, ind) => Math.max(max, ind.sortOrder), 0) + 10;
  const initial: Values = indicator
    ? { ...indicator }
    : { code: '', name: '', unit: '', aggregation: 'sum', integer: true, min: 0, max: null, departments: [], active: true, sortOrder: nextOrder };

  const submit = (v: Values) => {
    const { code: raw, ...rest } = v;
    put.mutate(
      {
        code: indicator ? indicator.code : raw.trim(),
        body: { ...rest, name: v.name.trim(), unit: v.unit.trim(), min: v.min ?? null, max: v.max ?? null },
      },
      {
        onSuccess: () => {
          void message.success(t('coordm.ind.saved'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={indicator ? t('coordm.ind.editTitle', { name: indicator.name }) : t('coordm.ind.add')}
      onCancel={onClose}
      width={680}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={put.isPending} onClick={() => form.submit()} data-testid="indicator-submit">
            {t('common.save')}
          </Button>
        </>
      }
      data-testid="indicator-modal"
    >
      {taken ? <Alert type="warning" showIcon className="xf-form-alert" title={t('coordm.ind.codeTaken')} data-testid="indicator-code-taken" /> : null}
      <Form<Values>
        form={form}
        name="coord-indicator"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={initial}
        onValuesChange={() => put.reset()}
        onFinish={submit}
      >
        <div className="xf-coordm-row">
          <Form.Item
            name="code"
            label={t('coordm.ind.code')}
            extra={indicator ? t('coordm.ind.codeFixed') : t('coordm.ind.codeHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('coordm.ind.code') }) },
              { pattern: CODE_PATTERN, message: t('coordm.ind.codeFormat') },
            ]}
          >
            <Input disabled={indicator !== null} maxLength={40} style={{ width: 200 }} data-testid="indicator-code" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('coordm.ind.name')}
            className="xf-grow"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.ind.name') }) }]}
          >
            <Input maxLength={60} data-testid="indicator-name" />
          </Form.Item>
          <Form.Item
            name="unit"
            label={t('coordm.ind.unit')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.ind.unit') }) }]}
          >
            <Input maxLength={10} style={{ width: 100 }} placeholder={t('coordm.ind.unitPlaceholder')} data-testid="indicator-unit" />
          </Form.Item>
        </div>
        <Form.Item name="aggregation" label={t('coordm.ind.aggregation')} extra={t('coordm.ind.aggregationHint')}>
          <Radio.Group optionType="button" options={AGGREGATIONS.map((a) => ({ value: a, label: t(`coordm.agg.${a}`) }))} data-testid="indicator-aggregation" />
        </Form.Item>
        <div className="xf-coordm-row">
          <Form.Item name="integer" label={t('coordm.ind.integer')} valuePropName="checked">
            <Switch data-testid="indicator-integer" />
          </Form.Item>
          <Form.Item name="min" label={t('coordm.ind.min')}>
            <InputNumber<number> min={0} style={{ width: 140 }} data-testid="indicator-min" />
          </Form.Item>
          <Form.Item
            name="max"
            label={t('coordm.ind.max')}
            dependencies={['min']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: number | null | undefined) => {
                  const min = getFieldValue('min') as number | null | undefined;
                  return value === null || value === undefined || min === null || min === undefined || value >= min
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('coordm.ind.maxBelowMin')));
                },
              }),
            ]}
          >
            <InputNumber<number> min={0} style={{ width: 140 }} data-testid="indicator-max" />
          </Form.Item>
          <Form.Item
            name="sortOrder"
            label={t('coordm.ind.sortOrder')}
            rules={[{ required: true, message: t('common.required', { field: t('coordm.ind.sortOrder') }) }]}
          >
            <InputNumber<number> precision={0} style={{ width: 100 }} data-testid="indicator-sort" />
          </Form.Item>
          <Form.Item name="active" label={t('coordm.ind.active')} valuePropName="checked">
            <Switch data-testid="indicator-active" />
          </Form.Item>
        </div>
        <Form.Item name="departments" label={t('coordm.ind.departments')}>
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} data-testid="indicator-departments" />
        </Form.Item>
      </Form>
      {put.isError ? <Alert type="error" showIcon title={errorText(put.error)} data-testid="indicator-error" /> : null}
    </Modal>
  );
}
