import { addDays, daysBetween } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import { MILESTONES, achievedOnProblem, ageInMonths, milestoneDefinition, milestoneStatus, type MilestoneCode } from '../../core/growth/milestones.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import { today as businessToday } from '../../core/clock.ts';
import type { EcdService } from './service.ts';
import * as sessions from './centreSessions.ts';
import { chinaDate, presentRoom, type RoomRow } from './centreSessions.ts';
import * as plans from './centrePlans.ts';
import type { PlanFilter } from './centrePlans.ts';
import type { ActivityPlanInput, SessionInput } from './schemas.ts';

/** The centre's floor area (report §2: 建成面积380平米的儿童早期发展指导中心). */
export const CENTRE_AREA_M2 = 380;
/** The longest calendar range one sessions query may ask for. */
export const MAX_SESSION_RANGE_DAYS = 62;

export interface ChildLite {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  consent_withdrawn_at: Date | null;
}

interface MilestoneRow {
  milestone: MilestoneCode;
  achieved_on: string;
  observed_by: string;
  note: string | null;
}

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
  const child = (await tx.query<ChildLite>('SELECT id, name, sex, birth_date::text AS birth_date, consent_withdrawn_at FROM ecd_child WHERE id = $1', [id]))
    .rows[0];
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

async function milestoneRows(tx: Queryable, childId: string) {
  return (
    await tx.query<MilestoneRow>('SELECT milestone, achieved_on::text AS achieved_on, observed_by, note FROM ecd_milestone WHERE child_id = $1', [childId])
  ).rows;
}

/** `from`–`to` (dates, both included) as a number of days, refused when reversed or longer than max. */
export function rangeDays(from: string, to: string, max?: number): number {
  const n = daysBetween(from, to) + 1;
  if (n < 1) throw refuse('结束日期早于开始日期', 'The range ends before it starts', 'to');
  if (max !== undefined && n > max) throw refuse(`查询范围不能超过 ${max} 天`, `The range may span at most ${max} days`, 'to');
  return n;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * The early childhood development centre beyond the growth archive: milestones, the activity-plan
 * library, teachers and rooms, classes, sessions with attendance, teacher load, the printed archive.
 * Row-level security decides which children a caller sees; every change is audit-logged.
 */
export class EcdCentreService {
  constructor(
    private readonly db: Database,
    private readonly ecd: EcdService,
  ) {}

  // -- milestones --------------------------------------------------------------------------------

  async milestones(actor: AuthContext, childId: string) {
    return withScope(this.db, actor, async (tx) => {
      const child = await visibleChild(tx, childId);
      return presentMilestones(child, await milestoneRows(tx, childId), businessToday());
    });
  }

  async setMilestone(actor: AuthContext, childId: string, code: MilestoneCode, input: { achievedOn: string; note?: string | undefined }) {
    return withScope(this.db, actor, async (tx) => {
      const child = await changeableChild(tx, childId);
      const today = businessToday();
      const problem = achievedOnProblem(child.birth_date, today, input.achievedOn);
      if (problem === 'before_birth') throw refuse('达成日期早于出生日期', 'The milestone is dated before birth', 'achievedOn');
      if (problem === 'future') throw refuse('达成日期晚于今天', 'The milestone is dated in the future', 'achievedOn');
      const before = (await milestoneRows(tx, childId)).find((r) => r.milestone === code) ?? null;
      await tx.query(
        `INSERT INTO ecd_milestone (district_code, child_id, milestone, achieved_on, observed_by, note) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (district_code, child_id, milestone) DO UPDATE SET achieved_on = EXCLUDED.achieved_on, observed_by = EXCLUDED.observed_by,
           note = EXCLUDED.note, recorded_at = now()`,
        [actor.district, childId, code, input.achievedOn, actor.username, input.note ?? null],
      );
      await audit(tx, actor, 'ecd.milestone_set', 'ecd_child', childId, { before, after: { milestone: code, ...input } });
      return presentMilestones(child, await milestoneRows(tx, childId), today);
    });
  }

  /** Removes a tick entered by mistake. */
  async deleteMilestone(actor: AuthContext, childId: string, code: MilestoneCode) {
    return withScope(this.db, actor, async (tx) => {
      const child = await changeableChild(tx, childId);
      const before = (await milestoneRows(tx, childId)).find((r) => r.milestone === code);
      if (!before) throw new AppError('not_found', { zh: `尚未记录${milestoneDefinition(code).label}`, en: `No ${code} milestone recorded` });
      await tx.query('DELETE FROM ecd_milestone WHERE child_id = $1 AND milestone = $2', [childId, code]);
      await audit(tx, actor, 'ecd.milestone_delete', 'ecd_child', childId, { before });
      return presentMilestones(child, await milestoneRows(tx, childId), businessToday());
    });
  }

  // -- activity plans ----------------------------------------------------------------------------

  async plans(actor: AuthContext, filter: PlanFilter) {
    return withScope(this.db, actor, async (tx) => ({ items: (await plans.list(tx, filter)).map(plans.present) }));
  }

  async plan(actor: AuthContext, id: string) {
    return withScope(this.db, actor, async (tx) => plans.present(await plans.row(tx, id)));
  }

  async createPlan(actor: AuthContext, input: ActivityPlanInput) {
    plans.check(input);
    return withScope(this.db, actor, async (tx) => {
      const plan = await plans.insert(tx, actor.district, actor.username, input);
      await audit(tx, actor, 'ecd.plan_create', 'ecd_activity_plan', plan.id, { after: input });
      return plans.present(plan);
    });
  }

  async updatePlan(actor: AuthContext, id: string, input: ActivityPlanInput & { version: number }) {
    plans.check(input);
    return withScope(this.db, actor, async (tx) => {
      const before = await plans.row(tx, id);
      if (before.version !== input.version) throw new AppError('stale_version');
      const after = await plans.update(tx, id, actor.username, input);
      if (!after) throw new AppError('stale_version');
      await audit(tx, actor, 'ecd.plan_update', 'ecd_activity_plan', id, { before: plans.present(before), after: input });
      return plans.present(after);
    });
  }

  // -- the centre and its classes ----------------------------------------------------------------

  async centre(actor: AuthContext) {
    return withScope(this.db, actor, async (tx) => {
      const district = (await tx.query<{ name: string }>('SELECT name FROM district')).rows[0];
      // A teacher's account name is read under the caller's own rights: the accounts table shows a
      // member of staff only their own account, so the others' usernames come back null.
      const teachers = (
        await tx.query<{ id: string; name: string; qualification: string; weekly_hours: number; active: boolean; username: string | null }>(
          `SELECT t.id, t.name, t.qualification, t.weekly_hours, t.active,
                (SELECT u.username FROM app_user u WHERE u.district_code = t.district_code AND u.id = t.user_id) AS username
           FROM ecd_teacher t ORDER BY t.active DESC, t.name`,
        )
      ).rows;
      const rooms = (await tx.query<RoomRow>('SELECT code, name, area_m2::float8 AS area_m2, capacity FROM ecd_room ORDER BY code')).rows;
      return {
        name: `${district?.name ?? ''}儿童早期发展指导中心`,
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

  async classes(actor: AuthContext) {
    return withScope(this.db, actor, async (tx) => ({ items: await sessions.classes(tx, businessToday()) }));
  }

  async createClass(actor: AuthContext, input: { name: string; ageFromMonths: number; ageToMonths: number; teacherId: string; roomCode: string }) {
    if (input.ageToMonths < input.ageFromMonths) throw refuse('年龄范围不正确', 'The age range ends before it starts', 'ageToMonths');
    return withScope(this.db, actor, async (tx) => {
      await sessions.teacher(tx, input.teacherId);
      await sessions.room(tx, input.roomCode);
      await sessions.refuseTakenName(tx, input.name);
      const { rows } = await tx.query<{ id: string }>(
        'INSERT INTO ecd_class (district_code, name, age_from_months, age_to_months, teacher_id, room_code) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [actor.district, input.name, input.ageFromMonths, input.ageToMonths, input.teacherId, input.roomCode],
      );
      const id = (rows[0] as { id: string }).id;
      await audit(tx, actor, 'ecd.class_create', 'ecd_class', id, { after: input });
      return sessions.oneClass(tx, id, businessToday());
    });
  }

  /**
   * Changes a class's name, ages, teacher or room. Sessions already scheduled keep the teacher and
   * room they were booked with; the new room must hold the class's children.
   */
  async updateClass(actor: AuthContext, id: string, input: { name: string; ageFromMonths: number; ageToMonths: number; teacherId: string; roomCode: string }) {
    if (input.ageToMonths < input.ageFromMonths) throw refuse('年龄范围不正确', 'The age range ends before it starts', 'ageToMonths');
    return withScope(this.db, actor, async (tx) => {
      const today = businessToday();
      const klass = await sessions.oneClass(tx, id, today);
      if (input.teacherId !== klass.teacher.id) await sessions.teacher(tx, input.teacherId);
      const room = await sessions.room(tx, input.roomCode);
      await sessions.refuseTakenName(tx, input.name, id);
      sessions.refuseOverCapacity(room, klass.children.length);
      await tx.query('UPDATE ecd_class SET name = $2, age_from_months = $3, age_to_months = $4, teacher_id = $5, room_code = $6 WHERE id = $1', [
        id,
        input.name,
        input.ageFromMonths,
        input.ageToMonths,
        input.teacherId,
        input.roomCode,
      ]);
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
  async setMembers(actor: AuthContext, classId: string, childIds: string[]) {
    const ids = [...new Set(childIds)];
    return withScope(this.db, actor, async (tx) => {
      const today = businessToday();
      const klass = await sessions.oneClass(tx, classId, today);
      const children = (
        await tx.query<ChildLite>('SELECT id, name, sex, birth_date::text AS birth_date, consent_withdrawn_at FROM ecd_child WHERE id = ANY($1::uuid[])', [ids])
      ).rows;
      const missing = ids.filter((id) => !children.some((c) => c.id === id));
      if (missing.length) throw new AppError('not_found', { zh: '有儿童不存在或无权访问', en: 'Some children are unknown', details: { childIds: missing } });
      const withdrawn = children.filter((c) => c.consent_withdrawn_at).map((c) => c.id);
      if (withdrawn.length) throw new AppError('consent_withdrawn', { details: { childIds: withdrawn } });
      sessions.refuseOverCapacity(klass.room, ids.length, true);
      const before = klass.children.map((c) => c.id);
      await tx.query('UPDATE ecd_class_member SET left_on = $2 WHERE class_id = $1 AND left_on IS NULL AND NOT (child_id = ANY($3::uuid[]))', [
        classId,
        today,
        ids,
      ]);
      for (const id of ids) {
        await tx.query(
          `INSERT INTO ecd_class_member (district_code, class_id, child_id, joined_on) VALUES ($1, $2, $3, $4)
           ON CONFLICT (district_code, class_id, child_id) DO UPDATE SET joined_on = CASE WHEN ecd_class_member.left_on IS NULL THEN ecd_class_member.joined_on ELSE EXCLUDED.joined_on END, left_on = NULL`,
          [actor.district, classId, id, today],
        );
      }
      await audit(tx, actor, 'ecd.class_members', 'ecd_class', classId, { before: { childIds: before }, after: { childIds: ids } });
      return sessions.oneClass(tx, classId, today);
    });
  }

  // -- sessions and attendance -------------------------------------------------------------------

  async sessionList(actor: AuthContext, from: string, to: string) {
    rangeDays(from, to, MAX_SESSION_RANGE_DAYS);
    return withScope(this.db, actor, async (tx) => ({ items: await sessions.list(tx, from, to, !actor.permissions.includes('ecd.read')) }));
  }

  async createSession(actor: AuthContext, input: SessionInput) {
    return withScope(this.db, actor, async (tx) => {
      const id = await sessions.create(tx, actor.district, actor.username, input);
      await audit(tx, actor, 'ecd.session_create', 'ecd_session', id, { after: input });
      return sessions.one(tx, id);
    });
  }

  async takeAttendance(actor: AuthContext, sessionId: string, input: { present: string[]; notes?: Record<string, string> | undefined }) {
    return withScope(this.db, actor, async (tx) => {
      await sessions.attendance(tx, actor.district, actor.username, sessionId, input, businessToday());
      await audit(tx, actor, 'ecd.attendance', 'ecd_session', sessionId, { after: input });
      return sessions.one(tx, sessionId);
    });
  }

  async cancelSession(actor: AuthContext, sessionId: string, note: string) {
    return withScope(this.db, actor, async (tx) => {
      const { rowCount } = await tx.query("UPDATE ecd_session SET status = 'cancelled', note = $2 WHERE id = $1 AND status = 'scheduled'", [sessionId, note]);
      if (rowCount === 0) {
        await sessions.one(tx, sessionId); // 404 when unknown
        throw new AppError('invalid_transition', { zh: '只能取消尚未上课的课次', en: 'Only a scheduled session can be cancelled' });
      }
      await audit(tx, actor, 'ecd.session_cancel', 'ecd_session', sessionId, { after: { note } });
      return sessions.one(tx, sessionId);
    });
  }

  // -- teacher load ------------------------------------------------------------------------------

  /** Hours taught (sessions not cancelled) against each teacher's weekly hours × the weeks in the range. */
  async teacherLoad(actor: AuthContext, from: string, to: string) {
    const weeks = rangeDays(from, to) / 7;
    return withScope(this.db, actor, async (tx) => {
      const { rows } = await tx.query<{ id: string; name: string; weekly_hours: number; sessions: number; minutes: number }>(
        `SELECT t.id, t.name, t.weekly_hours, count(s.id)::int AS sessions, coalesce(sum(s.minutes), 0)::int AS minutes
           FROM ecd_teacher t
           LEFT JOIN ecd_session s ON s.district_code = t.district_code AND s.teacher_id = t.id AND s.status <> 'cancelled'
                AND s.starts_at >= $1::timestamptz AND s.starts_at < $2::timestamptz
          GROUP BY t.id, t.name, t.weekly_hours, t.active
         HAVING t.active OR count(s.id) > 0
          ORDER BY t.name`,
        [`${from}T00:00:00+08:00`, `${addDays(to, 1)}T00:00:00+08:00`],
      );
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
  async archivePrint(actor: AuthContext, childId: string) {
    const archive = await this.ecd.archive(actor, childId);
    return withScope(this.db, actor, async (tx) => {
      const today = businessToday();
      const child = await visibleChild(tx, childId);
      const milestones = await milestoneRows(tx, childId);
      const district = (await tx.query<{ name: string }>('SELECT name FROM district')).rows[0];
      const attended = (
        await tx.query<{ present: boolean; note: string | null; recorded_by: string; starts_at: Date }>(
          `SELECT a.present, a.note, a.recorded_by, s.starts_at FROM ecd_attendance a JOIN ecd_session s ON s.district_code = a.district_code AND s.id = a.session_id
          WHERE a.child_id = $1 ORDER BY s.starts_at`,
          [childId],
        )
      ).rows;
      const present = attended.filter((a) => a.present);
      // Notes are signed with the teacher's name, not the account that entered them.
      const staff = new Map(
        (await tx.query<{ username: string; name: string }>('SELECT username, name FROM xingfu_ecd_staff_names()')).rows.map((r) => [r.username, r.name]),
      );
      const author = (username: string) => staff.get(username) ?? '\u4e2d\u5fc3\u6559\u5e08';
      const notes = [
        ...archive.measurements.filter((m) => m.note).map((m) => ({ date: m.date, author: author(m.enteredBy), text: m.note as string })),
        ...milestones
          .filter((m) => m.note)
          .map((m) => ({ date: m.achieved_on, author: author(m.observed_by), text: `${milestoneDefinition(m.milestone).label}：${m.note as string}` })),
        ...attended.filter((a) => a.note).map((a) => ({ date: chinaDate(a.starts_at), author: author(a.recorded_by), text: a.note as string })),
      ].sort((a, b) => b.date.localeCompare(a.date));
      return {
        centreName: `${district?.name ?? ''}儿童早期发展指导中心`,
        printedOn: today,
        archive,
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
}
