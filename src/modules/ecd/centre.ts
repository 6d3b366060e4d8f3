/**
 * The early childhood development centre beyond the growth archive: milestones, teachers and
 * rooms, classes, sessions with attendance, teacher load, the printed archive (the activity-plan
 * library is in centrePlans.ts). Row-level security decides which children a caller sees; every
 * change is audit-logged.
 */
import { addDays, daysBetween } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import { MILESTONES, achievedOnProblem, ageInMonths, milestoneDefinition, milestoneStatus, type MilestoneCode } from '../../core/growth/milestones.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import { today as businessToday } from '../../core/clock.ts';
import { archive } from './service.ts';
import * as sessions from './centreSessions.ts';
import { chinaDate, presentRoom } from './centreSessions.ts';
import * as cq from './centreQueries.ts';
import type { ClassFields, MilestoneRow } from './centreQueries.ts';
import { childLite, childrenLite, type ChildLite } from './queries.ts';
import { cancelScheduled } from './sessionQueries.ts';
import type { SessionInput } from './schemas.ts';

/** The centre's floor area (report §2: 建成面积380平米的儿童早期发展指导中心). */
export const CENTRE_AREA_M2 = 380;
/** The longest calendar range one sessions query may ask for. */
export const MAX_SESSION_RANGE_DAYS = 62;

const refuse = (zh: string, en: string, field?: string) => new AppError('validation_failed', { zh, en, ...(field ? { details: { field } } : {}) });

async function audit(
  tx: Queryable,
  actor: AuthContext,
  action: string,
  entityType: string,
  entityId: string,
  extra: { before?: unknown; after?: unknown } = {},
) {
  await auditBy(tx, actor, { action, entityType, entityId, ...extra });
}

/** A child the caller may see (row-level security hides the others: 404). */
async function visibleChild(tx: Queryable, id: string): Promise<ChildLite> {
  const child = await childLite(tx, id);
  if (!child) throw new AppError('not_found');
  return child;
}

/** A child whose record may still change: consent withdrawn → 409. */
async function changeableChild(tx: Queryable, id: string): Promise<ChildLite> {
  const child = await visibleChild(tx, id);
  if (child.consent_withdrawn_at) throw new AppError('consent_withdrawn');
  return child;
}

export function presentMilestones(child: ChildLite, rows: MilestoneRow[], today: string) {
  const byCode = new Map(rows.map((r) => [r.milestone, r]));
  return {
    childId: child.id,
    ageMonths: ageInMonths(child.birth_date, today),
    items: MILESTONES.map((def) => {
      const row = byCode.get(def.code);
      return {
        milestone: def.code,
        label: def.label,
        labelEn: def.labelEn,
        window: { ...def.window },
        achievedOn: row?.achieved_on ?? null,
        achievedAtMonths: row ? ageInMonths(child.birth_date, row.achieved_on) : null,
        state: milestoneStatus(def.code, child.birth_date, today, row?.achieved_on ?? null),
        observedBy: row?.observed_by ?? null,
        note: row?.note ?? null,
      };
    }),
  };
}

/** `from`–`to` (dates, both included) as a number of days, refused when reversed or longer than max. */
export function rangeDays(from: string, to: string, max?: number): number {
  const n = daysBetween(from, to) + 1;
  if (n < 1) throw refuse('结束日期早于开始日期', 'The range ends before it starts', 'to');
  if (max !== undefined && n > max) throw refuse(`查询范围不能超过 ${max} 天`, `The range may span at most ${max} days`, 'to');
  return n;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

// -- milestones --------------------------------------------------------------------------------

export async function milestones(db: Database, actor: AuthContext, childId: string) {
  return withScope(db, actor, async (tx) => {
    const child = await visibleChild(tx, childId);
    return presentMilestones(child, await cq.milestoneRows(tx, childId), businessToday());
  });
}

export async function setMilestone(
  db: Database,
  actor: AuthContext,
  childId: string,
  code: MilestoneCode,
  input: { achievedOn: string; note?: string | undefined },
) {
  return withScope(db, actor, async (tx) => {
    const child = await changeableChild(tx, childId);
    const today = businessToday();
    const problem = achievedOnProblem(child.birth_date, today, input.achievedOn);
    if (problem === 'before_birth') throw refuse('达成日期早于出生日期', 'The milestone is dated before birth', 'achievedOn');
    if (problem === 'future') throw refuse('达成日期晚于今天', 'The milestone is dated in the future', 'achievedOn');
    const before = (await cq.milestoneRows(tx, childId)).find((r) => r.milestone === code) ?? null;
    await cq.upsertMilestone(tx, actor.district, actor.username, childId, code, input);
    await audit(tx, actor, 'ecd.milestone_set', 'ecd_child', childId, { before, after: { milestone: code, ...input } });
    return presentMilestones(child, await cq.milestoneRows(tx, childId), today);
  });
}

/** Removes a tick entered by mistake. */
export async function deleteMilestone(db: Database, actor: AuthContext, childId: string, code: MilestoneCode) {
  return withScope(db, actor, async (tx) => {
    const child = await changeableChild(tx, childId);
    const before = (await cq.milestoneRows(tx, childId)).find((r) => r.milestone === code);
    if (!before) throw new AppError('not_found', { zh: `尚未记录${milestoneDefinition(code).label}`, en: `No ${code} milestone recorded` });
    await cq.deleteMilestone(tx, childId, code);
    await audit(tx, actor, 'ecd.milestone_delete', 'ecd_child', childId, { before });
    return presentMilestones(child, await cq.milestoneRows(tx, childId), businessToday());
  });
}

// -- the centre and its classes ----------------------------------------------------------------

export async function centre(db: Database, actor: AuthContext) {
  return withScope(db, actor, async (tx) => {
    const district = await cq.districtName(tx);
    // A member of staff sees only their own account: the others' usernames come back null.
    const teachers = await cq.teacherRows(tx);
    const rooms = await cq.roomRows(tx);
    return {
      name: `${district ?? ''}儿童早期发展指导中心`,
      areaM2: CENTRE_AREA_M2,
      teachers: teachers.map((t) => ({
        id: t.id,
        name: t.name,
        qualification: t.qualification,
        weeklyHours: t.weekly_hours,
        active: t.active,
        username: t.username,
      })),
      rooms: rooms.map(presentRoom),
    };
  });
}

export async function classes(db: Database, actor: AuthContext) {
  return withScope(db, actor, async (tx) => ({ items: await sessions.classes(tx, businessToday()) }));
}

export async function createClass(db: Database, actor: AuthContext, input: ClassFields) {
  if (input.ageToMonths < input.ageFromMonths) throw refuse('年龄范围不正确', 'The age range ends before it starts', 'ageToMonths');
  return withScope(db, actor, async (tx) => {
    await sessions.teacher(tx, input.teacherId);
    await sessions.room(tx, input.roomCode);
    await sessions.refuseTakenName(tx, input.name);
    const id = await cq.insertClass(tx, actor.district, input);
    await audit(tx, actor, 'ecd.class_create', 'ecd_class', id, { after: input });
    return sessions.oneClass(tx, id, businessToday());
  });
}

/**
 * Changes a class's name, ages, teacher or room. Sessions already scheduled keep the teacher and
 * room they were booked with; the new room must hold the class's children.
 */
export async function updateClass(db: Database, actor: AuthContext, id: string, input: ClassFields) {
  if (input.ageToMonths < input.ageFromMonths) throw refuse('年龄范围不正确', 'The age range ends before it starts', 'ageToMonths');
  return withScope(db, actor, async (tx) => {
    const today = businessToday();
    const klass = await sessions.oneClass(tx, id, today);
    if (input.teacherId !== klass.teacher.id) await sessions.teacher(tx, input.teacherId);
    const room = await sessions.room(tx, input.roomCode);
    await sessions.refuseTakenName(tx, input.name, id);
    sessions.refuseOverCapacity(room, klass.children.length);
    await cq.updateClass(tx, id, input);
    await audit(tx, actor, 'ecd.class_update', 'ecd_class', id, {
      before: {
        name: klass.name,
        ageFromMonths: klass.ageFromMonths,
        ageToMonths: klass.ageToMonths,
        teacherId: klass.teacher.id,
        roomCode: klass.room.code,
      },
      after: input,
    });
    return sessions.oneClass(tx, id, today);
  });
}

/** Sets the class's children: those left out leave today, new ones join today. */
export async function setMembers(db: Database, actor: AuthContext, classId: string, childIds: string[]) {
  const ids = [...new Set(childIds)];
  return withScope(db, actor, async (tx) => {
    const today = businessToday();
    const klass = await sessions.oneClass(tx, classId, today);
    const children = await childrenLite(tx, ids);
    const missing = ids.filter((id) => !children.some((c) => c.id === id));
    if (missing.length) throw new AppError('not_found', { zh: '有儿童不存在或无权访问', en: 'Some children are unknown', details: { childIds: missing } });
    const withdrawn = children.filter((c) => c.consent_withdrawn_at).map((c) => c.id);
    if (withdrawn.length) throw new AppError('consent_withdrawn', { details: { childIds: withdrawn } });
    sessions.refuseOverCapacity(klass.room, ids.length, true);
    const before = klass.children.map((c) => c.id);
    await cq.closeOtherMemberships(tx, classId, today, ids);
    for (const id of ids) await cq.openMembership(tx, actor.district, classId, id, today);
    await audit(tx, actor, 'ecd.class_members', 'ecd_class', classId, { before: { childIds: before }, after: { childIds: ids } });
    return sessions.oneClass(tx, classId, today);
  });
}

// -- sessions and attendance -------------------------------------------------------------------

export async function sessionList(db: Database, actor: AuthContext, from: string, to: string) {
  rangeDays(from, to, MAX_SESSION_RANGE_DAYS);
  return withScope(db, actor, async (tx) => ({ items: await sessions.list(tx, from, to, !actor.permissions.includes('ecd.read')) }));
}

export async function createSession(db: Database, actor: AuthContext, input: SessionInput) {
  return withScope(db, actor, async (tx) => {
    const id = await sessions.create(tx, actor.district, actor.username, input);
    await audit(tx, actor, 'ecd.session_create', 'ecd_session', id, { after: input });
    return sessions.one(tx, id);
  });
}

export async function takeAttendance(
  db: Database,
  actor: AuthContext,
  sessionId: string,
  input: { present: string[]; notes?: Record<string, string> | undefined },
) {
  return withScope(db, actor, async (tx) => {
    await sessions.attendance(tx, actor.district, actor.username, sessionId, input, businessToday());
    await audit(tx, actor, 'ecd.attendance', 'ecd_session', sessionId, { after: input });
    return sessions.one(tx, sessionId);
  });
}

export async function cancelSession(db: Database, actor: AuthContext, sessionId: string, note: string) {
  return withScope(db, actor, async (tx) => {
    if (!(await cancelScheduled(tx, sessionId, note))) {
      await sessions.one(tx, sessionId); // 404 when unknown
      throw new AppError('invalid_transition', { zh: '只能取消尚未上课的课次', en: 'Only a scheduled session can be cancelled' });
    }
    await audit(tx, actor, 'ecd.session_cancel', 'ecd_session', sessionId, { after: { note } });
    return sessions.one(tx, sessionId);
  });
}

// -- teacher load ------------------------------------------------------------------------------

/** Hours taught (sessions not cancelled) against each teacher's weekly hours × the weeks in the range. */
export async function teacherLoad(db: Database, actor: AuthContext, from: string, to: string) {
  const weeks = rangeDays(from, to) / 7;
  return withScope(db, actor, async (tx) => {
    const rows = await cq.teacherLoadRows(tx, `${from}T00:00:00+08:00`, `${addDays(to, 1)}T00:00:00+08:00`);
    return {
      from,
      to,
      items: rows.map((r) => {
        const hours = r.minutes / 60;
        const plannedHours = r.weekly_hours * weeks;
        return {
          teacher: { id: r.id, name: r.name },
          sessions: r.sessions,
          hours: round(hours, 2),
          plannedHours: round(plannedHours, 2),
          load: round(hours / plannedHours, 3),
        };
      }),
    };
  });
}

// -- the archive for print ---------------------------------------------------------------------

/** 宝宝成长档案 for print: the archive (read and logged as any view of it), milestones, attendance, notes. */
export async function archivePrint(db: Database, actor: AuthContext, childId: string) {
  const theArchive = await archive(db, actor, childId);
  return withScope(db, actor, async (tx) => {
    const today = businessToday();
    const child = await visibleChild(tx, childId);
    const milestones = await cq.milestoneRows(tx, childId);
    const district = await cq.districtName(tx);
    const attended = await cq.attendanceOfChild(tx, childId);
    const present = attended.filter((a) => a.present);
    // Notes are signed with the teacher's name, not the account that entered them.
    const staff = await cq.staffNames(tx);
    const author = (username: string) => staff.get(username) ?? '\u4e2d\u5fc3\u6559\u5e08';
    const notes = [
      ...theArchive.measurements.filter((m) => m.note).map((m) => ({ date: m.date, author: author(m.enteredBy), text: m.note as string })),
      ...milestones
        .filter((m) => m.note)
        .map((m) => ({ date: m.achieved_on, author: author(m.observed_by), text: `${milestoneDefinition(m.milestone).label}：${m.note as string}` })),
      ...attended.filter((a) => a.note).map((a) => ({ date: chinaDate(a.starts_at), author: author(a.recorded_by), text: a.note as string })),
    ].sort((a, b) => b.date.localeCompare(a.date));
    return {
      centreName: `${district ?? ''}儿童早期发展指导中心`,
      printedOn: today,
      archive: theArchive,
      milestones: presentMilestones(child, milestones, today),
      attendance: {
        sessions: attended.length,
        present: present.length,
        lastAttended: present.length ? chinaDate((present.at(-1) as { starts_at: Date }).starts_at) : null,
      },
      notes,
    };
  });
}
