/**
 * The coordination side of the to-do, from the desk the coordination module already gathers
 * (reports due and overdue, action items, unread notices, reviews): for a liaison, their own
 * department's reports to file or refile and its action items; for the office, the reports to
 * review, the overdue reports and action items to chase.
 */
import type { Queryable } from '../../db/types.ts';
import { completeness, manages, type CoordActor } from '../coordination/reports.ts';
import { desk } from '../coordination/meetings.ts';
import { monthText, named } from './names.ts';
import { txt, type Figure, type FigureGroup, type TodoItem } from './schemas.ts';

type Desk = Awaited<ReturnType<typeof desk>>;

const reportLink = (department: string, period: string) => `/coordination/reports/${department}/${period}`;
const actionLink = (id: string) => `/coordination/action-items?item=${id}`;

function liaisonTodo(d: Desk): TodoItem[] {
  const todo: TodoItem[] = [];
  const own = [...d.reminders];
  const current = d.currentReport;
  if (current && (current.status === null || current.status === 'draft' || current.status === 'returned') && !own.some((r) => r.period === current.period)) {
    own.push({
      department: current.department,
      departmentName: current.departmentName,
      period: current.period,
      dueOn: current.dueOn,
      daysLeft: 0,
      status: current.status,
      overdue: current.late,
    });
  }
  for (const r of own) {
    const month = monthText(r.period);
    const returned = r.status === 'returned';
    todo.push({
      kind: returned ? 'report.returned' : 'report.file',
      count: 1,
      title: returned ? txt('被退回、待修改重报的月报', 'Returned report to correct and resubmit') : txt('待报送的月报', 'Monthly report to file'),
      detail: txt(
        `${r.departmentName} ${month['zh-CN']}月报${r.status === 'draft' ? '（草稿）' : ''}`,
        `${r.departmentName}, ${month.en}${r.status === 'draft' ? ' (draft)' : ''}`,
      ),
      link: reportLink(r.department, r.period),
      dueOn: r.dueOn,
      overdue: r.overdue,
      waiting: false,
    });
  }
  if (current?.status === 'submitted') {
    const month = monthText(current.period);
    todo.push({
      kind: 'report.awaitingReview',
      count: 1,
      title: txt('已报送、待办公室审阅的月报', 'Report filed, waiting for the office'),
      detail: txt(`${current.departmentName} ${month['zh-CN']}月报`, `${current.departmentName}, ${month.en}`),
      link: reportLink(current.department, current.period),
      dueOn: null,
      overdue: false,
      waiting: true,
    });
  }
  for (const a of d.actionItems) {
    todo.push({
      kind: 'action.due',
      count: 1,
      title: txt('本单位督办事项', 'Action item of your department'),
      detail: txt(a.title, a.title),
      link: actionLink(a.id),
      dueOn: a.dueOn,
      overdue: a.status === 'overdue',
      waiting: false,
    });
  }
  if (d.unreadNotices > 0) {
    todo.push({
      kind: 'notice.unread',
      count: d.unreadNotices,
      title: txt('未读通知', 'Unread notices'),
      detail: txt(`${d.unreadNotices} 份通知待阅`, `${d.unreadNotices} to read`),
      link: '/coordination/notices',
      dueOn: null,
      overdue: false,
      waiting: false,
    });
  }
  return todo;
}

function officeTodo(d: Desk): TodoItem[] {
  const todo: TodoItem[] = [];
  const review = d.awaitingReview;
  if (review.length > 0) {
    const periods = [...new Set(review.map((r) => r.period))];
    const first = review[0] as (typeof review)[number];
    const months = periods.map(monthText);
    const departments = named(
      review.map((r) => r.departmentName),
      review.length,
      { zh: '个单位', en: '' },
    );
    todo.push({
      kind: 'report.review',
      count: review.length,
      title: txt('待审阅的月报', 'Reports to review'),
      detail: txt(`${months.map((m) => m['zh-CN']).join('、')}：${departments['zh-CN']}`, `${months.map((m) => m.en).join(', ')}: ${departments.en}`),
      link:
        review.length === 1
          ? reportLink(first.department, first.period)
          : `/coordination/reports?status=submitted${periods.length === 1 ? `&period=${first.period}` : ''}`,
      dueOn: null,
      overdue: false,
      waiting: false,
    });
  }
  const overdue = d.reminders.filter((r) => r.overdue);
  if (overdue.length > 0) {
    const what = (r: (typeof overdue)[number]) => {
      const month = monthText(r.period);
      return r.status === 'returned'
        ? txt(`${r.departmentName} ${month['zh-CN']}（退回未重报）`, `${r.departmentName} ${month.en} (returned, not refiled)`)
        : txt(`${r.departmentName} ${month['zh-CN']}（未报送）`, `${r.departmentName} ${month.en} (not filed)`);
    };
    const shown = overdue.slice(0, 3).map(what);
    const more = overdue.length - shown.length;
    todo.push({
      kind: 'report.overdue',
      count: overdue.length,
      title: txt('逾期未报的月报（催报）', 'Overdue reports to chase'),
      detail: txt(
        shown.map((s) => s['zh-CN']).join('、') + (more > 0 ? ` 等 ${overdue.length} 份` : ''),
        shown.map((s) => s.en).join('; ') + (more > 0 ? ` and ${more} more` : ''),
      ),
      link:
        overdue.length === 1
          ? reportLink((overdue[0] as (typeof overdue)[number]).department, (overdue[0] as (typeof overdue)[number]).period)
          : '/coordination/completeness',
      dueOn: (overdue[0] as (typeof overdue)[number]).dueOn,
      overdue: true,
      waiting: false,
    });
  }
  const late = d.overdueActions;
  if (late.length > 0) {
    const names = named(
      late.map((a) => `${a.ownerName}：${a.title}`),
      late.length,
      { zh: '项', en: '' },
    );
    todo.push({
      kind: 'action.overdue',
      count: late.length,
      title: txt('逾期未办结的督办事项', 'Overdue action items'),
      detail: names,
      link: late.length === 1 ? actionLink((late[0] as (typeof late)[number]).id) : '/coordination/action-items?status=overdue',
      dueOn: (late[0] as (typeof late)[number]).dueOn,
      overdue: true,
      waiting: false,
    });
  }
  return todo;
}

/** The desk's to-do for a liaison or the office; nothing for readers who only read (the auditor). */
export async function coordinationTodo(tx: Queryable, actor: CoordActor): Promise<{ todo: TodoItem[]; desk: Desk | null }> {
  const files = (actor.reach['coord.report']?.departments.length ?? 0) > 0;
  if (!manages(actor) && !files) return { todo: [], desk: null };
  const d = await desk(tx, actor);
  return { todo: manages(actor) ? officeTodo(d) : liaisonTodo(d), desk: d };
}

/** This year's reports of the liaison's own department: expected so far, received, on time; its open action items. */
export async function liaisonFigures(tx: Queryable, actor: CoordActor, d: Desk): Promise<FigureGroup | null> {
  if (d.department === null) return null;
  const c = await completeness(tx, actor);
  const row = c.rows.find((r) => r.department.code === d.department?.code);
  const figures: Figure[] = [
    {
      key: 'reportsReceived',
      label: txt(`${c.year}年已报送月报`, `Reports filed in ${c.year}`),
      value: row?.received ?? 0,
      unit: txt(`/ ${row?.expected ?? 0} 份`, `of ${row?.expected ?? 0}`),
    },
    { key: 'reportsOnTime', label: txt('按时报送', 'Filed on time'), value: row?.onTime ?? 0, unit: txt('份', '') },
    { key: 'openActions', label: txt('未办结督办事项', 'Open action items'), value: d.actionItems.length, unit: txt('项', '') },
  ];
  return { role: 'liaison', scope: txt(d.department.name, d.department.name), figures };
}

/** The office's view of reporting: this month's reports in, reports to review, open and overdue action items. */
export function officeCoordinationFigures(d: Desk): Figure[] {
  return [
    { key: 'reportsToReview', label: txt('待审阅月报', 'Reports to review'), value: d.awaitingReview.length, unit: txt('份', '') },
    { key: 'openActions', label: txt('未办结督办事项', 'Open action items'), value: d.actionItems.length, unit: txt('项', '') },
    { key: 'overdueActions', label: txt('逾期督办事项', 'Overdue action items'), value: d.overdueActions.length, unit: txt('项', '') },
  ];
}
