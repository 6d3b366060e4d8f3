/**
 * The departments' monthly reports (月报): a liaison saves drafts and submits; the office returns
 * with a comment or accepts; an accepted report is locked (here and by a trigger). Every move is
 * kept in the report's history and in the audit log. The lists and completeness are in
 * reportLists.ts, the attachments in attachments.ts.
 */
import { judgeCell } from '../../core/coordination/completeness.ts';
import { aggregate, checkSubmission, checkValues, type RuleSpec, type ValueIssue } from '../../core/coordination/indicators.ts';
import { parsePeriod } from '../../core/coordination/periods.ts';
import { auditVerb, checkMove, editable } from '../../core/coordination/reports.ts';
import { AppError } from '../../core/errors.ts';
import { safeContentType } from '../../core/files/contentType.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow } from '../../core/clock.ts';
import { actorName, audit, readIndicators, readRules, readSettings, type Indicator } from './config.ts';
import {
  acceptedValuesBefore,
  addEvent,
  findReport,
  insertReport,
  markAccepted,
  markReturned,
  markSubmitted,
  replaceValues,
  reportAttachments,
  reportEvents,
  reportValues,
  updateTexts,
  type ReportRow,
} from './reportQueries.ts';
import { checkFiling, currentMonth, departmentOf, fact, filesFor, iso, manages, readableDepartments, summaryOf, type CoordActor } from './reportRows.ts';

export type { ReportStatus } from '../../core/coordination/states.ts';
export { addAttachment, deleteAttachment, MAX_ATTACHMENT_BYTES, readAttachment } from './attachments.ts';
export { completeness, listReports, monthsSoFar } from './reportLists.ts';
export { checkMonth, currentMonth, filesFor, iso, manages, readableDepartments, type CoordActor, type ReportSummary } from './reportRows.ts';

/** Per indicator, the year's accepted figures before `month`. */
async function yearToDate(tx: Queryable, department: string, month: string, indicators: readonly Indicator[]): Promise<Record<string, number>> {
  const rows = await acceptedValuesBefore(tx, department, month);
  const totals: Record<string, number> = {};
  for (const indicator of indicators) {
    const monthly = rows.filter((r) => r.indicator_code === indicator.code).map((r) => Number(r.value));
    totals[indicator.code] = aggregate(indicator.aggregation, monthly);
  }
  return totals;
}

/** A report's stored values, its history and its attachments as the form shows them. */
async function reportDetails(tx: Queryable, row: ReportRow | undefined, values: Record<string, number | null>) {
  if (!row) return { history: [], attachments: [] };
  for (const v of await reportValues(tx, row.id)) values[v.indicator_code] = Number(v.value);
  const history = (await reportEvents(tx, row.id)).map((e) => ({ action: e.action, comment: e.comment, actorName: e.actor_name, at: iso(e.at) as string }));
  const attachments = (await reportAttachments(tx, row.id)).map((f) => ({
    id: f.id,
    fileName: f.file_name,
    contentType: safeContentType(f.content_type),
    size: f.size,
    uploadedBy: f.uploaded_by,
    uploadedAt: iso(f.uploaded_at) as string,
  }));
  return { history, attachments };
}

/** The report form of a department-month, as the caller may see and act on it. */
export async function getReport(tx: Queryable, actor: CoordActor, departmentCode: string, month: string) {
  if (parsePeriod(month)?.kind !== 'month') throw new AppError('period_invalid');
  const readable = readableDepartments(actor);
  if (readable !== null && !readable.includes(departmentCode)) throw new AppError('not_found');
  const department = await departmentOf(tx, departmentCode);
  const settings = await readSettings(tx);
  const row = await findReport(tx, departmentCode, month);
  const cell = judgeCell(department, month, row ? fact(row) : undefined, settings.dueDay, businessNow().getTime());
  const indicators = await readIndicators(tx, { department: departmentCode, activeOnly: true });
  const rules = await readRules(tx, new Set(indicators.map((i) => i.code)));
  const values: Record<string, number | null> = Object.fromEntries(indicators.map((i) => [i.code, null]));
  const { history, attachments } = await reportDetails(tx, row, values);
  const status = row?.status ?? null;
  return {
    ...summaryOf(department, month, row, cell),
    progress: row?.progress ?? '',
    work: row?.work ?? '',
    effect: row?.effect ?? '',
    problems: row?.problems ?? '',
    values,
    indicators: indicators.map(({ code, name, unit, aggregation, integer, min, max, departments, active: on, sortOrder }) => ({
      code,
      name,
      unit,
      aggregation,
      integer,
      min,
      max,
      departments,
      active: on,
      sortOrder,
    })),
    rules,
    yearToDate: await yearToDate(tx, departmentCode, month, indicators),
    attachments,
    history,
    editable: editable({ active: cell.state !== 'inactive', month, currentMonth: currentMonth(), files: filesFor(actor, departmentCode), status }),
    reviewable: manages(actor) && status === 'submitted',
    returnComment: status === 'returned' ? (row?.return_comment ?? null) : null,
  };
}
export type Report = Awaited<ReturnType<typeof getReport>>;

function invalid(code: 'value_invalid' | 'report_invalid', issues: ValueIssue[]): AppError {
  return new AppError(code, {
    zh: issues.map((i) => i.message).join('\uff1b'),
    en: issues.map((i) => i.messageEn).join('; '),
    details: issues.map((i) => ({ indicator: i.indicator, code: i.code, message: i.message, messageEn: i.messageEn })),
  });
}

/** Saves a draft (creating the report on first save); values may be incomplete but must be valid. */
export async function saveDraft(
  tx: Queryable,
  actor: CoordActor,
  departmentCode: string,
  month: string,
  input: { version: number | null; progress: string; work: string; effect: string; problems: string; values: Record<string, unknown> },
): Promise<Report> {
  await checkFiling(tx, actor, departmentCode, month);
  const indicators = await readIndicators(tx, { department: departmentCode, activeOnly: true });
  const issues = checkValues(indicators, input.values);
  if (issues.length > 0) throw invalid('value_invalid', issues);
  let row = await findReport(tx, departmentCode, month);
  checkMove(row?.status ?? null, [null, 'draft', 'returned']);
  if (!row) {
    if (input.version !== null && input.version !== 0) throw new AppError('stale_version');
    if (!(await insertReport(tx, actor, departmentCode, month, input))) throw new AppError('stale_version');
    row = (await findReport(tx, departmentCode, month)) as ReportRow;
  } else {
    if (input.version !== row.version) throw new AppError('stale_version');
    await updateTexts(tx, actor, row.id, input);
  }
  const report = { id: row.id, department: departmentCode };
  await replaceValues(tx, actor, report, input.values);
  await addEvent(tx, actor, report, { action: 'saved', actorName: await actorName(tx, actor) });
  await audit(tx, actor, 'coord.report_save', 'coord_report', row.id, { detail: { department: departmentCode, period: month, values: input.values } });
  return getReport(tx, actor, departmentCode, month);
}

async function recordMove(
  tx: Queryable,
  actor: CoordActor,
  row: ReportRow,
  action: 'submitted' | 'resubmitted' | 'returned' | 'accepted',
  comment: string | null,
) {
  await addEvent(tx, actor, { id: row.id, department: row.department_code }, { action, comment, actorName: await actorName(tx, actor) });
  await audit(tx, actor, `coord.report_${auditVerb(action)}`, 'coord_report', row.id, {
    before: { status: row.status },
    detail: { department: row.department_code, period: row.period, comment },
  });
}

/** Submits (or resubmits after a return): every indicator filled, rules pass, narrative written. */
export async function submitReport(tx: Queryable, actor: CoordActor, departmentCode: string, month: string, version: number): Promise<Report> {
  await checkFiling(tx, actor, departmentCode, month);
  const row = await findReport(tx, departmentCode, month);
  checkMove(row?.status ?? null, ['draft', 'returned']);
  const report = row as ReportRow;
  if (report.version !== version) throw new AppError('stale_version');
  const indicators = await readIndicators(tx, { department: departmentCode, activeOnly: true });
  const rules: RuleSpec[] = await readRules(tx, new Set(indicators.map((i) => i.code)));
  const values: Record<string, number | null> = Object.fromEntries(indicators.map((i) => [i.code, null]));
  for (const v of await reportValues(tx, report.id)) if (v.indicator_code in values) values[v.indicator_code] = Number(v.value);
  const issues = checkSubmission({ indicators, rules, values, texts: { progress: report.progress, work: report.work, effect: report.effect } });
  if (issues.length > 0) throw invalid('report_invalid', issues);
  await markSubmitted(tx, actor, report.id, businessNow());
  await recordMove(tx, actor, report, report.status === 'returned' ? 'resubmitted' : 'submitted', null);
  return getReport(tx, actor, departmentCode, month);
}

/** The office returns a submitted report for correction (with a comment) or accepts it. */
export async function reviewReport(
  tx: Queryable,
  actor: CoordActor,
  departmentCode: string,
  month: string,
  decision: { action: 'return' | 'accept'; version: number; comment?: string | null },
): Promise<Report> {
  if (!manages(actor)) throw new AppError('forbidden');
  if (parsePeriod(month)?.kind !== 'month') throw new AppError('period_invalid');
  const row = await findReport(tx, departmentCode, month);
  if (!row) throw new AppError('not_found');
  checkMove(row.status, ['submitted']);
  if (row.version !== decision.version) throw new AppError('stale_version');
  const comment = decision.comment?.trim() || null;
  if (decision.action === 'return') {
    if (comment === null) throw new AppError('validation_failed', { zh: '退回时须写明修改意见', en: 'Say what to correct when returning a report' });
    await markReturned(tx, actor, row.id, comment);
    await recordMove(tx, actor, row, 'returned', comment);
  } else {
    await markAccepted(tx, actor, row.id, businessNow());
    await recordMove(tx, actor, row, 'accepted', comment);
  }
  return getReport(tx, actor, departmentCode, month);
}
