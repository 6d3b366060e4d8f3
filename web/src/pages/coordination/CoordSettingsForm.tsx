import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber } from 'antd';
import { usePutSettings } from '../../api/coordinationMeetings.ts';
import type { CoordSettings } from '../../api/coordinationTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { businessToday } from '../registry/registryFormat.ts';
import { noImplicitSubmit } from './meetings/coordmFormat.ts';

/** 报送设置: the due day of the monthly reports, the reminder, and the bulletins' number and issuer. */
export function CoordSettingsForm({ settings }: { settings: CoordSettings }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const put = usePutSettings();
  const [form] = Form.useForm<CoordSettings>();
  const prefix = Form.useWatch('documentPrefix', form) ?? settings.documentPrefix;
  const dueDay = Form.useWatch('dueDay', form) ?? settings.dueDay;
  const year = businessToday().slice(0, 4);

  const submit = (v: CoordSettings) =>
    put.mutate(
      { ...v, documentPrefix: v.documentPrefix.trim(), issuer: v.issuer.trim() },
      { onSuccess: () => void message.success(t('coordm.settings.saved')) },
    );

  return (
    <Card title={t('coordm.settings.title')} data-testid="settings-card">
      <Form<CoordSettings>
        form={form}
        name="coord-settings"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={settings}
        onValuesChange={() => put.reset()}
        onFinish={submit}
        className="xf-coordm-settings"
      >
        <DueFields dueDay={dueDay} />
        <div className="xf-coordm-row">
          <Form.Item
            name="documentPrefix"
            label={t('coordm.settings.prefix')}
            className="xf-grow"
            extra={t('coordm.settings.prefixExample', { number: `${prefix ?? ''}〔${year}〕12号` })}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.settings.prefix') }) }]}
          >
            <Input maxLength={30} data-testid="settings-prefix" />
          </Form.Item>
          <Form.Item
            name="issuer"
            label={t('coordm.settings.issuer')}
            className="xf-grow"
            extra={t('coordm.settings.issuerHint')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.settings.issuer') }) }]}
          >
            <Input maxLength={60} data-testid="settings-issuer" />
          </Form.Item>
        </div>
        {put.isError ? <Alert type="error" showIcon className="xf-form-alert" title={errorText(put.error)} data-testid="settings-error" /> : null}
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={put.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** When the monthly reports are due, and how many days before a reminder goes out. */
function DueFields({ dueDay }: { dueDay: number | undefined }) {
  const { t } = useI18n();
  return (
    <div className="xf-coordm-row">
      <Form.Item
        name="dueDay"
        label={t('coordm.settings.dueDay')}
        extra={t('coordm.settings.dueDayHint', { day: dueDay ?? '' })}
        rules={[{ required: true, message: t('common.required', { field: t('coordm.settings.dueDay') }) }]}
      >
        <InputNumber<number>
          min={1}
          max={28}
          precision={0}
          suffix={t('coordm.settings.day') || undefined}
          style={{ width: 140 }}
          data-testid="settings-due-day"
        />
      </Form.Item>
      <Form.Item
        name="reminderDays"
        label={t('coordm.settings.reminderDays')}
        extra={t('coordm.settings.reminderHint')}
        rules={[{ required: true, message: t('common.required', { field: t('coordm.settings.reminderDays') }) }]}
      >
        <InputNumber<number> min={0} max={15} precision={0} suffix={t('coordm.settings.days')} style={{ width: 140 }} data-testid="settings-reminder-days" />
      </Form.Item>
    </div>
  );
}
