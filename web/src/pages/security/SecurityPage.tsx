import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Divider, Form, InputNumber, Skeleton, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { securityApi } from '../../api/security.ts';
import { useShowError } from '../../api/errors.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import type { SecurityPolicy } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.ts';

interface NumberField {
  name: Exclude<keyof SecurityPolicy, 'requireTotpForPrivileged'>;
  label: MessageKey;
  unit: MessageKey;
  min: number;
  max: number;
  help?: MessageKey;
}

/* Bounds are the form's sanity limits; the server has the last word (400 with a message). */
const PASSWORD_FIELDS: NumberField[] = [
  { name: 'minPasswordLength', label: 'security.minPasswordLength', unit: 'unit.chars', min: 8, max: 128 },
  { name: 'passwordExpiryDays', label: 'security.passwordExpiryDays', unit: 'unit.days', min: 0, max: 3650, help: 'security.passwordExpiryHelp' },
];
const LOCKOUT_FIELDS: NumberField[] = [
  { name: 'lockoutThreshold', label: 'security.lockoutThreshold', unit: 'unit.times', min: 1, max: 100 },
  { name: 'lockoutMinutes', label: 'security.lockoutMinutes', unit: 'unit.minutes', min: 1, max: 10080 },
];
const SESSION_FIELDS: NumberField[] = [
  { name: 'idleTimeoutMinutes', label: 'security.idleTimeoutMinutes', unit: 'unit.minutes', min: 1, max: 1440, help: 'security.idleTimeoutHelp' },
];

export function SecurityPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const { refresh } = useSession();
  const [form] = Form.useForm<SecurityPolicy>();
  const policy = useQuery({ queryKey: queryKeys.security.policy, queryFn: securityApi.policy });

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const save = useMutation({
    mutationFn: securityApi.update,
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.security.policy, saved);
      void message.success(t('security.saved'));
      void refresh(); // the idle timeout of this session may have changed
    },
    onError: showError,
  });

  if (policy.isError) return <QueryError error={policy.error} onRetry={() => void policy.refetch()} />;

  const numberItems = (fields: NumberField[]) =>
    fields.map((field) => (
      <Form.Item
        key={field.name}
        name={field.name}
        label={t(field.label)}
        extra={field.help ? t(field.help) : undefined}
        rules={[{ required: true, type: 'integer', min: field.min, max: field.max, message: `${field.min}–${field.max}` }]}
      >
        <InputNumber min={field.min} max={field.max} precision={0} suffix={t(field.unit)} style={{ width: 200 }} data-testid={`policy-${field.name}`} />
      </Form.Item>
    ));

  return (
    <Card title={t('security.title')} data-testid="security-page">
      <Alert type="info" showIcon title={t('security.notice')} style={{ marginBottom: 16 }} />
      {policy.isPending ? (
        <Skeleton active />
      ) : (
        <Form<SecurityPolicy>
          form={form}
          layout="horizontal"
          labelCol={{ flex: '240px' }}
          labelWrap
          style={{ maxWidth: 720 }}
          onFinish={(values) => save.mutate(values)}
          data-testid="security-form"
        >
          <Divider titlePlacement="start">{t('security.password')}</Divider>
          {numberItems(PASSWORD_FIELDS)}
          <Divider titlePlacement="start">{t('security.lockout')}</Divider>
          {numberItems(LOCKOUT_FIELDS)}
          <Divider titlePlacement="start">{t('security.session')}</Divider>
          {numberItems(SESSION_FIELDS)}
          <Form.Item name="requireTotpForPrivileged" label={t('security.requireTotp')} extra={t('security.requireTotpHelp')} valuePropName="checked">
            <Switch data-testid="policy-requireTotpForPrivileged" />
          </Form.Item>
          <Form.Item label=" " colon={false}>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
                {t('common.save')}
              </Button>
              <Button onClick={() => policy.data && form.setFieldsValue(policy.data)}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
