import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, InputNumber, Radio, Row, Select, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { benefitsApi, type Programme, type ProgrammeId, type ProgrammeParameter, type WhatIfInput } from '../../api/benefits.ts';
import { useErrorText } from '../../api/errors.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { businessToday, DATE_FORMAT, toDateText } from '../registry/registryFormat.ts';
import { BenefitsTabs } from './BenefitsTabs.tsx';
import { programmeName } from './benefitsFormat.ts';
import {
  fitsDecimals,
  formatParameterValue,
  nextFirstOfJanuary,
  notFirstOfMonth,
  parameterLabel,
  rowInForce,
  unitDecimals,
  unitLabel,
  valueKind,
} from './parameterFormat.ts';
import { useProgrammes } from './useBenefitsData.ts';
import { WhatIfResults } from './WhatIfResults.tsx';

interface Values {
  programme: ProgrammeId;
  parameter: string;
  value: number;
  effectiveFrom: Dayjs;
  years: number;
}

/** Only numbers can be tried out: amounts, ages, years. */
function numericParameters(programme: Programme | undefined): ProgrammeParameter[] {
  return programme?.parameters.filter((parameter) => valueKind(parameter) === 'number') ?? [];
}

function currentNumber(parameter: ProgrammeParameter | undefined): number | undefined {
  const value = parameter ? rowInForce(parameter.rows, businessToday())?.value : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** `农村部分计划生育家庭奖励扶助 · 月标准：80 元/月 → 100 元/月，自 2026-01-01 起测算 3 年`. */
function describe(i18n: I18n, programmes: readonly Programme[], input: WhatIfInput): string {
  const programme = programmes.find((p) => p.id === input.programme);
  const parameter = programme?.parameters.find((p) => p.name === input.parameter);
  const unit = parameter?.unit ?? '';
  const current = currentNumber(parameter);
  return i18n.t('whatIf.summary', {
    programme: programmeName(i18n, input.programme, programme?.name),
    parameter: parameterLabel(i18n, input.parameter),
    from: current === undefined ? '—' : formatParameterValue(i18n, unit, current),
    to: formatParameterValue(i18n, unit, input.value),
    date: input.effectiveFrom,
    years: input.years,
  });
}

/** 政策测算 (office only): what a new value of one standard would cost, against today's, over the register. */
export function WhatIfPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Values>();
  const errorText = useErrorText();
  const programmes = useProgrammes();
  // The calculation counts monthly payments: one-off programmes have nothing to compare.
  const list = useMemo(() => (programmes.data ?? []).filter((p) => p.period === 'month' && numericParameters(p).length > 0), [programmes.data]);

  const run = useMutation({ mutationFn: (input: WhatIfInput) => benefitsApi.whatIf(input) });

  const programmeId = Form.useWatch('programme', form);
  const parameterName = Form.useWatch('parameter', form);
  const programme = list.find((p) => p.id === programmeId);
  const parameters = numericParameters(programme);
  const parameter = parameters.find((p) => p.name === parameterName);
  const unit = parameter ? unitLabel(i18n, parameter.unit) : '';
  const current = currentNumber(parameter);

  const initial = useMemo<Partial<Values> | undefined>(() => {
    const first = list[0];
    const firstParameter = numericParameters(first)[0];
    if (!first || !firstParameter) return undefined;
    return {
      programme: first.id,
      parameter: firstParameter.name,
      value: currentNumber(firstParameter),
      effectiveFrom: nextFirstOfJanuary(),
      years: 1,
    };
  }, [list]);

  const onValuesChange = (changed: Partial<Values>) => {
    if ('programme' in changed) {
      const next = numericParameters(list.find((p) => p.id === changed.programme))[0];
      form.setFieldsValue({ parameter: next?.name, value: currentNumber(next) });
    } else if ('parameter' in changed) {
      const next = parameters.find((p) => p.name === changed.parameter);
      form.setFieldsValue({ value: currentNumber(next) });
    }
  };

  const submit = (values: Values) =>
    run.mutate({
      programme: values.programme,
      parameter: values.parameter,
      value: values.value,
      effectiveFrom: toDateText(values.effectiveFrom),
      years: values.years,
    });

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.select', { field }) }];

  let body;
  if (programmes.isError && !programmes.data) {
    body = <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} />;
  } else if (!programmes.data) {
    body = (
      <Spin spinning>
        <div className="xf-benefits-placeholder" style={{ minHeight: 120 }} />
      </Spin>
    );
  } else if (!initial) {
    body = <Empty description={t('whatIf.noParameters')} />;
  } else {
    body = (
      <Form<Values> form={form} name="benefits-what-if" layout="vertical" initialValues={initial} onValuesChange={onValuesChange} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="programme" label={t('whatIf.programme')} rules={chosen(t('whatIf.programme'))}>
              <Select<ProgrammeId>
                options={list.map((p) => ({ value: p.id, label: programmeName(i18n, p.id, p.name) }))}
                popupMatchSelectWidth={false}
                data-testid="what-if-programme"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="parameter" label={t('whatIf.parameter')} rules={chosen(t('whatIf.parameter'))}>
              <Select
                options={parameters.map((p) => ({ value: p.name, label: parameterLabel(i18n, p.name) }))}
                popupMatchSelectWidth={false}
                data-testid="what-if-parameter"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} xl={4}>
            <Form.Item
              name="value"
              label={t('whatIf.value')}
              rules={[
                ...required(t('whatIf.value')),
                {
                  validator: (_, value: unknown) =>
                    typeof value !== 'number' || !parameter || fitsDecimals(parameter.unit, value)
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(
                            t(unitDecimals(parameter.unit) === 0 ? 'benefits.wholeNumber' : 'benefits.decimals', { decimals: unitDecimals(parameter.unit) }),
                          ),
                        ),
                },
              ]}
              extra={current !== undefined && parameter ? t('whatIf.current', { value: formatParameterValue(i18n, parameter.unit, current) }) : undefined}
            >
              <InputNumber<number>
                min={0}
                precision={parameter && unitDecimals(parameter.unit) === 0 ? 0 : undefined}
                suffix={unit || undefined}
                style={{ width: '100%' }}
                data-testid="what-if-value"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} xl={4}>
            <Form.Item name="effectiveFrom" label={t('whatIf.effectiveFrom')} extra={t('whatIf.effectiveFromHint')} rules={chosen(t('whatIf.effectiveFrom'))}>
              <DatePicker format={DATE_FORMAT} disabledDate={notFirstOfMonth} style={{ width: '100%' }} data-testid="what-if-effective-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} xl={4}>
            <Form.Item name="years" label={t('whatIf.years')} extra={t('whatIf.yearsHint')}>
              <Radio.Group optionType="button" options={[1, 2, 3].map((years) => ({ value: years, label: String(years) }))} data-testid="what-if-years" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={run.isPending} data-testid="what-if-run">
          {t('whatIf.run')}
        </Button>
      </Form>
    );
  }

  return (
    <div className="xf-stack" data-testid="benefits-what-if-page">
      <BenefitsTabs />
      <Card title={t('whatIf.title')}>
        <Alert type="warning" showIcon className="xf-benefits-note" title={t('whatIf.note')} data-testid="what-if-note" />
        {body}
      </Card>
      {run.isError ? <Alert type="error" showIcon title={errorText(run.error)} data-testid="what-if-error" /> : null}
      {run.isPending && !run.data ? (
        <Card>
          <Spin spinning description={t('whatIf.running')}>
            <div className="xf-benefits-placeholder" />
          </Spin>
        </Card>
      ) : null}
      {run.data && run.variables && !run.isPending ? <WhatIfResults result={run.data} title={describe(i18n, programmes.data ?? [], run.variables)} /> : null}
    </div>
  );
}
