import type { ProgrammeId } from '../../../src/core/benefits/ids.ts';
import type {
  BenefitsSummary,
  Enrolment,
  EnrolmentExit,
  ParameterHistoryRow,
  ParameterInput,
  ParameterReply,
  PersonEvaluation,
  Programme,
  WhatIfInput,
  WhatIfResult,
} from '../../../src/modules/benefits/schemas.ts';
import { http } from './client.ts';
import type { Page } from './types.ts';

/** Wire types of /api/benefits: the API contract (src/modules/benefits/schemas.ts). */
export type { BenefitCategory, FundingBody, ProgrammeId } from '../../../src/core/benefits/ids.ts';
export type {
  BenefitsSummary,
  ConditionResult,
  Enrolment,
  EnrolmentExit,
  ParameterInput,
  PersonEvaluation,
  Programme,
  ProgrammeCondition,
  ProgrammeParameter,
  ProgrammeResult,
  ProgrammeSummary,
  WhatIfInput,
  WhatIfResult,
  WhatIfTownship,
  WhatIfYear,
} from '../../../src/modules/benefits/schemas.ts';

/** Paid every month, or once. */
export type ProgrammePeriod = Programme['period'];
/** The units the server knows; a new one shows as itself. */
export type ParameterUnit = Programme['parameters'][number]['unit'];
export type ParameterValue = ParameterHistoryRow['value'];
/** A row of a parameter's history: from `effectiveFrom` on (until a later row), the parameter is `value`, by `reference`. */
export type ParameterRow = ParameterHistoryRow;

/** The enrolments' filters as the page keeps them (the query string carries `active` as 'true' or 'false'). */
export interface EnrolmentQuery {
  programme?: ProgrammeId;
  township?: string;
  active?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------------

const id = (value: string) => encodeURIComponent(value);

export const benefitsApi = {
  /** Runs the engine over the register for twelve months: it can take a few seconds. */
  summary: (year: number, signal?: AbortSignal) => http.get<BenefitsSummary>('/api/benefits/summary', { year }, signal),

  programmes: (signal?: AbortSignal) => http.get<{ programmes: Programme[] }>('/api/benefits/programmes', undefined, signal),

  /** 409 parameter_locked when the date falls in or before a month of an approved roll. */
  addParameter: (body: ParameterInput) => http.post<ParameterReply>('/api/benefits/parameters', body),

  /** Every programme for the person (as one parent of the family) on `date` (YYYY-MM-DD), explained. */
  personEvaluation: (personId: string, date: string, signal?: AbortSignal) =>
    http.get<PersonEvaluation>(`/api/benefits/persons/${id(personId)}/evaluation`, { date }, signal),

  enrolments: (query: EnrolmentQuery, signal?: AbortSignal) => http.get<Page<Enrolment>>('/api/benefits/enrolments', { ...query }, signal),

  exitEnrolment: (enrolmentId: string, body: EnrolmentExit) => http.post<Enrolment>(`/api/benefits/enrolments/${id(enrolmentId)}/exit`, body),

  /** Office only; computes in memory, nothing is stored. */
  whatIf: (body: WhatIfInput) => http.post<WhatIfResult>('/api/benefits/what-if', body),
};
