import type { FundingBody, ProgrammeId } from '../../../src/core/benefits/ids.ts';
import { http } from './client.ts';
import type { Page } from './types.ts';

/** Wire types of /api/benefits (see the API contract). */
export type { FundingBody, ProgrammeId } from '../../../src/core/benefits/ids.ts';
/** Paid every month, or once. */
export type ProgrammePeriod = 'month' | 'once';
/** Special assistance: the only child has died, or is disabled. */
export type BenefitCategory = 'death' | 'disability';

// ---------------------------------------------------------------------------------------------
// GET /api/benefits/summary

export interface ProgrammeSummary {
  programme: ProgrammeId;
  /** Persons paid at least one month of the year. */
  beneficiaries: number;
  /** Yuan paid for the year's months. */
  amount: number;
  fundedBy: FundingBody;
}

export interface BenefitsSummary {
  year: number;
  programmes: ProgrammeSummary[];
  total: number;
  /** Reward plus special assistance, and that sum to the nearest 10,000 yuan, as the district reports it. */
  rewardAndSpecialAssistance: { amount: number; roundedTo10000: number };
}

// ---------------------------------------------------------------------------------------------
// Programmes and their effective-dated parameters

/** The units the server knows; a new one shows as itself. */
export type ParameterUnit =
  | 'yuan/month'
  | 'yuan/once'
  | 'years'
  | 'days'
  | 'date'
  | 'year'
  | 'grade'
  | 'percent'
  | 'boolean'
  | 'division-code'
  | (string & {});
export type ParameterValue = number | string | boolean;

/** From `effectiveFrom` on (until a later row), the parameter is `value`, by `reference`. */
export interface ParameterRow {
  /** YYYY-MM-DD, the first day of a month. */
  effectiveFrom: string;
  value: ParameterValue;
  /** Legal basis: document name and number. */
  reference: string;
  /** Null for the rows the platform was configured with. */
  createdBy: string | null;
  /** Who entered the row, by name; null for the system itself (the standards shipped with the platform). */
  createdByName: string | null;
  createdAt: string | null;
}

export interface ProgrammeParameter {
  name: string;
  unit: ParameterUnit;
  rows: ParameterRow[];
}

export interface ProgrammeCondition {
  id: string;
  /** Chinese, as the server words it. */
  label: string;
  basis: string;
}

export interface Programme {
  id: ProgrammeId;
  /** Chinese name. */
  name: string;
  fundedBy: FundingBody;
  period: ProgrammePeriod;
  /** Legal basis of the programme. */
  basis: string;
  conditions: ProgrammeCondition[];
  parameters: ProgrammeParameter[];
}

export interface ParameterInput {
  programme: ProgrammeId;
  name: string;
  effectiveFrom: string;
  value: ParameterValue;
  reference: string;
}

// ---------------------------------------------------------------------------------------------
// The explained eligibility of a register person

export interface ConditionResult {
  id: string;
  /** Chinese label shown to the office and the public. */
  label: string;
  met: boolean;
  /** The facts and parameters the condition used (Chinese). */
  detail: string;
}

export interface ProgrammeResult {
  programme: ProgrammeId;
  /** Index of the parent the result is for. */
  parent: number;
  eligible: boolean;
  /** Yuan per month; 0 when not eligible. */
  monthlyAmount: number;
  fundedBy: FundingBody;
  category?: BenefitCategory;
  /** Every condition of the programme, in order, met or not. */
  conditions: ConditionResult[];
  /** How the amount was reached: the parameter rows used and their reference (Chinese). */
  amountDetail?: string;
}

export interface PersonEvaluation {
  personId: string;
  /** Which parent of the family the person is; the results are for that parent only. */
  parent: number;
  /** The family as the engine saw it on the date. */
  situation: unknown;
  results: ProgrammeResult[];
}

// ---------------------------------------------------------------------------------------------
// Enrolments (享受对象)

export interface Enrolment {
  id: string;
  programme: ProgrammeId;
  programmeName: string;
  personId: string;
  personName: string;
  idNumberMasked: string;
  township: string;
  townshipName: string;
  village: string;
  villageName: string;
  category: BenefitCategory | null;
  /** YYYY-MM */
  startMonth: string;
  /** YYYY-MM, the last month paid; null while the enrolment runs. */
  lastMonth: string | null;
  exitReason: string | null;
  bankName: string;
  bankAccountMasked: string;
  approvedOn: string;
}

export interface EnrolmentQuery {
  programme?: ProgrammeId;
  township?: string;
  active?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export interface EnrolmentExit {
  /** YYYY-MM */
  lastMonth: string;
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// What-if (政策测算)

export interface WhatIfInput {
  programme: ProgrammeId;
  parameter: string;
  value: ParameterValue;
  effectiveFrom: string;
  /** 1 to 3 */
  years: number;
}

export interface WhatIfFigures {
  beneficiaries: number;
  amount: number;
}

export interface WhatIfYear {
  year: number;
  baseline: WhatIfFigures;
  draft: WhatIfFigures;
  /** Persons paid under the draft but not today's parameters, and the other way round. */
  gained: number;
  lost: number;
}

export interface WhatIfTownship {
  township: string;
  townshipName: string;
  year: number;
  baselineBeneficiaries: number;
  draftBeneficiaries: number;
  baselineAmount: number;
  draftAmount: number;
}

export interface WhatIfResult {
  programme: ProgrammeId;
  parameter: string;
  value: ParameterValue;
  effectiveFrom: string;
  years: WhatIfYear[];
  byTownship: WhatIfTownship[];
}

// ---------------------------------------------------------------------------------------------

const id = (value: string) => encodeURIComponent(value);

export const benefitsApi = {
  /** Runs the engine over the register for twelve months: it can take a few seconds. */
  summary: (year: number, signal?: AbortSignal) => http.get<BenefitsSummary>('/api/benefits/summary', { year }, signal),

  programmes: (signal?: AbortSignal) => http.get<{ programmes: Programme[] }>('/api/benefits/programmes', undefined, signal),

  /** 409 parameter_locked when the date falls in or before a month of an approved roll. */
  addParameter: (body: ParameterInput) => http.post<{ row: ParameterRow }>('/api/benefits/parameters', body),

  /** Every programme for the person (as one parent of the family) on `date` (YYYY-MM-DD), explained. */
  personEvaluation: (personId: string, date: string, signal?: AbortSignal) =>
    http.get<PersonEvaluation>(`/api/benefits/persons/${id(personId)}/evaluation`, { date }, signal),

  enrolments: (query: EnrolmentQuery, signal?: AbortSignal) =>
    http.get<Page<Enrolment>>('/api/benefits/enrolments', { ...query }, signal),

  exitEnrolment: (enrolmentId: string, body: EnrolmentExit) =>
    http.post<Enrolment>(`/api/benefits/enrolments/${id(enrolmentId)}/exit`, body),

  /** Office only; computes in memory, nothing is stored. */
  whatIf: (body: WhatIfInput) => http.post<WhatIfResult>('/api/benefits/what-if', body),
};
