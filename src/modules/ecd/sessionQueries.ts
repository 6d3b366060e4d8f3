/**
 * The SQL of the centre's sessions and their attendance: rows in, rows out, inside the caller's
 * scoped transaction. Row-level security shows a parent only their own child's memberships and
 * attendance.
 */
import type { Queryable } from '../../db/types.ts';
import type { BookingColumns } from './centreQueries.ts';

export interface SessionRow extends BookingColumns {
  id: string;
  class_id: string;
  class_name: string;
  starts_at: Date;
  minutes: number;
  plan_id: string | null;
  plan_title: string | null;
  plan_domain: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  note: string | null;
}
export interface AttendanceRow {
  session_id: string;
  child_id: string;
  name: string;
  present: boolean;
  note: string | null;
}
/** A session already holding a room or a teacher: which class, when (China time, as text). */
export interface ClashRow {
  id: string;
  starts_at: Date;
  class_name: string;
  span: string;
}
/** A session to write: its class, start and end, teacher, room and plan. */
export interface NewSession {
  classId: string;
  start: Date;
  minutes: number;
  teacherId: string;
  roomCode: string;
  activityPlanId: string | null;
}

const sessionColumns = `s.id, s.class_id, k.name AS class_name, s.starts_at, s.minutes, s.teacher_id, t.name AS teacher_name,
  r.code AS room_code, r.name AS room_name, r.area_m2::float8 AS room_area, r.capacity AS room_capacity,
  p.id AS plan_id, p.title AS plan_title, p.domain AS plan_domain, s.status, s.note
  FROM ecd_session s JOIN ecd_class k ON k.district_code = s.district_code AND k.id = s.class_id
  JOIN ecd_teacher t ON t.district_code = s.district_code AND t.id = s.teacher_id
  JOIN ecd_room r ON r.district_code = s.district_code AND r.code = s.room_code
  LEFT JOIN ecd_activity_plan p ON p.district_code = s.district_code AND p.id = s.activity_plan_id`;

/**
 * The sessions starting in [`from`, `to`) (instants as text), by start time. `ownOnly`: only those
 * of classes the caller sees a membership of, or attendance at.
 */
export async function sessionRows(tx: Queryable, from: string, to: string, ownOnly: boolean): Promise<SessionRow[]> {
  const own = ownOnly
    ? `AND (EXISTS (SELECT 1 FROM ecd_class_member m WHERE m.district_code = s.district_code AND m.class_id = s.class_id AND m.left_on IS NULL)
         OR EXISTS (SELECT 1 FROM ecd_attendance a WHERE a.district_code = s.district_code AND a.session_id = s.id))`
    : '';
  const { rows } = await tx.query<SessionRow>(
    `SELECT ${sessionColumns} WHERE s.starts_at >= $1::timestamptz AND s.starts_at < $2::timestamptz ${own} ORDER BY s.starts_at, k.name`,
    [from, to],
  );
  return rows;
}

export async function sessionRow(tx: Queryable, id: string): Promise<SessionRow | undefined> {
  return (await tx.query<SessionRow>(`SELECT ${sessionColumns} WHERE s.id = $1`, [id])).rows[0];
}

/** The attendance recorded at the sessions given, by child name. */
export async function attendanceRows(tx: Queryable, sessionIds: string[]): Promise<AttendanceRow[]> {
  const { rows } = await tx.query<AttendanceRow>(
    `SELECT a.session_id, a.child_id, c.name, a.present, a.note FROM ecd_attendance a JOIN ecd_child c ON c.district_code = a.district_code AND c.id = a.child_id
      WHERE a.session_id = ANY($1::uuid[]) ORDER BY c.name, c.id`,
    [sessionIds],
  );
  return rows;
}

/** The first session not cancelled holding the room or the teacher (`column` = `value`) between `start` and `end`. */
export async function clashingSession(tx: Queryable, column: 'room_code' | 'teacher_id', value: string, start: Date, end: Date): Promise<ClashRow | undefined> {
  const { rows } = await tx.query<ClashRow>(
    `SELECT s.id, s.starts_at, c.name AS class_name,
            to_char(s.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '–' ||
            to_char((s.starts_at + s.minutes * interval '1 minute') AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS span
       FROM ecd_session s JOIN ecd_class c ON c.district_code = s.district_code AND c.id = s.class_id
      WHERE s.${column} = $1 AND s.status <> 'cancelled'
        AND s.starts_at < $3::timestamptz AND s.starts_at + s.minutes * interval '1 minute' > $2::timestamptz
      ORDER BY s.starts_at LIMIT 1`,
    [value, start, end],
  );
  return rows[0];
}

export async function insertSession(tx: Queryable, district: string, by: string, s: NewSession): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ecd_session (district_code, class_id, starts_at, minutes, teacher_id, room_code, activity_plan_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [district, s.classId, s.start, s.minutes, s.teacherId, s.roomCode, s.activityPlanId, by],
  );
  return (rows[0] as { id: string }).id;
}

/** A session's class, state and start. */
export async function sessionState(tx: Queryable, id: string) {
  return (await tx.query<{ class_id: string; status: string; starts_at: Date }>('SELECT class_id, status, starts_at FROM ecd_session WHERE id = $1', [id]))
    .rows[0];
}

/** The children whose attendance at the session is recorded and whose consent stands. */
export async function recordedChildIds(tx: Queryable, sessionId: string): Promise<string[]> {
  const { rows } = await tx.query<{ child_id: string }>(
    `SELECT a.child_id FROM ecd_attendance a JOIN ecd_child c ON c.district_code = a.district_code AND c.id = a.child_id
      WHERE a.session_id = $1 AND c.consent_withdrawn_at IS NULL`,
    [sessionId],
  );
  return rows.map((r) => r.child_id);
}

/** Records (or records again) whether a child came to a session. */
export async function upsertAttendance(
  tx: Queryable,
  district: string,
  by: string,
  sessionId: string,
  childId: string,
  present: boolean,
  note: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO ecd_attendance (district_code, session_id, child_id, present, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (district_code, session_id, child_id) DO UPDATE SET present = EXCLUDED.present, note = EXCLUDED.note,
         recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [district, sessionId, childId, present, note, by],
  );
}

export async function markHeld(tx: Queryable, id: string): Promise<void> {
  await tx.query("UPDATE ecd_session SET status = 'held' WHERE id = $1", [id]);
}

/** Cancels a session still scheduled; false when it is not (or not seen). */
export async function cancelScheduled(tx: Queryable, id: string, note: string): Promise<boolean> {
  const { rowCount } = await tx.query("UPDATE ecd_session SET status = 'cancelled', note = $2 WHERE id = $1 AND status = 'scheduled'", [id, note]);
  return rowCount > 0;
}
