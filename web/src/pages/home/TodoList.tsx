import {
  AccountBookOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  FileTextOutlined,
  FlagOutlined,
  LineChartOutlined,
  LockOutlined,
  NotificationOutlined,
  RightOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Badge, Card, Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TodoItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';

const ICONS: Record<string, ReactNode> = {
  application: <SolutionOutlined />,
  roll: <AccountBookOutlined />,
  report: <FileTextOutlined />,
  action: <FlagOutlined />,
  notice: <NotificationOutlined />,
  growth: <LineChartOutlined />,
  session: <CalendarOutlined />,
  account: <LockOutlined />,
};

const format = (template: string, count: number) => template.replace('{count}', String(count));

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function Due({ item, today }: { item: TodoItem; today: string }) {
  const { t } = useI18n();
  if (item.waiting) return <Tag data-testid="todo-waiting">{t('home.waiting')}</Tag>;
  if (item.dueOn === null) return null;
  if (item.overdue) {
    const days = daysBetween(item.dueOn, today);
    return (
      <Tag color="error" data-testid="todo-overdue">
        {days > 0 ? t('home.overdueBy', { days }) : t('home.overdue')}
      </Tag>
    );
  }
  if (item.dueOn === today) return <Tag color="warning">{t('home.dueToday')}</Tag>;
  return <Tag color="processing">{t('home.dueOn', { date: item.dueOn })}</Tag>;
}

/** What waits for the user, each a link to the record or to the list that holds them. */
export function TodoList({ items, today, loading }: { items: TodoItem[]; today: string; loading: boolean }) {
  const { t, tx, pick } = useI18n();
  /** '11 名', '4 份': the count in the unit of what it counts. */
  const counted = (item: TodoItem) => format(tx(`home.unit.${item.kind.split('.')[0] ?? ''}`, t('home.count', { count: item.count })), item.count);
  const open = items.filter((i) => !i.waiting).reduce((sum, i) => sum + i.count, 0);
  return (
    <Card
      title={
        <span className="xf-todo-heading">
          {t('home.todo')}
          {open > 0 ? <Badge count={open} overflowCount={999} style={{ marginInlineStart: 8 }} /> : null}
        </span>
      }
      extra={<span className="xf-subline">{t('home.businessDate', { date: today })}</span>}
      loading={loading}
      data-testid="home-todo"
      className="xf-todo-card"
    >
      {items.length === 0 ? (
        <Empty
          className="xf-todo-empty"
          image={<CheckCircleOutlined className="xf-todo-empty-icon" />}
          description={t('home.todoEmpty')}
          data-testid="todo-empty"
        />
      ) : (
        <ul className="xf-todo-list">
          {items.map((item, index) => (
            <li key={`${item.kind}-${index}`}>
              <Link
                to={item.link}
                className={`xf-todo-item${item.overdue ? ' is-overdue' : ''}${item.waiting ? ' is-waiting' : ''}`}
                data-testid={`todo-${item.kind}`}
                data-kind={item.kind}
              >
                <span className="xf-todo-icon">{ICONS[item.kind.split('.')[0] ?? ''] ?? <FileTextOutlined />}</span>
                <span className="xf-todo-main">
                  <span className="xf-todo-title">
                    {pick(item.title)}
                    {item.count > 1 ? <span className="xf-todo-count">{counted(item)}</span> : null}
                  </span>
                  <span className="xf-todo-detail">{pick(item.detail)}</span>
                </span>
                <span className="xf-todo-side">
                  <Due item={item} today={today} />
                  <RightOutlined className="xf-todo-arrow" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
