/**
 * Meetings (工作会、协调会) with agenda, attendees and minutes; the decisions become action items
 * owned by departments (督办事项), which stay on the next meetings' agendas until done. Notices
 * (通知) go from the office to all or chosen departments, with read receipts. The desk gathers
 * what a user has to do now.
 */
import { addMonths } from '../../core/calendar.ts';
import { actionStatus, remindersOf } from '../../core/coordination/desk.ts';
import type { ActionStatus, MeetingKind } from '../../core/coordination/states.ts';
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import {
  actionRows,
  closeActionItem,
  insertActionItem,
  insertActionNote,
  insertMeeting,
  insertNotice,
  meetingAttendees,
  meetingRow,
  meetingRows,
  noticeRows,
  openActionsBefore,
  periodsAwaitingReview,
  saveMinutes,
  stampRead,
  type ActionRow,
  type AgendaItem,
  type MeetingRow,
} from './meetingQueries.ts';
import { actorName, audit, readDepartments, readResponsibilities, readSettings } from './config.ts';
import { currentMonth, filesFor, iso, listReports, manages, readableDepartments, type CoordActor, type ReportSummary } from './reports.ts';

function presentAction(row: ActionRow, actor: CoordActor, today: string) {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner_department,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    status: actionStatus(row.due_on, row.done_at, today),
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    createdAt: iso(row.created_at) as string,
    doneAt: iso(row.done_at),
    notes: row.notes.map((n) => ({ ...n, at: iso(n.at) as string })),
    canUpdate: row.done_at === null && (manages(actor) || filesFor(actor, row.owner_department)),
  };
}
export type ActionItem = ReturnType<typeof presentAction>;

export async function listActionItems(
  tx: Queryable,
  actor: CoordActor,
  filter: { status?: ActionStatus | undefined; department?: string | undefined; meeting?: string | undefined; ids?: string[] },
) {
  const today = businessToday();
  const rows = await actionRows(tx, filter);
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
  if (unknown.length > 0)
    throw new AppError('validation_failed', { zh: `没有成员单位 ${unknown.join('、')}`, en: `Unknown departments: ${unknown.join(', ')}` });
}

export async function createActionItem(tx: Queryable, actor: CoordActor, input: { title: string; owner: string; dueOn: string; meetingId?: string | null }) {
  if (!manages(actor)) throw new AppError('forbidden');
  await checkDepartments(tx, [input.owner]);
  const id = await insertActionItem(tx, actor, { meetingId: input.meetingId ?? null, title: input.title, owner: input.owner, dueOn: input.dueOn });
  await audit(tx, actor, 'coord.action_create', 'coord_action_item', id, { after: input });
  return oneAction(tx, actor, id);
}

/** A progress note on an action item, optionally closing it (the office or the owner's liaison). */
export async function noteActionItem(tx: Queryable, actor: CoordActor, id: string, input: { text: string; done?: boolean | undefined }) {
  const item = await oneAction(tx, actor, id);
  if (!item.canUpdate) throw new AppError(item.status === 'done' ? 'invalid_transition' : 'forbidden');
  await insertActionNote(tx, actor, { id, owner: item.owner }, { text: input.text, actorName: await actorName(tx, actor) });
  if (input.done) await closeActionItem(tx, id, businessNow());
  await audit(tx, actor, input.done ? 'coord.action_done' : 'coord.action_note', 'coord_action_item', id, { detail: { text: input.text } });
  return oneAction(tx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Meetings

const meetingSummary = (row: MeetingRow) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  startsAt: iso(row.starts_at) as string,
  place: row.place,
  status: row.status,
  attendees: row.attendees,
  decisions: row.decisions,
});

export async function listMeetings(tx: Queryable) {
  return { items: (await meetingRows(tx)).map(meetingSummary) };
}

/** The action items still open (or overdue) that were decided before this meeting: they go on its agenda. */
async function carriedItems(tx: Queryable, meetingId: string | null, before: Date): Promise<AgendaItem[]> {
  const rows = await openActionsBefore(tx, meetingId, before);
  return rows.map((r) => ({ title: `${r.title}\uff08${r.owner}\uff0c${r.due_on} 前\uff09`, actionItemId: r.id, carried: true }));
}

export async function getMeeting(tx: Queryable, actor: CoordActor, id: string) {
  const row = await meetingRow(tx, id);
  if (!row) throw new AppError('not_found');
  const attendees = await meetingAttendees(tx, id);
  // Until the minutes are recorded the carried items follow the action items as they are now.
  const agenda = row.status === 'scheduled' ? [...row.agenda.filter((a) => !a.carried), ...(await carriedItems(tx, row.id, row.starts_at))] : row.agenda;
  return {
    ...meetingSummary(row),
    chair: row.chair,
    agenda,
    attendeeList: attendees.map((a) => ({ code: a.code, name: a.name, shortName: a.short_name, present: a.present })),
    minutes: row.minutes,
    actionItems: (await listActionItems(tx, actor, { meeting: id })).items,
    version: row.version,
  };
}

export async function createMeeting(
  tx: Queryable,
  actor: CoordActor,
  input: { kind: MeetingKind; title: string; startsAt: string; place: string; chair: string; agenda: string[]; attendees: string[] },
) {
  if (!manages(actor)) throw new AppError('forbidden');
  if (input.attendees.length === 0) throw new AppError('validation_failed', { zh: '请选择参会单位', en: 'Choose the attending departments' });
  await checkDepartments(tx, input.attendees);
  const startsAt = new Date(input.startsAt);
  const agenda: AgendaItem[] = [
    ...input.agenda
      .map((title) => title.trim())
      .filter((t) => t !== '')
      .map((title) => ({ title, actionItemId: null, carried: false })),
    ...(await carriedItems(tx, null, startsAt)),
  ];
  const id = await insertMeeting(tx, actor, {
    kind: input.kind,
    title: input.title,
    startsAt,
    place: input.place,
    chair: input.chair,
    agenda,
    attendees: new Set(input.attendees),
  });
  await audit(tx, actor, 'coord.meeting_create', 'coord_meeting', id, { after: input });
  return getMeeting(tx, actor, id);
}

/** Records the minutes: who was present, and the decisions, which become action items. */
export async function recordMinutes(
  tx: Queryable,
  actor: CoordActor,
  id: string,
  input: { version: number; minutes: string; present: string[]; decisions: { title: string; owner: string; dueOn: string }[] },
) {
  if (!manages(actor)) throw new AppError('forbidden');
  const meeting = await getMeeting(tx, actor, id);
  if (meeting.status === 'held') throw new AppError('invalid_transition', { zh: '该会议的纪要已记录', en: 'The minutes of this meeting are recorded' });
  if (meeting.version !== input.version) throw new AppError('stale_version');
  const invited = new Set(meeting.attendeeList.map((a) => a.code));
  const strangers = input.present.filter((c) => !invited.has(c));
  if (strangers.length > 0)
    throw new AppError('validation_failed', { zh: `${strangers.join('、')} 未列为参会单位`, en: `Not invited: ${strangers.join(', ')}` });
  await checkDepartments(
    tx,
    input.decisions.map((d) => d.owner),
  );
  await saveMinutes(tx, id, { text: input.minutes, agenda: meeting.agenda, present: input.present });
  for (const decision of input.decisions) await insertActionItem(tx, actor, { meetingId: id, ...decision });
  await audit(tx, actor, 'coord.meeting_minutes', 'coord_meeting', id, { detail: { present: input.present, decisions: input.decisions } });
  return getMeeting(tx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Notices

export async function listNotices(tx: Queryable, actor: CoordActor, filter: { id?: string } = {}) {
  const rows = await noticeRows(tx, filter.id ?? null);
  const own = readableDepartments(actor);
  return {
    items: rows.map((n) => {
      const recipients = n.recipients.map((r) => ({ ...r, readAt: iso(r.readAt) }));
      const mine = own === null ? recipients : recipients.filter((r) => own.includes(r.code));
      return {
        id: n.id,
        title: n.title,
        body: n.body,
        sentAt: iso(n.sent_at) as string,
        sentBy: n.sent_by,
        recipients: mine,
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
  const id = await insertNotice(tx, actor, { title: input.title, body: input.body, sentBy: await actorName(tx, actor), recipients });
  await audit(tx, actor, 'coord.notice_send', 'coord_notice', id, { detail: { title: input.title, recipients } });
  return (await listNotices(tx, actor, { id })).items[0];
}

/** A liaison opens a notice: their department's receipt is stamped once. */
export async function markNoticeRead(tx: Queryable, actor: CoordActor, id: string) {
  const notice = (await listNotices(tx, actor, { id })).items[0];
  if (!notice) throw new AppError('not_found');
  const own = notice.recipients.filter((r) => filesFor(actor, r.code));
  if (own.length === 0) throw new AppError('forbidden');
  await stampRead(
    tx,
    id,
    own.map((r) => r.code),
    await actorName(tx, actor),
    businessNow(),
  );
  return (await listNotices(tx, actor, { id })).items[0];
}

// ---------------------------------------------------------------------------------------------
// Desk

/** Every submitted report waiting for the office's review, oldest first. */
async function awaitingReview(tx: Queryable, actor: CoordActor): Promise<ReportSummary[]> {
  const waiting: ReportSummary[] = [];
  for (const period of await periodsAwaitingReview(tx)) waiting.push(...(await listReports(tx, actor, { period, status: 'submitted' })).items);
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
  const current: ReportSummary | null = own ? (recent.find((r) => r.department === own.code && r.period === month) ?? null) : null;
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
