import { programmeIds } from '../../../../src/core/benefits/ids.ts';
import type { BenefitCategory, FundingBody, ProgrammeId, ProgrammePeriod } from '../../api/benefits.ts';
import type { Grant, Lang } from '../../api/types.ts';
import type { I18n } from '../../i18n/index.ts';
import { enumTable } from '../../components/enumTable.ts';
import { thisYear } from '../../clock.ts';

/** The register reaches back to 2009. */
export const FIRST_YEAR = 2009;

/** 2009 up to the business year, newest first. */
export function yearOptions(last = thisYear()): number[] {
  const years: number[] = [];
  for (let year = last; year >= FIRST_YEAR; year--) years.push(year);
  return years;
}

/** `6,450,240` (cents only when there are any), in the page's language. */
export function formatYuan(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(amount);
}

export function formatCount(count: number, lang: Lang): string {
  return new Intl.NumberFormat(lang).format(count);
}

/** Programme and funding codes the server may extend: an unknown code shows as itself. */
export function programmeLabel(i18n: I18n, programme: ProgrammeId): string {
  return i18n.tx(`benefits.programme.${programme}`, programme);
}

export function fundingLabel(i18n: I18n, fundedBy: FundingBody): string {
  return i18n.tx(`benefits.funding.${fundedBy}`, fundedBy);
}

/** The townships and villages the user's grants are tied to (the server counts only those). */
export function scopedAreas(grants: Grant[]): string[] {
  const names = grants.map((grant) => grant.village?.name ?? grant.township?.name).filter((name) => name !== undefined);
  return [...new Set(names)];
}

/** Every programme, in the district's order (the server's own list). */
export const PROGRAMME_IDS: readonly ProgrammeId[] = programmeIds;

/** Who pays: 区财政 / 乡镇街 / 卫生局. */
export const FUNDING_TAGS = enumTable<FundingBody>('benefits.funding', { district: 'red', township: 'gold', 'health-bureau': 'blue' });

/** 按月 / 一次性. */
export const PERIOD_TAGS = enumTable<ProgrammePeriod>('benefits.period', { month: undefined, once: undefined });

/** Special assistance: 独生子女死亡 / 独生子女伤残; nothing for the other programmes. */
export function categoryLabel(tx: (key: string, fallback: string) => string, category: BenefitCategory | null | undefined): string {
  return category ? tx(`benefits.category.${category}`, category) : '';
}

/** `￥6,450,240.50`; `signed` puts + before an increase (for differences). */
export function formatMoney(amount: number, lang: Lang, signed = false): string {
  const text = `￥${new Intl.NumberFormat(lang, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(Math.abs(amount))}`;
  if (amount < 0) return `−${text}`;
  return signed && amount > 0 ? `+${text}` : text;
}

/** `+12`, `−3`, `0` for differences of counts. */
export function formatSignedCount(count: number, lang: Lang): string {
  const text = formatCount(Math.abs(count), lang);
  if (count < 0) return `−${text}`;
  return count > 0 ? `+${text}` : text;
}

/**
 * A programme's name: the server's own (Chinese) wording in Chinese, the translation in English;
 * an unknown programme shows the server's name, or its code.
 */
export function programmeName(i18n: I18n, programme: ProgrammeId, serverName?: string | null): string {
  if (i18n.lang === 'zh-CN' && serverName) return serverName;
  return i18n.tx(`benefits.programme.${programme}`, serverName || programme);
}
