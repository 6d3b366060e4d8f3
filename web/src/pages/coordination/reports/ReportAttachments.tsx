import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Typography, Upload } from 'antd';
import { coordApi, coordLinks, useReportChanged } from '../../../api/coordination.ts';
import type { Attachment, Report } from '../../../api/coordinationTypes.ts';
import { useShowError } from '../../../api/errors.ts';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import type { Lang } from '../../../api/types.ts';

const MAX_BYTES = 10 * 1024 * 1024;

function formatSize(bytes: number, lang: Lang): string {
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en-GB';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 0 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** Files that go with the report (photos, sign-in sheets): anyone who sees it downloads them; the liaison adds and removes while editable. */
export function ReportAttachments({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const changed = useReportChanged();
  const reload = () => changed(report.department, report.period, undefined);

  const upload = useMutation({
    mutationFn: ({ file, name }: { file: Blob; name: string }) => coordApi.uploadAttachment(report.department, report.period, file, name),
    onSuccess: (attachment) => void message.success(t('coord.attachments.uploaded', { name: attachment.fileName })),
    onError: showError,
    onSettled: reload,
  });
  const remove = useMutation({
    mutationFn: (attachment: Attachment) => coordApi.deleteAttachment(attachment.id),
    onSuccess: () => void message.success(t('coord.attachments.deleted')),
    onError: showError,
    onSettled: reload,
  });

  // Files belong to a saved report: the first save creates it.
  const mayUpload = report.editable && report.id !== null;

  return (
    <Card
      title={t('coord.attachments.title')}
      extra={
        report.editable ? (
          <span data-testid="report-attachment-upload">
            <Upload
              multiple={false}
              showUploadList={false}
              disabled={!mayUpload || upload.isPending}
              beforeUpload={(file) => {
                if (file.size <= MAX_BYTES) return true;
                void message.error(t('coord.attachments.tooLarge'));
                return Upload.LIST_IGNORE;
              }}
              customRequest={({ file, onSuccess, onError }) => {
                if (!(file instanceof Blob)) return;
                const name = file instanceof File ? file.name : 'attachment';
                upload.mutate(
                  { file, name },
                  { onSuccess: () => onSuccess?.(null), onError: (error) => onError?.(error instanceof Error ? error : new Error(String(error))) },
                );
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} disabled={!mayUpload}>
                {t('coord.attachments.upload')}
              </Button>
            </Upload>
          </span>
        ) : null
      }
      data-testid="report-attachments"
    >
      {report.editable && report.id === null ? <Typography.Paragraph type="secondary">{t('coord.attachments.saveFirst')}</Typography.Paragraph> : null}
      {report.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coord.attachments.none')} />
      ) : (
        <ul className="xf-coord-files">
          {report.attachments.map((attachment) => (
            <li key={attachment.id} className="xf-coord-file" data-testid={`report-attachment-${attachment.id}`}>
              <PaperClipOutlined />
              <div className="xf-coord-file-body">
                <a href={coordLinks.attachment(attachment.id)} download={attachment.fileName}>
                  {attachment.fileName}
                </a>
                <div className="xf-subline">
                  {formatSize(attachment.size, lang)} · {attachment.uploadedBy} · {formatDateTime(attachment.uploadedAt)}
                </div>
              </div>
              {report.editable ? (
                <Popconfirm
                  title={t('coord.attachments.deleteConfirm', { name: attachment.fileName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(attachment)}
                >
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('coord.attachments.delete')}
                    data-testid="report-attachment-delete"
                  />
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
