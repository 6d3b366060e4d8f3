/**
 * The API contract of 部门协调 (coordination), every route under /api/coord: the implementation
 * plan and its responsibilities, the indicators the member departments report, the monthly reports
 * and their review, completeness and timeliness, bulletins (通报), meetings with action items
 * (督办事项), notices (通知) and the desk. The web app takes its wire types from here.
 *
 * Dates are YYYY-MM-DD, instants ISO 8601, months YYYY-MM. Permissions: coord.read (office and
 * auditor: the whole district; a liaison: the own department), coord.report (a liaison: files the
 * own department's reports), coord.manage (the office).
 */
import { z } from 'zod';
import {
  actionStatuses,
  aggregations,
  bulletinStatuses,
  cellStates,
  contentAreas,
  issueCodes,
  meetingKinds,
  meetingStatuses,
  periodKinds,
  reportActions,
  reportStatuses,
  responsibilityStatuses,
  ruleOperators,
} from '../../core/coordination/states.ts';
import { day, decimal, instant, int, line, paragraphs, queryYear, slug, version as versionOf, year } from '../../core/input.ts';

export type {
  ActionStatus,
  Aggregation,
  BulletinStatus,
  CellState,
  ContentArea,
  MeetingKind,
  MeetingStatus,
  PeriodKind as BulletinKind,
  ReportAction,
  ReportStatus,
  ResponsibilityStatus,
  RuleOperator,
} from '../../core/coordination/states.ts';

// -- fields ------------------------------------------------------------------------------------

export const idParams = z.strictObject({ id: z.uuid() });
const department = slug;
/** A month as written in a report's address; which months exist is the reports' business (period_invalid). */
const month = z.string().regex(/^\d{4}-\d{2}$/, { error: 'Expected a month YYYY-MM' });
const version = versionOf(0);
/** Free text over several lines (descriptions, report sections, minutes). */
const text = (max: number) => paragraphs(max);
/** A title, name or place: one line, not blank. */
const required = (max: number) => line(max, { trim: true, min: 1 });
/** Free text over several lines, not blank. */
const requiredText = (max: number) => paragraphs(max, { trim: true, min: 1 });
/** An indicator's bound or a rule's factor: stored as numeric, so any finite number; kept to what a district counts. */
const amount = decimal({ min: 0, max: 1e12 });
const area = z.enum(contentAreas);
const departments = z.array(department).min(1).max(100);

export const yearQuery = z.strictObject({ year: queryYear.optional() });
/** The body of a move that only names the version it was read at. */
export const versionBody = z.strictObject({ version });

// -- replies shared by several areas ---------------------------------------------------------

export const departmentRef = z.object({ code: z.string(), name: z.string(), shortName: z.string() });
export type DepartmentRef = z.output<typeof departmentRef>;

/** Reported, on time and their rates over the department-months expected. */
export const rate = z.object({
  /** Department-months expected: active, and due (or already submitted). */
  expected: z.number(),
  /** Submitted or accepted. */
  received: z.number(),
  /** Submitted by the due day. */
  onTime: z.number(),
  /** received / expected, 0..1 (1 when nothing is expected). */
  completeness: z.number(),
  /** onTime / expected, 0..1. */
  timeliness: z.number(),
});
export type Rate = z.output<typeof rate>;

/** A department-month past its due day and not submitted in time. */
export const lateEntry = z.object({
  department: z.string(),
  departmentName: z.string(),
  period: z.string(),
  dueOn: z.string(),
  /** null: not submitted at all. */
  submittedAt: z.string().nullable(),
});
export type LateEntry = z.output<typeof lateEntry>;

// -- plan and responsibilities ---------------------------------------------------------------

export const responsibilityView = z.object({
  id: z.string(),
  area,
  title: z.string(),
  description: z.string(),
  status: z.enum(responsibilityStatuses),
  /** The lead department first. */
  departments: z.array(departmentRef.extend({ lead: z.boolean() })),
  version: z.number(),
});
export type Responsibility = z.output<typeof responsibilityView>;

export const planView = z.object({
  year: z.number(),
  title: z.string(),
  /** 发文字号 of the plan, e.g. 津武党办发〔2011〕18号 */
  docNumber: z.string(),
  issuedOn: z.string(),
  goals: z.string(),
  measures: z.string(),
  /** Every year that has a plan, newest first. */
  years: z.array(z.number()),
  responsibilities: z.array(responsibilityView),
});
export type Plan = z.output<typeof planView>;

/** A responsibility added to a plan; the first department leads. */
export const responsibilityBody = z.strictObject({ year, area, title: required(200), description: text(2000), departments });
export type ResponsibilityInput = z.output<typeof responsibilityBody>;

/** The office may change everything; the liaison of an assigned department only the status. */
export const responsibilityPatchBody = z.strictObject({
  version,
  status: z.enum(responsibilityStatuses).optional(),
  title: required(200).optional(),
  description: text(2000).optional(),
  area: area.optional(),
  departments: departments.optional(),
});
export type ResponsibilityPatch = z.output<typeof responsibilityPatchBody>;

// -- indicators, validation rules, settings --------------------------------------------------

export const indicatorParams = z.strictObject({ code: line(40).regex(/^[a-z][a-z0-9_]{1,39}$/) });

export const indicatorBody = z.strictObject({
  name: required(60),
  unit: required(10),
  aggregation: z.enum(aggregations),
  integer: z.boolean(),
  min: amount.nullable(),
  max: amount.nullable(),
  /** Department codes that report it. */
  departments: z.array(department).max(100),
  active: z.boolean(),
  sortOrder: int(),
});
export type IndicatorInput = z.output<typeof indicatorBody>;

export const indicatorView = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  aggregation: z.enum(aggregations),
  integer: z.boolean(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  departments: z.array(z.string()),
  active: z.boolean(),
  sortOrder: z.number(),
});
export type Indicator = z.output<typeof indicatorView>;

/** left <operator> right × factor, checked on submission; `message` is shown when it fails. */
export const ruleBody = z.strictObject({
  left: line(40),
  operator: z.enum(ruleOperators),
  right: line(40),
  factor: decimal({ positive: true, max: 1e6 }),
  message: required(200),
});
export type RuleInput = z.output<typeof ruleBody>;

export const ruleView = z.object({
  id: z.string(),
  left: z.string(),
  operator: z.enum(ruleOperators),
  right: z.string(),
  factor: z.number(),
  message: z.string(),
});
export type ValidationRule = z.output<typeof ruleView>;

export const settingsBody = z.strictObject({ dueDay: int(1, 28), reminderDays: int(0, 15), documentPrefix: required(30), issuer: required(60) });

export const settingsView = z.object({
  /** Reports for month M are due on this day of month M+1 (1–28). */
  dueDay: z.number(),
  /** Liaisons get a reminder this many days before the due day. */
  reminderDays: z.number(),
  /** Prefix of a bulletin's number: 武清幸福家庭办 → 武清幸福家庭办〔2011〕12号 */
  documentPrefix: z.string(),
  /** The issuing office printed in the red title block and above the date. */
  issuer: z.string(),
});
export type CoordSettings = z.output<typeof settingsView>;

export const indicatorConfig = z.object({
  indicators: z.array(indicatorView),
  rules: z.array(ruleView),
  settings: settingsView,
  departments: z.array(departmentRef.extend({ activeFrom: z.string(), activeTo: z.string().nullable() })),
});
export type IndicatorConfig = z.output<typeof indicatorConfig>;

// -- monthly reports --------------------------------------------------------------------------

export const reportParams = z.strictObject({ department, period: month });

export const reportListQuery = z.strictObject({
  year: queryYear.optional(),
  /** YYYY-MM; when given, `year` is not used. */
  period: month.optional(),
  department: department.optional(),
  /** A report status, or missing: due and nothing submitted. */
  status: z.enum([...reportStatuses, 'missing']).optional(),
});
export type ReportListQuery = z.output<typeof reportListQuery>;

export const reportSummary = z.object({
  id: z.string().nullable(),
  department: z.string(),
  departmentName: z.string(),
  period: z.string(),
  status: z.enum(reportStatuses).nullable(),
  dueOn: z.string(),
  /** First submission; the timeliness of a report is decided by it. */
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** Submitted by the due day; null while nothing has been submitted and it is not yet due. */
  onTime: z.boolean().nullable(),
  /** Past the due day and not submitted, or submitted after it. */
  late: z.boolean(),
  version: z.number(),
});
export type ReportSummary = z.output<typeof reportSummary>;

export const reportList = z.object({ items: z.array(reportSummary) });

export const reportEvent = z.object({ action: z.enum(reportActions), comment: z.string().nullable(), actorName: z.string(), at: z.string() });
export type ReportEvent = z.output<typeof reportEvent>;

export const attachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type Attachment = z.output<typeof attachmentView>;

/** The form. When nothing is saved yet: id null, status null, empty texts and null values (reading creates nothing). */
export const reportView = reportSummary.extend({
  progress: z.string(),
  work: z.string(),
  effect: z.string(),
  problems: z.string(),
  /** One entry per indicator of the department; null = not filled in. */
  values: z.record(z.string(), z.number().nullable()),
  /** The department's active indicators, in order. */
  indicators: z.array(indicatorView),
  /** Rules among the department's indicators. */
  rules: z.array(ruleView),
  /** Year-to-date totals of accepted reports before this month, per indicator. */
  yearToDate: z.record(z.string(), z.number()),
  attachments: z.array(attachmentView),
  history: z.array(reportEvent),
  /** The caller may save and submit it now (own department, draft or returned). */
  editable: z.boolean(),
  /** The caller may return or accept it now (office, submitted). */
  reviewable: z.boolean(),
  /** The office's comment of the last return. */
  returnComment: z.string().nullable(),
});
export type Report = z.output<typeof reportView>;

/** A draft: values may be incomplete, but each given one must be valid (400 value_invalid). */
export const reportDraftBody = z.strictObject({
  /** null for the first save, then the version last read (409 stale_version otherwise). */
  version: version.nullable(),
  progress: text(5000),
  work: text(5000),
  effect: text(5000),
  problems: text(5000),
  values: z.record(line(40), z.unknown()),
});
export type ReportDraftInput = z.output<typeof reportDraftBody>;

export const returnBody = z.strictObject({ version, comment: requiredText(1000) });
export const acceptBody = z.strictObject({ version, comment: text(1000).optional() });

/** The details of a refused value or submission (400 value_invalid, 422 report_invalid). */
export const valueIssue = z.object({ indicator: z.string().nullable(), code: z.enum(issueCodes), message: z.string(), messageEn: z.string() });
export type ValueIssue = z.output<typeof valueIssue>;

// -- completeness and timeliness ---------------------------------------------------------------

export const completenessRow = rate.extend({
  department: departmentRef,
  cells: z.array(z.object({ period: z.string(), state: z.enum(cellStates), late: z.boolean(), reportId: z.string().nullable() })),
});
export type CompletenessRow = z.output<typeof completenessRow>;

export const completenessView = z.object({
  year: z.number(),
  months: z.array(z.string()),
  rows: z.array(completenessRow),
  overall: rate,
  late: z.array(lateEntry),
});
export type Completeness = z.output<typeof completenessView>;

// -- bulletins ---------------------------------------------------------------------------------

/** A month (2011-10), quarter (2011-Q4) or year (2011). */
export const bulletinBody = z.strictObject({ period: line(10) });

export const bulletinPatchBody = z.strictObject({ version, title: required(200).optional(), intro: text(2000).optional(), closing: text(2000).optional() });
export type BulletinPatch = z.output<typeof bulletinPatchBody>;

export const bulletinSummary = z.object({
  id: z.string(),
  /** 2011-10, 2011-Q4 or 2011 */
  period: z.string(),
  kind: z.enum(periodKinds),
  periodLabel: z.string(),
  title: z.string(),
  /** 武清幸福家庭办〔2011〕12号, given on publication; null for a draft. */
  number: z.string().nullable(),
  status: z.enum(bulletinStatuses),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type BulletinSummary = z.output<typeof bulletinSummary>;

export const bulletinList = z.object({ items: z.array(bulletinSummary) });

export const indicatorTotal = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  aggregation: z.enum(aggregations),
  departments: z.array(z.string()),
  /** The period's figure from accepted reports. */
  period: z.number(),
  /** From January to the period's last month. */
  yearToDate: z.number(),
});
export type IndicatorTotal = z.output<typeof indicatorTotal>;

const departmentNamed = { department: z.string(), departmentName: z.string() };

export const bulletinView = bulletinSummary.extend({
  issuer: z.string(),
  /** Date printed on the bulletin: the publication day, or today for a draft. */
  issuedOn: z.string(),
  /** Opening paragraph and closing requirements; editable while a draft. */
  intro: z.string(),
  closing: z.string(),
  months: z.array(z.string()),
  completeness: rate.extend({ rows: z.array(rate.extend({ department: departmentRef })) }),
  /** Late or missing department-months of the period. */
  late: z.array(lateEntry),
  returned: z.array(z.object({ ...departmentNamed, period: z.string(), comment: z.string().nullable() })),
  highlights: z.array(z.object({ ...departmentNamed, text: z.string() })),
  indicators: z.array(indicatorTotal),
  problems: z.array(z.object({ ...departmentNamed, period: z.string(), text: z.string() })),
  version: z.number(),
});
export type Bulletin = z.output<typeof bulletinView>;

// -- meetings and action items ---------------------------------------------------------------

export const actionNote = z.object({ text: z.string(), actorName: z.string(), at: z.string() });
export type ActionNote = z.output<typeof actionNote>;

export const actionItemView = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  /** overdue = open past its due date. */
  status: z.enum(actionStatuses),
  meetingId: z.string().nullable(),
  meetingTitle: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  notes: z.array(actionNote),
  /** The caller may add progress notes or close it (office, or the owner's liaison). */
  canUpdate: z.boolean(),
});
export type ActionItem = z.output<typeof actionItemView>;

export const actionItemList = z.object({ items: z.array(actionItemView) });

export const actionItemQuery = z.strictObject({ status: z.enum(actionStatuses).optional(), department: department.optional() });
export type ActionItemQuery = z.output<typeof actionItemQuery>;

export const actionItemBody = z.strictObject({ title: requiredText(300), owner: department, dueOn: day });
export type ActionItemInput = z.output<typeof actionItemBody>;

export const actionNoteBody = z.strictObject({ text: requiredText(1000), done: z.boolean().optional() });
export type ActionNoteInput = z.output<typeof actionNoteBody>;

export const meetingSummary = z.object({
  id: z.string(),
  kind: z.enum(meetingKinds),
  title: z.string(),
  /** ISO instant */
  startsAt: z.string(),
  place: z.string(),
  status: z.enum(meetingStatuses),
  attendees: z.number(),
  decisions: z.number(),
});
export type MeetingSummary = z.output<typeof meetingSummary>;

export const meetingList = z.object({ items: z.array(meetingSummary) });

export const agendaItem = z.object({
  title: z.string(),
  /** Carried over from an earlier meeting: an action item still open or overdue. */
  actionItemId: z.string().nullable(),
  carried: z.boolean(),
});
export type AgendaItem = z.output<typeof agendaItem>;

export const meetingView = meetingSummary.extend({
  chair: z.string(),
  agenda: z.array(agendaItem),
  attendeeList: z.array(departmentRef.extend({ present: z.boolean().nullable() })),
  minutes: z.string().nullable(),
  /** Action items decided at this meeting. */
  actionItems: z.array(actionItemView),
  version: z.number(),
});
export type Meeting = z.output<typeof meetingView>;

/** The agenda gets the open and overdue action items appended automatically. */
export const meetingBody = z.strictObject({
  kind: z.enum(meetingKinds),
  title: required(200),
  startsAt: instant,
  place: required(100),
  chair: required(60),
  agenda: z.array(line(300)).max(30),
  attendees: z.array(department).min(1).max(100),
});
export type MeetingInput = z.output<typeof meetingBody>;

/** The minutes: status held, and the decisions become action items. */
export const minutesBody = z.strictObject({
  version,
  minutes: requiredText(20000),
  present: z.array(department).max(100),
  decisions: z.array(z.strictObject({ title: requiredText(300), owner: department, dueOn: day })).max(50),
});
export type MinutesInput = z.output<typeof minutesBody>;

// -- notices -----------------------------------------------------------------------------------

export const noticeReceipt = departmentRef.extend({ readAt: z.string().nullable(), readBy: z.string().nullable() });
export type NoticeReceipt = z.output<typeof noticeReceipt>;

export const noticeView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  sentAt: z.string(),
  sentBy: z.string(),
  /** The office sees every recipient; a liaison sees only their own department's receipt. */
  recipients: z.array(noticeReceipt),
  /** For a liaison: their department has read it. For the office: every recipient has. */
  read: z.boolean(),
});
export type Notice = z.output<typeof noticeView>;

export const noticeList = z.object({ items: z.array(noticeView) });

export const noticeBody = z.strictObject({
  title: required(200),
  body: requiredText(10000),
  departments: z.union([z.literal('all'), z.array(department).min(1).max(100)]),
});
export type NoticeInput = z.output<typeof noticeBody>;

// -- desk --------------------------------------------------------------------------------------

export const reminder = z.object({
  department: z.string(),
  departmentName: z.string(),
  period: z.string(),
  dueOn: z.string(),
  /** Days until the due day; negative when overdue. */
  daysLeft: z.number(),
  overdue: z.boolean(),
  status: z.enum(reportStatuses).nullable(),
});
export type Reminder = z.output<typeof reminder>;

/** What the signed-in user has to do now. */
export const deskView = z.object({
  today: z.string(),
  /** The liaison's department; null for the office. */
  department: departmentRef.nullable(),
  /** The month whose report is being filed now (the current month). */
  currentPeriod: z.string(),
  currentReport: reportSummary.nullable(),
  /** Reports due within reminderDays or overdue (a liaison: own; the office: all departments). */
  reminders: z.array(reminder),
  /** Open and overdue action items (a liaison: own department's). */
  actionItems: z.array(actionItemView),
  unreadNotices: z.number(),
  /** Responsibilities of the liaison's department (empty for the office). */
  responsibilities: z.array(responsibilityView),
  /** For the office: reports waiting for review. */
  awaitingReview: z.array(reportSummary),
  /** For the office: overdue action items (also shown on the home dashboard). */
  overdueActions: z.array(actionItemView),
});
export type Desk = z.output<typeof deskView>;

/** The answer of a removal: no content. */
export const noContent = z.null().meta({ description: 'No content' });
