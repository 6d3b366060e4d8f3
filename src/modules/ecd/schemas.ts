/*
 * The API contract of the early childhood development centre (/api/ecd): the growth archive
 * (children, measurements, WHO curves) and the centre's work beyond it — WHO motor milestones, the
 * library of parent-child activity plans, teachers and rooms, classes, sessions, attendance and
 * teacher load. Dates YYYY-MM-DD, instants ISO 8601.
 * Permissions: ecd.read (staff: read), ecd.write (staff: change), ecd.own (a parent: their own
 * child only), ecd.head (the centre's head: also children whose consent was withdrawn).
 */
import { z } from 'zod';
import { MILESTONE_CODES, MILESTONE_STATES } from '../../core/growth/milestones.ts';
import { GROWTH_INDICATORS, GROWTH_STATUS_CODES, POSITIONS, type GrowthIndicator } from '../../core/growth/zscore.ts';
import { code, day, decimal, instant, int, line, paragraphs, queryInt, version } from '../../core/input.ts';

export type { MilestoneCode, MilestoneState } from '../../core/growth/milestones.ts';
export type { GrowthIndicator, Position } from '../../core/growth/zscore.ts';
export type { GrowthStatusCode as StatusCode } from '../../core/growth/zscore.ts';

const date = day;
const sex = z.enum(['M', 'F']);
export type Sex = z.output<typeof sex>;
export const idParams = z.strictObject({ id: z.uuid() });
const position = z.enum(POSITIONS);

// ---------------------------------------------------------------------------------------------
// The growth archive
// GET /api/ecd/children → { items: Child[] } (a parent: their own children only)
// POST /api/ecd/children (ecd.write) EnrolBody → 201 { id }
// GET /api/ecd/children/:id → ChildArchive (each view is logged)
// POST /api/ecd/children/:id/measurements (ecd.write) MeasurementBody → 201 MeasurementResult
// POST /api/ecd/children/:id/withdraw-consent (the guardian, or ecd.head for them) → { ok: true }
// GET /api/ecd/curves?table=&sex= → Curves

export const enrolBody = z.strictObject({
  name: line(40, { trim: true, min: 1 }),
  sex,
  birthDate: date,
  enrolledOn: date,
  consent: z.strictObject({
    by: line(40, { trim: true, min: 1 }),
    relation: line(10, { trim: true, min: 1 }),
    purpose: paragraphs(200, { trim: true, min: 2 }),
  }),
  parentUsername: line(40, { trim: true }).optional(),
});
export type EnrolBody = z.input<typeof enrolBody>;
export type Enrolment = z.output<typeof enrolBody>;
export const enrolled = z.object({ id: z.string() });

/** A measurement, stored as numeric(precision, scale): positive, and small enough to fit once rounded. */
const positive = (max: number, precision: number, scale: number) => decimal({ positive: true, max, precision, scale });

export const measurementBody = z.strictObject({
  date,
  weightKg: positive(999.99, 5, 2).optional(),
  lengthHeightCm: positive(5000, 5, 1).optional(),
  position: position.optional(),
  headCircumferenceCm: positive(500, 4, 1).optional(),
  armCircumferenceCm: positive(100, 4, 1).optional(),
  tricepsSkinfoldMm: positive(100, 4, 1).optional(),
  subscapularSkinfoldMm: positive(100, 4, 1).optional(),
  oedema: z.boolean().optional(),
  note: paragraphs(500).optional(),
});
export type MeasurementBody = z.input<typeof measurementBody>;
export type MeasurementInput = z.output<typeof measurementBody>;

export const consentView = z.object({ by: z.string(), relation: z.string(), at: z.string(), purpose: z.string(), withdrawnAt: z.string().nullable() });
export type Consent = z.output<typeof consentView>;

export const childView = z.object({ id: z.string(), name: z.string(), sex, birthDate: z.string(), enrolledOn: z.string(), consent: consentView });
export type Child = z.output<typeof childView>;

export const childrenReply = z.object({ items: z.array(childView) });

/** z is rounded to 2 decimals; flag 1 marks an implausible value (WHO's flag rules). */
const indicatorResult = z.object({ z: z.number().nullable(), flag: z.union([z.literal(0), z.literal(1)]).nullable() });
export type IndicatorResult = z.output<typeof indicatorResult>;

const zscores = z.object(Object.fromEntries(GROWTH_INDICATORS.map((name) => [name, indicatorResult])) as Record<GrowthIndicator, typeof indicatorResult>);
export type ZScores = z.output<typeof zscores>;

/** indicator: the one the status comes from; null for oedema, which is not read from a z-score. */
const growthStatus = z.object({ indicator: z.enum(GROWTH_INDICATORS).nullable(), code: z.enum(GROWTH_STATUS_CODES) });
export type GrowthStatus = z.output<typeof growthStatus>;

export const measurementView = z.object({
  id: z.string(),
  date: z.string(),
  ageDays: z.number(),
  weightKg: z.number().nullable(),
  lengthHeightCm: z.number().nullable(),
  position: position.nullable(),
  headCircumferenceCm: z.number().nullable(),
  oedema: z.boolean(),
  zscores,
  statuses: z.array(growthStatus),
  note: z.string().nullable(),
  enteredBy: z.string(),
});
export type Measurement = z.output<typeof measurementView>;

export const childArchive = z.object({ child: childView, measurements: z.array(measurementView) });
export type ChildArchive = z.output<typeof childArchive>;

export const measurementResult = z.object({ id: z.string(), zscores, statuses: z.array(growthStatus), warnings: z.array(z.string()) });
export type MeasurementResult = z.output<typeof measurementResult>;

export const CURVE_TABLES = ['weightForAge', 'lengthHeightForAge', 'weightForLength', 'weightForHeight', 'bmiForAge', 'headCircumferenceForAge'] as const;
export type CurveTable = (typeof CURVE_TABLES)[number];
export const curvesQuery = z.strictObject({ table: z.enum(CURVE_TABLES), sex });

/** x is the age in days, or the length/height in cm for weightForLength/Height; values follow `sds`. */
export const curvesReply = z.object({ sds: z.array(z.number()), points: z.array(z.object({ x: z.number(), values: z.array(z.number()) })) });
export type Curves = z.output<typeof curvesReply>;

// ---------------------------------------------------------------------------------------------
// Milestones — GET /api/ecd/children/:id/milestones → Milestones
// PUT /api/ecd/children/:id/milestones/:milestone {achievedOn, note?} (ecd.write) → Milestones
// DELETE /api/ecd/children/:id/milestones/:milestone (ecd.write; a tick entered by mistake) → Milestones
// 400 when achievedOn is before birth or in the future; 409 consent_withdrawn after withdrawal.

const milestone = z.enum(MILESTONE_CODES);
export const milestoneParams = z.strictObject({ id: z.uuid(), milestone });
export const milestoneBody = z.strictObject({ achievedOn: date, note: paragraphs(500, { trim: true }).optional() });

/**
 * Where a child stands on one milestone against the WHO window of achievement (1st–99th
 * percentile of the WHO Multicentre Growth Reference Study, in months):
 * achieved (inside or before the window's end) · achieved_late (after the window) ·
 * in_window (not yet, still inside the window) · not_yet (the window has not opened) ·
 * late (not achieved and the window has closed: refer for assessment).
 */
const milestoneStatus = z.object({
  milestone,
  /** 独坐, 手膝爬行, 扶站, 扶走, 独站, 独走 */
  label: z.string(),
  labelEn: z.string(),
  window: z.object({ fromMonths: z.number(), toMonths: z.number() }),
  achievedOn: z.string().nullable(),
  /** Age in months (one decimal) on the day it was achieved. */
  achievedAtMonths: z.number().nullable(),
  state: z.enum(MILESTONE_STATES),
  observedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type MilestoneStatus = z.output<typeof milestoneStatus>;

export const milestonesView = z.object({
  childId: z.string(),
  /** Age today in months, one decimal. */
  ageMonths: z.number(),
  items: z.array(milestoneStatus),
});
export type Milestones = z.output<typeof milestonesView>;

// ---------------------------------------------------------------------------------------------
// Activity plans (亲子活动方案) — the centre's own library, editable by staff; parents read them.
// GET /api/ecd/activity-plans?ageMonths=&domain=&q= → { items: ActivityPlan[] } (ageMonths: plans whose range holds it)
// GET /api/ecd/activity-plans/:id → ActivityPlan
// POST /api/ecd/activity-plans (ecd.write) ActivityPlanInput → ActivityPlan
// PUT /api/ecd/activity-plans/:id (ecd.write) ActivityPlanInput & {version} → ActivityPlan (409 stale_version)

export const DOMAINS = ['gross_motor', 'fine_motor', 'language', 'cognition', 'social_emotional'] as const;
const domain = z.enum(DOMAINS);
export type Domain = z.output<typeof domain>;
const months = int(0, 72);

export const planInput = z.strictObject({
  title: line(60, { trim: true, min: 1 }),
  ageFromMonths: months,
  ageToMonths: months,
  domain,
  goal: paragraphs(500, { trim: true }),
  materials: z.array(line(100, { trim: true, min: 1 })).max(30),
  steps: z
    .array(paragraphs(500, { trim: true, min: 1 }))
    .min(1)
    .max(20),
  parentGuidance: paragraphs(2000, { trim: true }),
  minutes: int(5, 120),
});
export type ActivityPlanInput = z.output<typeof planInput>;
export const planUpdate = planInput.extend({ version: version() });

export const planQuery = z.strictObject({ ageMonths: queryInt(0, 72).optional(), domain: domain.optional(), q: line(60, { trim: true }).optional() });

export const planView = z.object({
  id: z.string(),
  title: z.string(),
  ageFromMonths: z.number(),
  ageToMonths: z.number(),
  domain,
  goal: z.string(),
  materials: z.array(z.string()),
  steps: z.array(z.string()),
  parentGuidance: z.string(),
  minutes: z.number(),
  version: z.number(),
});
export type ActivityPlan = z.output<typeof planView>;

// ---------------------------------------------------------------------------------------------
// The centre — GET /api/ecd/centre → Centre

const teacherView = z.object({
  id: z.string(),
  name: z.string(),
  qualification: z.string(),
  weeklyHours: z.number(),
  active: z.boolean(),
  /** The teacher's account, if the teacher signs in. */
  username: z.string().nullable(),
});
export type Teacher = z.output<typeof teacherView>;

const roomView = z.object({
  code: z.string(),
  name: z.string(),
  areaM2: z.number(),
  /** Children at once (each with a guardian). */
  capacity: z.number(),
});
export type Room = z.output<typeof roomView>;
const ref = z.object({ id: z.string(), name: z.string() });

export const centreView = z.object({
  name: z.string(),
  /** 380 */
  areaM2: z.number(),
  teachers: z.array(teacherView),
  rooms: z.array(roomView),
});
export type Centre = z.output<typeof centreView>;

// ---------------------------------------------------------------------------------------------
// Classes — GET /api/ecd/classes → { items: EcdClass[] }
// POST /api/ecd/classes (ecd.write) {name, ageFromMonths, ageToMonths, teacherId, roomCode} → EcdClass
// PUT /api/ecd/classes/:id/members (ecd.write) {childIds} → EcdClass; more children than the room
//   holds → 422 over_capacity; a child whose consent was withdrawn → 409 consent_withdrawn.

const roomCode = code(/^[a-z0-9-]{1,20}$/, 20);
export const classBody = z.strictObject({ name: line(40, { trim: true, min: 1 }), ageFromMonths: months, ageToMonths: months, teacherId: z.uuid(), roomCode });
export const membersBody = z.strictObject({ childIds: z.array(z.uuid()).max(100) });

const classChild = z.object({ id: z.string(), name: z.string(), sex, birthDate: z.string(), ageMonths: z.number() });
export type ClassChild = z.output<typeof classChild>;

export const classView = z.object({
  id: z.string(),
  name: z.string(),
  ageFromMonths: z.number(),
  ageToMonths: z.number(),
  teacher: ref,
  room: roomView,
  children: z.array(classChild),
  active: z.boolean(),
});
export type EcdClass = z.output<typeof classView>;

// ---------------------------------------------------------------------------------------------
// Sessions and attendance — the calendar
// GET /api/ecd/sessions?from=&to= (at most 62 days) → { items: Session[] }, by start time
// POST /api/ecd/sessions (ecd.write) SessionInput → Session; the room or the teacher already taken
//   at that time → 409 room_busy / teacher_busy; the class larger than the room → 422 over_capacity.
// PUT /api/ecd/sessions/:id/attendance (ecd.write) {present: childIds[], notes?: Record<childId, string>}
//   → Session (status held; every class member not in `present` is recorded absent)
// POST /api/ecd/sessions/:id/cancel (ecd.write) {note} → Session
// A parent gets the sessions of their child's classes only, with only their child in `attendance`.

export const range = z.strictObject({ from: date, to: date });

export const sessionBody = z.strictObject({
  classId: z.uuid(),
  startsAt: instant,
  minutes: int(10, 240),
  /** Default: the class's teacher and room. */
  teacherId: z.uuid().optional(),
  roomCode: roomCode.optional(),
  activityPlanId: z.uuid().nullable().optional(),
});
export type SessionInput = z.input<typeof sessionBody>;

export const attendanceBody = z.strictObject({ present: z.array(z.uuid()).max(100), notes: z.record(z.uuid(), paragraphs(200, { trim: true })).optional() });
export const cancelBody = z.strictObject({ note: paragraphs(500, { trim: true, min: 1 }) });

const sessionStatus = z.enum(['scheduled', 'held', 'cancelled']);
export type SessionStatus = z.output<typeof sessionStatus>;

export const sessionView = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string(),
  startsAt: z.string(),
  minutes: z.number(),
  teacher: ref,
  room: roomView,
  activityPlan: z.object({ id: z.string(), title: z.string(), domain }).nullable(),
  status: sessionStatus,
  note: z.string().nullable(),
  /** One entry per class member (present null until attendance is taken). */
  attendance: z.array(z.object({ childId: z.string(), childName: z.string(), present: z.boolean().nullable(), note: z.string().nullable() })),
  presentCount: z.number(),
  enrolled: z.number(),
});
export type Session = z.output<typeof sessionView>;

// ---------------------------------------------------------------------------------------------
// Teacher load — GET /api/ecd/teacher-load?from=&to= → TeacherLoad

export const teacherLoadView = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      teacher: ref,
      sessions: z.number(),
      hours: z.number(),
      /** weeklyHours × the weeks in the range */
      plannedHours: z.number(),
      /** hours / plannedHours */
      load: z.number(),
    }),
  ),
});
export type TeacherLoad = z.output<typeof teacherLoadView>;

// ---------------------------------------------------------------------------------------------
// The archive for print (宝宝成长档案) — GET /api/ecd/children/:id/archive-print → ArchivePrint
// (audit-logged like any view of an archive; a parent for their own child only)

export const archivePrintView = z.object({
  centreName: z.string(),
  printedOn: z.string(),
  /** The child's archive as GET /api/ecd/children/:id returns it (child, measurements with z-scores). */
  archive: childArchive,
  milestones: milestonesView,
  attendance: z.object({ sessions: z.number(), present: z.number(), lastAttended: z.string().nullable() }),
  /** Teachers' notes: the notes of measurements, milestones and attendance, newest first. */
  notes: z.array(z.object({ date: z.string(), author: z.string(), text: z.string() })),
});
export type ArchivePrint = z.output<typeof archivePrintView>;
