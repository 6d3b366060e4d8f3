import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Space, Typography, type FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ecdApi, type Child, type MeasurementBody, type MeasurementResult, type Position } from '../../api/ecd.ts';
import { useErrorText } from '../../api/errors.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { useI18n } from '../../i18n/index.ts';
import { businessToday, DATE_FORMAT, isFuture, toDateText } from '../registry/registryFormat.ts';
import { ageDays, formatZ } from './ecdFormat.ts';
import { StatusTags } from './StatusTags.tsx';

interface Values {
  date: Dayjs;
  weightKg?: number | null;
  lengthHeightCm?: number | null;
  position: Position;
  headCircumferenceCm?: number | null;
  note?: string;
}

/**
 * What the server accepts as plausible for a child (src/modules/ecd/service.ts): weight above
 * 0.5 kg up to 60, length/height 35–130 cm, head circumference 20–60 cm. Checked here first, so a
 * slip (a weight of 0) is refused in the form, before anything is sent.
 */
const PLAUSIBLE = {
  weightKg: { min: 0.5, max: 60, aboveMin: true, label: 'ecd.measure.weight' },
  lengthHeightCm: { min: 35, max: 130, aboveMin: false, label: 'ecd.measure.length' },
  headCircumferenceCm: { min: 20, max: 60, aboveMin: false, label: 'ecd.measure.head' },
} as const;

function usePlausible() {
  const { t } = useI18n();
  return (field: keyof typeof PLAUSIBLE): FormRule[] => {
    const { min, max, aboveMin, label } = PLAUSIBLE[field];
    const message = t(aboveMin ? 'ecd.measure.above' : 'ecd.measure.within', { field: t(label), min, max });
    return [
      {
        validator: (_, value: number | null | undefined) =>
          value === null || value === undefined || ((aboveMin ? value > min : value >= min) && value <= max)
            ? Promise.resolve()
            : Promise.reject(new Error(message)),
      },
    ];
  };
}

function toBody(v: Values): MeasurementBody {
  const body: MeasurementBody = { date: toDateText(v.date) };
  if (typeof v.weightKg === 'number') body.weightKg = v.weightKg;
  if (typeof v.lengthHeightCm === 'number') {
    body.lengthHeightCm = v.lengthHeightCm;
    body.position = v.position;
  }
  if (typeof v.headCircumferenceCm === 'number') body.headCircumferenceCm = v.headCircumferenceCm;
  if (v.note?.trim()) body.note = v.note.trim();
  return body;
}

/** What the server made of the measurement: z-scores, status tags (none when all is well) and warnings. */
function MeasurementOutcome({ result }: { result: MeasurementResult }) {
  const { t } = useI18n();
  const z = result.zscores;
  return (
    <Alert
      type={result.statuses.length > 0 ? 'warning' : 'success'}
      showIcon
      title={t('ecd.result.title')}
      data-testid="measure-result"
      data-statuses={result.statuses.length}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text data-testid="measure-zscores">
            {`${t('ecd.col.waz')} ${formatZ(z.weightForAge)} · ${t('ecd.col.haz')} ${formatZ(z.lengthHeightForAge)} · ${t('ecd.col.whz')} ${formatZ(z.weightForLengthHeight)}`}
          </Typography.Text>
          <div>
            {result.statuses.length > 0 ? <StatusTags statuses={result.statuses} /> : <span data-testid="measure-normal">{t('ecd.result.normal')}</span>}
          </div>
          {result.warnings.map((w) => (
            <Typography.Text key={w} type="warning" data-testid="measure-warning">
              {t('ecd.result.warnings')}:{w}
            </Typography.Text>
          ))}
        </Space>
      }
    />
  );
}

/** 记录测量 (teachers): the date and any of weight, length/height (lying or standing) and head circumference. */
export function MeasurementForm({ child }: { child: Child }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const plausible = usePlausible();
  const measure = useMutation({
    mutationFn: (body: MeasurementBody) => ecdApi.measure(child.id, body),
    onSuccess: () => {
      void message.success(t('ecd.measure.saved'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.ecd.child(child.id) });
      form.resetFields(['weightKg', 'lengthHeightCm', 'headCircumferenceCm', 'note']);
    },
  });
  // WHO: lying below two years, standing from two.
  const position: Position = ageDays(child.birthDate) < 731 ? 'lying' : 'standing';

  const submit = (values: Values) => {
    const body = toBody(values);
    if (body.weightKg === undefined && body.lengthHeightCm === undefined && body.headCircumferenceCm === undefined) {
      void message.warning(t('ecd.measure.atLeastOne'));
      return;
    }
    measure.mutate(body);
  };

  return (
    <Card title={t('ecd.measure.title')} data-testid="measure-card">
      <Form<Values> form={form} name="ecd-measure" layout="vertical" initialValues={{ date: dayjs(businessToday()), position }} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={12} xl={4}>
            <Form.Item name="date" label={t('ecd.measure.date')} rules={[{ required: true, message: t('common.required', { field: t('ecd.measure.date') }) }]}>
              <DatePicker format={DATE_FORMAT} disabledDate={isFuture} allowClear={false} style={{ width: '100%' }} data-testid="measure-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={4}>
            <Form.Item name="weightKg" label={t('ecd.measure.weight')} rules={plausible('weightKg')}>
              <InputNumber min={0} max={60} step={0.1} style={{ width: '100%' }} data-testid="measure-weight" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={4}>
            <Form.Item name="lengthHeightCm" label={t('ecd.measure.length')} rules={plausible('lengthHeightCm')}>
              <InputNumber min={0} max={200} step={0.1} style={{ width: '100%' }} data-testid="measure-length" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="position" label={t('ecd.measure.position')}>
              <Radio.Group optionType="button" data-testid="measure-position">
                <Radio value="lying" data-testid="measure-position-lying">
                  {t('ecd.measure.lying')}
                </Radio>
                <Radio value="standing" data-testid="measure-position-standing">
                  {t('ecd.measure.standing')}
                </Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={4}>
            <Form.Item name="headCircumferenceCm" label={t('ecd.measure.head')} rules={plausible('headCircumferenceCm')}>
              <InputNumber min={0} max={70} step={0.1} style={{ width: '100%' }} data-testid="measure-head" />
            </Form.Item>
          </Col>
          <Col xs={24} xl={20}>
            <Form.Item name="note" label={t('ecd.measure.note')}>
              <Input maxLength={500} data-testid="measure-note" />
            </Form.Item>
          </Col>
          <Col xs={24} xl={4}>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" block loading={measure.isPending} data-testid="measure-submit">
                {t('ecd.measure.submit')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {measure.isError ? <Alert type="error" showIcon title={errorText(measure.error)} data-testid="measure-error" /> : null}
      {measure.data && !measure.isPending ? <MeasurementOutcome result={measure.data} /> : null}
    </Card>
  );
}
