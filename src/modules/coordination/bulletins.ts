/**
 * Bulletins (通报): the office drafts one for a month, quarter or year from the accepted reports,
 * edits its wording, and publishes it; publication gives it the year's next number (武清幸福家庭办
 * 〔2011〕12号) and freezes it (here and by a trigger), and every member department can read it.
 */
import { assembleBulletin, bulletinNumber, bulletinWording, hasAcceptedData, type BulletinContent, type BulletinReport } from '../../core/coordination/bulletin.ts';
import { parsePeriod, type Period } from '../../core/coordination/periods.ts';
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import { audit, readDepartments, readIndicators, readSettings } from './config.ts';
import { currentMonth, iso, type CoordActor, type ReportStatus } from './reports.ts';

/** A period's code checked: well formed and already begun. */
export function checkPeriod(code: string): Period {
  const period = parsePeriod(code);
  if (!period) throw new AppError('period_invalid');
  if ((period.months[0] as string) > currentMonth()) throw new AppError('period_future');
  return period;
}

/** The bulletin's figures for a period, from the reports as they stand now. */
export async function bulletinContent(tx: Queryable, period: Period, asOf = businessNow().getTime()): Promise<BulletinContent> {
  const last = period.months[period.months.length - 1] as string;
  const { rows } = await tx.query<{
    department_code: string; period: string; status: ReportStatus; first_submitted_at: Date | null; effect: string; problems: string;
    return_comment: string | null; values: Record<string, string> | null;
  }>(
    `SELECT r.department_code, to_char(r.period, 'YYYY-MM') AS period, r.status, r.first_submitted_at, r.effect, r.problems, r.return_comment,
            (SELECT json_object_agg(v.indicator_code, v.value) FROM coord_report_value v
              WHERE v.district_code = r.district_code AND v.report_id = r.id) AS values
       FROM coord_report r WHERE r.period >= $1 AND r.period <= $2`,
    [`${period.year}-01-01`, `${last}-01`],
  );
  const reports: BulletinReport[] = rows.map((r) => ({
    department: r.department_code, period: r.period, status: r.status, firstSubmittedAt: iso(r.first_submitted_at),
    effect: r.effect, problems: r.problems, returnComment: r.return_comment,
    values: Object.fromEntries(Object.entries(r.values ?? {}).map(([k, v]) => [k, Number(v)])),
  }));
  if (!hasAcceptedData(period, reports)) {
    throw new AppError('no_data', { zh: `${period.label}没有审核通过的月报，无法生成通报`, en: `No accepted report for ${period.labelEn}; nothing to put in a bulletin` });
  }
  const settings = await readSettings(tx);
  const indicators = (await readIndicators(tx, { activeOnly: true })).filter((i) => i.departments.length > 0);
  return assembleBulletin({ period, departments: await readDepartments(tx), reports, indicators, dueDay: settings.dueDay, asOf });
}

interface BulletinRow {
  id: string;
  period: string;
  kind: Period['kind'];
  year: number;
  title: string;
  intro: string;
  closing: string;
  content: BulletinContent;
  status: 'draft' | 'published';
  number: string | null;
  issued_on: string | null;
  created_at: Date;
  published_at: Date | null;
  version: number;
}

const COLUMNS = 'id, period, kind, year, title, intro, closing, content, status, number, issued_on::text, created_at, published_at, version';

function summary(row: BulletinRow) {
  const period = parsePeriod(row.period) as Period;
  return {
    id: row.id, period: row.period, kind: row.kind, periodLabel: period.label, title: row.title, number: row.number, status: row.status,
    createdAt: iso(row.created_at) as string, publishedAt: iso(row.published_at),
  };
}

/** The whole bulletin as the web page and the .docx show it. */
export function presentBulletin(row: Omit<BulletinRow, 'created_at'> & { created_at: Date | string }, issuer: string) {
  return {
    ...summary(row as BulletinRow),
    issuer,
    issuedOn: row.issued_on ?? businessToday(),
    intro: row.intro,
    closing: row.closing,
    ...row.content,
    version: row.version,
  };
}
export type BulletinView = ReturnType<typeof presentBulletin>;

async function load(tx: Queryable, id: string): Promise<BulletinRow> {
  const { rows } = await tx.query<BulletinRow>(`SELECT ${COLUMNS} FROM coord_bulletin WHERE id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new AppError('not_found');
  return row;
}

function editableDraft(row: BulletinRow, version: number): void {
  if (row.status === 'published') throw new AppError('bulletin_published');
  if (row.version !== version) throw new AppError('stale_version');
}

export async function listBulletins(tx: Queryable) {
  const { rows } = await tx.query<BulletinRow>(`SELECT ${COLUMNS} FROM coord_bulletin ORDER BY coalesce(published_at, created_at) DESC`);
  return { items: rows.map(summary) };
}

export async function getBulletin(tx: Queryable, id: string): Promise<BulletinView> {
  return presentBulletin(await load(tx, id), (await readSettings(tx)).issuer);
}

export async function createBulletin(tx: Queryable, actor: CoordActor, code: string): Promise<BulletinView> {
  const period = checkPeriod(code);
  const content = await bulletinContent(tx, period);
  const wording = bulletinWording(period);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO coord_bulletin (district_code, period, kind, year, title, intro, closing, content, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    // Shown as 生成时间: the business date's, like the bulletin's own date.
    [actor.district, period.code, period.kind, period.year, wording.title, wording.intro, wording.closing, JSON.stringify(content), actor.username, businessNow()],
  );
  const id = (rows[0] as { id: string }).id;
  await audit(tx, actor, 'coord.bulletin_create', 'coord_bulletin', id, { detail: { period: period.code } });
  return getBulletin(tx, id);
}

export async function patchBulletin(tx: Queryable, actor: CoordActor, id: string, patch: { version: number; title?: string; intro?: string; closing?: string }) {
  const row = await load(tx, id);
  editableDraft(row, patch.version);
  await tx.query(
    `UPDATE coord_bulletin SET title = coalesce($2, title), intro = coalesce($3, intro), closing = coalesce($4, closing),
            updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, patch.title ?? null, patch.intro ?? null, patch.closing ?? null],
  );
  await audit(tx, actor, 'coord.bulletin_update', 'coord_bulletin', id, { before: { title: row.title, intro: row.intro, closing: row.closing }, after: patch });
  return getBulletin(tx, id);
}

/** Recomputes a draft's figures from the reports as they stand now (e.g. after late acceptances). */
export async function refreshBulletin(tx: Queryable, actor: CoordActor, id: string, version: number) {
  const row = await load(tx, id);
  editableDraft(row, version);
  const content = await bulletinContent(tx, parsePeriod(row.period) as Period);
  await tx.query('UPDATE coord_bulletin SET content = $2, updated_at = now(), version = version + 1 WHERE id = $1', [id, JSON.stringify(content)]);
  await audit(tx, actor, 'coord.bulletin_refresh', 'coord_bulletin', id, { detail: { period: row.period } });
  return getBulletin(tx, id);
}

/** Publishes a draft: the year's next number, today's date, then read-only for good. */
export async function publishBulletin(tx: Queryable, actor: CoordActor, id: string, version: number) {
  const row = await load(tx, id);
  editableDraft(row, version);
  const settings = await readSettings(tx);
  // Serialise numbering within the district and year: the unique (year, serial) is the backstop.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`coord_bulletin:${actor.district}:${row.year}`]);
  const { rows } = await tx.query<{ serial: number }>('SELECT coalesce(max(serial), 0) + 1 AS serial FROM coord_bulletin WHERE year = $1', [row.year]);
  const serial = (rows[0] as { serial: number }).serial;
  const number = bulletinNumber(settings.documentPrefix, row.year, serial);
  await tx.query(
    `UPDATE coord_bulletin SET status = 'published', serial = $2, number = $3, issued_on = $4, published_by = $5, published_at = $6,
            version = version + 1 WHERE id = $1`,
    [id, serial, number, businessToday(), actor.username, businessNow()],
  );
  await audit(tx, actor, 'coord.bulletin_publish', 'coord_bulletin', id, { detail: { period: row.period, number } });
  return getBulletin(tx, id);
}

export async function deleteBulletin(tx: Queryable, actor: CoordActor, id: string): Promise<void> {
  const row = await load(tx, id);
  if (row.status === 'published') throw new AppError('bulletin_published');
  await tx.query('DELETE FROM coord_bulletin WHERE id = $1', [id]);
  await audit(tx, actor, 'coord.bulletin_delete', 'coord_bulletin', id, { detail: { period: row.period } });
}

/**
 * The bulletin for a period as the command line writes it: the published one when there is one,
 * otherwise an unnumbered draft computed now (not stored).
 */
export async function bulletinForPeriod(tx: Queryable, code: string): Promise<BulletinView> {
  const period = checkPeriod(code);
  const settings = await readSettings(tx);
  const { rows } = await tx.query<BulletinRow>(
    `SELECT ${COLUMNS} FROM coord_bulletin WHERE period = $1 AND status = 'published' ORDER BY published_at DESC LIMIT 1`, [period.code],
  );
  if (rows[0]) return presentBulletin(rows[0], settings.issuer);
  const wording = bulletinWording(period);
  return presentBulletin({
    id: '', period: period.code, kind: period.kind, year: period.year, ...wording, content: await bulletinContent(tx, period), status: 'draft',
    number: null, issued_on: null, created_at: businessNow(), published_at: null, version: 0,
  }, settings.issuer);
}
