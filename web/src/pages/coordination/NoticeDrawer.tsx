import { Drawer, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Notice, NoticeReceipt } from '../../api/coordinationTypes.ts';
import { formatDateTime, useI18n } from '../../i18n/index.ts';

export function readCount(notice: Notice): number {
  return notice.recipients.filter((r) => r.readAt !== null).length;
}

/** Each recipient department with when and by whom it read the notice; unread ones first. */
export function ReceiptsTable({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  const rows = [...notice.recipients].sort((a, b) => Number(a.readAt !== null) - Number(b.readAt !== null));
  const columns: TableColumnsType<NoticeReceipt> = [
    { key: 'department', title: t('coordm.notice.department'), render: (_, r) => r.name },
    {
      key: 'readAt',
      title: t('coordm.notice.readTime'),
      width: 160,
      render: (_, r) => (r.readAt ? <span className="xf-num">{formatDateTime(r.readAt)}</span> : <Tag color="red">{t('coordm.notice.unread')}</Tag>),
    },
    { key: 'readBy', title: t('coordm.notice.reader'), width: 200, render: (_, r) => r.readBy ?? <span className="xf-muted">—</span> },
  ];
  return (
    <Table<NoticeReceipt>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      className="xf-coordm-receipts"
      data-testid={`notice-receipt-list-${notice.id}`}
    />
  );
}

/** One notice: the text, and for the office its read receipts. */
export function NoticeDrawer({ notice, district, onClose }: { notice: Notice | null; district: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const read = notice ? readCount(notice) : 0;
  return (
    <Drawer open={notice !== null} title={notice?.title} onClose={onClose} size={640} destroyOnHidden data-testid="notice-drawer">
      {notice ? (
        <>
          <div className="xf-subline xf-coordm-notice-meta">{t('coordm.notice.sentLine', { at: formatDateTime(notice.sentAt), by: notice.sentBy })}</div>
          <div className="xf-coordm-text xf-coordm-notice-body" data-testid="notice-body">
            {notice.body}
          </div>
          {district ? (
            <>
              <Typography.Title level={5} className="xf-coordm-section">
                {t('coordm.notice.receipts')} · {t('coordm.notice.readOf', { read, total: notice.recipients.length })}
              </Typography.Title>
              <ReceiptsTable notice={notice} />
            </>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
