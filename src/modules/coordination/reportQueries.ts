/**
 * The SQL of the monthly reports, their values, history and attachments: rows in, rows out.
 * Row-level security limits every statement to the actor's district and reach.
 */
import type { ReportAction, ReportStatus } from '../../core/coordination/states.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';

export interface ReportRow {
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

/** The first day of a month, as the reports' period column holds it. */
export const monthDate = (month: string): string => `${month}-01`;

export async function findReport(tx: Queryable, department: string, month: string): Promise<ReportRow | undefined> {
  const { rows } = await tx.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM coord_report WHERE department_code = $1 AND period = $2`, [
    department,
    monthDate(month),
  ]);
  return rows[0];
}

/** Every report of the months from `first` to `last`. */
export async function reportsBetween(tx: Queryable, first: string, last: string): Promise<ReportRow[]> {
  const { rows } = await tx.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM coord_report WHERE period >= $1 AND period <= $2`, [
    monthDate(first),
    monthDate(last),
  ]);
  return rows;
}

/** A department's accepted figures of a year before `month`, oldest first. */
export async function acceptedValuesBefore(tx: Queryable, department: string, month: string) {
  const { rows } = await tx.query<{ indicator_code: string; period: string; value: string }>(
    `SELECT v.indicator_code, to_char(r.period, 'YYYY-MM') AS period, v.value::text
       FROM coord_report r JOIN coord_report_value v ON v.district_code = r.district_code AND v.report_id = r.id
      WHERE r.department_code = $1 AND r.status = 'accepted' AND r.period >= $2 AND r.period < $3
      ORDER BY r.period`,
    [department, `${month.slice(0, 4)}-01-01`, monthDate(month)],
  );
  return rows;
}

export async function reportValues(tx: Queryable, reportId: string) {
  const { rows } = await tx.query<{ indicator_code: string; value: string }>(
    'SELECT indicator_code, value::text FROM coord_report_value WHERE report_id = $1',
    [reportId],
  );
  return rows;
}

export async function reportEvents(tx: Queryable, reportId: string) {
  const { rows } = await tx.query<{ action: ReportAction; comment: string | null; actor_name: string; at: Date }>(
    'SELECT action, comment, actor_name, at FROM coord_report_event WHERE report_id = $1 ORDER BY id',
    [reportId],
  );
  return rows;
}

export async function reportAttachments(tx: Queryable, reportId: string) {
  const { rows } = await tx.query<{ id: string; file_name: string; content_type: string; size: number; uploaded_by: string; uploaded_at: Date }>(
    'SELECT id, file_name, content_type, size, uploaded_by, uploaded_at FROM coord_attachment WHERE report_id = $1 ORDER BY uploaded_at',
    [reportId],
  );
  return rows;
}

type Texts = { progress: string; work: string; effect: string; problems: string };

/** Creates a department-month's report; false when another request created it first. */
export async function insertReport(tx: Queryable, actor: Actor, department: string, month: string, texts?: Texts): Promise<boolean> {
  if (!texts) {
    await tx.query(
      `INSERT INTO coord_report (district_code, department_code, period, created_by, updated_by) VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING`,
      [actor.district, department, monthDate(month), actor.username],
    );
    return true;
  }
  const created = await tx.query<{ id: string }>(
    `INSERT INTO coord_report (district_code, department_code, period, progress, work, effect, problems, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING RETURNING id`,
    [actor.district, department, monthDate(month), texts.progress, texts.work, texts.effect, texts.problems, actor.username],
  );
  return created.rows.length > 0;
}

export async function updateTexts(tx: Queryable, actor: Actor, reportId: string, texts: Texts): Promise<void> {
  await tx.query(
    `UPDATE coord_report SET progress = $2, work = $3, effect = $4, problems = $5, updated_by = $6, updated_at = now(), version = version + 1
      WHERE id = $1`,
    [reportId, texts.progress, texts.work, texts.effect, texts.problems, actor.username],
  );
}

/** Replaces a report's values with the numbers given (anything else is left out). */
export async function replaceValues(tx: Queryable, actor: Actor, report: { id: string; department: string }, values: Record<string, unknown>): Promise<void> {
  await tx.query('DELETE FROM coord_report_value WHERE report_id = $1', [report.id]);
  for (const [code, value] of Object.entries(values)) {
    if (typeof value !== 'number') continue;
    await tx.query('INSERT INTO coord_report_value (district_code, report_id, department_code, indicator_code, value) VALUES ($1, $2, $3, $4, $5)', [
      actor.district,
      report.id,
      report.department,
      code,
      value,
    ]);
  }
}

export async function addEvent(
  tx: Queryable,
  actor: Actor,
  report: { id: string; department: string },
  event: { action: ReportAction; comment?: string | null; actorName: string },
): Promise<void> {
  if (event.comment === undefined) {
    await tx.query('INSERT INTO coord_report_event (district_code, report_id, department_code, action, actor_name) VALUES ($1, $2, $3, $4, $5)', [
      actor.district,
      report.id,
      report.department,
      event.action,
      event.actorName,
    ]);
    return;
  }
  await tx.query('INSERT INTO coord_report_event (district_code, report_id, department_code, action, comment, actor_name) VALUES ($1, $2, $3, $4, $5, $6)', [
    actor.district,
    report.id,
    report.department,
    event.action,
    event.comment,
    event.actorName,
  ]);
}

export async function markSubmitted(tx: Queryable, actor: Actor, reportId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE coord_report SET status = 'submitted', first_submitted_at = coalesce(first_submitted_at, $3), submitted_at = $3,
            return_comment = NULL, updated_by = $2, updated_at = now(), version = version + 1
      WHERE id = $1`,
    [reportId, actor.username, at],
  );
}

export async function markReturned(tx: Queryable, actor: Actor, reportId: string, comment: string): Promise<void> {
  await tx.query(`UPDATE coord_report SET status = 'returned', return_comment = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [
    reportId,
    comment,
    actor.username,
  ]);
}

export async function markAccepted(tx: Queryable, actor: Actor, reportId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE coord_report SET status = 'accepted', accepted_at = $3, accepted_by = $2, updated_by = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
    [reportId, actor.username, at],
  );
}

/** The latest year up to `month` that has reports. */
export async function latestReportYear(tx: Queryable, month: string): Promise<number | null> {
  const { rows } = await tx.query<{ year: number | null }>(`SELECT max(extract(year FROM period))::int AS year FROM coord_report WHERE period <= $1`, [
    monthDate(month),
  ]);
  return rows[0]?.year ?? null;
}

/** The reports of the months from `first` to `last`, as completeness judges them. */
export async function reportFactsBetween(tx: Queryable, first: string, last: string) {
  const { rows } = await tx.query<{ id: string; department_code: string; period: string; status: ReportStatus; first_submitted_at: Date | null }>(
    `SELECT id, department_code, to_char(period, 'YYYY-MM') AS period, status, first_submitted_at FROM coord_report WHERE period >= $1 AND period <= $2`,
    [monthDate(first), monthDate(last)],
  );
  return rows;
}

// -- attachments -------------------------------------------------------------------------------

export async function insertAttachment(
  tx: Queryable,
  actor: Actor,
  report: { id: string; department: string },
  file: { fileName: string; contentType: string; content: Buffer; uploadedBy: string },
): Promise<{ id: string; uploaded_at: Date }> {
  const { rows } = await tx.query<{ id: string; uploaded_at: Date }>(
    `INSERT INTO coord_attachment (district_code, report_id, department_code, file_name, content_type, size, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, uploaded_at`,
    [actor.district, report.id, report.department, file.fileName, file.contentType, file.content.length, file.content, file.uploadedBy],
  );
  return rows[0] as { id: string; uploaded_at: Date };
}

export async function attachmentContent(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ file_name: string; content_type: string; content: Uint8Array }>(
    'SELECT file_name, content_type, content FROM coord_attachment WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** An attachment's department and its report's status and month. */
export async function attachmentReport(tx: Queryable, id: string) {
  const { rows } = await tx.query<{ department_code: string; status: ReportStatus; period: string }>(
    `SELECT a.department_code, r.status, to_char(r.period, 'YYYY-MM') AS period
       FROM coord_attachment a JOIN coord_report r ON r.district_code = a.district_code AND r.id = a.report_id WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}

export async function deleteAttachmentRow(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM coord_attachment WHERE id = $1', [id]);
}
