import { Card, Empty } from 'antd';
import { Link } from 'react-router';
import { useDesk } from '../../api/coordination.ts';
import type { ActionItem } from '../../api/coordinationTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';
import './coordination.css';

/** 逾期 (red) / 进行中 (blue) / 已办结 (green), in the desk's words. */
const ACTION_STATUS_TAGS = enumTable<ActionItem['status']>('coord.actionStatus', { overdue: 'red', open: 'blue', done: 'green' }, { dataAttr: 'status' });

/** Action items, each with its owner and due date; overdue ones say by how long. */
export function ActionItemList({ items, today, testId }: { items: ActionItem[]; today: string; testId: string }) {
  const { t } = useI18n();
  return (
    <ul className="xf-coord-items" data-testid={testId}>
      {items.map((item) => {
        const days = Math.round((Date.parse(today) - Date.parse(item.dueOn)) / 86_400_000);
        return (
          <li key={item.id} className="xf-coord-item" data-testid={`action-item-${item.id}`}>
            <div className="xf-coord-item-main">
              <Link to="/coordination/action-items" className="xf-coord-item-title">
                {item.title}
              </Link>
              <div className="xf-subline">
                {item.ownerName}
                {item.meetingTitle ? ` · ${item.meetingTitle}` : ''}
              </div>
            </div>
            <div className="xf-coord-item-side">
              <EnumTag table={ACTION_STATUS_TAGS} value={item.status} />
              <div className="xf-subline xf-num">
                {item.status === 'overdue' && days > 0
                  ? t('coord.action.overdueBy', { date: item.dueOn, days })
                  : t('coord.action.dueOn', { date: item.dueOn })}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** 逾期督办事项 for the office: on the home page and the desk. */
export function OverdueActionsCard() {
  const { t } = useI18n();
  const desk = useDesk();
  const items = desk.data?.overdueActions ?? [];
  return (
    <Card
      title={t('coord.desk.overdueActions')}
      extra={<Link to="/coordination/action-items">{t('coord.desk.allActionItems')}</Link>}
      loading={desk.isPending && !desk.isError}
      data-testid="overdue-actions"
    >
      {desk.isError ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.loadFailed')} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coord.desk.noOverdue')} />
      ) : (
        <ActionItemList items={items} today={desk.data?.today ?? ''} testId="overdue-actions-list" />
      )}
    </Card>
  );
}
