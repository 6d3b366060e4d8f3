/**
 * The SQL of meetings, action items (督办事项) and notices (通知): rows in, rows out. Row-level
 * security limits every statement to the actor's district and reach.
 */
import type { MeetingKind, MeetingStatus } from '../../core/coordination/states.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';

// -- action items ------------------------------------------------------------------------------

export interface ActionRow {
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

/** Open ones first, by due day. */
export async function actionRows(
  tx: Queryable,
  filter: { department?: string | undefined; meeting?: string | undefined; ids?: string[] },
): Promise<ActionRow[]> {
  const { rows } = await tx.query<ActionRow>(
    `${ACTION_SELECT}
      WHERE ($1::text IS NULL OR a.owner_department = $1) AND ($2::uuid IS NULL OR a.meeting_id = $2)
        AND ($3::uuid[] IS NULL OR a.id = ANY ($3::uuid[]))
      ORDER BY a.done_at IS NOT NULL, a.due_on, a.created_at`,
    [filter.department ?? null, filter.meeting ?? null, filter.ids ?? null],
  );
  return rows;
}

export async function insertActionItem(
  tx: Queryable,
  actor: Actor,
  item: { meetingId: string | null; title: string; owner: string; dueOn: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO coord_action_item (district_code, meeting_id, title, owner_department, due_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [actor.district, item.meetingId, item.title, item.owner, item.dueOn, actor.username],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertActionNote(
  tx: Queryable,
  actor: Actor,
  item: { id: string; owner: string },
  note: { text: string; actorName: string },
): Promise<void> {
  await tx.query('INSERT INTO coord_action_note (district_code, action_item_id, owner_department, text, actor_name) VALUES ($1, $2, $3, $4, $5)', [
    actor.district,
    item.id,
    item.owner,
    note.text,
    note.actorName,
  ]);
}

export async function closeActionItem(tx: Queryable, id: string, at: Date): Promise<void> {
  await tx.query('UPDATE coord_action_item SET done_at = $2, version = version + 1 WHERE id = $1 AND done_at IS NULL', [id, at]);
}

/** The action items still open that were decided before `before`, but not at the meeting `meetingId`. */
export async function openActionsBefore(tx: Queryable, meetingId: string | null, before: Date) {
  const { rows } = await tx.query<{ id: string; title: string; owner: string; due_on: string }>(
    `SELECT a.id, a.title, d.short_name AS owner, a.due_on::text FROM coord_action_item a
       JOIN department d ON d.district_code = a.district_code AND d.code = a.owner_department
      WHERE a.done_at IS NULL AND a.created_at < $1 AND ($2::uuid IS NULL OR a.meeting_id IS DISTINCT FROM $2)
      ORDER BY a.due_on, a.created_at`,
    [before, meetingId],
  );
  return rows;
}

// -- meetings ----------------------------------------------------------------------------------

export interface AgendaItem {
  title: string;
  actionItemId: string | null;
  carried: boolean;
}

export interface MeetingRow {
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

/** Newest first. */
export async function meetingRows(tx: Queryable): Promise<MeetingRow[]> {
  const { rows } = await tx.query<MeetingRow>(`${MEETING_SELECT} ORDER BY m.starts_at DESC`);
  return rows;
}

export async function meetingRow(tx: Queryable, id: string): Promise<MeetingRow | undefined> {
  const { rows } = await tx.query<MeetingRow>(`${MEETING_SELECT} WHERE m.id = $1`, [id]);
  return rows[0];
}

export async function meetingAttendees(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ code: string; name: string; short_name: string; present: boolean | null }>(
    `SELECT d.code, d.name, d.short_name, x.present FROM coord_meeting_attendee x
       JOIN department d ON d.district_code = x.district_code AND d.code = x.department_code
      WHERE x.meeting_id = $1 ORDER BY d.sort_order`,
    [id],
  );
  return rows;
}

export async function insertMeeting(
  tx: Queryable,
  actor: Actor,
  meeting: { kind: MeetingKind; title: string; startsAt: Date; place: string; chair: string; agenda: AgendaItem[]; attendees: Iterable<string> },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO coord_meeting (district_code, kind, title, starts_at, place, chair, agenda, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [actor.district, meeting.kind, meeting.title, meeting.startsAt, meeting.place, meeting.chair, JSON.stringify(meeting.agenda), actor.username],
  );
  const id = (rows[0] as { id: string }).id;
  for (const code of meeting.attendees) {
    await tx.query('INSERT INTO coord_meeting_attendee (district_code, meeting_id, department_code) VALUES ($1, $2, $3)', [actor.district, id, code]);
  }
  return id;
}

/** The minutes recorded: the meeting held, its agenda as it stood, who was present. */
export async function saveMinutes(tx: Queryable, id: string, minutes: { text: string; agenda: AgendaItem[]; present: string[] }): Promise<void> {
  await tx.query(`UPDATE coord_meeting SET minutes = $2, status = 'held', agenda = $3, version = version + 1 WHERE id = $1`, [
    id,
    minutes.text,
    JSON.stringify(minutes.agenda),
  ]);
  await tx.query('UPDATE coord_meeting_attendee SET present = department_code = ANY ($2::text[]) WHERE meeting_id = $1', [id, minutes.present]);
}

// -- notices -----------------------------------------------------------------------------------

export interface NoticeRow {
  id: string;
  title: string;
  body: string;
  sent_by: string;
  sent_at: Date;
  recipients: { code: string; name: string; shortName: string; readAt: string | null; readBy: string | null }[];
}

/** Newest first, each with its receipts. */
export async function noticeRows(tx: Queryable, id: string | null): Promise<NoticeRow[]> {
  const { rows } = await tx.query<NoticeRow>(
    `SELECT n.id, n.title, n.body, n.sent_by, n.sent_at,
            coalesce((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'shortName', d.short_name, 'readAt', r.read_at, 'readBy', r.read_by) ORDER BY d.sort_order)
                        FROM coord_notice_recipient r JOIN department d ON d.district_code = r.district_code AND d.code = r.department_code
                       WHERE r.district_code = n.district_code AND r.notice_id = n.id), '[]') AS recipients
       FROM coord_notice n WHERE ($1::uuid IS NULL OR n.id = $1) ORDER BY n.sent_at DESC`,
    [id],
  );
  return rows;
}

export async function insertNotice(
  tx: Queryable,
  actor: Actor,
  notice: { title: string; body: string; sentBy: string; recipients: readonly string[] },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>('INSERT INTO coord_notice (district_code, title, body, sent_by) VALUES ($1, $2, $3, $4) RETURNING id', [
    actor.district,
    notice.title,
    notice.body,
    notice.sentBy,
  ]);
  const id = (rows[0] as { id: string }).id;
  for (const code of notice.recipients) {
    await tx.query('INSERT INTO coord_notice_recipient (district_code, notice_id, department_code) VALUES ($1, $2, $3)', [actor.district, id, code]);
  }
  return id;
}

/** Stamps the departments' receipts of a notice, once. */
export async function stampRead(tx: Queryable, id: string, departments: readonly string[], readBy: string, at: Date): Promise<void> {
  await tx.query(
    'UPDATE coord_notice_recipient SET read_at = $4, read_by = $3 WHERE notice_id = $1 AND department_code = ANY ($2::text[]) AND read_at IS NULL',
    [id, departments, readBy, at],
  );
}

// -- desk --------------------------------------------------------------------------------------

/** The months that have a submitted report waiting for review, oldest first. */
export async function periodsAwaitingReview(tx: Queryable): Promise<string[]> {
  const { rows } = await tx.query<{ period: string }>(
    `SELECT DISTINCT to_char(period, 'YYYY-MM') AS period FROM coord_report WHERE status = 'submitted' ORDER BY 1`,
  );
  return rows.map((r) => r.period);
}
