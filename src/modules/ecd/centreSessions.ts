/**
 * The centre's classes, sessions and attendance as the services read and change them inside the
 * caller's scoped transaction (the SQL is in centreQueries.ts and sessionQueries.ts): row-level
 * security decides which children (members, attendance) are seen. A class's members are its open
 * memberships of children whose consent stands.
 */
import { addDays } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import { ageInMonths } from '../../core/growth/milestones.ts';
import type { Queryable } from '../../db/types.ts';
import { classBooking, classNameTaken, classRows, memberRows, roomRow, teacherRow, type MemberRow, type RoomRow } from './centreQueries.ts';
import { planExists } from './planQueries.ts';
import type { SessionInput } from './schemas.ts';
import {
  attendanceRows,
  clashingSession,
  insertSession,
  markHeld,
  recordedChildIds,
  sessionRow,
  sessionRows,
  sessionState,
  upsertAttendance,
  type SessionRow,
} from './sessionQueries.ts';

type Domain = 'gross_motor' | 'fine_motor' | 'language' | 'cognition' | 'social_emotional';

const refuse = (zh: string, en: string, details?: unknown) => new AppError('validation_failed', { zh, en, ...(details === undefined ? {} : { details }) });

export const presentRoom = (r: RoomRow) => ({ code: r.code, name: r.name, areaM2: Number(r.area_m2), capacity: r.capacity });
/** The calendar day of an instant in China (UTC+8). */
export const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A teacher of the centre; locked for the transaction when `lock` (no double booking). */
export async function teacher(tx: Queryable, id: string, lock = false) {
  const row = await teacherRow(tx, id, lock);
  if (!row) throw refuse('没有这位教师', 'Unknown teacher', { field: 'teacherId' });
  if (!row.active) throw refuse(`${row.name}已不在岗`, `${row.name} is no longer active`, { field: 'teacherId' });
  return row;
}

export async function room(tx: Queryable, code: string, lock = false) {
  const row = await roomRow(tx, code, lock);
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
  if (await classNameTaken(tx, name, except)) {
    throw refuse(`班级名称“${name}”已存在`, `A class named ${name} exists`, { field: 'name' });
  }
}

/** Open memberships of children whose consent stands, by class. */
async function members(tx: Queryable, classIds: string[]): Promise<Map<string, MemberRow[]>> {
  const rows = await memberRows(tx, classIds);
  const map = new Map<string, MemberRow[]>();
  for (const r of rows) map.set(r.class_id, [...(map.get(r.class_id) ?? []), r]);
  return map;
}

export async function classes(tx: Queryable, today: string, id?: string) {
  const rows = await classRows(tx, id);
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

/**
 * Sessions with their attendance: a session held lists the attendance recorded; one not yet held
 * lists the class's members with present null.
 */
async function present(tx: Queryable, rows: SessionRow[]) {
  const held = rows.filter((s) => s.status === 'held').map((s) => s.id);
  const recorded = await attendanceRows(tx, held);
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
  return present(tx, await sessionRows(tx, `${from}T00:00:00+08:00`, `${addDays(to, 1)}T00:00:00+08:00`, ownOnly));
}

export async function one(tx: Queryable, id: string) {
  const row = await sessionRow(tx, id);
  if (!row) throw new AppError('not_found');
  return (await present(tx, [row]))[0] as Awaited<ReturnType<typeof present>>[number];
}

/** Schedules a session: the room must hold the class, and neither room nor teacher be taken then. */
export async function create(tx: Queryable, district: string, by: string, input: SessionInput): Promise<string> {
  const klass = await classBooking(tx, input.classId);
  if (!klass) throw refuse('没有这个班级', 'Unknown class', { field: 'classId' });
  if (!klass.active) throw refuse('该班级已停办', 'The class is no longer active', { field: 'classId' });
  const theRoom = await room(tx, input.roomCode ?? klass.room_code, true);
  const theTeacher = await teacher(tx, input.teacherId ?? klass.teacher_id, true);
  if (input.activityPlanId && !(await planExists(tx, input.activityPlanId))) {
    throw refuse('没有这个活动方案', 'Unknown activity plan', { field: 'activityPlanId' });
  }
  refuseOverCapacity(theRoom, (await members(tx, [input.classId])).get(input.classId)?.length ?? 0);
  const start = new Date(input.startsAt);
  const end = new Date(start.getTime() + input.minutes * 60_000);
  // The session already holding the room or the teacher, named in the refusal: which class, when.
  const clash = (column: 'room_code' | 'teacher_id', value: string) => clashingSession(tx, column, value, start, end);
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
  return insertSession(tx, district, by, {
    classId: input.classId,
    start,
    minutes: input.minutes,
    teacherId: theTeacher.id,
    roomCode: theRoom.code,
    activityPlanId: input.activityPlanId ?? null,
  });
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
  const s = await sessionState(tx, sessionId);
  if (!s) throw new AppError('not_found');
  if (s.status === 'cancelled') throw new AppError('invalid_transition', { zh: '课次已取消，不能考勤', en: 'The session was cancelled' });
  if (chinaDate(s.starts_at) > today) throw new AppError('invalid_transition', { zh: '课次尚未开始，不能考勤', en: 'The session has not taken place yet' });
  const recorded = await recordedChildIds(tx, sessionId);
  const expected = new Set([...((await members(tx, [s.class_id])).get(s.class_id) ?? []).map((m) => m.id), ...recorded]);
  const notes = input.notes ?? {};
  const strangers = [...new Set([...input.present, ...Object.keys(notes)])].filter((id) => !expected.has(id));
  if (strangers.length) throw refuse('有儿童不在本班', 'Some children are not in the class', { childIds: strangers });
  const present = new Set(input.present);
  for (const childId of expected) {
    await upsertAttendance(tx, district, by, sessionId, childId, present.has(childId), notes[childId] ?? null);
  }
  await markHeld(tx, sessionId);
}
