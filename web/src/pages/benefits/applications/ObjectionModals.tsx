import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { benefitsWorkflowApi, type Application, type Objection, type ObjectionCreate, type ObjectionResolve } from '../../../api/benefitsWorkflow.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useWorkflowReload } from './useWorkflowReload.ts';
import { businessToday, DATE_FORMAT, noImplicitSubmit, noticeOf, toDate } from './workflowFormat.ts';

interface ObjectionValues {
  receivedOn: Dayjs;
  objector: string;
  content: string;
}

/** 记录异议: an objection received while the notice is posted; the next step waits until it is resolved. */
export function ObjectionModal({ app, onClose }: { app: Application; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reload = useWorkflowReload().applications;
  const [form] = Form.useForm<ObjectionValues>();
  const notice = noticeOf(app);
  const today = businessToday();
  // Received during the notice, and not after today: by default today, or the notice's last day.
  const lastDay = notice && notice.until < today ? notice.until : today;
  const outside = (day: Dayjs) => {
    const text = toDate(day);
    return text > today || (notice !== null && (text < notice.from || text > notice.until));
  };
  const add = useMutation({
    mutationFn: (body: ObjectionCreate) => benefitsWorkflowApi.addObjection(app.id, body),
    onSuccess: () => {
      void message.success(t('wf.objection.recorded'));
      onClose();
    },
    onSettled: reload,
  });
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <Modal
      open
      title={t('wf.objection.add')}
      onCancel={onClose}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="objection-submit">
            {t('common.save')}
          </Button>
        </>
      }
      data-testid="objection-modal"
    >
      <Typography.Paragraph type="secondary">
        {notice ? t('wf.objection.addPeriod', { from: notice.from, until: notice.until }) : null}
        {t('wf.objection.addHint')}
      </Typography.Paragraph>
      <Form<ObjectionValues>
        form={form}
        name="objection"
        onKeyDown={noImplicitSubmit}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ receivedOn: dayjs(lastDay, DATE_FORMAT) }}
        onValuesChange={() => add.reset()}
        onFinish={(v) => add.mutate({ receivedOn: toDate(v.receivedOn), objector: v.objector.trim(), content: v.content.trim() })}
      >
        <div className="xf-form-row">
          <Form.Item
            name="receivedOn"
            label={t('wf.objection.receivedOn')}
            rules={[{ required: true, message: t('common.select', { field: t('wf.objection.receivedOn') }) }]}
          >
            <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={outside} style={{ width: 180 }} data-testid="objection-received-on" />
          </Form.Item>
          <Form.Item name="objector" label={t('wf.objection.objector')} rules={required(t('wf.objection.objector'))} className="xf-grow">
            <Input maxLength={60} placeholder={t('wf.objection.objectorPlaceholder')} data-testid="objection-objector" />
          </Form.Item>
        </div>
        <Form.Item
          name="content"
          label={t('wf.objection.content')}
          rules={[...required(t('wf.objection.content')), { min: 2, message: t('wf.objection.tooShort') }]}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="objection-content" />
        </Form.Item>
      </Form>
      {add.isError ? <Alert type="error" showIcon title={errorText(add.error)} data-testid="objection-error" /> : null}
    </Modal>
  );
}

interface ResolveValues {
  upheld: boolean;
  resolution: string;
}

/** 处理异议: upheld (the application is rejected) or not, with what was found. */
export function ResolveModal({ objection, onClose }: { objection: Objection; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reload = useWorkflowReload().applications;
  const [form] = Form.useForm<ResolveValues>();
  const upheld = Form.useWatch('upheld', form);
  const resolve = useMutation({
    mutationFn: (body: ObjectionResolve) => benefitsWorkflowApi.resolveObjection(objection.id, body),
    onSuccess: () => {
      void message.success(t('wf.objection.resolved'));
      onClose();
    },
    onSettled: reload,
  });

  return (
    <Modal
      open
      title={t('wf.objection.resolve')}
      onCancel={onClose}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger={upheld === true} loading={resolve.isPending} onClick={() => form.submit()} data-testid="objection-resolve-submit">
            {t('common.confirm')}
          </Button>
        </>
      }
      data-testid="objection-resolve-modal"
    >
      <div className="xf-wf-modal-hint">
        <div>
          <Typography.Text type="secondary">{t('wf.objection.objector')}：</Typography.Text>
          {objection.objector}
          <Typography.Text type="secondary">（{objection.receivedOn}）</Typography.Text>
        </div>
        <div>{objection.content}</div>
      </div>
      <Form<ResolveValues>
        form={form}
        name="resolve"
        onKeyDown={noImplicitSubmit}
        layout="vertical"
        onValuesChange={() => resolve.reset()}
        onFinish={(v) => resolve.mutate({ upheld: v.upheld, resolution: v.resolution.trim() })}
      >
        <Form.Item
          name="upheld"
          label={t('wf.objection.upheldQuestion')}
          rules={[{ required: true, message: t('common.select', { field: t('wf.objection.upheldQuestion') }) }]}
        >
          <Radio.Group data-testid="objection-upheld">
            <Radio value={false} data-testid="objection-upheld-no">
              {t('wf.objection.upheld.false')}
            </Radio>
            <Radio value={true} data-testid="objection-upheld-yes">
              {t('wf.objection.upheld.true')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {upheld === true ? <Alert type="warning" showIcon className="xf-form-alert" title={t('wf.objection.upheldWarning')} /> : null}
        <Form.Item
          name="resolution"
          label={t('wf.objection.resolution')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('wf.objection.resolution') }) },
            { min: 2, message: t('wf.objection.tooShort') },
          ]}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="objection-resolution" />
        </Form.Item>
      </Form>
      {resolve.isError ? <Alert type="error" showIcon title={errorText(resolve.error)} data-testid="objection-error" /> : null}
    </Modal>
  );
}
