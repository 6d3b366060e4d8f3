/*
 * Wire types of 部门协调 (coordination): the implementation plan and its responsibilities, the
 * indicators the member departments report, the monthly reports and their review, completeness and
 * timeliness, bulletins (通报), meetings with action items, and notices (通知).
 *
 * The contract is the server's: every type here is the one src/modules/coordination/schemas.ts
 * derives from the schema the route checks (requests) or answers with (replies). Every route is
 * under /api/coord; what each takes and answers is in the API document (/api/docs).
 */
export type {
  ActionItem,
  ActionNote,
  ActionStatus,
  AgendaItem,
  Aggregation,
  Attachment,
  Bulletin,
  BulletinKind,
  BulletinStatus,
  BulletinSummary,
  CellState,
  Completeness,
  CompletenessRow,
  ContentArea,
  CoordSettings,
  DepartmentRef,
  Desk,
  Indicator,
  IndicatorConfig,
  IndicatorInput,
  IndicatorTotal,
  LateEntry,
  Meeting,
  MeetingInput,
  MeetingKind,
  MeetingSummary,
  MinutesInput,
  Notice,
  NoticeReceipt,
  Plan,
  Rate,
  Reminder,
  Report,
  ReportDraftInput,
  ReportEvent,
  ReportStatus,
  ReportSummary,
  Responsibility,
  ResponsibilityInput,
  ResponsibilityPatch,
  ResponsibilityStatus,
  RuleInput,
  RuleOperator,
  ValidationRule,
  ValueIssue,
} from '../../../src/modules/coordination/schemas.ts';
