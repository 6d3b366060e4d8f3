import { http } from './client.ts';

/** Wire types of GET /api/benefits/summary (see the API contract). */
export type ProgrammeId = 'reward-assistance' | 'special-assistance' | 'one-child-parent-reward' | 'top-up-dahuangbao';
export type FundingBody = 'district' | 'township' | 'health-bureau';

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

export const benefitsApi = {
  /** Runs the engine over the register for twelve months: it can take a few seconds. */
  summary: (year: number, signal?: AbortSignal) => http.get<BenefitsSummary>('/api/benefits/summary', { year }, signal),
};
