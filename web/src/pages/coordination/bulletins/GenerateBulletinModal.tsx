import { Alert, App, Button, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useCreateBulletin } from '../../../api/coordination.ts';
import type { BulletinKind } from '../../../api/coordinationTypes.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { bulletinPeriod, businessToday, isFuturePeriod, noImplicitSubmit } from '../coordFormat.ts';

interface Values {
  kind: BulletinKind;
  period: Dayjs | null;
}

const KINDS: readonly BulletinKind[] = ['month', 'quarter', 'year'];
const FORMATS: Record<BulletinKind, string> = { month: 'YYYY-MM', quarter: 'YYYY-[Q]Q', year: 'YYYY' };

/** The last finished period of a kind: last month, last quarter, last year. */
function lastFinished(kind: BulletinKind): Dayjs {
  const today = dayjs(businessToday(), 'YYYY-MM-DD');
  if (kind === 'year') return today.subtract(1, 'year').startOf('year');
  if (kind === 'quarter')
    return today
      .startOf('month')
      .month(Math.floor(today.month() / 3) * 3)
      .subtract(3, 'month');
  return today.subtract(1, 'month').startOf('month');
}

/** 生成通报: a month, a quarter or a year; the draft is made from the accepted reports of the period. */
export function GenerateBulletinModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'month';
  const create = useCreateBulletin();
  const period = Form.useWatch('period', form);

  return (
    <Modal
      open
      title={t('coord.bulletins.generate')}
      onCancel={onClose}
      width={520}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="bulletin-generate-confirm">
            {t('coord.bulletins.generateConfirm')}
          </Button>
        </>
      }
      data-testid="bulletin-generate-modal"
    >
      <Typography.Paragraph className="xf-coord-modal-hint">{t('coord.bulletins.generateHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onKeyDown={noImplicitSubmit}
        initialValues={{ kind: 'month', period: lastFinished('month') }}
        onValuesChange={(changed: Partial<Values>) => {
          create.reset();
          if (changed.kind) form.setFieldValue('period', lastFinished(changed.kind));
        }}
        onFinish={(values) => {
          if (!values.period) return;
          create.mutate(bulletinPeriod(values.kind, values.period), {
            onSuccess: (bulletin) => {
              void message.success(t('coord.bulletins.generated'));
              onClose();
              void navigate(`/coordination/bulletins/${bulletin.id}`);
            },
          });
        }}
      >
        <Form.Item name="kind" label={t('coord.bulletins.kind')}>
          <Select<BulletinKind>
            options={KINDS.map((k) => ({ value: k, label: t(`coord.bulletinKind.${k}`) }))}
            style={{ width: 200 }}
            data-testid="bulletin-period-kind"
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('coord.bulletins.period')}
          rules={[{ required: true, message: t('common.select', { field: t('coord.bulletins.period') }) }]}
          extra={period ? t('coord.bulletins.periodCode', { code: bulletinPeriod(kind, period) }) : undefined}
        >
          <DatePicker
            key={kind}
            picker={kind}
            format={FORMATS[kind]}
            allowClear={false}
            disabledDate={(value) => isFuturePeriod(kind, value)}
            style={{ width: 200 }}
            data-testid="bulletin-period"
          />
        </Form.Item>
      </Form>
      {create.isError ? <Alert type="error" showIcon title={errorText(create.error)} data-testid="bulletin-generate-error" /> : null}
    </Modal>
  );
}
