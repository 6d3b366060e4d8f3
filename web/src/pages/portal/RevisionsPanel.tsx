import { DiffOutlined, HistoryOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Popconfirm, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useShowError } from '../../api/errors.ts';
import { useRestoreRevision } from '../../api/portal.ts';
import type { Article, RevisionSummary } from '../../api/portalTypes.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { REVISION_STATE_TAGS, usePortalRole } from './portalFormat.ts';
import { RevisionDiff } from './RevisionDiff.tsx';

interface Cells {
  pick: (r: RevisionSummary) => ReactNode;
  restore: (r: RevisionSummary) => ReactNode;
}

function revisionColumns({ t }: I18n, cells: Cells): TableColumnsType<RevisionSummary> {
  return [
    { key: 'number', title: t('portal.col.revision'), width: 110, render: (_, r) => cells.pick(r) },
    { key: 'state', title: t('portal.col.state'), width: 100, render: (_, r) => <EnumTag table={REVISION_STATE_TAGS} value={r.state} /> },
    { key: 'author', title: t('portal.col.author'), render: (_, r) => r.authorName },
    { key: 'createdAt', title: t('portal.col.savedAt'), width: 150, render: (_, r) => <span className="xf-num">{formatDateTime(r.createdAt)}</span> },
    {
      key: 'approvedBy',
      title: t('portal.col.approvedBy'),
      render: (_, r) =>
        r.approvedByName ? (
          <span>
            {r.approvedByName} <span className="xf-subline xf-num">{formatDateTime(r.approvedAt)}</span>
          </span>
        ) : null,
    },
    { key: 'restore', title: '', width: 130, render: (_, r) => cells.restore(r) },
  ];
}

/** Every revision of the article, newest first: pick two to compare (比较), or restore one (恢复此版本) as a new draft. */
export function RevisionsPanel({ article }: { article: Article }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const showError = useShowError();
  const { edit } = usePortalRole();
  const restore = useRestoreRevision(article.id);
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState(false);
  const latest = article.current.number;

  const restoreCell = (r: RevisionSummary) =>
    edit && r.number !== latest ? (
      <Popconfirm
        title={t('portal.restoreConfirm', { number: r.number })}
        onConfirm={() => restore.mutate(r.number, { onSuccess: () => void message.success(t('portal.restored', { number: r.number })), onError: showError })}
        okButtonProps={{ 'data-testid': 'restore-confirm' }}
      >
        <Button size="small" icon={<HistoryOutlined />} onClick={(event) => event.stopPropagation()} data-testid={`revision-restore-${r.number}`}>
          {t('portal.restore')}
        </Button>
      </Popconfirm>
    ) : null;

  // The two last picked: a third pick lets the first go.
  const toggle = (n: number) => setPicked((old) => (old.includes(n) ? old.filter((p) => p !== n) : [...old, n].slice(-2)));
  const pickCell = (r: RevisionSummary) => (
    <Checkbox checked={picked.includes(r.number)} onChange={() => toggle(r.number)} data-testid={`revision-pick-${r.number}`}>
      <span className="xf-num">{t('portal.revisionNo', { number: r.number })}</span>
    </Checkbox>
  );

  const [older, newer] = [...picked].sort((a, b) => a - b);
  return (
    <Card
      size="small"
      title={t('portal.revisions')}
      extra={
        <Button size="small" icon={<DiffOutlined />} disabled={picked.length !== 2} onClick={() => setComparing(true)} data-testid="revisions-compare">
          {t('portal.compare')}
        </Button>
      }
      data-testid="revisions-panel"
    >
      <Typography.Paragraph type="secondary" className="xf-portal-hint">
        {t('portal.compareHelp')}
      </Typography.Paragraph>
      <ResponsiveTable<RevisionSummary>
        rowKey="number"
        size="small"
        columns={revisionColumns(i18n, { pick: pickCell, restore: restoreCell })}
        dataSource={[...article.revisions].sort((a, b) => b.number - a.number)}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="revisions-table"
      />
      {comparing && older !== undefined && newer !== undefined ? (
        <RevisionDiff articleId={article.id} from={older} to={newer} onClose={() => setComparing(false)} />
      ) : null}
    </Card>
  );
}
