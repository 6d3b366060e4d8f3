/**
 * The API contract of /api/benefits: every request and response schema of the benefits routes,
 * and the wire types derived from them (the web app takes these with type-only imports).
 */
import { z } from 'zod';
import { applicationStates, workflowSteps } from '../../core/benefits/applicationStates.ts';
import { benefitCategories, fundingBodies, programmeIds } from '../../core/benefits/ids.ts';
import { parameterUnits } from '../../core/benefits/parameters.ts';
import { lineKinds } from '../../core/benefits/rollPlan.ts';
import { rollActions, rollStates } from '../../core/benefits/rollStates.ts';
import { hukouTypes, programmePeriods, sexes } from '../../core/benefits/types.ts';
import { day, int, line, month, paging, paragraphs, queryYear, slug, townshipCode, version, villageCode, year } from '../../core/input.ts';
import { fileReply, pageOf } from '../../core/wire.ts';

// -- shared pieces -----------------------------------------------------------------------------

export const programme = z.enum(programmeIds);
const fundingBody = z.enum(fundingBodies);
const category = z.enum(benefitCategories);
const sex = z.enum(sexes);
export const idParams = z.strictObject({ id: z.uuid() });
const parameterName = line(60).regex(/^[a-zA-Z][a-zA-Z0-9]*$/);
/** A parameter's value: an amount, a date or division code, or a flag (src/core/benefits/parameters.ts checks it against the unit). */
const parameterValue = z.union([z.number(), line(20), z.boolean()]);
/** A parameter's value as stored and answered. */
const storedValue = z.union([z.number(), z.string(), z.boolean()]);

// -- the engine's explained decision -----------------------------------------------------------

export const conditionResult = z.object({ id: z.string(), label: z.string(), met: z.boolean(), detail: z.string() });

export const programmeResult = z.object({
  programme,
  parent: z.number(),
  eligible: z.boolean(),
  /** Paid each month (`monthlyAmount`), or once (`onceAmount`, with `monthlyAmount` 0). */
  period: z.enum(programmePeriods),
  monthlyAmount: z.number(),
  onceAmount: z.number().optional(),
  fundedBy: fundingBody,
  /** Special assistance only: the category the only child's status gives. */
  category: category.optional(),
  conditions: z.array(conditionResult),
  amountDetail: z.string().optional(),
});

// A family on a day (src/core/benefits/types.ts, Situation): its fields, once for the body and the reply.
const situationFields = { date: z.string(), township: z.string() };
const parentFields = { sex, birthDate: z.string(), hukou: z.enum(hukouTypes), alive: z.boolean(), deathDate: z.string().nullable().optional() };
const childFields = {
  sex,
  birthDate: z.string(),
  adopted: z.boolean(),
  alive: z.boolean(),
  deathDate: z.string().nullable(),
  disabilityGrade: z.number().nullable(),
  hospitalDelivery: z.boolean().optional(),
};
const familyFields = { outOfPolicyBirth1973to2001: z.boolean(), oneChildCertificate: z.boolean(), secondChildQuotaWaived: z.boolean().optional() };

/**
 * A family as POST /api/benefits/evaluate takes it: the shape only, every object passed through
 * whole. src/core/benefits/types.ts (parseSituation) then checks the dates, the bounds, unknown
 * fields and the facts against each other, and answers with each field's path.
 */
export const situationBody = z.looseObject({
  ...situationFields,
  family: z.looseObject({ parents: z.array(z.looseObject(parentFields)), children: z.array(z.looseObject(childFields)), ...familyFields }),
});

/** The family as the engine saw it on the date. */
const situation = z.object({
  ...situationFields,
  family: z.object({ parents: z.array(z.object(parentFields)), children: z.array(z.object(childFields)), ...familyFields }),
});

export const evaluationReply = z.object({ results: z.array(programmeResult) });

export const personEvaluationQuery = z.strictObject({ date: day.optional() });
export const personEvaluation = z.object({
  personId: z.string(),
  /** Which parent of the family the person is; the results are for that parent only. */
  parent: z.number(),
  situation,
  results: z.array(programmeResult),
});

// -- year summary --------------------------------------------------------------------------------

export const summaryQuery = z.strictObject({ year: queryYear });
export const programmeSummary = z.object({ programme, beneficiaries: z.number(), amount: z.number(), fundedBy: fundingBody });
export const benefitsSummary = z.object({
  year: z.number(),
  programmes: z.array(programmeSummary),
  total: z.number(),
  /** Reward plus special assistance, and that sum to the nearest 10,000 yuan, as the district reports it. */
  rewardAndSpecialAssistance: z.object({ amount: z.number(), roundedTo10000: z.number() }),
});

// -- programmes and parameters -------------------------------------------------------------------

/** A parameter row as the engine reads it. */
export const parameterRow = z.object({
  programme: z.string(),
  name: z.string(),
  value: storedValue,
  unit: z.enum(parameterUnits),
  /** YYYY-MM-DD, the first day of a month. */
  effectiveFrom: z.string(),
  /** Legal basis: document name and number. */
  reference: z.string(),
});

/** From `effectiveFrom` on (until a later row), the parameter is `value`, by `reference`, entered by whom and when. */
export const parameterHistoryRow = z.object({
  effectiveFrom: z.string(),
  value: storedValue,
  reference: z.string(),
  /** Username; empty for the rows the platform was configured with. */
  createdBy: z.string(),
  /** Who entered the row, by name; null for the system itself. */
  createdByName: z.string().nullable(),
  /** Empty for the rows the platform was configured with. */
  createdAt: z.string(),
});

export const programmeDescription = z.object({
  id: programme,
  /** Chinese name. */
  name: z.string(),
  fundedBy: fundingBody,
  period: z.enum(programmePeriods),
  /** Legal basis of the programme. */
  basis: z.string(),
  conditions: z.array(z.object({ id: z.string(), label: z.string(), basis: z.string() })),
  parameters: z.array(z.object({ name: z.string(), unit: z.string(), rows: z.array(parameterHistoryRow) })),
});

export const programmesReply = z.object({
  programmes: z.array(programmeDescription),
  /** The parameters of the confirmation itself (notice days). */
  confirmation: z.array(parameterRow),
});

export const parameterBody = z.strictObject({
  programme: slug,
  name: parameterName,
  effectiveFrom: day,
  value: parameterValue,
  reference: paragraphs(1000, { trim: true, min: 2 }),
});
export const parameterReply = z.object({ row: parameterRow });

export const whatIfBody = z.strictObject({ programme, parameter: parameterName, value: parameterValue, effectiveFrom: day, years: int(1, 3).default(1) });
const whatIfFigures = z.object({ beneficiaries: z.number(), amount: z.number() });
export const whatIfYear = z.object({
  year: z.number(),
  baseline: whatIfFigures,
  draft: whatIfFigures,
  /** Persons paid under the draft but not today's parameters, and the other way round. */
  gained: z.number(),
  lost: z.number(),
});
export const whatIfTownship = z.object({
  township: z.string(),
  townshipName: z.string(),
  year: z.number(),
  baselineBeneficiaries: z.number(),
  draftBeneficiaries: z.number(),
  baselineAmount: z.number(),
  draftAmount: z.number(),
});
export const whatIfReply = z.object({
  programme,
  parameter: z.string(),
  value: storedValue,
  effectiveFrom: z.string(),
  years: z.array(whatIfYear),
  byTownship: z.array(whatIfTownship),
});

// -- applications (the yearly confirmation) ------------------------------------------------------

const applicationState = z.enum(applicationStates);
const workflowStep = z.enum(workflowSteps);
const noticePeriod = z.object({ from: z.string(), until: z.string() });

export const application = z.object({
  id: z.string(),
  programme,
  programmeName: z.string(),
  year: z.number(),
  personId: z.string(),
  personName: z.string(),
  sex,
  birthDate: z.string(),
  idNumberMasked: z.string(),
  householdId: z.string(),
  township: z.string(),
  townshipName: z.string(),
  village: z.string(),
  villageName: z.string(),
  category: category.nullable(),
  appliedOn: z.string(),
  state: applicationState,
  monthlyAmount: z.number(),
  bankName: z.string(),
  bankAccountMasked: z.string(),
  note: z.string().nullable(),
  villageNotice: noticePeriod.nullable(),
  townshipNotice: noticePeriod.nullable(),
  decidedOn: z.string().nullable(),
  startMonth: z.string().nullable(),
  closingReason: z.string().nullable(),
  openObjections: z.number(),
  /** Who acts next; null once the application is closed. */
  nextStep: workflowStep.nullable(),
  /** The caller may take the next step now. */
  canAct: z.boolean(),
  /** A notice is still running: the next step is possible after this date. */
  waitUntil: z.string().nullable(),
  version: z.number(),
});

export const applicationStep = z.object({
  fromState: applicationState.nullable(),
  toState: applicationState,
  actedBy: z.string(),
  /** The person's name; null for the system itself. */
  actedByName: z.string().nullable(),
  actedAt: z.string(),
  note: z.string().nullable(),
});

export const objection = z.object({
  id: z.string(),
  stage: z.enum(['village', 'township']),
  receivedOn: z.string(),
  objector: z.string(),
  content: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
  upheld: z.boolean().nullable(),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

export const applicationDetail = application.extend({ evaluation: programmeResult, steps: z.array(applicationStep), objections: z.array(objection) });

export const applicationQuery = z.strictObject({
  year: queryYear.optional(),
  state: applicationState.optional(),
  programme: programme.optional(),
  township: townshipCode.optional(),
  village: villageCode.optional(),
  ...paging,
});
export const applicationBody = z.strictObject({
  programme,
  personId: z.uuid(),
  year,
  appliedOn: day,
  bankName: line(60, { trim: true, min: 2 }),
  bankAccount: line(30).regex(/^[0-9 ]{12,30}$/, { error: 'Bank account: 12 to 30 digits' }),
  note: paragraphs(500).optional(),
});
export const decisionBody = z.strictObject({
  action: z.enum(['pass', 'reject', 'withdraw']),
  version: version(),
  noticeFrom: day.optional(),
  startMonth: month.optional(),
  reason: paragraphs(500).optional(),
});
export const objectionBody = z.strictObject({ receivedOn: day, objector: line(60, { trim: true, min: 1 }), content: paragraphs(1000, { trim: true, min: 2 }) });
export const objectionResolveBody = z.strictObject({ upheld: z.boolean(), resolution: paragraphs(1000, { trim: true, min: 2 }) });
export const publicNoticeQuery = z.strictObject({ stage: workflowStep, year: queryYear, township: townshipCode.optional(), village: villageCode.optional() });
export const publicNoticeFile = fileReply('the notice list for posting (.docx)');

// -- enrolments ----------------------------------------------------------------------------------

export const enrolment = z.object({
  id: z.string(),
  programme,
  programmeName: z.string(),
  personId: z.string(),
  personName: z.string(),
  idNumberMasked: z.string(),
  township: z.string(),
  townshipName: z.string(),
  village: z.string(),
  villageName: z.string(),
  category: category.nullable(),
  /** YYYY-MM */
  startMonth: z.string(),
  /** YYYY-MM, the last month paid; null while the enrolment runs. */
  lastMonth: z.string().nullable(),
  exitReason: z.string().nullable(),
  bankName: z.string(),
  bankAccountMasked: z.string(),
  approvedOn: z.string(),
});
export const enrolmentQuery = z.strictObject({
  programme: programme.optional(),
  township: townshipCode.optional(),
  active: z.enum(['true', 'false']).optional(),
  q: line(40).optional(),
  ...paging,
});
export const enrolmentExitBody = z.strictObject({ lastMonth: month, reason: paragraphs(500, { trim: true, min: 2 }) });

// -- payment rolls -------------------------------------------------------------------------------

const lineKind = z.enum(lineKinds);
const rollState = z.enum(rollStates);
const rollAction = z.enum(rollActions);

export const roll = z.object({
  id: z.string(),
  programme,
  programmeName: z.string(),
  period: z.string(),
  state: rollState,
  /** The lines and total the caller may see: the whole roll, or the own township's or village's share. */
  lineCount: z.number(),
  totalAmount: z.number(),
  /** The township or village the figures are of; null for the whole district. */
  scopeName: z.string().nullable(),
  /** Usernames (the four-eyes rule compares them) and, beside each, the person's name to show. */
  generatedBy: z.string(),
  generatedByName: z.string().nullable(),
  generatedAt: z.string(),
  checkedBy: z.string().nullable(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  exportedBy: z.string().nullable(),
  exportedByName: z.string().nullable(),
  exportedAt: z.string().nullable(),
  paidBy: z.string().nullable(),
  paidByName: z.string().nullable(),
  paidAt: z.string().nullable(),
});

export const rollStop = z.object({
  enrolmentId: z.string(),
  personName: z.string(),
  township: z.string(),
  townshipName: z.string(),
  reasons: z.array(z.string()),
});

export const rollDetail = roll.extend({
  byTownship: z.array(z.object({ township: z.string(), townshipName: z.string(), lines: z.number(), amount: z.number() })),
  byFundingBody: z.array(z.object({ fundedBy: fundingBody, amount: z.number() })),
  byKind: z.array(z.object({ kind: lineKind, lines: z.number(), amount: z.number() })),
  /** All the stops; `stops` lists the first 500. */
  stopCount: z.number(),
  stops: z.array(rollStop),
});

export const rollLine = z.object({
  id: z.number(),
  personName: z.string(),
  idNumberMasked: z.string(),
  township: z.string(),
  townshipName: z.string(),
  village: z.string(),
  villageName: z.string(),
  paidMonth: z.string(),
  kind: lineKind,
  amount: z.number(),
  fundedBy: fundingBody,
  category: category.nullable(),
  note: z.string().nullable(),
});

export const rollQuery = z.strictObject({ programme: programme.optional(), ...paging });
export const rollBody = z.strictObject({ programme, period: month });
export const rollLineQuery = z.strictObject({ township: townshipCode.optional(), kind: lineKind.optional(), ...paging });
export const rollTransitionBody = z.strictObject({ action: rollAction });
export const rollWorkbookFile = fileReply('the roll with its control totals (.xlsx)');
export const bankFile = fileReply('the bank disbursement file (.csv)');

export const applicationPage = pageOf(application);
export const enrolmentPage = pageOf(enrolment);
export const rollPage = pageOf(roll);
export const rollLinePage = pageOf(rollLine);

// -- wire types ----------------------------------------------------------------------------------

export type ApplicationState = z.output<typeof applicationState>;
export type WorkflowStep = z.output<typeof workflowStep>;
export type LineKind = z.output<typeof lineKind>;
export type RollState = z.output<typeof rollState>;
export type RollAction = z.output<typeof rollAction>;

export type ConditionResult = z.output<typeof conditionResult>;
export type ProgrammeResult = z.output<typeof programmeResult>;
export type Situation = z.output<typeof situation>;
export type PersonEvaluation = z.output<typeof personEvaluation>;
export type ProgrammeSummary = z.output<typeof programmeSummary>;
export type BenefitsSummary = z.output<typeof benefitsSummary>;
export type ParameterRow = z.output<typeof parameterRow>;
export type ParameterHistoryRow = z.output<typeof parameterHistoryRow>;
export type Programme = z.output<typeof programmeDescription>;
export type ProgrammeCondition = Programme['conditions'][number];
export type ProgrammeParameter = Programme['parameters'][number];
export type ProgrammesReply = z.output<typeof programmesReply>;
export type ParameterInput = z.input<typeof parameterBody>;
export type ParameterReply = z.output<typeof parameterReply>;
/** A what-if as the web app sends it: the years always given (the server takes 1 when left out). */
export type WhatIfInput = z.output<typeof whatIfBody>;
export type WhatIfYear = z.output<typeof whatIfYear>;
export type WhatIfTownship = z.output<typeof whatIfTownship>;
export type WhatIfResult = z.output<typeof whatIfReply>;
export type Application = z.output<typeof application>;
export type ApplicationStepRecord = z.output<typeof applicationStep>;
export type Objection = z.output<typeof objection>;
export type ApplicationDetail = z.output<typeof applicationDetail>;
export type ApplicationCreate = z.input<typeof applicationBody>;
export type Decision = z.input<typeof decisionBody>;
export type ObjectionCreate = z.input<typeof objectionBody>;
export type ObjectionResolve = z.input<typeof objectionResolveBody>;
export type Enrolment = z.output<typeof enrolment>;
export type EnrolmentExit = z.input<typeof enrolmentExitBody>;
export type Roll = z.output<typeof roll>;
export type RollStop = z.output<typeof rollStop>;
export type RollDetail = z.output<typeof rollDetail>;
export type RollLine = z.output<typeof rollLine>;
