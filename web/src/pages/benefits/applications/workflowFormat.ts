import dayjs, { type Dayjs } from 'dayjs';
import type { Programme } from '../../../api/benefits.ts';
import type { Application, ApplicationState, Category, LineKind, NoticePeriod, RollState } from '../../../api/benefitsWorkflow.ts';
import type { Lang } from '../../../api/types.ts';
import type { I18n } from '../../../i18n/index.ts';
import { businessToday } from '../../registry/registryFormat.ts';
import { programmeName } from '../benefitsFormat.ts';
import { enumTable } from '../../../components/enumTable.ts';

export { businessToday, programmeName };

export const DATE_FORMAT = 'YYYY-MM-DD';
export const MONTH_FORMAT = 'YYYY-MM';

export const APPLICATION_STATES: readonly ApplicationState[] = ['applied', 'village_notice', 'township_notice', 'approved', 'rejected', 'withdrawn'];
export const ROLL_STATES: readonly RollState[] = ['draft', 'checked', 'approved', 'exported', 'paid'];
export const LINE_KINDS: readonly LineKind[] = ['regular', 'arrears', 'adjustment'];

export const APPLICATION_STATE_TAGS = enumTable<ApplicationState>(
  'wf.state',
  {
    applied: 'blue',
    village_notice: 'orange',
    township_notice: 'gold',
    approved: 'green',
    rejected: 'red',
    withdrawn: 'default',
  },
  { testId: 'application-state', dataAttr: 'state' },
);

export const ROLL_STATE_TAGS = enumTable<RollState>(
  'wf.rollState',
  {
    draft: 'default',
    checked: 'blue',
    approved: 'gold',
    exported: 'purple',
    paid: 'green',
  },
  { testId: 'roll-state', dataAttr: 'state' },
);

export const LINE_KIND_TAGS = enumTable<LineKind>('wf.kind', { regular: 'default', arrears: 'blue', adjustment: 'orange' });

/**
 * The confirmation year the office works on: this year, and from October next year's (年度资格确认:
 * applications for next year are entered in the autumn).
 */
export function currentYear(): number {
  const [year = 0, month = 1] = businessToday().split('-').map(Number);
  return month >= 10 ? year + 1 : year;
}

/** Next year down to 2009. */
export function applicationYears(): number[] {
  const years: number[] = [];
  for (let year = Number(businessToday().slice(0, 4)) + 1; year >= 2009; year--) years.push(year);
  return years;
}

export function todayDay(): Dayjs {
  return dayjs(businessToday(), DATE_FORMAT);
}

/** The first day of next month, China time. */
export function nextMonth(): Dayjs {
  return todayDay().add(1, 'month').startOf('month');
}

export function thisMonth(): Dayjs {
  return todayDay().startOf('month');
}

export const toDate = (value: Dayjs) => value.format(DATE_FORMAT);
export const toMonth = (value: Dayjs) => value.format(MONTH_FORMAT);

/** Yuan with two decimals: amounts on rolls are exact to the fen. */
export function formatMoney(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

export function formatCount(count: number, lang: Lang): string {
  return new Intl.NumberFormat(lang).format(count);
}

export function programmeOptions(i18n: I18n, programmes: Programme[] | undefined) {
  return (programmes ?? []).map((p) => ({ value: p.id, label: programmeName(i18n, p.id, p.name) }));
}

export function categoryLabel(i18n: Pick<I18n, 'tx'>, category: Category | null | undefined): string {
  return category ? i18n.tx(`wf.category.${category}`, category) : '';
}

export function fundingName(i18n: Pick<I18n, 'tx'>, fundedBy: string): string {
  return i18n.tx(`benefits.funding.${fundedBy}`, fundedBy);
}

/** The notice period the application is in now, or its latest one. */
export function currentNotice(app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'>): {
  stage: 'village' | 'township';
  notice: NoticePeriod;
} | null {
  if (app.state === 'village_notice' && app.villageNotice) return { stage: 'village', notice: app.villageNotice };
  if (app.state === 'township_notice' && app.townshipNotice) return { stage: 'township', notice: app.townshipNotice };
  if (app.townshipNotice) return { stage: 'township', notice: app.townshipNotice };
  if (app.villageNotice) return { stage: 'village', notice: app.villageNotice };
  return null;
}

/** The application is in a notice and today is within it (the notice is up). */
export function noticeRunning(app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'>, today = businessToday()): boolean {
  const notice = noticeOf(app);
  return notice !== null && notice.from <= today && today <= notice.until;
}

/**
 * The stage in progress along 申请 → 村 → 乡镇 → 区 (1‥3; 4 once approved), and whether the
 * application was closed there (a closed one stops at the stage after its last notice).
 */
export function stageOf(app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'>): { current: number; closed: boolean } {
  switch (app.state) {
    case 'applied':
      return { current: 1, closed: false };
    case 'village_notice':
      return { current: 2, closed: false };
    case 'township_notice':
      return { current: 3, closed: false };
    case 'approved':
      return { current: 4, closed: false };
    default:
      return { current: app.townshipNotice ? 3 : app.villageNotice ? 2 : 1, closed: true };
  }
}

/** A parameter row of the confirmation rules (GET /api/benefits/programmes answers them as `confirmation`). */
export interface ConfirmationRow {
  name: string;
  value: unknown;
  effectiveFrom: string;
}

/** Days a notice of the level stays posted, by the rules in force on `date`; 7 when they are not (yet) known. */
const DEFAULT_NOTICE_DAYS = 7;
export function noticeDays(rows: readonly ConfirmationRow[] | undefined, level: 'village' | 'township', date: string): number {
  const name = `${level}NoticeDays`;
  const row = (rows ?? [])
    .filter((r) => r.name === name && r.effectiveFrom <= date)
    .sort((x, y) => x.effectiveFrom.localeCompare(y.effectiveFrom))
    .at(-1);
  const days = Number(row?.value);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_NOTICE_DAYS;
}

/**
 * The state as it reads today: a notice that has ended leaves the application waiting for the next
 * step's review (待乡镇审核, 待区审批), not "in notice".
 */
export function currentStateKey(app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'>, today = businessToday()): string {
  const notice = noticeOf(app);
  if (notice !== null && today > notice.until) return `wf.state.${app.state}_ended`;
  return `wf.state.${app.state}`;
}

/** The running notice of the application, when it is in one. */
export function noticeOf(app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'>): NoticePeriod | null {
  if (app.state === 'village_notice') return app.villageNotice;
  if (app.state === 'township_notice') return app.townshipNotice;
  return null;
}

/** Objections may be recorded once the notice is up, with the day they were received within it. */
export function mayRecordObjection(app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'>, today = businessToday()): boolean {
  const notice = noticeOf(app);
  return notice !== null && notice.from <= today;
}

export interface FailedCondition {
  label: string;
  detail?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The failed conditions a 422 not_eligible carries in its details (a list, or { conditions: [...] }). */
export function failedConditions(details: unknown): FailedCondition[] {
  const list = Array.isArray(details)
    ? details
    : isRecord(details)
      ? (['conditions', 'failed', 'failedConditions'].map((key) => details[key]).find(Array.isArray) ?? [])
      : [];
  return list.flatMap((item: unknown): FailedCondition[] => {
    if (typeof item === 'string') return [{ label: item }];
    if (!isRecord(item)) return [];
    if (item.met === true) return [];
    const label = typeof item.label === 'string' ? item.label : typeof item.id === 'string' ? item.id : '';
    const detail = typeof item.detail === 'string' && item.detail ? item.detail : undefined;
    return label ? [{ label, ...(detail ? { detail } : {}) }] : [];
  });
}

/**
 * For a modal's form: Enter in an input (e.g. confirming a typed date) must not send the form by
 * itself; the modal's button does. A form with a single input would otherwise submit on Enter.
 */
export function noImplicitSubmit(event: { key: string; target: unknown; preventDefault: () => void }): void {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}
