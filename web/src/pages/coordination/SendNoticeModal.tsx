import { Alert, App, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useSendNotice } from '../../api/coordinationMeetings.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { noImplicitSubmit, useDepartmentOptions } from './meetings/coordmFormat.ts';

interface Values {
  title: string;
  body: string;
  to: 'all' | 'chosen';
  departments: string[];
}

/** 发送通知 (the office): to all member departments or to the ones chosen. */
export function SendNoticeModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const departments = useDepartmentOptions();
  const send = useSendNotice();
  const [form] = Form.useForm<Values>();
  const to = Form.useWatch('to', form) ?? 'all';

  const submit = (v: Values) =>
    send.mutate(
      { title: v.title.trim(), body: v.body.trim(), departments: v.to === 'all' ? 'all' : v.departments },
      {
        onSuccess: (notice) => {
          void message.success(t('coordm.notice.sent', { count: notice.recipients.length }));
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={t('coordm.notice.send')}
      onCancel={onClose}
      width={640}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={send.isPending} onClick={() => form.submit()} data-testid="notice-send-submit">
            {t('coordm.notice.sendConfirm')}
          </Button>
        </>
      }
      data-testid="notice-send-modal"
    >
      <Form<Values>
        form={form}
        name="coord-notice"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={{ to: 'all', departments: [] }}
        onValuesChange={() => send.reset()}
        onFinish={submit}
      >
        <Form.Item
          name="title"
          label={t('coordm.notice.title')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.notice.title') }) }]}
        >
          <Input maxLength={200} data-testid="notice-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('coordm.notice.body')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.notice.body') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10000} showCount data-testid="notice-body-input" />
        </Form.Item>
        <Form.Item name="to" label={t('coordm.notice.recipients')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('coordm.allDepartments') },
              { value: 'chosen', label: t('coordm.notice.chosen') },
            ]}
            data-testid="notice-to"
          />
        </Form.Item>
        {to === 'chosen' ? (
          <Form.Item
            name="departments"
            rules={[{ required: true, type: 'array', min: 1, message: t('common.select', { field: t('coordm.notice.recipients') }) }]}
          >
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.options}
              loading={departments.loading}
              placeholder={t('coordm.notice.chooseDepartments')}
              data-testid="notice-departments"
            />
          </Form.Item>
        ) : null}
      </Form>
      {send.isError ? <Alert type="error" showIcon title={errorText(send.error)} data-testid="notice-send-error" /> : null}
    </Modal>
  );
}
