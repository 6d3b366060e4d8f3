/**
 * The programmes and funding bodies by id, in the district's order: the one list the server, the
 * command line and the web app all take (this file imports nothing, so the web app can too).
 */
export const programmeIds = [
  'reward-assistance',
  'special-assistance',
  'one-child-parent-reward',
  'top-up-dahuangbao',
  'delivery-subsidy',
  'pension-insurance',
] as const;
export type ProgrammeId = (typeof programmeIds)[number];

/** English names, for English readers of server-made texts (the Chinese names are the programmes' own). */
export const programmeNamesEn: Record<ProgrammeId, string> = {
  'reward-assistance': 'Reward assistance',
  'special-assistance': 'Special assistance',
  'one-child-parent-reward': "One-child parents' reward",
  'top-up-dahuangbao': 'Dahuangbao top-up',
  'delivery-subsidy': 'Delivery subsidy',
  'pension-insurance': 'Pension insurance',
};

export const fundingBodies = ['district', 'township', 'health-bureau'] as const;
export type FundingBody = (typeof fundingBodies)[number];

/** Special assistance: the only child has died, or is disabled. */
export const benefitCategories = ['death', 'disability'] as const;
export type BenefitCategory = (typeof benefitCategories)[number];
