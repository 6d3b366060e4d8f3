import type { benefitsZhCN } from './benefits.zh-CN.ts';

/** English for the benefits pages; typed against the Chinese so no key can be missing. */
export const benefitsEn: Record<keyof typeof benefitsZhCN, string> = {
  'benefits.title': 'Payments of the year',
  'benefits.year': 'Year',
  'benefits.yearOption': '{year}',
  'benefits.loading': 'Working through the register month by month…',
  'benefits.scopeNote': 'Counted within your grants: figures for {areas} only.',
  'benefits.totalAssistance': 'Reward + special assistance',
  'benefits.exactAmount': 'Exactly {amount} yuan',
  'benefits.exactHint': 'Rounded to 10,000 yuan, as the district reports it',
  'benefits.beneficiariesOf': 'Beneficiaries · {programme}',
  'benefits.empty': 'Nothing was paid this year',
  'benefits.chart': 'Paid in the year, per programme',
  'benefits.chartAxis': '10,000 yuan',

  'benefits.col.programme': 'Programme',
  'benefits.col.beneficiaries': 'Beneficiaries',
  'benefits.col.amount': 'Paid in the year (yuan)',
  'benefits.col.fundedBy': 'Funded by',
  'benefits.sum': 'Total',

  'benefits.programme.reward-assistance': 'Rural family-planning reward assistance',
  'benefits.programme.special-assistance': 'Special assistance for family-planning families',
  'benefits.programme.one-child-parent-reward': "Xiazhuzhuang one-child parents' reward",
  'benefits.programme.top-up-dahuangbao': 'Dahuangbao reward top-up',

  'benefits.funding.district': 'District finance',
  'benefits.funding.township': 'Township',
  'benefits.funding.health-bureau': 'Health bureau',

  'benefits.unit.persons': '',
  'benefits.unit.tenThousandYuan': '× 10,000 yuan',
  'benefits.unit.yuan': 'yuan',
} as const;
