/*
 * Wire types of 部门协调 (coordination): the implementation plan and its responsibilities, the
 * indicators the member departments report, the monthly reports and their review, completeness and
 * timeliness, bulletins (通报), meetings with action items, and notices (通知).
 *
 * Every route is under /api/coord. Dates are YYYY-MM-DD, instants ISO 8601, months YYYY-MM.
 * Permissions: coord.read (office and auditor: the whole district; a liaison: the own department),
 * coord.report (a liaison: files the own department's reports), coord.manage (the office).
 */

export type ContentArea = 'civility' | 'health' | 'eugenics' | 'prosperity' | 'dedication';
export type ResponsibilityStatus = 'planned' | 'in_progress' | 'done';

export interface DepartmentRef {
  code: string;
  name: string;
  shortName: string;
}

// ---------------------------------------------------------------------------------------------
// Plan and responsibilities — GET /api/coord/plan?year=2011 (without a year: the latest plan)

export interface Responsibility {
  id: string;
  area: ContentArea;
  title: string;
  description: string;
  status: ResponsibilityStatus;
  /** The lead department first. */
  departments: (DepartmentRef & { lead: boolean })[];
  version: number;
}

export interface Plan {
  year: number;
  title: string;
  /** 发文字号 of the plan, e.g. 津武党办发〔2011〕18号 */
  docNumber: string;
  issuedOn: string;
  goals: string;
  measures: string;
  /** Every year that has a plan, newest first. */
  years: number[];
  responsibilities: Responsibility[];
}

/** POST /api/coord/responsibilities (coord.manage) → Responsibility */
export interface ResponsibilityInput {
  year: number;
  area: ContentArea;
  title: string;
  description: string;
  /** Department codes; the first is the lead. At least one. */
  departments: string[];
}

/**
 * PATCH /api/coord/responsibilities/:id → Responsibility. The office may change everything; the
 * liaison of a department the responsibility is assigned to may change only the status.
 */
export interface ResponsibilityPatch {
  version: number;
  status?: ResponsibilityStatus;
  title?: string;
  description?: string;
  area?: ContentArea;
  departments?: string[];
}

// ---------------------------------------------------------------------------------------------
// Indicators, validation rules, settings — GET /api/coord/indicators → IndicatorConfig

export type Aggregation = 'sum' | 'last' | 'max';
export type RuleOperator = '<=' | '<' | '>=' | '>' | '=';

export interface Indicator {
  code: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  integer: boolean;
  min: number | null;
  max: number | null;
  /** Department codes that report it. */
  departments: string[];
  active: boolean;
  sortOrder: number;
}

/** left <operator> right × factor, checked on submission; `message` is shown when it fails. */
export interface ValidationRule {
  id: string;
  left: string;
  operator: RuleOperator;
  right: string;
  factor: number;
  message: string;
}

export interface CoordSettings {
  /** Reports for month M are due on this day of month M+1 (1–28). */
  dueDay: number;
  /** Liaisons get a reminder this many days before the due day. */
  reminderDays: number;
  /** Prefix of a bulletin's number: 武清幸福家庭办 → 武清幸福家庭办〔2011〕12号 */
  documentPrefix: string;
  /** The issuing office printed in the red title block and above the date. */
  issuer: string;
}

export interface IndicatorConfig {
  indicators: Indicator[];
  rules: ValidationRule[];
  settings: CoordSettings;
  departments: (DepartmentRef & { activeFrom: string; activeTo: string | null })[];
}

/** PUT /api/coord/indicators/:code (coord.manage) creates or replaces one indicator → Indicator */
export type IndicatorInput = Omit<Indicator, 'code'>;
/** POST /api/coord/rules (coord.manage) → ValidationRule; DELETE /api/coord/rules/:id → 204 */
export type RuleInput = Omit<ValidationRule, 'id'>;
/** PUT /api/coord/settings (coord.manage) → CoordSettings */

// ---------------------------------------------------------------------------------------------
// Monthly reports

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

/**
 * State of one department-month as the completeness grid sees it:
 * inactive — the department was not a member that month; not_due — no report yet, not due yet;
 * missing — due date passed, nothing filed; draft — saved but not submitted (late once due);
 * the rest are the report's status.
 */
export type CellState = 'inactive' | 'not_due' | 'missing' | 'draft' | 'submitted' | 'returned' | 'accepted';

export interface ReportSummary {
  id: string | null;
  department: string;
  departmentName: string;
  period: string;
  status: ReportStatus | null;
  dueOn: string;
  /** First submission; the timeliness of a report is decided by it. */
  submittedAt: string | null;
  acceptedAt: string | null;
  /** Submitted by the due day; null while nothing has been submitted and it is not yet due. */
  onTime: boolean | null;
  /** Past the due day and not submitted, or submitted after it. */
  late: boolean;
  version: number;
}

export interface ReportEvent {
  action: 'saved' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';
  comment: string | null;
  actorName: string;
  at: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

/**
 * GET /api/coord/reports/:department/:period — the form. When nothing is saved yet the reply has
 * id null, status null, empty texts and null values (it is not created by reading).
 */
export interface Report extends ReportSummary {
  progress: string;
  work: string;
  effect: string;
  problems: string;
  /** One entry per indicator of the department; null = not filled in. */
  values: Record<string, number | null>;
  /** The department's active indicators, in order. */
  indicators: Indicator[];
  /** Rules among the department's indicators. */
  rules: ValidationRule[];
  /** Year-to-date totals of accepted reports before this month, per indicator. */
  yearToDate: Record<string, number>;
  attachments: Attachment[];
  history: ReportEvent[];
  /** The caller may save and submit it now (own department, draft or returned). */
  editable: boolean;
  /** The caller may return or accept it now (office, submitted). */
  reviewable: boolean;
  /** The office's comment of the last return. */
  returnComment: string | null;
}

/**
 * GET /api/coord/reports?period=&department=&status=&year= → { items: ReportSummary[] }
 * One row per expected department-month in the filter (missing ones with id null), newest first.
 * A liaison sees their own department only.
 */

/**
 * PUT /api/coord/reports/:department/:period (coord.report, own department) saves a draft → Report.
 * Values may be incomplete, but each given value must be a number ≥ 0 (integer where the indicator
 * says so): 400 value_invalid with details [{indicator, code, message}].
 */
export interface ReportDraftInput {
  /** null for the first save, then the version last read (409 stale_version otherwise). */
  version: number | null;
  progress: string;
  work: string;
  effect: string;
  problems: string;
  values: Record<string, number | null>;
}

/**
 * POST .../submit {version} (coord.report) → Report: every indicator filled in, rules pass
 * (422 report_invalid with details [{indicator, code: 'required'|'rule'|…, message}]),
 * progress/work/effect not empty.
 * POST .../return {version, comment} (coord.manage; comment required) → Report
 * POST .../accept {version} (coord.manage) → Report; an accepted report is locked (409 report_locked).
 * POST .../attachments multipart `file` (≤10 MB) → Attachment; GET /api/coord/attachments/:id
 * downloads; DELETE /api/coord/attachments/:id while the report is editable.
 */
export interface ValueIssue {
  indicator: string | null;
  code: 'required' | 'not_number' | 'negative' | 'not_integer' | 'below_min' | 'above_max' | 'rule' | 'text_required' | 'unknown_indicator';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Completeness and timeliness — GET /api/coord/completeness?year=2011 (coord.read; without a year:
// the latest year up to this one that has reports, else this year)

export interface Rate {
  /** Department-months expected: active, and due (or already submitted). */
  expected: number;
  /** Submitted or accepted. */
  received: number;
  /** Submitted by the due day. */
  onTime: number;
  /** received / expected, 0..1 (1 when nothing is expected). */
  completeness: number;
  /** onTime / expected, 0..1. */
  timeliness: number;
}

export interface CompletenessRow extends Rate {
  department: DepartmentRef;
  cells: { period: string; state: CellState; late: boolean; reportId: string | null }[];
}

export interface LateEntry {
  department: string;
  departmentName: string;
  period: string;
  dueOn: string;
  /** null: not submitted at all. */
  submittedAt: string | null;
}

export interface Completeness {
  year: number;
  months: string[];
  rows: CompletenessRow[];
  overall: Rate;
  late: LateEntry[];
}

// ---------------------------------------------------------------------------------------------
// Bulletins

export type BulletinKind = 'month' | 'quarter' | 'year';
export type BulletinStatus = 'draft' | 'published';

export interface BulletinSummary {
  id: string;
  /** 2011-10, 2011-Q4 or 2011 */
  period: string;
  kind: BulletinKind;
  periodLabel: string;
  title: string;
  /** 武清幸福家庭办〔2011〕12号, given on publication; null for a draft. */
  number: string | null;
  status: BulletinStatus;
  createdAt: string;
  publishedAt: string | null;
}

export interface IndicatorTotal {
  code: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  departments: string[];
  /** The period's figure from accepted reports. */
  period: number;
  /** From January to the period's last month. */
  yearToDate: number;
}

export interface Bulletin extends BulletinSummary {
  issuer: string;
  /** Date printed on the bulletin: the publication day, or today for a draft. */
  issuedOn: string;
  /** Opening paragraph and closing requirements; editable while a draft. */
  intro: string;
  closing: string;
  months: string[];
  completeness: Rate & { rows: (Rate & { department: DepartmentRef })[] };
  /** Late or missing department-months of the period. */
  late: LateEntry[];
  returned: { department: string; departmentName: string; period: string; comment: string | null }[];
  highlights: { department: string; departmentName: string; text: string }[];
  indicators: IndicatorTotal[];
  problems: { department: string; departmentName: string; period: string; text: string }[];
  version: number;
}

/**
 * GET /api/coord/bulletins → { items: BulletinSummary[] } (a liaison sees published ones only)
 * POST /api/coord/bulletins {period} (coord.manage) → Bulletin, a draft from accepted data;
 *   422 no_data when the period has no accepted report; 400 for a malformed or future period.
 * GET /api/coord/bulletins/:id → Bulletin; GET /api/coord/bulletins/:id/docx → .docx download
 * PATCH /api/coord/bulletins/:id {version, title?, intro?, closing?} (draft only) → Bulletin
 * POST /api/coord/bulletins/:id/refresh {version} (draft only) recomputes from current data → Bulletin
 * POST /api/coord/bulletins/:id/publish {version} → Bulletin (numbered, then read-only: 409 bulletin_published)
 * DELETE /api/coord/bulletins/:id (draft only) → 204
 */

// ---------------------------------------------------------------------------------------------
// Meetings and action items

export type MeetingKind = 'work' | 'coordination';
export type ActionStatus = 'open' | 'done' | 'overdue';

export interface ActionNote {
  text: string;
  actorName: string;
  at: string;
}

export interface ActionItem {
  id: string;
  title: string;
  owner: string;
  ownerName: string;
  dueOn: string;
  /** overdue = open past its due date. */
  status: ActionStatus;
  meetingId: string | null;
  meetingTitle: string | null;
  createdAt: string;
  doneAt: string | null;
  notes: ActionNote[];
  /** The caller may add progress notes or close it (office, or the owner's liaison). */
  canUpdate: boolean;
}

export interface MeetingSummary {
  id: string;
  kind: MeetingKind;
  title: string;
  /** ISO instant */
  startsAt: string;
  place: string;
  status: 'scheduled' | 'held';
  attendees: number;
  decisions: number;
}

export interface AgendaItem {
  title: string;
  /** Carried over from an earlier meeting: an action item still open or overdue. */
  actionItemId: string | null;
  carried: boolean;
}

export interface Meeting extends MeetingSummary {
  chair: string;
  agenda: AgendaItem[];
  attendeeList: (DepartmentRef & { present: boolean | null })[];
  minutes: string | null;
  /** Action items decided at this meeting. */
  actionItems: ActionItem[];
  version: number;
}

/** POST /api/coord/meetings (coord.manage) → Meeting. The agenda gets the open and overdue action items appended automatically. */
export interface MeetingInput {
  kind: MeetingKind;
  title: string;
  startsAt: string;
  place: string;
  chair: string;
  agenda: string[];
  attendees: string[];
}

/** PUT /api/coord/meetings/:id/minutes (coord.manage) → Meeting: status held, decisions become action items. */
export interface MinutesInput {
  version: number;
  minutes: string;
  present: string[];
  decisions: { title: string; owner: string; dueOn: string }[];
}

/**
 * GET /api/coord/meetings → { items: MeetingSummary[] }; GET /api/coord/meetings/:id → Meeting
 * GET /api/coord/action-items?status=open|overdue|done&department= → { items: ActionItem[] }
 * POST /api/coord/action-items {title, owner, dueOn} (coord.manage) → ActionItem
 * POST /api/coord/action-items/:id/notes {text, done?: boolean} → ActionItem
 */

// ---------------------------------------------------------------------------------------------
// Notices — office → all or chosen departments, with read receipts

export interface NoticeReceipt extends DepartmentRef {
  readAt: string | null;
  readBy: string | null;
}

export interface Notice {
  id: string;
  title: string;
  body: string;
  sentAt: string;
  sentBy: string;
  /** The office sees every recipient; a liaison sees only their own department's receipt. */
  recipients: NoticeReceipt[];
  /** For a liaison: their department has read it. For the office: every recipient has. */
  read: boolean;
}

/**
 * GET /api/coord/notices → { items: Notice[] }
 * POST /api/coord/notices {title, body, departments: string[] | 'all'} (coord.manage) → Notice
 * POST /api/coord/notices/:id/read (coord.report) → Notice
 */

// ---------------------------------------------------------------------------------------------
// Desk — GET /api/coord/desk: what the signed-in user has to do

export interface Reminder {
  department: string;
  departmentName: string;
  period: string;
  dueOn: string;
  /** Days until the due day; negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  status: ReportStatus | null;
}

export interface Desk {
  today: string;
  /** The liaison's department; null for the office. */
  department: DepartmentRef | null;
  /** The month whose report is being filed now (the current month). */
  currentPeriod: string;
  currentReport: ReportSummary | null;
  /** Reports due within reminderDays or overdue (a liaison: own; the office: all departments). */
  reminders: Reminder[];
  /** Open and overdue action items (a liaison: own department's). */
  actionItems: ActionItem[];
  unreadNotices: number;
  /** Responsibilities of the liaison's department (empty for the office). */
  responsibilities: Responsibility[];
  /** For the office: reports waiting for review. */
  awaitingReview: ReportSummary[];
  /** For the office: overdue action items (also shown on the home dashboard). */
  overdueActions: ActionItem[];
}
