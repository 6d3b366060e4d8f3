import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNotices, useReadNotice } from '../../api/coordinationMeetings.ts';
import type { Notice } from '../../api/coordinationTypes.ts';
import { useShowError } from '../../api/errors.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { CoordinationTabs } from './CoordinationTabs.tsx';
import './meetings.css';
import { useCoordRole } from './meetings/coordmFormat.ts';
import { NoticeDrawer, ReceiptsTable, readCount } from './NoticeDrawer.tsx';
import { SendNoticeModal } from './SendNoticeModal.tsx';

function titleColumn({ t }: I18n, district: boolean): TableColumnsType<Notice>[number] {
  return {
    key: 'title',
    title: t('coordm.notice.title'),
    ellipsis: true,
    render: (_, notice) =>
      district || notice.read ? (
        <span data-testid={`notice-${notice.id}`}>{notice.title}</span>
      ) : (
        <Badge dot offset={[6, 0]}>
          <strong data-testid={`notice-${notice.id}`} data-unread="true">
            {notice.title}
          </strong>
        </Badge>
      ),
  };
}

function liaisonColumns(i18n: I18n): TableColumnsType<Notice> {
  const { t } = i18n;
  return [
    titleColumn(i18n, false),
    { key: 'sentAt', title: t('coordm.notice.sentAt'), width: 150, render: (_, n) => <span className="xf-num">{formatDateTime(n.sentAt)}</span> },
    { key: 'sentBy', title: t('coordm.notice.sentBy'), width: 220, ellipsis: true, render: (_, n) => n.sentBy },
    {
      key: 'read',
      title: t('coordm.col.status'),
      width: 240,
      render: (_, n) => {
        const receipt = n.recipients[0];
        return n.read ? (
          <div className="xf-coordm-cell">
            <span>
              <Tag color="green">{t('coordm.notice.read')}</Tag>
              <span className="xf-num">{formatDateTime(receipt?.readAt)}</span>
            </span>
            {receipt?.readBy ? <span className="xf-subline">{receipt.readBy}</span> : null}
          </div>
        ) : (
          <Tag color="red">{t('coordm.notice.unread')}</Tag>
        );
      },
    },
  ];
}

function districtColumns(i18n: I18n): TableColumnsType<Notice> {
  const { t } = i18n;
  return [
    titleColumn(i18n, true),
    { key: 'sentAt', title: t('coordm.notice.sentAt'), width: 150, render: (_, n) => <span className="xf-num">{formatDateTime(n.sentAt)}</span> },
    { key: 'sentBy', title: t('coordm.notice.sentBy'), width: 220, ellipsis: true, render: (_, n) => n.sentBy },
    {
      key: 'receipts',
      title: t('coordm.notice.receipts'),
      width: 200,
      render: (_, n) => {
        const read = readCount(n);
        const total = n.recipients.length;
        return (
          <div className="xf-coordm-receipt" data-testid={`notice-receipts-${n.id}`}>
            <span className="xf-num">{t('coordm.notice.readOf', { read, total })}</span>
            <Progress
              percent={total === 0 ? 0 : Math.round((read / total) * 100)}
              showInfo={false}
              size="small"
              status={read === total ? 'success' : 'normal'}
            />
          </div>
        );
      },
    },
  ];
}

/**
 * 通知: a liaison reads the office's notices (opening one confirms reading it); the office sends
 * them and follows who has read what.
 */
export function NoticesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { manage, report, district } = useCoordRole();
  const notices = useNotices();
  const markRead = useReadNotice();
  const showError = useShowError();
  const [openId, setOpenId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = notices.data?.items ?? [];
  const open = list.find((n) => n.id === openId) ?? null;
  const unread = district ? 0 : list.filter((n) => !n.read).length;

  const openNotice = (notice: Notice) => {
    setOpenId(notice.id);
    // Opening a notice is the liaison's receipt.
    if (report && !district && !notice.read && !markRead.isPending) markRead.mutate(notice.id, { onError: showError });
  };

  return (
    <div className="xf-stack" data-testid="notices-page">
      <CoordinationTabs />
      <Card
        title={
          <span>
            {t('coordm.notice.pageTitle')}
            {unread > 0 ? <Badge count={unread} className="xf-coordm-count" data-testid="notices-unread" /> : null}
          </span>
        }
        extra={
          <div className="xf-coordm-extra">
            <Button icon={<ReloadOutlined />} onClick={() => void notices.refetch()} aria-label={t('common.refresh')} />
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setSending(true)} data-testid="notice-send">
                {t('coordm.notice.send')}
              </Button>
            ) : null}
          </div>
        }
      >
        <Typography.Paragraph type="secondary">{t(district ? 'coordm.notice.introOffice' : 'coordm.notice.introLiaison')}</Typography.Paragraph>
        {notices.isError && !notices.data ? (
          <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
        ) : (
          <Table<Notice>
            rowKey="id"
            size="middle"
            columns={district ? districtColumns(i18n) : liaisonColumns(i18n)}
            dataSource={list}
            loading={notices.isFetching}
            onRow={(notice) => ({ onClick: () => openNotice(notice), className: 'xf-clickable-row' })}
            rowClassName={(notice) => (!district && !notice.read ? 'xf-coordm-unread' : '')}
            expandable={
              district
                ? {
                    expandedRowRender: (notice) => <ReceiptsTable notice={notice} />,
                    rowExpandable: (notice) => notice.recipients.length > 0,
                  }
                : undefined
            }
            locale={{ emptyText: notices.isPending ? ' ' : t('coordm.notice.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            scroll={{ x: 760 }}
            data-testid="notices-table"
          />
        )}
      </Card>
      <NoticeDrawer notice={open} district={district} onClose={() => setOpenId(null)} />
      {sending ? <SendNoticeModal onClose={() => setSending(false)} /> : null}
    </div>
  );
}
