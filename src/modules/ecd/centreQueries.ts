/**
 * The SQL of the centre itself: its teachers and rooms, classes and their members, milestones,
 * teacher load and what the printed archive reads. Rows in, rows out, inside the caller's scoped
 * transaction: row-level security decides which children (members, milestones, attendance) are seen.
 */
import type { MilestoneCode } from '../../core/growth/milestones.ts';
import type { Queryable } from '../../db/types.ts';

export interface RoomRow {
  code: string;
  name: string;
  area_m2: number;
  capacity: number;
}
export interface TeacherRow {
  id: string;
  name: string;
  qualification: string;
  weekly_hours: number;
  active: boolean;
  username: string | null;
}
export interface MemberRow {
  class_id: string;
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
}
/** The teacher and room a class or a session is booked with, as its row carries them. */
export interface BookingColumns {
  teacher_id: string;
  teacher_name: string;
  room_code: string;
  room_name: string;
  room_area: number;
  room_capacity: number;
}
export interface ClassRow extends BookingColumns {
  id: string;
  name: string;
  age_from_months: number;
  age_to_months: number;
  active: boolean;
}
export interface MilestoneRow {
  milestone: MilestoneCode;
  achieved_on: string;
  observed_by: string;
  note: string | null;
}
/** A class's name, ages, teacher and room as a form gives them. */
export interface ClassFields {
  name: string;
  ageFromMonths: number;
  ageToMonths: number;
  teacherId: string;
  roomCode: string;
}

export async function districtName(tx: Queryable): Promise<string | undefined> {
  return (await tx.query<{ name: string }>('SELECT name FROM district')).rows[0]?.name;
}

/**
 * The centre's teachers, active first. A teacher's account name is read under the caller's own
 * rights: the accounts table shows a member of staff only their own account, so the others'
 * usernames come back null.
 */
export async function teacherRows(tx: Queryable): Promise<TeacherRow[]> {
  const { rows } = await tx.query<TeacherRow>(
    `SELECT t.id, t.name, t.qualification, t.weekly_hours, t.active,
                (SELECT u.username FROM app_user u WHERE u.district_code = t.district_code AND u.id = t.user_id) AS username
           FROM ecd_teacher t ORDER BY t.active DESC, t.name`,
  );
  return rows;
}

export async function roomRows(tx: Queryable): Promise<RoomRow[]> {
  return (await tx.query<RoomRow>('SELECT code, name, area_m2::float8 AS area_m2, capacity FROM ecd_room ORDER BY code')).rows;
}

/** A teacher of the centre; locked for the transaction when `lock` (no double booking). */
export async function teacherRow(tx: Queryable, id: string, lock: boolean) {
  return (
    await tx.query<{ id: string; name: string; active: boolean }>(`SELECT id, name, active FROM ecd_teacher WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
  ).rows[0];
}

/** A room of the centre; locked for the transaction when `lock`. */
export async function roomRow(tx: Queryable, code: string, lock: boolean): Promise<RoomRow | undefined> {
  return (await tx.query<RoomRow>(`SELECT code, name, area_m2::float8 AS area_m2, capacity FROM ecd_room WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]))
    .rows[0];
}

/** Whether another class of the district (`except`: the class being changed) has this name. */
export async function classNameTaken(tx: Queryable, name: string, except: string | null): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM ecd_class WHERE name = $1 AND id IS DISTINCT FROM $2', [name, except])).rows.length > 0;
}

/** Open memberships of children whose consent stands, in the classes given. */
export async function memberRows(tx: Queryable, classIds: string[]): Promise<MemberRow[]> {
  const { rows } = await tx.query<MemberRow>(
    `SELECT m.class_id, c.id, c.name, c.sex, c.birth_date::text AS birth_date
       FROM ecd_class_member m JOIN ecd_child c ON c.district_code = m.district_code AND c.id = m.child_id
      WHERE m.class_id = ANY($1::uuid[]) AND m.left_on IS NULL AND c.consent_withdrawn_at IS NULL ORDER BY c.name, c.id`,
    [classIds],
  );
  return rows;
}

const classColumns = `k.id, k.name, k.age_from_months, k.age_to_months, k.active, t.id AS teacher_id, t.name AS teacher_name,
  r.code AS room_code, r.name AS room_name, r.area_m2::float8 AS room_area, r.capacity AS room_capacity
  FROM ecd_class k JOIN ecd_teacher t ON t.district_code = k.district_code AND t.id = k.teacher_id
  JOIN ecd_room r ON r.district_code = k.district_code AND r.code = k.room_code`;

/** Every class, active first (`id`: that class only), with its teacher and room. */
export async function classRows(tx: Queryable, id?: string): Promise<ClassRow[]> {
  return (await tx.query<ClassRow>(`SELECT ${classColumns} ${id ? 'WHERE k.id = $1' : ''} ORDER BY k.active DESC, k.name`, id ? [id] : [])).rows;
}

/** A class's teacher, room and whether it is still held. */
export async function classBooking(tx: Queryable, id: string) {
  return (await tx.query<{ teacher_id: string; room_code: string; active: boolean }>('SELECT teacher_id, room_code, active FROM ecd_class WHERE id = $1', [id]))
    .rows[0];
}

export async function insertClass(tx: Queryable, district: string, input: ClassFields): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO ecd_class (district_code, name, age_from_months, age_to_months, teacher_id, room_code) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [district, input.name, input.ageFromMonths, input.ageToMonths, input.teacherId, input.roomCode],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateClass(tx: Queryable, id: string, input: ClassFields): Promise<void> {
  await tx.query('UPDATE ecd_class SET name = $2, age_from_months = $3, age_to_months = $4, teacher_id = $5, room_code = $6 WHERE id = $1', [
    id,
    input.name,
    input.ageFromMonths,
    input.ageToMonths,
    input.teacherId,
    input.roomCode,
  ]);
}

/** Closes on `today` the class's open memberships of children not in `childIds`. */
export async function closeOtherMemberships(tx: Queryable, classId: string, today: string, childIds: string[]): Promise<void> {
  await tx.query('UPDATE ecd_class_member SET left_on = $2 WHERE class_id = $1 AND left_on IS NULL AND NOT (child_id = ANY($3::uuid[]))', [
    classId,
    today,
    childIds,
  ]);
}

/** Opens a membership from `today`, or keeps the open one (and its joining day). */
export async function openMembership(tx: Queryable, district: string, classId: string, childId: string, today: string): Promise<void> {
  await tx.query(
    `INSERT INTO ecd_class_member (district_code, class_id, child_id, joined_on) VALUES ($1, $2, $3, $4)
           ON CONFLICT (district_code, class_id, child_id) DO UPDATE SET joined_on = CASE WHEN ecd_class_member.left_on IS NULL THEN ecd_class_member.joined_on ELSE EXCLUDED.joined_on END, left_on = NULL`,
    [district, classId, childId, today],
  );
}

export async function milestoneRows(tx: Queryable, childId: string): Promise<MilestoneRow[]> {
  return (
    await tx.query<MilestoneRow>('SELECT milestone, achieved_on::text AS achieved_on, observed_by, note FROM ecd_milestone WHERE child_id = $1', [childId])
  ).rows;
}

export async function upsertMilestone(
  tx: Queryable,
  district: string,
  by: string,
  childId: string,
  code: MilestoneCode,
  input: { achievedOn: string; note?: string | undefined },
): Promise<void> {
  await tx.query(
    `INSERT INTO ecd_milestone (district_code, child_id, milestone, achieved_on, observed_by, note) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (district_code, child_id, milestone) DO UPDATE SET achieved_on = EXCLUDED.achieved_on, observed_by = EXCLUDED.observed_by,
           note = EXCLUDED.note, recorded_at = now()`,
    [district, childId, code, input.achievedOn, by, input.note ?? null],
  );
}

export async function deleteMilestone(tx: Queryable, childId: string, code: MilestoneCode): Promise<void> {
  await tx.query('DELETE FROM ecd_milestone WHERE child_id = $1 AND milestone = $2', [childId, code]);
}

/**
 * Per teacher, the sessions not cancelled starting in [`from`, `to`) and their minutes: every
 * active teacher, and those no longer active who taught then.
 */
export async function teacherLoadRows(tx: Queryable, from: string, to: string) {
  const { rows } = await tx.query<{ id: string; name: string; weekly_hours: number; sessions: number; minutes: number }>(
    `SELECT t.id, t.name, t.weekly_hours, count(s.id)::int AS sessions, coalesce(sum(s.minutes), 0)::int AS minutes
           FROM ecd_teacher t
           LEFT JOIN ecd_session s ON s.district_code = t.district_code AND s.teacher_id = t.id AND s.status <> 'cancelled'
                AND s.starts_at >= $1::timestamptz AND s.starts_at < $2::timestamptz
          GROUP BY t.id, t.name, t.weekly_hours, t.active
         HAVING t.active OR count(s.id) > 0
          ORDER BY t.name`,
    [from, to],
  );
  return rows;
}

/** A child's attendance at sessions, by start time. */
export async function attendanceOfChild(tx: Queryable, childId: string) {
  const { rows } = await tx.query<{ present: boolean; note: string | null; recorded_by: string; starts_at: Date }>(
    `SELECT a.present, a.note, a.recorded_by, s.starts_at FROM ecd_attendance a JOIN ecd_session s ON s.district_code = a.district_code AND s.id = a.session_id
          WHERE a.child_id = $1 ORDER BY s.starts_at`,
    [childId],
  );
  return rows;
}

/** The centre staff's names by username. */
export async function staffNames(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ username: string; name: string }>('SELECT username, name FROM xingfu_ecd_staff_names()');
  return new Map(rows.map((r) => [r.username, r.name]));
}
