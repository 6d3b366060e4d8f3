import { Alert, App, Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useAddActionNote } from '../../api/coordinationMeetings.ts';
import type { ActionItem } from '../../api/coordinationTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { ACTION_STATUS_TAGS } from './meetings/coordmFormat.ts';

interface Values {
  text: string;
  done: boolean;
}

/** 添加进展: a progress note on an action item, optionally closing it (已办结). */
export function ActionNoteModal({ item, onClose }: { item: ActionItem; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddActionNote();
  const [form] = Form.useForm<Values>();
  const done = Form.useWatch('done', form) ?? false;

  const submit = (v: Values) =>
    add.mutate(
      { id: item.id, body: { text: v.text.trim(), ...(v.done ? { done: true } : {}) } },
      {
        onSuccess: () => {
          void message.success(t(v.done ? 'coordm.action.closed' : 'coordm.action.noted'));
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={t('coordm.action.addNote')}
      onCancel={onClose}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="action-note-submit">
            {t(done ? 'coordm.action.saveAndClose' : 'common.save')}
          </Button>
        </>
      }
      data-testid="action-note-modal"
    >
      <div className="xf-coordm-modal-subject">
        <EnumTag table={ACTION_STATUS_TAGS} value={item.status} />
        <Typography.Text strong>{item.title}</Typography.Text>
        <div className="xf-subline">{t('coordm.action.ownerDue', { owner: item.ownerName, due: item.dueOn })}</div>
      </div>
      <Form<Values>
        form={form}
        name="coord-action-note"
        layout="vertical"
        initialValues={{ text: '', done: false }}
        onValuesChange={() => add.reset()}
        onFinish={submit}
      >
        <Form.Item
          name="text"
          label={t('coordm.action.noteText')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.action.noteText') }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={1000}
            showCount
            placeholder={t('coordm.action.notePlaceholder')}
            data-testid="action-note-text"
          />
        </Form.Item>
        <Form.Item name="done" valuePropName="checked" extra={done ? t('coordm.action.closeHint') : undefined}>
          <Checkbox data-testid="action-note-done">{t('coordm.action.markDone')}</Checkbox>
        </Form.Item>
      </Form>
      {add.isError ? <Alert type="error" showIcon title={errorText(add.error)} data-testid="action-note-error" /> : null}
    </Modal>
  );
}
