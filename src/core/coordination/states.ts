/**
 * The closed sets of the coordination (部门协调): the plan's content areas and the states of
 * responsibilities, reports, bulletins, meetings and action items, with the indicators' aggregations
 * and rule operators. Declared once, here: the domain core, the API contract (schemas.ts) and the
 * web app's wire types all take them from this file.
 */

/** The five areas of the campaign's implementation plan (文明、健康、优生、致富、奉献). */
export const contentAreas = ['civility', 'health', 'eugenics', 'prosperity', 'dedication'] as const;
export type ContentArea = (typeof contentAreas)[number];

export const responsibilityStatuses = ['planned', 'in_progress', 'done'] as const;
export type ResponsibilityStatus = (typeof responsibilityStatuses)[number];

/** How an indicator's months add up to a quarter or a year. */
export const aggregations = ['sum', 'last', 'max'] as const;
export type Aggregation = (typeof aggregations)[number];

/** left <operator> right × factor */
export const ruleOperators = ['<=', '<', '>=', '>', '='] as const;
export type RuleOperator = (typeof ruleOperators)[number];

/** A monthly report's status. */
export const reportStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The moves kept in a report's history. */
export const reportActions = ['saved', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type ReportAction = (typeof reportActions)[number];

/**
 * One department-month as the completeness grid sees it: inactive (not a member that month),
 * not_due (nothing yet, not due yet), missing (due, nothing filed), or the report's status.
 */
export const cellStates = ['inactive', 'not_due', 'missing', ...reportStatuses] as const;
export type CellState = (typeof cellStates)[number];

export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export const bulletinStatuses = ['draft', 'published'] as const;
export type BulletinStatus = (typeof bulletinStatuses)[number];

export const meetingKinds = ['work', 'coordination'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingStatuses = ['scheduled', 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** An action item (督办事项): overdue = open past its due date. */
export const actionStatuses = ['open', 'overdue', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** Why a report's value or a submission is refused. */
export const issueCodes = [
  'required',
  'not_number',
  'negative',
  'not_integer',
  'below_min',
  'above_max',
  'rule',
  'text_required',
  'unknown_indicator',
] as const;
export type IssueCode = (typeof issueCodes)[number];
