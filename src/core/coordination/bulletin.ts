/**
 * What a bulletin (通报) says about a period, computed from the departments' reports: reporting
 * completeness and timeliness, who was late or returned, each department's highlights, indicator
 * totals for the period and the year to date (accepted reports only), and the problems raised.
 */
import { computeCompleteness, type DepartmentSpan, type Rate, type ReportStatus } from './completeness.ts';
import { aggregate, type Aggregation } from './indicators.ts';
import type { Period } from './periods.ts';

export interface BulletinDepartment extends DepartmentSpan {
  name: string;
  shortName: string;
}

export interface BulletinReport {
  department: string;
  period: string;
  status: ReportStatus;
  firstSubmittedAt: string | null;
  effect: string;
  problems: string;
  returnComment: string | null;
  values: Readonly<Record<string, number>>;
}

export interface BulletinIndicator {
  code: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  departments: readonly string[];
}

export interface DepartmentRef {
  code: string;
  name: string;
  shortName: string;
}

export interface BulletinContent {
  months: string[];
  completeness: Rate & { rows: (Rate & { department: DepartmentRef })[] };
  late: { department: string; departmentName: string; period: string; dueOn: string; submittedAt: string | null }[];
  returned: { department: string; departmentName: string; period: string; comment: string | null }[];
  highlights: { department: string; departmentName: string; text: string }[];
  indicators: { code: string; name: string; unit: string; aggregation: Aggregation; departments: string[]; period: number; yearToDate: number }[];
  problems: { department: string; departmentName: string; period: string; text: string }[];
}

const HIGHLIGHT_LIMIT = 300;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const monthNumber = (month: string): number => Number(month.slice(5, 7));

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** True when at least one report of the period has been accepted: a bulletin needs data. */
export function hasAcceptedData(period: Period, reports: readonly BulletinReport[]): boolean {
  const months = new Set(period.months);
  return reports.some((r) => r.status === 'accepted' && months.has(r.period));
}

/**
 * A comment quoted in brackets inside a bulletin's sentence drops its own closing stop:
 * （10月，……重新报送）。 — applied when the bulletin is assembled, and again where a bulletin stored
 * before that rule is shown or printed.
 */
export const inParentheses = (comment: string): string => comment.trim().replace(/[。．.！!；;，,\s]+$/u, '');

/** Each department's highlights: the effects of its accepted reports of the period (month by month beyond a single month). */
function departmentHighlights(period: Period, departments: readonly BulletinDepartment[], accepted: readonly BulletinReport[]): BulletinContent['highlights'] {
  const highlights: BulletinContent['highlights'] = [];
  for (const d of departments) {
    const own = accepted.filter((r) => r.department === d.code && r.effect.trim() !== '');
    if (own.length === 0) continue;
    const text =
      own.length === 1 && period.kind === 'month'
        ? (own[0] as BulletinReport).effect.trim()
        : own.map((r) => `${monthNumber(r.period)}月：${r.effect.trim()}`).join('；');
    highlights.push({ department: d.code, departmentName: d.name, text: clip(text, period.kind === 'month' ? HIGHLIGHT_LIMIT * 2 : HIGHLIGHT_LIMIT) });
  }
  return highlights;
}

/** Indicator totals for the period and the year to date, from the accepted reports of the year up to the period's last month. */
function indicatorTotals(
  indicators: readonly BulletinIndicator[],
  acceptedOfYear: readonly BulletinReport[],
  inPeriod: ReadonlySet<string>,
  byCode: ReadonlyMap<string, BulletinDepartment>,
): BulletinContent['indicators'] {
  return indicators.map((indicator) => {
    const monthly = (filter: (r: BulletinReport) => boolean): number[] => {
      // One figure per month: the sum over the departments reporting it that month.
      const perMonth = new Map<string, number>();
      for (const r of acceptedOfYear) {
        const value = r.values[indicator.code];
        if (value === undefined || !filter(r)) continue;
        perMonth.set(r.period, (perMonth.get(r.period) ?? 0) + value);
      }
      return [...perMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
    };
    return {
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      aggregation: indicator.aggregation,
      departments: indicator.departments.map((code) => byCode.get(code)?.shortName ?? code),
      period: round2(
        aggregate(
          indicator.aggregation,
          monthly((r) => inPeriod.has(r.period)),
        ),
      ),
      yearToDate: round2(
        aggregate(
          indicator.aggregation,
          monthly(() => true),
        ),
      ),
    };
  });
}

/**
 * Assembles the bulletin's content. `reports` must hold every report of the period's year up to the
 * period's last month (for the year-to-date totals); `asOf` is when completeness is judged.
 */
export function assembleBulletin(input: {
  period: Period;
  departments: readonly BulletinDepartment[];
  reports: readonly BulletinReport[];
  indicators: readonly BulletinIndicator[];
  dueDay: number;
  asOf: number;
}): BulletinContent {
  const { period, departments } = input;
  const months = period.months;
  const inPeriod = new Set(months);
  const lastMonth = months[months.length - 1] as string;
  const yearFirst = `${period.year}-01`;
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const nameOf = (code: string): string => byCode.get(code)?.name ?? code;
  const ref = (d: BulletinDepartment): DepartmentRef => ({ code: d.code, name: d.name, shortName: d.shortName });

  const result = computeCompleteness({
    departments,
    months,
    reports: input.reports.filter((r) => inPeriod.has(r.period)),
    dueDay: input.dueDay,
    asOf: input.asOf,
  });
  const rows = result.rows
    .filter((row) => row.cells.some((c) => c.state !== 'inactive'))
    .map(({ department, cells: _cells, ...rates }) => ({ department: ref(byCode.get(department) as BulletinDepartment), ...rates }));
  const late = result.rows.flatMap((row) =>
    row.cells
      .filter((c) => c.late)
      .map((c) => ({ department: row.department, departmentName: nameOf(row.department), period: c.period, dueOn: c.dueOn, submittedAt: c.submittedAt })),
  );

  const ordered = [...input.reports].sort(
    (a, b) =>
      (byCode.has(a.department) ? departments.indexOf(byCode.get(a.department) as BulletinDepartment) : 0) -
        (byCode.has(b.department) ? departments.indexOf(byCode.get(b.department) as BulletinDepartment) : 0) || a.period.localeCompare(b.period),
  );
  const periodReports = ordered.filter((r) => inPeriod.has(r.period));
  const accepted = periodReports.filter((r) => r.status === 'accepted');

  const returned = periodReports
    .filter((r) => r.status === 'returned')
    .map((r) => ({
      department: r.department,
      departmentName: nameOf(r.department),
      period: r.period,
      comment: r.returnComment === null ? null : inParentheses(r.returnComment),
    }));

  const highlights = departmentHighlights(period, departments, accepted);

  const acceptedOfYear = ordered.filter((r) => r.status === 'accepted' && r.period >= yearFirst && r.period <= lastMonth);
  const indicators = indicatorTotals(input.indicators, acceptedOfYear, inPeriod, byCode);

  const problems = accepted
    .filter((r) => r.problems.trim() !== '')
    .map((r) => ({ department: r.department, departmentName: nameOf(r.department), period: r.period, text: r.problems.trim() }));

  return {
    months,
    completeness: { ...result.overall, rows },
    late,
    returned,
    highlights,
    indicators,
    problems,
  };
}

/** The default wording of a new bulletin for the period, in the office's usual phrasing. */
export function bulletinWording(period: Period): { title: string; intro: string; closing: string } {
  return {
    title: `关于${period.label}创建幸福家庭活动工作进展情况的通报`,
    intro: `各成员单位：\n根据《武清区创建幸福家庭活动实施方案及职责分工》和信息联络制度的要求，现将${period.label}各成员单位创建幸福家庭活动工作进展情况通报如下。`,
    closing:
      '请各成员单位对照职责分工，认真总结经验，查找不足，按时报送月度工作进展情况；对本期通报中指出的问题，请于下次例会前提出整改措施并报领导小组办公室。',
  };
}

/** 武清幸福家庭办〔2011〕12号 */
export function bulletinNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`;
}
