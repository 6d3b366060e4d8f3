/** 扶助项目 pages: the year's payments per programme. Merged into zh-CN.ts; en in benefits.en.ts. */
export const benefitsZhCN = {
  'benefits.title': '年度发放统计',
  'benefits.year': '统计年度',
  'benefits.yearOption': '{year}年',
  'benefits.loading': '正在按户籍档案逐月测算，请稍候…',
  'benefits.scopeNote': '按您的授权范围统计：仅含{areas}的数据。',
  'benefits.totalAssistance': '奖扶+特扶 合计',
  'benefits.exactAmount': '精确金额 {amount} 元',
  'benefits.exactHint': '按全区上报口径四舍五入到万元',
  'benefits.beneficiariesOf': '受益人数 · {programme}',
  'benefits.empty': '本年度没有发放记录',
  'benefits.chart': '各项目全年发放金额',
  'benefits.chartAxis': '万元',

  'benefits.col.programme': '项目',
  'benefits.col.beneficiaries': '受益人数',
  'benefits.col.amount': '全年发放金额(元)',
  'benefits.col.fundedBy': '资金来源',
  'benefits.sum': '合计',

  'benefits.programme.reward-assistance': '农村部分计划生育家庭奖励扶助',
  'benefits.programme.special-assistance': '计划生育家庭特别扶助',
  'benefits.programme.one-child-parent-reward': '下朱庄街道独生子女父母奖励',
  'benefits.programme.top-up-dahuangbao': '大黄堡乡奖扶加发',

  'benefits.funding.district': '区财政',
  'benefits.funding.township': '乡镇街',
  'benefits.funding.health-bureau': '卫生局',

  'benefits.unit.persons': '人',
  'benefits.unit.tenThousandYuan': '万元',
  'benefits.unit.yuan': '元',
} as const;
