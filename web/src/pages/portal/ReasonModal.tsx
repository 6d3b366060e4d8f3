import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n, type MessageKey } from '../../i18n/index.ts';

interface ReasonProps {
  titleKey: MessageKey;
  okKey: MessageKey;
  testId: string;
  pending: boolean;
  onOk: (reason: string) => void;
  onClose: () => void;
}

/** Asks why (退回, 撤回): the reason is kept with the article and shown to its writer. */
export function ReasonModal({ titleKey, okKey, testId, pending, onOk, onClose }: ReasonProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t(titleKey)}
      okText={t(okKey)}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ danger: true, 'data-testid': `${testId}-confirm` }}
      data-testid={testId}
    >
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('portal.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('portal.reason') }) }]}
        >
          <Input.TextArea autoFocus maxLength={500} autoSize={{ minRows: 3, maxRows: 6 }} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 审核通过并发布: now, or from a chosen time (定时发布). */
export function ApproveModal({ pending, onOk, onClose }: { pending: boolean; onOk: (publishAt: string | null) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ publishAt?: Dayjs | null }>();
  return (
    <Modal
      open
      title={t('portal.approve')}
      okText={t('portal.approveConfirm')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'approve-confirm' }}
      data-testid="approve-modal"
    >
      <p>{t('portal.approveHelp')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.publishAt ? v.publishAt.toISOString() : null)}>
        <Form.Item name="publishAt" label={t('portal.publishAt')} extra={t('portal.publishAtHelp')}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" data-testid="approve-publish-at" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
