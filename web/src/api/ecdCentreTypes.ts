/*
 * Wire types of the early childhood development centre's work beyond the growth archive: WHO motor
 * milestones, the library of parent-child activity plans, teachers and rooms, classes, sessions,
 * attendance and teacher load. All under /api/ecd. Dates YYYY-MM-DD, instants ISO 8601.
 * Permissions: ecd.read (staff: read), ecd.write (staff: change), ecd.own (a parent: their own
 * child only), ecd.head (the centre's head: also children whose consent was withdrawn).
 */

// ---------------------------------------------------------------------------------------------
// Milestones — GET /api/ecd/children/:id/milestones → Milestones
// PUT /api/ecd/children/:id/milestones/:milestone {achievedOn, note?} (ecd.write) → Milestones
// DELETE /api/ecd/children/:id/milestones/:milestone (ecd.write; a tick entered by mistake) → Milestones
// 400 when achievedOn is before birth or in the future; 409 consent_withdrawn after withdrawal.

export type MilestoneCode = 'sitting' | 'crawling' | 'standing_assisted' | 'walking_assisted' | 'standing_alone' | 'walking_alone';

/**
 * Where a child stands on one milestone against the WHO window of achievement (1st–99th
 * percentile of the WHO Multicentre Growth Reference Study, in months):
 * achieved (inside or before the window's end) · achieved_late (after the window) ·
 * in_window (not yet, still inside the window) · not_yet (the window has not opened) ·
 * late (not achieved and the window has closed: refer for assessment).
 */
export type MilestoneState = 'achieved' | 'achieved_late' | 'in_window' | 'not_yet' | 'late';

export interface MilestoneStatus {
  milestone: MilestoneCode;
  /** 独坐, 手膝爬行, 扶站, 扶走, 独站, 独走 */
  label: string;
  labelEn: string;
  window: { fromMonths: number; toMonths: number };
  achievedOn: string | null;
  /** Age in months (one decimal) on the day it was achieved. */
  achievedAtMonths: number | null;
  state: MilestoneState;
  observedBy: string | null;
  note: string | null;
}

export interface Milestones {
  childId: string;
  /** Age today in months, one decimal. */
  ageMonths: number;
  items: MilestoneStatus[];
}

// ---------------------------------------------------------------------------------------------
// Activity plans (亲子活动方案) — the centre's own library, editable by staff; parents read them.
// GET /api/ecd/activity-plans?ageMonths=&domain=&q= → { items: ActivityPlan[] } (ageMonths: plans whose range holds it)
// GET /api/ecd/activity-plans/:id → ActivityPlan
// POST /api/ecd/activity-plans (ecd.write) ActivityPlanInput → ActivityPlan
// PUT /api/ecd/activity-plans/:id (ecd.write) ActivityPlanInput & {version} → ActivityPlan (409 stale_version)

export type Domain = 'gross_motor' | 'fine_motor' | 'language' | 'cognition' | 'social_emotional';

export interface ActivityPlan {
  id: string;
  title: string;
  ageFromMonths: number;
  ageToMonths: number;
  domain: Domain;
  goal: string;
  materials: string[];
  steps: string[];
  parentGuidance: string;
  minutes: number;
  version: number;
}

export type ActivityPlanInput = Omit<ActivityPlan, 'id' | 'version'>;

// ---------------------------------------------------------------------------------------------
// The centre — GET /api/ecd/centre → Centre

export interface Teacher {
  id: string;
  name: string;
  qualification: string;
  weeklyHours: number;
  active: boolean;
  /** The teacher's account, if the teacher signs in. */
  username: string | null;
}

export interface Room {
  code: string;
  name: string;
  areaM2: number;
  /** Children at once (each with a guardian). */
  capacity: number;
}

export interface Centre {
  name: string;
  /** 380 */
  areaM2: number;
  teachers: Teacher[];
  rooms: Room[];
}

// ---------------------------------------------------------------------------------------------
// Classes — GET /api/ecd/classes → { items: EcdClass[] }
// POST /api/ecd/classes (ecd.write) {name, ageFromMonths, ageToMonths, teacherId, roomCode} → EcdClass
// PUT /api/ecd/classes/:id/members (ecd.write) {childIds} → EcdClass; more children than the room
//   holds → 422 over_capacity; a child whose consent was withdrawn → 409 consent_withdrawn.

export interface ClassChild {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  ageMonths: number;
}

export interface EcdClass {
  id: string;
  name: string;
  ageFromMonths: number;
  ageToMonths: number;
  teacher: { id: string; name: string };
  room: Room;
  children: ClassChild[];
  active: boolean;
}

// ---------------------------------------------------------------------------------------------
// Sessions and attendance — the calendar
// GET /api/ecd/sessions?from=&to= (at most 62 days) → { items: Session[] }, by start time
// POST /api/ecd/sessions (ecd.write) SessionInput → Session; the room or the teacher already taken
//   at that time → 409 room_busy / teacher_busy; the class larger than the room → 422 over_capacity.
// PUT /api/ecd/sessions/:id/attendance (ecd.write) {present: childIds[], notes?: Record<childId, string>}
//   → Session (status held; every class member not in `present` is recorded absent)
// POST /api/ecd/sessions/:id/cancel (ecd.write) {note} → Session
// A parent gets the sessions of their child's classes only, with only their child in `attendance`.

export type SessionStatus = 'scheduled' | 'held' | 'cancelled';

export interface SessionInput {
  classId: string;
  startsAt: string;
  minutes: number;
  /** Default: the class's teacher and room. */
  teacherId?: string;
  roomCode?: string;
  activityPlanId?: string | null;
}

export interface Session {
  id: string;
  classId: string;
  className: string;
  startsAt: string;
  minutes: number;
  teacher: { id: string; name: string };
  room: Room;
  activityPlan: { id: string; title: string; domain: Domain } | null;
  status: SessionStatus;
  note: string | null;
  /** One entry per class member (present null until attendance is taken). */
  attendance: { childId: string; childName: string; present: boolean | null; note: string | null }[];
  presentCount: number;
  enrolled: number;
}

// ---------------------------------------------------------------------------------------------
// Teacher load — GET /api/ecd/teacher-load?from=&to= → TeacherLoad

export interface TeacherLoad {
  from: string;
  to: string;
  items: {
    teacher: { id: string; name: string };
    sessions: number;
    hours: number;
    /** weeklyHours × the weeks in the range */
    plannedHours: number;
    /** hours / plannedHours */
    load: number;
  }[];
}

// ---------------------------------------------------------------------------------------------
// The archive for print (宝宝成长档案) — GET /api/ecd/children/:id/archive-print → ArchivePrint
// (audit-logged like any view of an archive; a parent for their own child only)

export interface ArchivePrint {
  centreName: string;
  printedOn: string;
  /** The child's archive as GET /api/ecd/children/:id returns it (child, measurements with z-scores). */
  archive: unknown;
  milestones: Milestones;
  attendance: { sessions: number; present: number; lastAttended: string | null };
  /** Teachers' notes: the notes of measurements, milestones and attendance, newest first. */
  notes: { date: string; author: string; text: string }[];
}
