import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useReportCommand } from '../../../api/coordination.ts';
import type { Report } from '../../../api/coordinationTypes.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { periodLabel } from '../coordFormat.ts';

function ReturnModal({ report, onClose }: { report: Report; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ comment: string }>();
  const command = useReportCommand(report.department, report.period);
  return (
    <Modal
      open
      title={t('coord.review.return')}
      onCancel={onClose}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger loading={command.isPending} onClick={() => form.submit()} data-testid="report-return-confirm">
            {t('coord.review.return')}
          </Button>
        </>
      }
      data-testid="report-return-modal"
    >
      <Typography.Paragraph>{t('coord.review.returnOf', { department: report.departmentName, period: periodLabel(report.period, lang) })}</Typography.Paragraph>
      <Form<{ comment: string }>
        form={form}
        layout="vertical"
        onValuesChange={() => command.reset()}
        onFinish={({ comment }) =>
          command.mutate(
            { kind: 'return', version: report.version, comment: comment.trim() },
            {
              onSuccess: () => {
                void message.success(t('coord.review.returned'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="comment"
          label={t('coord.review.comment')}
          extra={t('coord.review.commentHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coord.review.comment') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={1000} showCount autoFocus data-testid="report-return-comment" />
        </Form.Item>
      </Form>
      {command.isError ? <Alert type="error" showIcon title={errorText(command.error)} data-testid="report-review-error" /> : null}
    </Modal>
  );
}

/** 退回修改 (with a comment the liaison will see) and 审核通过 (locks the report), for the office. */
export function ReportReview({ report }: { report: Report }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [returning, setReturning] = useState(false);
  const command = useReportCommand(report.department, report.period);
  return (
    <div className="xf-coord-actions" data-testid="report-review">
      <Typography.Text type="secondary">{t('coord.review.hint')}</Typography.Text>
      <div className="xf-toolbar-spacer" />
      <Button icon={<RollbackOutlined />} danger onClick={() => setReturning(true)} data-testid="report-return">
        {t('coord.review.return')}
      </Button>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        loading={command.isPending}
        onClick={() =>
          command.mutate(
            { kind: 'accept', version: report.version },
            {
              onSuccess: () => void message.success(t('coord.review.accepted')),
              onError: (error) => void message.error(errorText(error)),
            },
          )
        }
        data-testid="report-accept"
      >
        {t('coord.review.accept')}
      </Button>
      {returning ? <ReturnModal report={report} onClose={() => setReturning(false)} /> : null}
    </div>
  );
}
