import { Tag } from 'antd';
import type { BenefitCategory, FundingBody, ProgrammePeriod } from '../../api/benefits.ts';
import { useI18n } from '../../i18n/index.ts';
import { FUNDING_COLORS, fundingLabel } from './benefitsFormat.ts';

/** Who pays: 区财政 / 乡镇街 / 卫生局. */
export function FundingTag({ fundedBy }: { fundedBy: FundingBody }) {
  const i18n = useI18n();
  return (
    <Tag color={FUNDING_COLORS[fundedBy]} data-testid="funding-tag">
      {fundingLabel(i18n, fundedBy)}
    </Tag>
  );
}

/** 按月 / 一次性. */
export function PeriodTag({ period }: { period: ProgrammePeriod }) {
  const { tx } = useI18n();
  return <Tag data-testid="period-tag">{tx(`benefits.period.${period}`, period)}</Tag>;
}

/** Special assistance: 独生子女死亡 / 独生子女伤残; nothing for the other programmes. */
export function categoryLabel(tx: (key: string, fallback: string) => string, category: BenefitCategory | null | undefined): string {
  return category ? tx(`benefits.category.${category}`, category) : '';
}
