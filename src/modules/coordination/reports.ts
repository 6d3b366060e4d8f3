/**
 * The departments' monthly reports (月报): a liaison saves drafts and submits; the office returns
 * with a comment or accepts; an accepted report is locked (here and by a trigger). Every move is
 * kept in the report's history and in the audit log. Completeness and timeliness are judged by the
 * domain core from the reports' first submissions.
 */
import { computeCompleteness, judgeCell, type Cell, type ReportFact } from '../../core/coordination/completeness.ts';
import { aggregate, checkSubmission, checkValues, type RuleSpec, type ValueIssue } from '../../core/coordination/indicators.ts';
import { monthsOfYear, parsePeriod } from '../../core/coordination/periods.ts';
import type { ReportAction, ReportStatus } from '../../core/coordination/states.ts';
import { AppError } from '../../core/errors.ts';
import { safeContentType } from '../../core/files/contentType.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow, thisMonth } from '../../core/clock.ts';
import { actorName, audit, readDepartments, readIndicators, readRules, readSettings, type DepartmentRow, type Indicator } from './config.ts';

export type CoordActor = Actor & { permissions: readonly string[] };
export type { ReportStatus } from '../../core/coordination/states.ts';

export const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
export const currentMonth = thisMonth;
const monthDate = (month: string): string => `${month}-01`;

export const manages = (actor: CoordActor): boolean => actor.permissions.includes('coord.manage');
export const filesFor = (actor: Actor, department: string): boolean => (actor.reach['coord.report']?.departments ?? []).includes(department);
/** The departments whose reports the actor may read: null for every department. */
export function readableDepartments(actor: Actor): string[] | null {
  const reach = actor.reach['coord.read'];
  if (!reach) return [];
  return reach.all ? null : reach.departments;
}

/** A month's code checked: well formed, and not in the future. */
export function checkMonth(month: string): string {
  if (parsePeriod(month)?.kind !== 'month') throw new AppError('period_invalid');
  if (month > currentMonth()) throw new AppError('period_future');
  return month;
}

interface ReportRow {
  id: string;
  department_code: string;
  period: string;
  status: ReportStatus;
  progress: string;
  work: string;
  effect: string;
  problems: string;
  first_submitted_at: Date | null;
  accepted_at: Date | null;
  return_comment: string | null;
  version: number;
}

const REPORT_COLUMNS = `id, department_code, to_char(period, 'YYYY-MM') AS period, status, progress, work, effect, problems,
  first_submitted_at, accepted_at, return_comment, version`;

async function findReport(tx: Queryable, department: string, month: string): Promise<ReportRow | undefined> {
  const { rows } = await tx.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM coord_report WHERE department_code = $1 AND period = $2`, [department, monthDate(month)]);
  return rows[0];
}

async function departmentOf(tx: Queryable, code: string): Promise<DepartmentRow> {
  const department = (await readDepartments(tx)).find((d) => d.code === code);
  if (!department) throw new AppError('not_found', { zh: `没有成员单位 ${code}`, en: `No department ${code}` });
  return department;
}

const fact = (row: ReportRow): ReportFact => ({
  department: row.department_code, period: row.period, status: row.status, firstSubmittedAt: iso(row.first_submitted_at),
});

function summaryOf(department: DepartmentRow, month: string, row: ReportRow | undefined, cell: Cell) {
  return {
    id: row?.id ?? null,
    department: department.code,
    departmentName: department.name,
    period: month,
    status: row?.status ?? null,
    dueOn: cell.dueOn,
    submittedAt: cell.submittedAt,
    acceptedAt: iso(row?.accepted_at ?? null),
    onTime: cell.received ? cell.onTime : cell.late ? false : null,
    late: cell.late,
    version: row?.version ?? 0,
  };
}
export type ReportSummary = ReturnType<typeof summaryOf>;

/** Per indicator, the year's accepted figures before `month`. */
async function yearToDate(tx: Queryable, department: string, month: string, indicators: readonly Indicator[]): Promise<Record<string, number>> {
  const { rows } = await tx.query<{ indicator_code: string; period: string; value: string }>(
    `SELECT v.indicator_code, to_char(r.period, 'YYYY-MM') AS period, v.value::text
       FROM coord_report r JOIN coord_report_value v ON v.district_code = r.district_code AND v.report_id = r.id
      WHERE r.department_code = $1 AND r.status = 'accepted' AND r.period >= $2 AND r.period < $3
      ORDER BY r.period`,
    [department, `${month.slice(0, 4)}-01-01`, monthDate(month)],
  );
  const totals: Record<string, number> = {};
  for (const indicator of indicators) {
    const monthly = rows.filter((r) => r.indicator_code === indicator.code).map((r) => Number(r.value));
    totals[indicator.code] = aggregate(indicator.aggregation, monthly);
  }
  return totals;
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
  let history: { action: ReportAction; comment: string | null; actorName: string; at: string }[] = [];
  let attachments: { id: string; fileName: string; contentType: string; size: number; uploadedBy: string; uploadedAt: string }[] = [];
  if (row) {
    const stored = await tx.query<{ indicator_code: string; value: string }>('SELECT indicator_code, value::text FROM coord_report_value WHERE report_id = $1', [row.id]);
    for (const v of stored.rows) values[v.indicator_code] = Number(v.value);
    const events = await tx.query<{ action: ReportAction; comment: string | null; actor_name: string; at: Date }>(
      'SELECT action, comment, actor_name, at FROM coord_report_event WHERE report_id = $1 ORDER BY id', [row.id],
    );
    history = events.rows.map((e) => ({ action: e.action, comment: e.comment, actorName: e.actor_name, at: iso(e.at) as string }));
    const files = await tx.query<{ id: string; file_name: string; content_type: string; size: number; uploaded_by: string; uploaded_at: Date }>(
      'SELECT id, file_name, content_type, size, uploaded_by, uploaded_at FROM coord_attachment WHERE report_id = $1 ORDER BY uploaded_at', [row.id],
    );
    attachments = files.rows.map((f) => ({ id: f.id, fileName: f.file_name, contentType: safeContentType(f.content_type), size: f.size, uploadedBy: f.uploaded_by, uploadedAt: iso(f.uploaded_at) as string }));
  }
  const status = row?.status ?? null;
  const active = cell.state !== 'inactive';
  return {
    ...summaryOf(department, month, row, cell),
    progress: row?.progress ?? '',
    work: row?.work ?? '',
    effect: row?.effect ?? '',
    problems: row?.problems ?? '',
    values,
    indicators: indicators.map(({ code, name, unit, aggregation, integer, min, max, departments, active: on, sortOrder }) => ({ code, name, unit, aggregation, integer, min, max, departments, active: on, sortOrder })),
    rules,
    yearToDate: await yearToDate(tx, departmentCode, month, indicators),
    attachments,
    history,
    editable: active && month <= currentMonth() && filesFor(actor, departmentCode) && (status === null || status === 'draft' || status === 'returned'),
    reviewable: manages(actor) && status === 'submitted',
    returnComment: status === 'returned' ? row?.return_comment ?? null : null,
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

/** Checks that the caller may file this department-month, and that the department was a member then. */
async function checkFiling(tx: Queryable, actor: CoordActor, departmentCode: string, month: string): Promise<DepartmentRow> {
  checkMonth(month);
  if (!filesFor(actor, departmentCode)) throw new AppError('forbidden', { zh: '只能填报本单位的月报', en: "You file your own department's reports only" });
  const department = await departmentOf(tx, departmentCode);
  const settings = await readSettings(tx);
  if (judgeCell(department, month, undefined, settings.dueDay, businessNow().getTime()).state === 'inactive') throw new AppError('department_inactive');
  return department;
}

function lockedOr(row: ReportRow | undefined, allowed: readonly (ReportStatus | null)[]): void {
  const status = row?.status ?? null;
  if (status === 'accepted') throw new AppError('report_locked');
  if (!allowed.includes(status)) throw new AppError('invalid_transition');
}

/** Saves a draft (creating the report on first save); values may be incomplete but must be valid. */
export async function saveDraft(
  tx: Queryable, actor: CoordActor, departmentCode: string, month: string,
  input: { version: number | null; progress: string; work: string; effect: string; problems: string; values: Record<string, unknown> },
): Promise<Report> {
  await checkFiling(tx, actor, departmentCode, month);
  const indicators = await readIndicators(tx, { department: departmentCode, activeOnly: true });
  const issues = checkValues(indicators, input.values);
  if (issues.length > 0) throw invalid('value_invalid', issues);
  let row = await findReport(tx, departmentCode, month);
  lockedOr(row, [null, 'draft', 'returned']);
  if (!row) {
    if (input.version !== null && input.version !== 0) throw new AppError('stale_version');
    const created = await tx.query<{ id: string }>(
      `INSERT INTO coord_report (district_code, department_code, period, progress, work, effect, problems, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [actor.district, departmentCode, monthDate(month), input.progress, input.work, input.effect, input.problems, actor.username],
    );
    if (created.rows.length === 0) throw new AppError('stale_version');
    row = (await findReport(tx, departmentCode, month)) as ReportRow;
  } else {
    if (input.version !== row.version) throw new AppError('stale_version');
    await tx.query(
      `UPDATE coord_report SET progress = $2, work = $3, effect = $4, problems = $5, updated_by = $6, updated_at = now(), version = version + 1
        WHERE id = $1`,
      [row.id, input.progress, input.work, input.effect, input.problems, actor.username],
    );
  }
  await tx.query('DELETE FROM coord_report_value WHERE report_id = $1', [row.id]);
  for (const [code, value] of Object.entries(input.values)) {
    if (typeof value !== 'number') continue;
    await tx.query(
      'INSERT INTO coord_report_value (district_code, report_id, department_code, indicator_code, value) VALUES ($1, $2, $3, $4, $5)',
      [actor.district, row.id, departmentCode, code, value],
    );
  }
  await tx.query(
    'INSERT INTO coord_report_event (district_code, report_id, department_code, action, actor_name) VALUES ($1, $2, $3, $4, $5)',
    [actor.district, row.id, departmentCode, 'saved', await actorName(tx, actor)],
  );
  await audit(tx, actor, 'coord.report_save', 'coord_report', row.id, { detail: { department: departmentCode, period: month, values: input.values } });
  return getReport(tx, actor, departmentCode, month);
}

async function recordMove(tx: Queryable, actor: CoordActor, row: ReportRow, action: 'submitted' | 'resubmitted' | 'returned' | 'accepted', comment: string | null) {
  await tx.query(
    'INSERT INTO coord_report_event (district_code, report_id, department_code, action, comment, actor_name) VALUES ($1, $2, $3, $4, $5, $6)',
    [actor.district, row.id, row.department_code, action, comment, await actorName(tx, actor)],
  );
  const verb = action === 'resubmitted' ? 'submit' : action === 'submitted' ? 'submit' : action === 'returned' ? 'return' : 'accept';
  await audit(tx, actor, `coord.report_${verb}`, 'coord_report', row.id, {
    before: { status: row.status }, detail: { department: row.department_code, period: row.period, comment },
  });
}

/** Submits (or resubmits after a return): every indicator filled, rules pass, narrative written. */
export async function submitReport(tx: Queryable, actor: CoordActor, departmentCode: string, month: string, version: number): Promise<Report> {
  await checkFiling(tx, actor, departmentCode, month);
  const row = await findReport(tx, departmentCode, month);
  lockedOr(row, ['draft', 'returned']);
  const report = row as ReportRow;
  if (report.version !== version) throw new AppError('stale_version');
  const indicators = await readIndicators(tx, { department: departmentCode, activeOnly: true });
  const rules: RuleSpec[] = await readRules(tx, new Set(indicators.map((i) => i.code)));
  const stored = await tx.query<{ indicator_code: string; value: string }>('SELECT indicator_code, value::text FROM coord_report_value WHERE report_id = $1', [report.id]);
  const values: Record<string, number | null> = Object.fromEntries(indicators.map((i) => [i.code, null]));
  for (const v of stored.rows) if (v.indicator_code in values) values[v.indicator_code] = Number(v.value);
  const issues = checkSubmission({ indicators, rules, values, texts: { progress: report.progress, work: report.work, effect: report.effect } });
  if (issues.length > 0) throw invalid('report_invalid', issues);
  await tx.query(
    `UPDATE coord_report SET status = 'submitted', first_submitted_at = coalesce(first_submitted_at, $3), submitted_at = $3,
            return_comment = NULL, updated_by = $2, updated_at = now(), version = version + 1
      WHERE id = $1`,
    [report.id, actor.username, businessNow()],
  );
  await recordMove(tx, actor, report, report.status === 'returned' ? 'resubmitted' : 'submitted', null);
  return getReport(tx, actor, departmentCode, month);
}

/** The office returns a submitted report for correction (with a comment) or accepts it. */
export async function reviewReport(
  tx: Queryable, actor: CoordActor, departmentCode: string, month: string,
  decision: { action: 'return' | 'accept'; version: number; comment?: string | null },
): Promise<Report> {
  if (!manages(actor)) throw new AppError('forbidden');
  if (parsePeriod(month)?.kind !== 'month') throw new AppError('period_invalid');
  const row = await findReport(tx, departmentCode, month);
  if (!row) throw new AppError('not_found');
  lockedOr(row, ['submitted']);
  if (row.version !== decision.version) throw new AppError('stale_version');
  const comment = decision.comment?.trim() || null;
  if (decision.action === 'return') {
    if (comment === null) throw new AppError('validation_failed', { zh: '退回时须写明修改意见', en: 'Say what to correct when returning a report' });
    await tx.query(
      `UPDATE coord_report SET status = 'returned', return_comment = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
      [row.id, comment, actor.username],
    );
    await recordMove(tx, actor, row, 'returned', comment);
  } else {
    await tx.query(
      `UPDATE coord_report SET status = 'accepted', accepted_at = $3, accepted_by = $2, updated_by = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
      [row.id, actor.username, businessNow()],
    );
    await recordMove(tx, actor, row, 'accepted', comment);
  }
  return getReport(tx, actor, departmentCode, month);
}

// ---------------------------------------------------------------------------------------------
// Attachments

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function addAttachment(
  tx: Queryable, actor: CoordActor, departmentCode: string, month: string,
  file: { fileName: string; contentType: string; content: Buffer },
) {
  await checkFiling(tx, actor, departmentCode, month);
  if (file.content.length === 0) throw new AppError('validation_failed', { zh: '文件为空', en: 'The file is empty' });
  if (file.content.length > MAX_ATTACHMENT_BYTES) throw new AppError('body_too_large', { zh: '附件不能超过 10 MB', en: 'Attachments are limited to 10 MB' });
  let row = await findReport(tx, departmentCode, month);
  lockedOr(row, [null, 'draft', 'returned']);
  if (!row) {
    await tx.query(
      `INSERT INTO coord_report (district_code, department_code, period, created_by, updated_by) VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING`,
      [actor.district, departmentCode, monthDate(month), actor.username],
    );
    row = (await findReport(tx, departmentCode, month)) as ReportRow;
  }
  const fileName = file.fileName.replace(/[\\/]/g, '_').slice(0, 200) || 'attachment';
  const contentType = safeContentType(file.contentType);
  const { rows } = await tx.query<{ id: string; uploaded_at: Date }>(
    `INSERT INTO coord_attachment (district_code, report_id, department_code, file_name, content_type, size, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, uploaded_at`,
    [actor.district, row.id, departmentCode, fileName, contentType, file.content.length, file.content, await actorName(tx, actor)],
  );
  const created = rows[0] as { id: string; uploaded_at: Date };
  await audit(tx, actor, 'coord.attachment_add', 'coord_attachment', created.id, { detail: { report: row.id, fileName, size: file.content.length } });
  return { id: created.id, fileName, contentType, size: file.content.length, uploadedBy: await actorName(tx, actor), uploadedAt: iso(created.uploaded_at) as string };
}

/** An attachment as it is downloaded: its content type is a safe one, even for a file stored with the uploader's. */
export async function readAttachment(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ file_name: string; content_type: string; content: Uint8Array }>(
    'SELECT file_name, content_type, content FROM coord_attachment WHERE id = $1', [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found');
  return { fileName: row.file_name, contentType: safeContentType(row.content_type), content: Buffer.from(row.content) };
}

export async function deleteAttachment(tx: Queryable, actor: CoordActor, id: string): Promise<void> {
  const { rows } = await tx.query<{ department_code: string; status: ReportStatus; period: string }>(
    `SELECT a.department_code, r.status, to_char(r.period, 'YYYY-MM') AS period
       FROM coord_attachment a JOIN coord_report r ON r.district_code = a.district_code AND r.id = a.report_id WHERE a.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found');
  if (!filesFor(actor, row.department_code)) throw new AppError('forbidden');
  if (row.status === 'accepted') throw new AppError('report_locked');
  if (row.status === 'submitted') throw new AppError('invalid_transition');
  await tx.query('DELETE FROM coord_attachment WHERE id = $1', [id]);
  await audit(tx, actor, 'coord.attachment_delete', 'coord_attachment', id, { detail: { department: row.department_code, period: row.period } });
}

// ---------------------------------------------------------------------------------------------
// Lists and completeness

async function visibleDepartments(tx: Queryable, actor: CoordActor): Promise<DepartmentRow[]> {
  const readable = readableDepartments(actor);
  return (await readDepartments(tx)).filter((d) => readable === null || readable.includes(d.code));
}

/** The months of a year up to the current month (none for a future year). */
export function monthsSoFar(year: number): string[] {
  return monthsOfYear(year).filter((m) => m <= currentMonth());
}

/** The latest year up to this one that has reports (this year when there are none). */
async function latestReportYear(tx: Queryable): Promise<number> {
  const thisYear = Number(currentMonth().slice(0, 4));
  const { rows } = await tx.query<{ year: number | null }>(
    `SELECT max(extract(year FROM period))::int AS year FROM coord_report WHERE period <= $1`, [`${currentMonth()}-01`],
  );
  return rows[0]?.year ?? thisYear;
}

export async function completeness(tx: Queryable, actor: CoordActor, asked?: number) {
  const year = asked ?? (await latestReportYear(tx));
  const months = monthsSoFar(year);
  const departments = await visibleDepartments(tx, actor);
  const settings = await readSettings(tx);
  const facts: ReportFact[] = [];
  const ids = new Map<string, string>();
  if (months.length > 0) {
    const { rows } = await tx.query<{ id: string; department_code: string; period: string; status: ReportStatus; first_submitted_at: Date | null }>(
      `SELECT id, department_code, to_char(period, 'YYYY-MM') AS period, status, first_submitted_at FROM coord_report WHERE period >= $1 AND period <= $2`,
      [monthDate(months[0] as string), monthDate(months[months.length - 1] as string)],
    );
    for (const r of rows) {
      ids.set(`${r.department_code}|${r.period}`, r.id);
      facts.push({ department: r.department_code, period: r.period, status: r.status, firstSubmittedAt: iso(r.first_submitted_at) });
    }
  }
  const result = computeCompleteness({ departments, months, reports: facts, dueDay: settings.dueDay, asOf: businessNow().getTime() });
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const rows = result.rows.map((row) => {
    const d = byCode.get(row.department) as DepartmentRow;
    return {
      department: { code: d.code, name: d.name, shortName: d.shortName },
      expected: row.expected, received: row.received, onTime: row.onTime, completeness: row.completeness, timeliness: row.timeliness,
      cells: row.cells.map((c) => ({ period: c.period, state: c.state, late: c.late, reportId: ids.get(`${row.department}|${c.period}`) ?? null })),
    };
  });
  const late = result.rows.flatMap((row) =>
    row.cells.filter((c) => c.late).map((c) => ({
      department: row.department, departmentName: (byCode.get(row.department) as DepartmentRow).name, period: c.period, dueOn: c.dueOn, submittedAt: c.submittedAt,
    })));
  return { year, months, rows, overall: result.overall, late };
}

/** One row per department-month in the filter (missing ones too), newest first. */
export async function listReports(
  tx: Queryable, actor: CoordActor,
  filter: {
    year?: number | undefined; period?: string | undefined; department?: string | undefined; status?: ReportStatus | 'missing' | undefined;
    /** Consecutive months, oldest first (instead of a year or one period). */
    months?: readonly string[] | undefined;
  },
) {
  const months = filter.months ?? (filter.period ? [checkMonth(filter.period)] : monthsSoFar(filter.year ?? Number(currentMonth().slice(0, 4))));
  const departments = (await visibleDepartments(tx, actor)).filter((d) => filter.department === undefined || d.code === filter.department);
  if (months.length === 0) return { items: [] };
  const settings = await readSettings(tx);
  const { rows } = await tx.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM coord_report WHERE period >= $1 AND period <= $2`,
    [monthDate(months[0] as string), monthDate(months[months.length - 1] as string)],
  );
  const byKey = new Map(rows.map((r) => [`${r.department_code}|${r.period}`, r]));
  const now = businessNow().getTime();
  const items: ReportSummary[] = [];
  for (const month of [...months].reverse()) {
    for (const d of departments) {
      const row = byKey.get(`${d.code}|${month}`);
      const cell = judgeCell(d, month, row ? fact(row) : undefined, settings.dueDay, now);
      if (cell.state === 'inactive') continue;
      if (!row && cell.state === 'not_due' && filter.status !== undefined) continue;
      const status = row?.status ?? (cell.state === 'missing' ? 'missing' : null);
      if (filter.status !== undefined && status !== filter.status) continue;
      items.push(summaryOf(d, month, row, cell));
    }
  }
  return { items };
}

