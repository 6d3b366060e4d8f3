/**
 * The ECD centre's side of the to-do: for staff, children whose latest measurement is flagged
 * (to follow up), the teacher's sessions today and earlier sessions whose attendance is still
 * unrecorded; for a parent, their own child (age on the business date, the next session, the
 * latest growth check). Row-level security shows staff the children whose consent stands, and a
 * parent only their own.
 */
import { addDays, daysBetween } from '../../core/calendar.ts';
import { GROWTH_STATUS_LABELS, type GrowthStatus } from '../../core/growth/zscore.ts';
import { ageInMonths } from '../../core/growth/milestones.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { list as sessionsBetween } from '../ecd/centreSessions.ts';
import { named } from './names.ts';
import {
  consentingChildCount,
  flaggedChildRows,
  guardianChildRows,
  latestMeasurementOfChild,
  nextSessionOfChild,
  teacherIdOfUser,
  type FlaggedRow,
} from './queries.ts';
import { txt, type ChildSummary, type FigureGroup, type Text, type TodoItem } from './schemas.ts';

const statusText = (s: GrowthStatus): Text => {
  const label = GROWTH_STATUS_LABELS[s.code];
  return txt(label.zh, label.en);
};

/** '2011-11-30T01:00:00Z' → '09:00' in China. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

type Flagged = FlaggedRow;

export async function staffTodo(tx: Queryable, actor: Actor, today: string): Promise<{ todo: TodoItem[]; figures: FigureGroup }> {
  const todo: TodoItem[] = [];
  const flagged = await flaggedChildRows(tx);
  if (flagged.length > 0) {
    const names = flagged.map((c) => `${c.name}（${c.statuses.map((s) => statusText(s)['zh-CN']).join('、')}）`);
    const namesEn = flagged.map((c) => `${c.name} (${c.statuses.map((s) => statusText(s).en).join(', ')})`);
    const zh = named(names, flagged.length, { zh: '名儿童', en: '' });
    const en = named(namesEn, flagged.length, { zh: '', en: '' });
    todo.push({
      kind: 'growth.flag',
      count: flagged.length,
      title: txt('生长监测异常、待跟进的儿童', 'Children with growth flags to follow up'),
      detail: txt(zh['zh-CN'], en.en),
      link: flagged.length === 1 ? `/ecd/children/${(flagged[0] as Flagged).id}` : '/ecd',
      dueOn: null,
      overdue: false,
      waiting: false,
    });
  }
  // The teacher's own sessions (the centre head's: every teacher's), today and the week before.
  const own = await teacherIdOfUser(tx, actor.userId);
  const head = actor.reach['ecd.head']?.all ?? false;
  const mine = (await sessionsBetween(tx, addDays(today, -7), addDays(today, 6), false)).filter((s) => head || s.teacher.id === own);
  const unrecorded = mine.filter((s) => s.status === 'scheduled' && chinaDay(s.startsAt) < today);
  const todays = mine.filter((s) => s.status === 'scheduled' && chinaDay(s.startsAt) === today);
  if (todays.length > 0) {
    const list = todays.map((s) => `${chinaTime(s.startsAt)} ${s.className}`);
    todo.push({
      kind: 'session.today',
      count: todays.length,
      title: txt('今日课次（上课后记录考勤）', 'Sessions today (record attendance after class)'),
      detail: named(list, todays.length, { zh: '节', en: '' }),
      link: '/ecd/calendar',
      dueOn: today,
      overdue: false,
      waiting: false,
    });
  }
  if (unrecorded.length > 0) {
    const list = unrecorded.map((s) => `${chinaDay(s.startsAt).slice(5)} ${s.className}`);
    todo.push({
      kind: 'session.attendance',
      count: unrecorded.length,
      title: txt('尚未记录考勤的课次', 'Sessions without attendance'),
      detail: named(list, unrecorded.length, { zh: '节', en: '' }),
      link: '/ecd/calendar',
      dueOn: chinaDay((unrecorded[0] as (typeof unrecorded)[number]).startsAt),
      overdue: true,
      waiting: false,
    });
  }
  const enrolled = await consentingChildCount(tx);
  const week = mine.filter((s) => s.status !== 'cancelled' && chinaDay(s.startsAt) >= today);
  return {
    todo,
    figures: {
      role: head ? 'centre_head' : 'teacher',
      scope: txt('区儿童早期发展指导中心', 'ECD guidance centre'),
      figures: [
        { key: 'children', label: txt('在册儿童', 'Children enrolled'), value: enrolled, unit: txt('名', '') },
        {
          key: 'sessionsAhead',
          label: txt(head ? '未来七天课次' : '我的未来七天课次', head ? 'Sessions in the next 7 days' : 'My sessions in the next 7 days'),
          value: week.length,
          unit: txt('节', ''),
        },
        { key: 'growthFlags', label: txt('生长监测异常', 'Growth flags'), value: flagged.length, unit: txt('名', '') },
      ],
    },
  };
}

const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** A parent's own children, as the parent sees them on the home page. */
export async function ownChildren(tx: Queryable, actor: Actor, today: string, now: Date): Promise<ChildSummary[]> {
  const rows = await guardianChildRows(tx, actor.userId);
  const children: ChildSummary[] = [];
  for (const c of rows) {
    const next = await nextSessionOfChild(tx, c.id, now);
    const latest = await latestMeasurementOfChild(tx, c.id);
    children.push({
      id: c.id,
      name: c.name,
      sex: c.sex,
      birthDate: c.birth_date,
      ageMonths: ageInMonths(c.birth_date, today),
      ageDays: daysBetween(c.birth_date, today),
      nextSession: next ? { startsAt: next.starts_at.toISOString(), className: next.class_name, planTitle: next.plan_title, roomName: next.room_name } : null,
      latestMeasurement: latest ? { date: latest.measured_on, statuses: latest.statuses.map(statusText) } : null,
    });
  }
  return children;
}
