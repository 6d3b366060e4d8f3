/**
 * Queries of the centre's classes, sessions and attendance, inside the caller's scoped
 * transaction: row-level security decides which children (members, attendance) are seen.
 * A class's members are its open memberships of children whose consent stands.
 */
import { addDays } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import { ageInMonths } from '../../core/growth/milestones.ts';
import type { Queryable } from '../../db/types.ts';
import type { SessionInput } from './schemas.ts';

export interface RoomRow {
  code: string;
  name: string;
  area_m2: number;
  capacity: number;
}
interface MemberRow {
  class_id: string;
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
}
interface ClassRow {
  id: string;
  name: string;
  age_from_months: number;
  age_to_months: number;
  active: boolean;
  teacher_id: string;
  teacher_name: string;
  room_code: string;
  room_name: string;
  room_area: number;
  room_capacity: number;
}
interface SessionRow {
  id: string;
  class_id: string;
  class_name: string;
  starts_at: Date;
  minutes: number;
  teacher_id: string;
  teacher_name: string;
  room_code: string;
  room_name: string;
  room_area: number;
  room_capacity: number;
  plan_id: string | null;
  plan_title: string | null;
  plan_domain: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  note: string | null;
}
type Domain = 'gross_motor' | 'fine_motor' | 'language' | 'cognition' | 'social_emotional';

const refuse = (zh: string, en: string, details?: unknown) => new AppError('validation_failed', { zh, en, ...(details === undefined ? {} : { details }) });

export const presentRoom = (r: RoomRow) => ({ code: r.code, name: r.name, areaM2: Number(r.area_m2), capacity: r.capacity });
/** The calendar day of an instant in China (UTC+8). */
export const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A teacher of the centre; locked for the transaction when `lock` (no double booking). */
export async function teacher(tx: Queryable, id: string, lock = false) {
  const row = (
    await tx.query<{ id: string; name: string; active: boolean }>(`SELECT id, name, active FROM ecd_teacher WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
  ).rows[0];
  if (!row) throw refuse('没有这位教师', 'Unknown teacher', { field: 'teacherId' });
  if (!row.active) throw refuse(`${row.name}已不在岗`, `${row.name} is no longer active`, { field: 'teacherId' });
  return row;
}

export async function room(tx: Queryable, code: string, lock = false) {
  const row = (
    await tx.query<RoomRow>(`SELECT code, name, area_m2::float8 AS area_m2, capacity FROM ecd_room WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code])
  ).rows[0];
  if (!row) throw refuse('没有这间活动室', 'Unknown room', { field: 'roomCode' });
  return row;
}

/** Refuses a class of `children` in a room that holds fewer (422 over_capacity); `would` for members not yet saved. */
export function refuseOverCapacity(room: { name: string; capacity: number }, children: number, would = false): void {
  if (children <= room.capacity) return;
  throw new AppError('over_capacity', {
    zh: `${room.name}最多容纳 ${room.capacity} 名儿童，本班 ${children} 名`,
    en: `${room.name} holds ${room.capacity} children; the class ${would ? 'would have' : 'has'} ${children}`,
    details: { capacity: room.capacity, children },
  });
}

/** Refuses a class name another class of the district has (`except`: the class being changed). */
export async function refuseTakenName(tx: Queryable, name: string, except: string | null = null): Promise<void> {
  if ((await tx.query('SELECT 1 FROM ecd_class WHERE name = $1 AND id IS DISTINCT FROM $2', [name, except])).rows.length) {
    throw refuse(`班级名称“${name}”已存在`, `A class named ${name} exists`, { field: 'name' });
  }
}

/** Open memberships of children whose consent stands, by class. */
async function members(tx: Queryable, classIds: string[]): Promise<Map<string, MemberRow[]>> {
  const { rows } = await tx.query<MemberRow>(
    `SELECT m.class_id, c.id, c.name, c.sex, c.birth_date::text AS birth_date
       FROM ecd_class_member m JOIN ecd_child c ON c.district_code = m.district_code AND c.id = m.child_id
      WHERE m.class_id = ANY($1::uuid[]) AND m.left_on IS NULL AND c.consent_withdrawn_at IS NULL ORDER BY c.name, c.id`,
    [classIds],
  );
  const map = new Map<string, MemberRow[]>();
  for (const r of rows) map.set(r.class_id, [...(map.get(r.class_id) ?? []), r]);
  return map;
}

const classColumns = `k.id, k.name, k.age_from_months, k.age_to_months, k.active, t.id AS teacher_id, t.name AS teacher_name,
  r.code AS room_code, r.name AS room_name, r.area_m2::float8 AS room_area, r.capacity AS room_capacity
  FROM ecd_class k JOIN ecd_teacher t ON t.district_code = k.district_code AND t.id = k.teacher_id
  JOIN ecd_room r ON r.district_code = k.district_code AND r.code = k.room_code`;

export async function classes(tx: Queryable, today: string, id?: string) {
  const { rows } = await tx.query<ClassRow>(`SELECT ${classColumns} ${id ? 'WHERE k.id = $1' : ''} ORDER BY k.active DESC, k.name`, id ? [id] : []);
  const byClass = await members(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    ageFromMonths: k.age_from_months,
    ageToMonths: k.age_to_months,
    teacher: { id: k.teacher_id, name: k.teacher_name },
    room: presentRoom({ code: k.room_code, name: k.room_name, area_m2: k.room_area, capacity: k.room_capacity }),
    children: (byClass.get(k.id) ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      sex: c.sex,
      birthDate: c.birth_date,
      ageMonths: ageInMonths(c.birth_date, today),
    })),
    active: k.active,
  }));
}

export async function oneClass(tx: Queryable, id: string, today: string) {
  const found = (await classes(tx, today, id))[0];
  if (!found) throw new AppError('not_found');
  return found;
}

const sessionColumns = `s.id, s.class_id, k.name AS class_name, s.starts_at, s.minutes, s.teacher_id, t.name AS teacher_name,
  r.code AS room_code, r.name AS room_name, r.area_m2::float8 AS room_area, r.capacity AS room_capacity,
  p.id AS plan_id, p.title AS plan_title, p.domain AS plan_domain, s.status, s.note
  FROM ecd_session s JOIN ecd_class k ON k.district_code = s.district_code AND k.id = s.class_id
  JOIN ecd_teacher t ON t.district_code = s.district_code AND t.id = s.teacher_id
  JOIN ecd_room r ON r.district_code = s.district_code AND r.code = s.room_code
  LEFT JOIN ecd_activity_plan p ON p.district_code = s.district_code AND p.id = s.activity_plan_id`;

/**
 * Sessions with their attendance: a session held lists the attendance recorded; one not yet held
 * lists the class's members with present null.
 */
async function present(tx: Queryable, rows: SessionRow[]) {
  const held = rows.filter((s) => s.status === 'held').map((s) => s.id);
  const { rows: recorded } = await tx.query<{ session_id: string; child_id: string; name: string; present: boolean; note: string | null }>(
    `SELECT a.session_id, a.child_id, c.name, a.present, a.note FROM ecd_attendance a JOIN ecd_child c ON c.district_code = a.district_code AND c.id = a.child_id
      WHERE a.session_id = ANY($1::uuid[]) ORDER BY c.name, c.id`,
    [held],
  );
  const byClass = await members(tx, [...new Set(rows.filter((s) => s.status !== 'held').map((s) => s.class_id))]);
  return rows.map((s) => {
    const attendance =
      s.status === 'held'
        ? recorded
            .filter((a) => a.session_id === s.id)
            .map((a) => ({ childId: a.child_id, childName: a.name, present: a.present as boolean | null, note: a.note }))
        : (byClass.get(s.class_id) ?? []).map((c) => ({ childId: c.id, childName: c.name, present: null as boolean | null, note: null as string | null }));
    return {
      id: s.id,
      classId: s.class_id,
      className: s.class_name,
      startsAt: s.starts_at.toISOString(),
      minutes: s.minutes,
      teacher: { id: s.teacher_id, name: s.teacher_name },
      room: presentRoom({ code: s.room_code, name: s.room_name, area_m2: s.room_area, capacity: s.room_capacity }),
      activityPlan: s.plan_id ? { id: s.plan_id, title: s.plan_title as string, domain: s.plan_domain as Domain } : null,
      status: s.status,
      note: s.note,
      attendance,
      presentCount: attendance.filter((a) => a.present === true).length,
      enrolled: attendance.length,
    };
  });
}

/**
 * The sessions starting from `from` to `to` (China days, both included), by start time. For a
 * parent (`ownOnly`) only the sessions of classes their child is in or attended: row-level security
 * shows a parent only their own child's memberships and attendance.
 */
export async function list(tx: Queryable, from: string, to: string, ownOnly: boolean) {
  const own = ownOnly
    ? `AND (EXISTS (SELECT 1 FROM ecd_class_member m WHERE m.district_code = s.district_code AND m.class_id = s.class_id AND m.left_on IS NULL)
         OR EXISTS (SELECT 1 FROM ecd_attendance a WHERE a.district_code = s.district_code AND a.session_id = s.id))`
    : '';
  const { rows } = await tx.query<SessionRow>(
    `SELECT ${sessionColumns} WHERE s.starts_at >= $1::timestamptz AND s.starts_at < $2::timestamptz ${own} ORDER BY s.starts_at, k.name`,
    [`${from}T00:00:00+08:00`, `${addDays(to, 1)}T00:00:00+08:00`],
  );
  return present(tx, rows);
}

export async function one(tx: Queryable, id: string) {
  const row = (await tx.query<SessionRow>(`SELECT ${sessionColumns} WHERE s.id = $1`, [id])).rows[0];
  if (!row) throw new AppError('not_found');
  return (await present(tx, [row]))[0] as Awaited<ReturnType<typeof present>>[number];
}

/** Schedules a session: the room must hold the class, and neither room nor teacher be taken then. */
export async function create(tx: Queryable, district: string, by: string, input: SessionInput): Promise<string> {
  const klass = (
    await tx.query<{ teacher_id: string; room_code: string; active: boolean }>('SELECT teacher_id, room_code, active FROM ecd_class WHERE id = $1', [
      input.classId,
    ])
  ).rows[0];
  if (!klass) throw refuse('没有这个班级', 'Unknown class', { field: 'classId' });
  if (!klass.active) throw refuse('该班级已停办', 'The class is no longer active', { field: 'classId' });
  const theRoom = await room(tx, input.roomCode ?? klass.room_code, true);
  const theTeacher = await teacher(tx, input.teacherId ?? klass.teacher_id, true);
  if (input.activityPlanId && !(await tx.query('SELECT 1 FROM ecd_activity_plan WHERE id = $1', [input.activityPlanId])).rows.length) {
    throw refuse('没有这个活动方案', 'Unknown activity plan', { field: 'activityPlanId' });
  }
  refuseOverCapacity(theRoom, (await members(tx, [input.classId])).get(input.classId)?.length ?? 0);
  const start = new Date(input.startsAt);
  const end = new Date(start.getTime() + input.minutes * 60_000);
  // The session already holding the room or the teacher, named in the refusal: which class, when.
  const clash = async (column: 'room_code' | 'teacher_id', value: string) =>
    (
      await tx.query<{ id: string; starts_at: Date; class_name: string; span: string }>(
        `SELECT s.id, s.starts_at, c.name AS class_name,
            to_char(s.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '–' ||
            to_char((s.starts_at + s.minutes * interval '1 minute') AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS span
       FROM ecd_session s JOIN ecd_class c ON c.district_code = s.district_code AND c.id = s.class_id
      WHERE s.${column} = $1 AND s.status <> 'cancelled'
        AND s.starts_at < $3::timestamptz AND s.starts_at + s.minutes * interval '1 minute' > $2::timestamptz
      ORDER BY s.starts_at LIMIT 1`,
        [value, start, end],
      )
    ).rows[0];
  const roomClash = await clash('room_code', theRoom.code);
  if (roomClash) {
    throw new AppError('room_busy', {
      zh: `${theRoom.name}在此时间已有安排：${roomClash.class_name} ${roomClash.span}`,
      en: `${theRoom.name} is taken then: ${roomClash.class_name}, ${roomClash.span}`,
      details: { sessionId: roomClash.id, startsAt: roomClash.starts_at.toISOString(), className: roomClash.class_name },
    });
  }
  const teacherClash = await clash('teacher_id', theTeacher.id);
  if (teacherClash) {
    throw new AppError('teacher_busy', {
      zh: `${theTeacher.name}在此时间已有安排：${teacherClash.class_name} ${teacherClash.span}`,
      en: `${theTeacher.name} is busy then: ${teacherClash.class_name}, ${teacherClash.span}`,
      details: { sessionId: teacherClash.id, startsAt: teacherClash.starts_at.toISOString(), className: teacherClash.class_name },
    });
  }
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO ecd_session (district_code, class_id, starts_at, minutes, teacher_id, room_code, activity_plan_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [district, input.classId, start, input.minutes, theTeacher.id, theRoom.code, input.activityPlanId ?? null, by],
  );
  return (rows[0] as { id: string }).id;
}

/** Records who came: every member not in `present` is absent; the session is then held. */
export async function attendance(
  tx: Queryable,
  district: string,
  by: string,
  sessionId: string,
  input: { present: string[]; notes?: Record<string, string> | undefined },
  today: string,
) {
  const s = (
    await tx.query<{ class_id: string; status: string; starts_at: Date }>('SELECT class_id, status, starts_at FROM ecd_session WHERE id = $1', [sessionId])
  ).rows[0];
  if (!s) throw new AppError('not_found');
  if (s.status === 'cancelled') throw new AppError('invalid_transition', { zh: '课次已取消，不能考勤', en: 'The session was cancelled' });
  if (chinaDate(s.starts_at) > today) throw new AppError('invalid_transition', { zh: '课次尚未开始，不能考勤', en: 'The session has not taken place yet' });
  const { rows: recorded } = await tx.query<{ child_id: string }>(
    `SELECT a.child_id FROM ecd_attendance a JOIN ecd_child c ON c.district_code = a.district_code AND c.id = a.child_id
      WHERE a.session_id = $1 AND c.consent_withdrawn_at IS NULL`,
    [sessionId],
  );
  const expected = new Set([...((await members(tx, [s.class_id])).get(s.class_id) ?? []).map((m) => m.id), ...recorded.map((r) => r.child_id)]);
  const notes = input.notes ?? {};
  const strangers = [...new Set([...input.present, ...Object.keys(notes)])].filter((id) => !expected.has(id));
  if (strangers.length) throw refuse('有儿童不在本班', 'Some children are not in the class', { childIds: strangers });
  const present = new Set(input.present);
  for (const childId of expected) {
    await tx.query(
      `INSERT INTO ecd_attendance (district_code, session_id, child_id, present, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (district_code, session_id, child_id) DO UPDATE SET present = EXCLUDED.present, note = EXCLUDED.note,
         recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [district, sessionId, childId, present.has(childId), notes[childId] ?? null, by],
    );
  }
  await tx.query("UPDATE ecd_session SET status = 'held' WHERE id = $1", [sessionId]);
}
