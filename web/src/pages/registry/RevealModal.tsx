import { AuditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useShowError } from '../../api/errors.ts';
import { registryApi } from '../../api/registry.ts';
import type { Person } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';

/**
 * Shows a member's full ID and phone number after the user gives a reason; the server logs every
 * reveal with the reason. Mounted only while open; the numbers are forgotten on closing.
 */
export function RevealModal({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({ mutationFn: (reason: string) => registryApi.reveal(person.id, reason), onError: showError });
  const shown = reveal.data;

  const footer = shown ? (
    <Button onClick={onClose} data-testid="reveal-close">
      {t('reveal.close')}
    </Button>
  ) : (
    <>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={reveal.isPending} onClick={() => form.submit()} data-testid="reveal-confirm">
        {t('reveal.submit')}
      </Button>
    </>
  );

  return (
    <Modal open title={t('reveal.title')} onCancel={onClose} footer={footer} data-testid="reveal-modal">
      <Typography.Paragraph>
        <Typography.Text strong>{person.name}</Typography.Text>{' '}
        <Typography.Text type="secondary" className="xf-code">
          {person.idNumber}
        </Typography.Text>
      </Typography.Paragraph>
      {shown ? (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }}>
            <Descriptions.Item label={t('registry.col.idNumber')}>
              <Typography.Text copyable className="xf-code xf-revealed" data-testid="revealed-id">
                {shown.idNumber}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('registry.col.phone')}>
              {shown.phone ? (
                <Typography.Text copyable className="xf-code" data-testid="revealed-phone">
                  {shown.phone}
                </Typography.Text>
              ) : (
                <span className="xf-muted">{t('reveal.noPhone')}</span>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon icon={<AuditOutlined />} title={t('reveal.logged')} className="xf-reveal-logged" />
        </>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('reveal.notice')} className="xf-form-alert" />
          <Form form={form} name="reveal" layout="vertical" onFinish={({ reason }) => reveal.mutate(reason.trim())}>
            <Form.Item
              name="reason"
              label={t('reveal.reason')}
              required
              rules={[
                {
                  validator: async (_, value: unknown) => {
                    if (typeof value !== 'string' || value.trim().length < 2) throw new Error(t('reveal.reasonRule'));
                  },
                },
              ]}
            >
              <Input maxLength={200} placeholder={t('reveal.reasonPlaceholder')} autoFocus data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
