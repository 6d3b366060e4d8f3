import dayjs, { type Dayjs } from 'dayjs';
import type { Aggregation, BulletinKind, CellState, ReportStatus, ReportSummary } from '../../api/coordinationTypes.ts';
import type { Lang } from '../../api/types.ts';
import { noImplicitSubmit } from '../benefits/applications/workflowFormat.ts';
import { businessToday } from '../registry/registryFormat.ts';
import { enumTable } from '../../components/enumTable.ts';

/** Enter in a modal form's input (a typed date) does not send the form; the modal's button does. */
export { businessToday, noImplicitSubmit };

export const MONTH_FORMAT = 'YYYY-MM';
export const REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'submitted', 'returned', 'accepted'];
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};

/** What a row of the report list is: the report's status, or nothing filed (late or not yet). */
export type RowState = ReportStatus | 'missing' | 'unfiled';

export function rowState(row: Pick<ReportSummary, 'status' | 'late'>): RowState {
  if (row.status) return row.status;
  return row.late ? 'missing' : 'unfiled';
}

/** The report's status; a department-month with nothing filed reads 未报送 once due, 未填报 before. */
export const ROW_STATE_TAGS = enumTable<RowState>('coord.status', { ...REPORT_STATUS_COLORS, missing: 'red', unfiled: 'default' }, { dataAttr: 'status' });

/** 按时 / 逾期, or a dash while it is neither yet. */
export const TIMELINESS_TAGS = enumTable<'late' | 'onTime'>('coord.timeliness', { late: 'red', onTime: 'green' }, { dashWhenEmpty: true });

export function timeliness(report: Pick<ReportSummary, 'onTime' | 'late'>): 'late' | 'onTime' | null {
  if (report.late) return 'late';
  return report.onTime ? 'onTime' : null;
}

/** Cells of the completeness grid, in the order of the legend. */
export const CELL_STATES: readonly CellState[] = ['accepted', 'submitted', 'returned', 'draft', 'missing', 'not_due', 'inactive'];

export function currentYear(): number {
  return Number(businessToday().slice(0, 4));
}

/** This year back to 2010 (the campaign's first year of reporting). */
export function reportYears(): number[] {
  const years: number[] = [];
  for (let year = currentYear(); year >= 2010; year--) years.push(year);
  return years;
}

export const monthOf = (value: Dayjs) => value.format(MONTH_FORMAT);
export const monthDay = (period: string) => dayjs(`${period}-01`, 'YYYY-MM-DD');

/** 2011-10 → 2011年10月 / Oct 2011. */
export function periodLabel(period: string, lang: Lang): string {
  const [year, month] = period.split('-').map(Number);
  if (!year || !month) return period;
  if (lang === 'zh-CN') return `${year}年${month}月`;
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A bulletin's period from the picker: 2011-10, 2011-Q4 or 2011. */
export function bulletinPeriod(kind: BulletinKind, value: Dayjs): string {
  if (kind === 'year') return String(value.year());
  if (kind === 'quarter') return `${value.year()}-Q${Math.floor(value.month() / 3) + 1}`;
  return value.format(MONTH_FORMAT);
}

/** A period that has not begun yet (the server refuses a bulletin for it). */
export function isFuturePeriod(kind: BulletinKind, value: Dayjs): boolean {
  const today = dayjs(businessToday(), 'YYYY-MM-DD');
  if (kind === 'year') return value.year() > today.year();
  if (kind === 'quarter')
    return value
      .startOf('month')
      .month(Math.floor(value.month() / 3) * 3)
      .isAfter(today, 'month');
  return value.isAfter(today, 'month');
}

export function formatNumber(value: number | null | undefined, lang: Lang, fractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: fractionDigits });
}

/** 0..1 → "87.5%". */
export function formatRate(rate: number, lang: Lang): string {
  return `${(rate * 100).toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 1 })}%`;
}

/** The year's figure after this month's value, as the indicator aggregates. */
export function withThisMonth(aggregation: Aggregation, before: number | undefined, value: number | null): number | null {
  if (value === null) return before ?? null;
  if (before === undefined) return value;
  if (aggregation === 'sum') return before + value;
  if (aggregation === 'max') return Math.max(before, value);
  return value;
}

/** 2011-11-05 → 2011年11月5日 / 5 November 2011, as a document prints its date. */
export function documentDate(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  if (lang === 'zh-CN') return `${year}年${month}月${day}日`;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
}

export const reportPath = (department: string, period: string) => `/coordination/reports/${encodeURIComponent(department)}/${encodeURIComponent(period)}`;
