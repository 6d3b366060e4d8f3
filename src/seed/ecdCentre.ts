/**
 * The district's ECD guidance centre as a live operation today (the 2011 report describes its
 * opening; the archive runs on the real calendar): 380 m² of rooms, the seven teachers (each with a
 * 幼教 college degree or better, three of them signing in), ~120 children aged 1–36 months with
 * their guardians' consent and monthly growth measurements whose WHO z-scores are computed as the
 * ECD service computes them (a few stunted, wasted and overweight children), motor milestones, the
 * starter library of activity plans, eight classes by age with twice-weekly sessions over the past
 * eight weeks (held, with attendance) and the next two (scheduled), and the demo parent's child.
 * Deterministic for a given day (seeded), in one transaction, skipped when the district already
 * has rooms.
 */
import { addDays } from '../core/calendar.ts';
import { DAYS_PER_MONTH } from '../core/growth/zscore.ts';
import { randomUUID } from 'node:crypto';
import type { Database, SqlParam } from '../db/types.ts';
import { appendAudit } from '../modules/audit/log.ts';
import { checkMeasurement, zscoresFor } from '../modules/ecd/service.ts';
import { today as businessToday } from '../core/clock.ts';
import { starterActivityPlans } from './activityPlans.ts';
import { at, makeChildren, measurementsOf, milestonesOf, staffUsers, type Child } from './ecdChildren.ts';
import { insertRows } from './insertRows.ts';
import { Random } from './random.ts';

export { DEMO_PARENT_CHILD } from './ecdChildren.ts';

const PURPOSE = '儿童生长发育监测与亲子活动指导';

// ---- Dates ----------------------------------------------------------------------------------

const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
/** No classes on the fixed-date public holidays (New Year, Labour Day, National Day weeks). */
const holiday = (date: string): boolean => /-(01-01|05-0[1-5]|10-0[1-7])$/.test(date);

// ---- The centre -----------------------------------------------------------------------------

/** 380 m²; capacity = children (each with a guardian) at once, about 5–6 m² a pair where they move about. */
const rooms = [
  { code: 'act-1', name: '亲子活动室一', area: 64, capacity: 11 },
  { code: 'act-2', name: '亲子活动室二', area: 56, capacity: 10 },
  { code: 'sensory', name: '感统训练室', area: 78, capacity: 12 },
  { code: 'infant', name: '婴儿抚触室', area: 36, capacity: 6 },
  { code: 'music', name: '音乐律动室', area: 46, capacity: 8 },
  { code: 'reading', name: '绘本阅读室', area: 40, capacity: 7 },
  { code: 'assess', name: '生长发育测评室', area: 20, capacity: 2 },
  { code: 'hall', name: '接待大厅（家长课堂）', area: 40, capacity: 7 },
] as const;
type RoomCode = (typeof rooms)[number]['code'];

/** Weekly hours are contact hours in classes; assessments, home visits and parent consultations fill the rest. */
const teachers = [
  { key: 'xu', name: '许文静', username: 'centre.head', qualification: '学前教育专业本科，高级育婴师，中心主任', weeklyHours: 4 },
  { key: 'feng', name: '冯晓雪', username: 'teacher', qualification: '学前教育专业大专，育婴师（四级）', weeklyHours: 4 },
  { key: 'wang', name: '王莉', username: 'wang.li', qualification: '幼儿教育专业大专，育婴师（五级），大碱厂镇村级专干兼职', weeklyHours: 2 },
  { key: 'liu', name: '刘佳', username: null, qualification: '学前教育专业本科，早期教育指导师', weeklyHours: 3 },
  { key: 'zhang', name: '张颖', username: null, qualification: '学前教育专业大专，感觉统合训练指导师', weeklyHours: 3 },
  { key: 'zhao', name: '赵倩', username: null, qualification: '幼儿教育专业大专，育婴师（四级），公共营养师', weeklyHours: 3 },
  { key: 'sun', name: '孙悦', username: null, qualification: '学前教育专业本科，心理咨询师（三级）', weeklyHours: 3 },
] as const;
type TeacherKey = (typeof teachers)[number]['key'];

const classes: { name: string; from: number; to: number; teacher: TeacherKey; room: RoomCode; minutes: number }[] = [
  { name: '0–6月龄亲子班', from: 0, to: 6, teacher: 'liu', room: 'infant', minutes: 40 },
  { name: '6–12月龄亲子班（一）', from: 6, to: 12, teacher: 'feng', room: 'act-2', minutes: 45 },
  { name: '6–12月龄亲子班（二）', from: 6, to: 12, teacher: 'zhao', room: 'music', minutes: 45 },
  { name: '12–18月龄亲子班（一）', from: 12, to: 18, teacher: 'feng', room: 'act-1', minutes: 60 },
  { name: '12–18月龄亲子班（二）', from: 12, to: 18, teacher: 'zhang', room: 'sensory', minutes: 60 },
  { name: '18–24月龄亲子班', from: 18, to: 24, teacher: 'sun', room: 'sensory', minutes: 60 },
  { name: '24–30月龄亲子班', from: 24, to: 30, teacher: 'wang', room: 'act-1', minutes: 60 },
  { name: '30–36月龄亲子班', from: 30, to: 36, teacher: 'xu', room: 'act-2', minutes: 60 },
];

// ---- Classes and sessions -------------------------------------------------------------------

interface Slot {
  days: [number, number];
  time: string;
}
const DAY_PAIRS: [number, number][] = [
  [1, 4],
  [2, 5],
  [3, 6],
  [1, 3],
  [2, 4],
  [3, 5],
  [4, 6],
  [1, 5],
  [2, 6],
];
const TIMES = ['09:00', '10:30', '15:00'];

/**
 * A weekly slot for every class, spread over the week, with no room or teacher taken twice at one
 * time (the times are 90 minutes apart and no session is longer than 60).
 */
function weeklySlots(): Slot[] {
  const combos = TIMES.flatMap((time) => DAY_PAIRS.map((days) => ({ days, time })));
  const taken = new Set<string>();
  return classes.map((c, i) => {
    for (let k = 0; k < combos.length; k += 1) {
      const slot = combos[(i * 7 + k) % combos.length] as Slot;
      const keys = slot.days.flatMap((d) => [`room|${c.room}|${d}|${slot.time}`, `teacher|${c.teacher}|${d}|${slot.time}`]);
      if (keys.some((key) => taken.has(key))) continue;
      keys.forEach((key) => taken.add(key));
      return slot;
    }
    throw new Error(`no free slot for ${c.name}`);
  });
}

interface SessionRow {
  id: string;
  classIndex: number;
  date: string;
  startsAt: string;
  minutes: number;
  planId: string;
  status: 'held' | 'scheduled' | 'cancelled';
  note: string | null;
}

/** Throws when two sessions overlap in one room or for one teacher. */
export function checkNoDoubleBooking(sessions: readonly { startsAt: string; minutes: number; room: string; teacher: string }[]): void {
  const byKey = new Map<string, { from: number; to: number }[]>();
  for (const s of sessions) {
    const from = Date.parse(s.startsAt);
    const span = { from, to: from + s.minutes * 60_000 };
    for (const key of [`room ${s.room}`, `teacher ${s.teacher}`]) {
      const list = byKey.get(key) ?? [];
      const clash = list.find((o) => o.from < span.to && span.from < o.to);
      if (clash) throw new Error(`${key} double-booked at ${s.startsAt}`);
      list.push(span);
      byKey.set(key, list);
    }
  }
}

// ---- Inserting ------------------------------------------------------------------------------

const sessionNotes = [
  '家长反馈积极，课后集中咨询了辅食添加问题',
  '本次邀请区妇幼保健院儿保医生到场答疑',
  '新入班宝宝2名，分离焦虑明显，家长全程陪同',
  '活动延长10分钟，进行了亲子游戏展示',
];
const absentNotes = ['感冒发烧请假', '随家长回老家', '当天接种疫苗', '家中有事请假', '腹泻请假'];
const presentNotes = ['第一次独立完成活动，很有成就感', '分离时哭闹约5分钟后平静', '活动中情绪稳定，主动参与', '对新材料很感兴趣，专注时间较长'];

/** Seeds the district's ECD centre; returns false when it already has rooms. */
export async function seedEcdCentre(db: Database, district: string, today = businessToday()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM ecd_room WHERE district_code = $1 LIMIT 1', [district]);
    if (existing.rows.length > 0) return false;
    const random = new Random(20110711);
    const accounts = new Map(
      (
        await tx.query<{ id: string; username: string }>(`SELECT id, username FROM app_user WHERE district_code = $1 AND username = ANY($2::text[])`, [
          district,
          ['centre.head', 'teacher', 'wang.li', 'parent'],
        ])
      ).rows.map((r) => [r.username, r.id]),
    );

    await insertRows(
      tx,
      'ecd_room',
      ['district_code', 'code', 'name', 'area_m2', 'capacity'],
      rooms.map((r) => [district, r.code, r.name, r.area, r.capacity]),
    );
    const teacherIds = new Map<TeacherKey, string>(teachers.map((t) => [t.key, randomUUID()]));
    await insertRows(
      tx,
      'ecd_teacher',
      ['district_code', 'id', 'name', 'qualification', 'user_id', 'weekly_hours'],
      teachers.map((t) => [
        district,
        teacherIds.get(t.key) as string,
        t.name,
        t.qualification,
        (t.username && accounts.get(t.username)) || null,
        t.weeklyHours,
      ]),
    );

    // Children, consent, growth archives.
    const children = makeChildren(today, random);
    const withdrawnAt = (c: Child) => (c.profile === 'withdrawn' ? at(addDays(today, -20), '16:30') : null);
    await insertRows(
      tx,
      'ecd_child',
      [
        'district_code',
        'id',
        'name',
        'sex',
        'birth_date',
        'enrolled_on',
        'consent_by',
        'consent_relation',
        'consent_at',
        'consent_purpose',
        'consent_withdrawn_at',
        'created_by',
        'created_at',
      ],
      children.map((c) => [
        district,
        c.id,
        c.name,
        c.sex,
        c.birth,
        c.enrolled,
        c.consent.by,
        c.consent.relation,
        c.consent.at,
        PURPOSE,
        withdrawnAt(c),
        random.pick(staffUsers),
        c.consent.at,
      ]),
    );
    const parentId = accounts.get('parent');
    const own = children.find((c) => c.parentAccount) as Child;
    if (parentId)
      await tx.query('INSERT INTO ecd_guardian (district_code, child_id, user_id, relation) VALUES ($1, $2, $3, $4)', [district, own.id, parentId, '母亲']);

    const measurements = children.flatMap((c) => measurementsOf(c, today, random));
    await insertRows(
      tx,
      'ecd_measurement',
      [
        'district_code',
        'child_id',
        'measured_on',
        'weight_kg',
        'length_height_cm',
        'position',
        'head_cm',
        'zscores',
        'statuses',
        'note',
        'entered_by',
        'entered_at',
      ],
      measurements.map(({ child, input, enteredBy }) => {
        // Exactly what measure (src/modules/ecd/service.ts) checks and stores.
        const { ageDays } = checkMeasurement(input, child.birth, today);
        const { scores, statuses } = zscoresFor(child.sex, ageDays, input);
        return [
          district,
          child.id,
          input.date,
          input.weightKg ?? null,
          input.lengthHeightCm ?? null,
          input.position ?? null,
          input.headCircumferenceCm ?? null,
          JSON.stringify(scores),
          JSON.stringify(statuses),
          input.note ?? null,
          enteredBy,
          at(input.date, `${String(random.int(9, 11)).padStart(2, '0')}:${String(random.int(10, 59))}`),
        ];
      }),
      { zscores: 'jsonb', statuses: 'jsonb' },
      300,
    );

    // Milestones: one child walked late, another stood and walked late.
    const older = children.filter((c) => c.ageDays > 19 * DAYS_PER_MONTH && c.profile === 'normal' && !c.parentAccount);
    const late = new Map<Child, 1 | 2>([
      [older[3] as Child, 1],
      [older[11] as Child, 2],
    ]);
    const milestones = children
      .filter((c) => c.ageDays > 3.8 * DAYS_PER_MONTH)
      .flatMap((c) => milestonesOf(c, c.profile === 'withdrawn' ? addDays(today, -21) : today, random, late.get(c) ?? 0));
    await insertRows(
      tx,
      'ecd_milestone',
      ['district_code', 'child_id', 'milestone', 'achieved_on', 'observed_by', 'note', 'recorded_at'],
      milestones.map((m) => [district, m.child.id, m.code, m.date, m.by, m.note, at(m.recorded, '17:00')]),
    );

    // The activity plan library.
    const planIds = starterActivityPlans.map(() => randomUUID());
    await insertRows(
      tx,
      'ecd_activity_plan',
      [
        'district_code',
        'id',
        'title',
        'age_from_months',
        'age_to_months',
        'domain',
        'goal',
        'materials',
        'steps',
        'parent_guidance',
        'minutes',
        'updated_by',
        'updated_at',
      ],
      starterActivityPlans.map((p, i) => [
        district,
        planIds[i] as string,
        p.title,
        p.ageFromMonths,
        p.ageToMonths,
        p.domain,
        p.goal,
        p.materials,
        p.steps,
        p.parentGuidance,
        p.minutes,
        'centre.head',
        at(addDays(today, -120), '10:00'),
      ]),
      { materials: 'text[]', steps: 'text[]' },
    );

    // Classes: children by their age today, up to the room's capacity; two classes of one band take turns.
    const classIds = classes.map(() => randomUUID());
    await insertRows(
      tx,
      'ecd_class',
      ['district_code', 'id', 'name', 'age_from_months', 'age_to_months', 'teacher_id', 'room_code'],
      classes.map((c, i) => [district, classIds[i] as string, c.name, c.from, c.to, teacherIds.get(c.teacher) as string, c.room]),
    );
    const members: { classIndex: number; child: Child; joined: string }[] = [];
    const capacity = (i: number) => rooms.find((r) => r.code === classes[i]?.room)?.capacity ?? 0;
    const counts = classes.map(() => 0);
    for (const child of [...children].sort((a, b) => Number(b.parentAccount) - Number(a.parentAccount) || a.ageDays - b.ageDays)) {
      if (child.profile === 'withdrawn') continue;
      const months = child.ageDays / DAYS_PER_MONTH;
      const band = classes.map((c, i) => ({ c, i })).filter(({ c, i }) => months >= c.from && months < c.to && (counts[i] as number) < capacity(i));
      const choice = child.parentAccount
        ? band.find(({ c }) => c.teacher === 'feng')
        : band.sort((a, b) => (counts[a.i] as number) - (counts[b.i] as number))[0];
      if (!choice) continue;
      counts[choice.i] = (counts[choice.i] as number) + 1;
      const reached = addDays(child.birth, Math.ceil(choice.c.from * DAYS_PER_MONTH));
      members.push({ classIndex: choice.i, child, joined: reached > child.enrolled ? reached : child.enrolled });
    }
    await insertRows(
      tx,
      'ecd_class_member',
      ['district_code', 'class_id', 'child_id', 'joined_on'],
      members.map((m) => [district, classIds[m.classIndex] as string, m.child.id, m.joined]),
    );

    // Sessions twice a week: the past eight weeks held, the next two scheduled.
    const slots = weeklySlots();
    const sessions: SessionRow[] = [];
    for (let d = -56; d < 14; d += 1) {
      const date = addDays(today, d);
      const weekday = new Date(ms(date)).getUTCDay();
      if (holiday(date)) continue;
      classes.forEach((c, i) => {
        const slot = slots[i] as Slot;
        if (!slot.days.includes(weekday)) return;
        const plans = starterActivityPlans.map((p, k) => ({ p, k })).filter(({ p }) => p.ageFromMonths < c.to && p.ageToMonths > c.from);
        const count = sessions.filter((s) => s.classIndex === i).length;
        const plan = plans[count % plans.length] as { k: number };
        const status = d < 0 ? 'held' : 'scheduled';
        sessions.push({
          id: randomUUID(),
          classIndex: i,
          date,
          startsAt: at(date, slot.time),
          minutes: c.minutes,
          planId: planIds[plan.k] as string,
          status,
          note: status === 'held' && random.chance(0.06) ? random.pick(sessionNotes) : null,
        });
      });
    }
    const cancelled = sessions.find((s) => s.status === 'held' && s.date >= addDays(today, -20));
    if (cancelled) Object.assign(cancelled, { status: 'cancelled', note: '授课教师参加市里组织的早期发展指导培训，本次课停课，已电话通知家长' });
    checkNoDoubleBooking(
      sessions.map((s) => ({
        startsAt: s.startsAt,
        minutes: s.minutes,
        room: classes[s.classIndex]?.room as string,
        teacher: classes[s.classIndex]?.teacher as string,
      })),
    );
    await insertRows(
      tx,
      'ecd_session',
      ['district_code', 'id', 'class_id', 'starts_at', 'minutes', 'teacher_id', 'room_code', 'activity_plan_id', 'status', 'note', 'created_by'],
      sessions.map((s) => {
        const c = classes[s.classIndex] as (typeof classes)[number];
        return [
          district,
          s.id,
          classIds[s.classIndex] as string,
          s.startsAt,
          s.minutes,
          teacherIds.get(c.teacher) as string,
          c.room,
          s.planId,
          s.status,
          s.note,
          'centre.head',
        ];
      }),
    );

    // Attendance of the sessions held: every member who had joined by then.
    const attendance: SqlParam[][] = [];
    for (const s of sessions.filter((x) => x.status === 'held')) {
      const c = classes[s.classIndex] as (typeof classes)[number];
      const by = teachers.find((t) => t.key === c.teacher)?.username ?? 'centre.head';
      const recordedAt = new Date(Date.parse(s.startsAt) + (s.minutes + 10) * 60_000).toISOString();
      for (const m of members.filter((x) => x.classIndex === s.classIndex && x.joined <= s.date)) {
        const present = random.chance(m.child.attendanceRate);
        const note = !present && random.chance(0.4) ? random.pick(absentNotes) : present && random.chance(0.03) ? random.pick(presentNotes) : null;
        attendance.push([district, s.id, m.child.id, present, note, by, recordedAt]);
      }
    }
    await insertRows(tx, 'ecd_attendance', ['district_code', 'session_id', 'child_id', 'present', 'note', 'recorded_by', 'recorded_at'], attendance);

    await appendAudit(tx, {
      district,
      actorId: null,
      actorUsername: 'system',
      action: 'system.seed_ecd_centre',
      entityType: 'district',
      entityId: district,
      after: {
        children: children.length,
        measurements: measurements.length,
        milestones: milestones.length,
        plans: planIds.length,
        classes: classes.length,
        sessions: sessions.length,
        attendance: attendance.length,
      },
    });
    return true;
  });
}
