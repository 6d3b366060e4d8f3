import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, Timeline, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type Key } from 'react';
import { Link } from 'react-router';
import { useActionItems, type ActionItemQuery } from '../../api/coordinationMeetings.ts';
import type { ActionItem, ActionStatus } from '../../api/coordinationTypes.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { ActionNoteModal } from './ActionNoteModal.tsx';
import { CoordinationTabs } from './CoordinationTabs.tsx';
import './meetings.css';
import { ACTION_STATUS_TAGS, ACTION_STATUSES, useCoordRole, useDepartmentOptions } from './meetings/coordmFormat.ts';
import { NewActionItemModal } from './NewActionItemModal.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';

function ActionNotes({ item }: { item: ActionItem }) {
  const { t } = useI18n();
  if (item.notes.length === 0) {
    return <Typography.Text type="secondary">{t('coordm.action.noNotes')}</Typography.Text>;
  }
  return (
    <Timeline
      className="xf-coordm-notes"
      items={item.notes.map((note, index) => ({
        key: `${note.at}-${index}`,
        content: (
          <div className="xf-coordm-note">
            <div className="xf-subline">
              {formatDateTime(note.at)} · {note.actorName}
            </div>
            <div className="xf-coordm-text">{note.text}</div>
          </div>
        ),
      }))}
      data-testid={`action-notes-${item.id}`}
    />
  );
}

function actionColumns({ t }: I18n, onNote: (item: ActionItem) => void, updatable: boolean): TableColumnsType<ActionItem> {
  const columns: TableColumnsType<ActionItem> = [
    {
      key: 'title',
      title: t('coordm.action.title'),
      render: (_, item) => (
        <div className="xf-coordm-cell" data-testid={`action-item-${item.id}`}>
          <span>{item.title}</span>
          {item.meetingId ? (
            <Link to={`/coordination/meetings/${item.meetingId}`} className="xf-subline" onClick={(event) => event.stopPropagation()}>
              {t('coordm.action.fromMeeting', { meeting: item.meetingTitle ?? '' })}
            </Link>
          ) : (
            <span className="xf-subline">{t('coordm.action.direct')}</span>
          )}
        </div>
      ),
    },
    { key: 'owner', title: t('coordm.decision.owner'), width: 180, ellipsis: true, render: (_, item) => item.ownerName },
    {
      key: 'dueOn',
      title: t('coordm.decision.dueOn'),
      width: 110,
      render: (_, item) => <span className={item.status === 'overdue' ? 'xf-num xf-coordm-overdue' : 'xf-num'}>{item.dueOn}</span>,
    },
    { key: 'status', title: t('coordm.col.status'), width: 90, render: (_, item) => <EnumTag table={ACTION_STATUS_TAGS} value={item.status} /> },
    {
      key: 'doneAt',
      title: t('coordm.action.doneAt'),
      width: 140,
      render: (_, item) => (item.doneAt ? <span className="xf-num">{formatDateTime(item.doneAt)}</span> : <span className="xf-muted">—</span>),
    },
    {
      key: 'notes',
      title: t('coordm.action.notes'),
      width: 80,
      align: 'right',
      render: (_, item) => <span className="xf-num">{item.notes.length}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      render: (_, item) =>
        item.canUpdate && item.status !== 'done' ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={(event) => {
              event.stopPropagation();
              onNote(item);
            }}
            data-testid="action-note-add"
          >
            {t('coordm.action.addNote')}
          </Button>
        ) : null,
    },
  ];
  // Nothing to add progress to (an auditor, or a liaison whose items are all closed): no empty column.
  return updatable ? columns : columns.filter((column) => column.key !== 'actions');
}

/** The filters live in the URL; `item` opens and marks one action item (a link from a meeting). */
const ACTION_QUERY = { status: urlField.oneOf(ACTION_STATUSES), department: urlField.text(), item: urlField.text() };

function useActionQuery(): [ActionItemQuery, string | null, (change: ActionItemQuery) => void] {
  const [{ status, department, item }, setQuery] = useUrlQuery(ACTION_QUERY);
  const query = useMemo<ActionItemQuery>(() => ({ status, department }), [status, department]);
  // A change of filter lets go of the marked item.
  const update = (next: ActionItemQuery) => setQuery({ status: next.status, department: next.department, item: undefined });
  return [query, item ?? null, update];
}

/** 督办事项: the decisions of meetings and the office's own assignments, followed to the end. */
export function ActionItemsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { manage, district } = useCoordRole();
  const departments = useDepartmentOptions(district);
  const [query, marked, update] = useActionQuery();
  const items = useActionItems(query);
  const [noting, setNoting] = useState<ActionItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [expanded, setExpanded] = useState<readonly Key[]>(() => (marked ? [marked] : []));

  // A linked item: bring its row into view once the list is there.
  const loaded = items.data !== undefined;
  useEffect(() => {
    if (!marked || !loaded) return;
    document.querySelector(`[data-row-key="${CSS.escape(marked)}"]`)?.scrollIntoView({ block: 'center' });
  }, [marked, loaded]);

  return (
    <div className="xf-stack" data-testid="action-items-page">
      <CoordinationTabs />
      <Card
        title={t('coordm.action.pageTitle')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="action-new">
              {t('coordm.action.new')}
            </Button>
          ) : null
        }
      >
        <div className="xf-toolbar">
          <Select<ActionStatus>
            allowClear
            placeholder={t('coordm.filter.status')}
            value={query.status}
            onChange={(status) => update({ ...query, status })}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`coordm.actionStatus.${s}`) }))}
            style={{ width: 140 }}
            data-testid="action-filter-status"
          />
          {district ? (
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('coordm.filter.department')}
              value={query.department}
              onChange={(department) => update({ ...query, department })}
              options={departments.options}
              loading={departments.loading}
              popupMatchSelectWidth={false}
              style={{ width: 220 }}
              data-testid="action-filter-department"
            />
          ) : null}
          <div className="xf-toolbar-spacer" />
          <Button icon={<ReloadOutlined />} onClick={() => void items.refetch()} aria-label={t('common.refresh')} />
        </div>
        {items.isError && !items.data ? (
          <QueryError error={items.error} onRetry={() => void items.refetch()} />
        ) : (
          <Table<ActionItem>
            rowKey="id"
            size="middle"
            columns={actionColumns(
              i18n,
              setNoting,
              (items.data?.items ?? []).some((item) => item.canUpdate && item.status !== 'done'),
            )}
            dataSource={items.data?.items ?? []}
            loading={items.isFetching}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: setExpanded,
              expandedRowRender: (item) => <ActionNotes item={item} />,
              expandRowByClick: true,
            }}
            rowClassName={(item) => [item.id === marked ? 'xf-coordm-marked' : '', 'xf-clickable-row'].join(' ')}
            locale={{ emptyText: items.isPending ? ' ' : t('coordm.action.empty') }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            scroll={{ x: 1000 }}
            data-testid="action-items-table"
          />
        )}
      </Card>
      {noting ? <ActionNoteModal item={noting} onClose={() => setNoting(null)} /> : null}
      {creating ? <NewActionItemModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
