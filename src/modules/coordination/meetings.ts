/**
 * Meetings (工作会、协调会) with agenda, attendees and minutes; the decisions become action items
 * owned by departments (督办事项), which stay on the next meetings' agendas until done. Notices
 * (通知) go from the office to all or chosen departments, with read receipts. The desk gathers
 * what a user has to do now.
 */
import { addMonths } from '../../core/calendar.ts';
import { actionStatus, remindersOf } from '../../core/coordination/desk.ts';
import type { ActionStatus, MeetingKind, MeetingStatus } from '../../core/coordination/states.ts';
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import { actorName, audit, readDepartments, readResponsibilities, readSettings } from './config.ts';
import { currentMonth, filesFor, iso, listReports, manages, readableDepartments, type CoordActor, type ReportSummary } from './reports.ts';

interface ActionRow {
  id: string;
  title: string;
  owner_department: string;
  owner_name: string;
  due_on: string;
  done_at: Date | null;
  meeting_id: string | null;
  meeting_title: string | null;
  created_at: Date;
  version: number;
  notes: { text: string; actorName: string; at: string }[];
}

const ACTION_SELECT = `
  SELECT a.id, a.title, a.owner_department, d.name AS owner_name, a.due_on::text, a.done_at, a.meeting_id, m.title AS meeting_title,
         a.created_at, a.version,
         coalesce((SELECT json_agg(json_build_object('text', n.text, 'actorName', n.actor_name, 'at', n.at) ORDER BY n.id)
                     FROM coord_action_note n WHERE n.district_code = a.district_code AND n.action_item_id = a.id), '[]') AS notes
    FROM coord_action_item a
    JOIN department d ON d.district_code = a.district_code AND d.code = a.owner_department
    LEFT JOIN coord_meeting m ON m.district_code = a.district_code AND m.id = a.meeting_id`;

function presentAction(row: ActionRow, actor: CoordActor, today: string) {
  return {
    id: row.id, title: row.title, owner: row.owner_department, ownerName: row.owner_name, dueOn: row.due_on,
    status: actionStatus(row.due_on, row.done_at, today), meetingId: row.meeting_id, meetingTitle: row.meeting_title,
    createdAt: iso(row.created_at) as string, doneAt: iso(row.done_at),
    notes: row.notes.map((n) => ({ ...n, at: iso(n.at) as string })),
    canUpdate: row.done_at === null && (manages(actor) || filesFor(actor, row.owner_department)),
  };
}
export type ActionItem = ReturnType<typeof presentAction>;

export async function listActionItems(tx: Queryable, actor: CoordActor, filter: { status?: ActionStatus | undefined; department?: string | undefined; meeting?: string | undefined; ids?: string[] }) {
  const today = businessToday();
  const { rows } = await tx.query<ActionRow>(
    `${ACTION_SELECT}
      WHERE ($1::text IS NULL OR a.owner_department = $1) AND ($2::uuid IS NULL OR a.meeting_id = $2)
        AND ($3::uuid[] IS NULL OR a.id = ANY ($3::uuid[]))
      ORDER BY a.done_at IS NOT NULL, a.due_on, a.created_at`,
    [filter.department ?? null, filter.meeting ?? null, filter.ids ?? null],
  );
  const items = rows.map((r) => presentAction(r, actor, today));
  return { items: filter.status ? items.filter((i) => i.status === filter.status) : items };
}

async function oneAction(tx: Queryable, actor: CoordActor, id: string): Promise<ActionItem> {
  const item = (await listActionItems(tx, actor, { ids: [id] })).items[0];
  if (!item) throw new AppError('not_found');
  return item;
}

async function checkDepartments(tx: Queryable, codes: readonly string[]): Promise<void> {
  const known = new Set((await readDepartments(tx)).map((d) => d.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) throw new AppError('validation_failed', { zh: `没有成员单位 ${unknown.join('、')}`, en: `Unknown departments: ${unknown.join(', ')}` });
}

export async function createActionItem(tx: Queryable, actor: CoordActor, input: { title: string; owner: string; dueOn: string; meetingId?: string | null }) {
  if (!manages(actor)) throw new AppError('forbidden');
  await checkDepartments(tx, [input.owner]);
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO coord_action_item (district_code, meeting_id, title, owner_department, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [actor.district, input.meetingId ?? null, input.title, input.owner, input.dueOn, actor.username],
  );
  const id = (rows[0] as { id: string }).id;
  await audit(tx, actor, 'coord.action_create', 'coord_action_item', id, { after: input });
  return oneAction(tx, actor, id);
}

/** A progress note on an action item, optionally closing it (the office or the owner's liaison). */
export async function noteActionItem(tx: Queryable, actor: CoordActor, id: string, input: { text: string; done?: boolean | undefined }) {
  const item = await oneAction(tx, actor, id);
  if (!item.canUpdate) throw new AppError(item.status === 'done' ? 'invalid_transition' : 'forbidden');
  await tx.query(
    'INSERT INTO coord_action_note (district_code, action_item_id, owner_department, text, actor_name) VALUES ($1, $2, $3, $4, $5)',
    [actor.district, id, item.owner, input.text, await actorName(tx, actor)],
  );
  if (input.done) {
    await tx.query('UPDATE coord_action_item SET done_at = $2, version = version + 1 WHERE id = $1 AND done_at IS NULL', [id, businessNow()]);
  }
  await audit(tx, actor, input.done ? 'coord.action_done' : 'coord.action_note', 'coord_action_item', id, { detail: { text: input.text } });
  return oneAction(tx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Meetings

interface AgendaItem {
  title: string;
  actionItemId: string | null;
  carried: boolean;
}

interface MeetingRow {
  id: string;
  kind: MeetingKind;
  title: string;
  starts_at: Date;
  place: string;
  chair: string;
  agenda: AgendaItem[];
  minutes: string | null;
  status: MeetingStatus;
  version: number;
  attendees: number;
  decisions: number;
}

const MEETING_SELECT = `
  SELECT m.id, m.kind, m.title, m.starts_at, m.place, m.chair, m.agenda, m.minutes, m.status, m.version,
         (SELECT count(*)::int FROM coord_meeting_attendee x WHERE x.district_code = m.district_code AND x.meeting_id = m.id) AS attendees,
         (SELECT count(*)::int FROM coord_action_item x WHERE x.district_code = m.district_code AND x.meeting_id = m.id) AS decisions
    FROM coord_meeting m`;

const meetingSummary = (row: MeetingRow) => ({
  id: row.id, kind: row.kind, title: row.title, startsAt: iso(row.starts_at) as string, place: row.place, status: row.status,
  attendees: row.attendees, decisions: row.decisions,
});

export async function listMeetings(tx: Queryable) {
  const { rows } = await tx.query<MeetingRow>(`${MEETING_SELECT} ORDER BY m.starts_at DESC`);
  return { items: rows.map(meetingSummary) };
}

/** The action items still open (or overdue) that were decided before this meeting: they go on its agenda. */
async function carriedItems(tx: Queryable, meetingId: string | null, before: Date): Promise<AgendaItem[]> {
  const { rows } = await tx.query<{ id: string; title: string; owner: string; due_on: string }>(
    `SELECT a.id, a.title, d.short_name AS owner, a.due_on::text FROM coord_action_item a
       JOIN department d ON d.district_code = a.district_code AND d.code = a.owner_department
      WHERE a.done_at IS NULL AND a.created_at < $1 AND ($2::uuid IS NULL OR a.meeting_id IS DISTINCT FROM $2)
      ORDER BY a.due_on, a.created_at`,
    [before, meetingId],
  );
  return rows.map((r) => ({ title: `${r.title}\uff08${r.owner}\uff0c${r.due_on} 前\uff09`, actionItemId: r.id, carried: true }));
}

export async function getMeeting(tx: Queryable, actor: CoordActor, id: string) {
  const { rows } = await tx.query<MeetingRow>(`${MEETING_SELECT} WHERE m.id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new AppError('not_found');
  const attendees = await tx.query<{ code: string; name: string; short_name: string; present: boolean | null }>(
    `SELECT d.code, d.name, d.short_name, x.present FROM coord_meeting_attendee x
       JOIN department d ON d.district_code = x.district_code AND d.code = x.department_code
      WHERE x.meeting_id = $1 ORDER BY d.sort_order`,
    [id],
  );
  // Until the minutes are recorded the carried items follow the action items as they are now.
  const agenda = row.status === 'scheduled'
    ? [...row.agenda.filter((a) => !a.carried), ...(await carriedItems(tx, row.id, row.starts_at))]
    : row.agenda;
  return {
    ...meetingSummary(row),
    chair: row.chair,
    agenda,
    attendeeList: attendees.rows.map((a) => ({ code: a.code, name: a.name, shortName: a.short_name, present: a.present })),
    minutes: row.minutes,
    actionItems: (await listActionItems(tx, actor, { meeting: id })).items,
    version: row.version,
  };
}

export async function createMeeting(
  tx: Queryable, actor: CoordActor,
  input: { kind: MeetingKind; title: string; startsAt: string; place: string; chair: string; agenda: string[]; attendees: string[] },
) {
  if (!manages(actor)) throw new AppError('forbidden');
  if (input.attendees.length === 0) throw new AppError('validation_failed', { zh: '请选择参会单位', en: 'Choose the attending departments' });
  await checkDepartments(tx, input.attendees);
  const startsAt = new Date(input.startsAt);
  const agenda: AgendaItem[] = [
    ...input.agenda.map((title) => title.trim()).filter((t) => t !== '').map((title) => ({ title, actionItemId: null, carried: false })),
    ...(await carriedItems(tx, null, startsAt)),
  ];
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO coord_meeting (district_code, kind, title, starts_at, place, chair, agenda, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [actor.district, input.kind, input.title, startsAt, input.place, input.chair, JSON.stringify(agenda), actor.username],
  );
  const id = (rows[0] as { id: string }).id;
  for (const code of new Set(input.attendees)) {
    await tx.query('INSERT INTO coord_meeting_attendee (district_code, meeting_id, department_code) VALUES ($1, $2, $3)', [actor.district, id, code]);
  }
  await audit(tx, actor, 'coord.meeting_create', 'coord_meeting', id, { after: input });
  return getMeeting(tx, actor, id);
}

/** Records the minutes: who was present, and the decisions, which become action items. */
export async function recordMinutes(
  tx: Queryable, actor: CoordActor, id: string,
  input: { version: number; minutes: string; present: string[]; decisions: { title: string; owner: string; dueOn: string }[] },
) {
  if (!manages(actor)) throw new AppError('forbidden');
  const meeting = await getMeeting(tx, actor, id);
  if (meeting.status === 'held') throw new AppError('invalid_transition', { zh: '该会议的纪要已记录', en: 'The minutes of this meeting are recorded' });
  if (meeting.version !== input.version) throw new AppError('stale_version');
  const invited = new Set(meeting.attendeeList.map((a) => a.code));
  const strangers = input.present.filter((c) => !invited.has(c));
  if (strangers.length > 0) throw new AppError('validation_failed', { zh: `${strangers.join('、')} 未列为参会单位`, en: `Not invited: ${strangers.join(', ')}` });
  await checkDepartments(tx, input.decisions.map((d) => d.owner));
  await tx.query(
    `UPDATE coord_meeting SET minutes = $2, status = 'held', agenda = $3, version = version + 1 WHERE id = $1`,
    [id, input.minutes, JSON.stringify(meeting.agenda)],
  );
  await tx.query('UPDATE coord_meeting_attendee SET present = department_code = ANY ($2::text[]) WHERE meeting_id = $1', [id, input.present]);
  for (const decision of input.decisions) {
    await tx.query(
      'INSERT INTO coord_action_item (district_code, meeting_id, title, owner_department, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [actor.district, id, decision.title, decision.owner, decision.dueOn, actor.username],
    );
  }
  await audit(tx, actor, 'coord.meeting_minutes', 'coord_meeting', id, { detail: { present: input.present, decisions: input.decisions } });
  return getMeeting(tx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Notices

interface NoticeRow {
  id: string;
  title: string;
  body: string;
  sent_by: string;
  sent_at: Date;
  recipients: { code: string; name: string; shortName: string; readAt: string | null; readBy: string | null }[];
}

export async function listNotices(tx: Queryable, actor: CoordActor, filter: { id?: string } = {}) {
  const { rows } = await tx.query<NoticeRow>(
    `SELECT n.id, n.title, n.body, n.sent_by, n.sent_at,
            coalesce((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'shortName', d.short_name, 'readAt', r.read_at, 'readBy', r.read_by) ORDER BY d.sort_order)
                        FROM coord_notice_recipient r JOIN department d ON d.district_code = r.district_code AND d.code = r.department_code
                       WHERE r.district_code = n.district_code AND r.notice_id = n.id), '[]') AS recipients
       FROM coord_notice n WHERE ($1::uuid IS NULL OR n.id = $1) ORDER BY n.sent_at DESC`,
    [filter.id ?? null],
  );
  const own = readableDepartments(actor);
  return {
    items: rows.map((n) => {
      const recipients = n.recipients.map((r) => ({ ...r, readAt: iso(r.readAt) }));
      const mine = own === null ? recipients : recipients.filter((r) => own.includes(r.code));
      return {
        id: n.id, title: n.title, body: n.body, sentAt: iso(n.sent_at) as string, sentBy: n.sent_by, recipients: mine,
        read: mine.length > 0 && mine.every((r) => r.readAt !== null),
      };
    }),
  };
}

export async function sendNotice(tx: Queryable, actor: CoordActor, input: { title: string; body: string; departments: string[] | 'all' }) {
  if (!manages(actor)) throw new AppError('forbidden');
  const today = businessToday();
  const active = (await readDepartments(tx)).filter((d) => d.activeFrom <= today && (d.activeTo === null || d.activeTo >= today)).map((d) => d.code);
  const recipients = input.departments === 'all' ? active : [...new Set(input.departments)];
  if (recipients.length === 0) throw new AppError('validation_failed', { zh: '请选择接收单位', en: 'Choose the receiving departments' });
  await checkDepartments(tx, recipients);
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO coord_notice (district_code, title, body, sent_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [actor.district, input.title, input.body, await actorName(tx, actor)],
  );
  const id = (rows[0] as { id: string }).id;
  for (const code of recipients) {
    await tx.query('INSERT INTO coord_notice_recipient (district_code, notice_id, department_code) VALUES ($1, $2, $3)', [actor.district, id, code]);
  }
  await audit(tx, actor, 'coord.notice_send', 'coord_notice', id, { detail: { title: input.title, recipients } });
  return (await listNotices(tx, actor, { id })).items[0];
}

/** A liaison opens a notice: their department's receipt is stamped once. */
export async function markNoticeRead(tx: Queryable, actor: CoordActor, id: string) {
  const notice = (await listNotices(tx, actor, { id })).items[0];
  if (!notice) throw new AppError('not_found');
  const own = notice.recipients.filter((r) => filesFor(actor, r.code));
  if (own.length === 0) throw new AppError('forbidden');
  await tx.query(
    'UPDATE coord_notice_recipient SET read_at = $4, read_by = $3 WHERE notice_id = $1 AND department_code = ANY ($2::text[]) AND read_at IS NULL',
    [id, own.map((r) => r.code), await actorName(tx, actor), businessNow()],
  );
  return (await listNotices(tx, actor, { id })).items[0];
}

// ---------------------------------------------------------------------------------------------
// Desk

/** Every submitted report waiting for the office's review, oldest first. */
async function awaitingReview(tx: Queryable, actor: CoordActor): Promise<ReportSummary[]> {
  const { rows } = await tx.query<{ period: string }>(`SELECT DISTINCT to_char(period, 'YYYY-MM') AS period FROM coord_report WHERE status = 'submitted' ORDER BY 1`);
  const waiting: ReportSummary[] = [];
  for (const r of rows) waiting.push(...(await listReports(tx, actor, { period: r.period, status: 'submitted' })).items);
  return waiting;
}

/** What the user has to do now: reports due or overdue, action items, unread notices; for the office, reviews. */
export async function desk(tx: Queryable, actor: CoordActor) {
  const today = businessToday();
  const month = currentMonth();
  const settings = await readSettings(tx);
  const departments = await readDepartments(tx);
  const ownCodes = actor.reach['coord.report']?.departments ?? [];
  const own = departments.find((d) => ownCodes.includes(d.code)) ?? null;
  const office = manages(actor);

  // Reports of the current and the three previous months that are overdue or due within the
  // reminder window; older gaps show in the completeness grid instead of as reminders.
  const months = [month];
  while (months.length < 4) months.unshift(addMonths(months[0] as string, -1));
  const recent: ReportSummary[] = (await listReports(tx, actor, { months, department: office ? undefined : own?.code })).items;
  const reminders = remindersOf(office || own ? recent : [], today, settings.reminderDays);

  const actions = (await listActionItems(tx, actor, { department: office ? undefined : own?.code })).items.filter((a) => a.status !== 'done');
  const notices = (await listNotices(tx, actor)).items;
  const current: ReportSummary | null = own ? recent.find((r) => r.department === own.code && r.period === month) ?? null : null;
  return {
    today,
    department: own ? { code: own.code, name: own.name, shortName: own.shortName } : null,
    currentPeriod: month,
    currentReport: current,
    reminders,
    actionItems: actions,
    unreadNotices: office ? 0 : notices.filter((n) => !n.read).length,
    responsibilities: own ? await readResponsibilities(tx, { department: own.code }) : [],
    awaitingReview: office ? await awaitingReview(tx, actor) : [],
    overdueActions: office ? actions.filter((a) => a.status === 'overdue') : [],
  };
}
