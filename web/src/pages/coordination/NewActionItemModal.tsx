import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCreateActionItem } from '../../api/coordinationMeetings.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { DATE_FORMAT, noImplicitSubmit, toDate, useDepartmentOptions } from './meetings/coordmFormat.ts';
import { todayDayjs } from '../../clock.ts';

interface Values {
  title: string;
  owner: string;
  dueOn: Dayjs;
}

/** 新建督办事项 (the office): an assignment outside a meeting, to one department, by a date. */
export function NewActionItemModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const departments = useDepartmentOptions();
  const create = useCreateActionItem();
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) =>
    create.mutate(
      { title: v.title.trim(), owner: v.owner, dueOn: toDate(v.dueOn) },
      {
        onSuccess: () => {
          void message.success(t('coordm.action.created'));
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={t('coordm.action.new')}
      onCancel={onClose}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="action-new-submit">
            {t('coordm.action.create')}
          </Button>
        </>
      }
      data-testid="action-new-modal"
    >
      <Form<Values>
        form={form}
        name="coord-action-item"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={{ dueOn: todayDayjs().add(1, 'month') }}
        onValuesChange={() => create.reset()}
        onFinish={submit}
      >
        <Form.Item
          name="title"
          label={t('coordm.action.title')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.action.title') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} showCount data-testid="action-new-title" />
        </Form.Item>
        <Form.Item
          name="owner"
          label={t('coordm.decision.owner')}
          rules={[{ required: true, message: t('common.select', { field: t('coordm.decision.owner') }) }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={departments.options} loading={departments.loading} data-testid="action-new-owner" />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('coordm.decision.dueOn')}
          rules={[{ required: true, message: t('common.select', { field: t('coordm.decision.dueOn') }) }]}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: 200 }} data-testid="action-new-due" />
        </Form.Item>
      </Form>
      {create.isError ? <Alert type="error" showIcon title={errorText(create.error)} data-testid="action-new-error" /> : null}
    </Modal>
  );
}
