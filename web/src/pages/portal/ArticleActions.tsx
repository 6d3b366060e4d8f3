import { CheckOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useShowError } from '../../api/errors.ts';
import { useApproveRevision, useReturnRevision, useSubmitRevision, useWithdrawArticle } from '../../api/portal.ts';
import type { Article } from '../../api/portalTypes.ts';
import { formatDateTime, useI18n, type MessageKey } from '../../i18n/index.ts';
import { usePortalRole } from './portalFormat.ts';
import { ApproveModal, ReasonModal } from './ReasonModal.tsx';

type Asking = 'approve' | 'return' | 'withdraw' | null;

/** A button that may be disabled with the reason why, as a tooltip (kept on a disabled button through its wrapper). */
function Why({ why, children }: { why: string | null; children: ReactNode }) {
  if (!why) return children;
  return (
    <Tooltip title={why}>
      <span className="xf-portal-why" data-why={why} tabIndex={0}>
        {children}
      </span>
    </Tooltip>
  );
}

/** What the article's state says: the returned reason, the withdrawn reason, the publication time. */
function StateNotes({ article }: { article: Article }) {
  const { t } = useI18n();
  const latest = article.current;
  return (
    <>
      {latest.state === 'returned' && latest.returnedReason ? (
        <Typography.Paragraph type="warning" data-testid="returned-reason">
          {t('portal.returnedReason', { reason: latest.returnedReason })}
        </Typography.Paragraph>
      ) : null}
      {article.state === 'withdrawn' && article.withdrawnReason ? (
        <Typography.Paragraph type="danger">{t('portal.withdrawnReason', { reason: article.withdrawnReason })}</Typography.Paragraph>
      ) : null}
      {article.state === 'published' && article.publishAt ? (
        <Typography.Paragraph type="secondary">{t('portal.publishedAt', { at: formatDateTime(article.publishAt) })}</Typography.Paragraph>
      ) : null}
    </>
  );
}

/** 提交审核, 审核通过并发布, 退回, 撤回: each shown only when possible; approval says why not for one's own revision. */
/** The approver's questions (审核通过并发布, 退回, 撤回), one at a time, each sent when answered. */
function ApproverModals({ article, asking, onDone }: { article: Article; asking: Asking; onDone: (key?: MessageKey) => void }) {
  const showError = useShowError();
  const approval = useApproveRevision(article.id);
  const sendBack = useReturnRevision(article.id);
  const withdraw = useWithdrawArticle(article.id);
  const revision = article.current.number;
  const close = () => onDone();
  if (asking === 'approve')
    return (
      <ApproveModal
        pending={approval.isPending}
        onClose={close}
        onOk={(publishAt) => approval.mutate({ revision, publishAt }, { onSuccess: () => onDone('portal.approved'), onError: showError })}
      />
    );
  if (asking === 'return')
    return (
      <ReasonModal
        titleKey="portal.return"
        okKey="portal.return"
        testId="return-modal"
        pending={sendBack.isPending}
        onClose={close}
        onOk={(reason) => sendBack.mutate({ revision, reason }, { onSuccess: () => onDone('portal.returned'), onError: showError })}
      />
    );
  if (asking === 'withdraw')
    return (
      <ReasonModal
        titleKey="portal.withdraw"
        okKey="portal.withdraw"
        testId="withdraw-modal"
        pending={withdraw.isPending}
        onClose={close}
        onOk={(reason) => withdraw.mutate(reason, { onSuccess: () => onDone('portal.withdrawn'), onError: showError })}
      />
    );
  return null;
}

/** 提交审核, 审核通过并发布, 退回, 撤回: each shown only when possible; approval says why not for one's own revision. */
export function ArticleActions({ article, dirty }: { article: Article; dirty: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { edit, approve, username } = usePortalRole();
  const [asking, setAsking] = useState<Asking>(null);
  const submit = useSubmitRevision(article.id);
  const latest = article.current;
  const done = (key?: MessageKey) => {
    setAsking(null);
    if (key) void message.success(t(key));
  };
  const canSubmit = edit && (latest.state === 'draft' || latest.state === 'returned');
  const submitted = approve && latest.state === 'submitted';
  const canWithdraw = approve && article.state === 'published';
  const own = latest.author === username;

  return (
    <Card title={t('portal.actions')} size="small" data-testid="article-actions">
      <StateNotes article={article} />
      <Space wrap>
        {canSubmit ? (
          <Why why={dirty ? t('portal.saveFirst') : null}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={dirty}
              loading={submit.isPending}
              onClick={() => submit.mutate(latest.number, { onSuccess: () => done('portal.submitted'), onError: showError })}
              data-testid="article-submit"
            >
              {t('portal.submit')}
            </Button>
          </Why>
        ) : null}
        {submitted ? (
          <Why why={own ? t('portal.ownRevision') : null}>
            <Button type="primary" icon={<CheckOutlined />} disabled={own} onClick={() => setAsking('approve')} data-testid="article-approve">
              {t('portal.approve')}
            </Button>
          </Why>
        ) : null}
        {submitted ? (
          <Button icon={<RollbackOutlined />} onClick={() => setAsking('return')} data-testid="article-return">
            {t('portal.return')}
          </Button>
        ) : null}
        {canWithdraw ? (
          <Button danger icon={<StopOutlined />} onClick={() => setAsking('withdraw')} data-testid="article-withdraw">
            {t('portal.withdraw')}
          </Button>
        ) : null}
      </Space>
      {!canSubmit && !submitted && !canWithdraw ? <Typography.Text type="secondary">{t('portal.noActions')}</Typography.Text> : null}
      <ApproverModals article={article} asking={asking} onDone={done} />
    </Card>
  );
}
