/**
 * Bulletins (通报): the office drafts one for a month, quarter or year from the accepted reports,
 * edits its wording, and publishes it; publication gives it the year's next number (武清幸福家庭办
 * 〔2011〕12号) and freezes it (here and by a trigger), and every member department can read it.
 */
import {
  assembleBulletin,
  bulletinNumber,
  bulletinWording,
  hasAcceptedData,
  type BulletinContent,
  type BulletinReport,
} from '../../core/coordination/bulletin.ts';
import { parsePeriod, type Period } from '../../core/coordination/periods.ts';
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../db/types.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import { audit, readDepartments, readIndicators, readSettings } from './config.ts';
import {
  bulletinRow,
  bulletinRows,
  deleteBulletinRow,
  insertBulletin,
  markPublished,
  nextSerial,
  publishedBulletin,
  reportsForBulletin,
  updateContent,
  updateWording,
  type BulletinRow,
} from './bulletinQueries.ts';
import { currentMonth, iso, type CoordActor } from './reports.ts';

/** A period's code checked: well formed and already begun. */
export function checkPeriod(code: string): Period {
  const period = parsePeriod(code);
  if (!period) throw new AppError('period_invalid');
  if ((period.months[0] as string) > currentMonth()) throw new AppError('period_future');
  return period;
}

/** The bulletin's figures for a period, from the reports as they stand now. */
export async function bulletinContent(tx: Queryable, period: Period, asOf = businessNow().getTime()): Promise<BulletinContent> {
  const rows = await reportsForBulletin(tx, period);
  const reports: BulletinReport[] = rows.map((r) => ({
    department: r.department_code,
    period: r.period,
    status: r.status,
    firstSubmittedAt: iso(r.first_submitted_at),
    effect: r.effect,
    problems: r.problems,
    returnComment: r.return_comment,
    values: Object.fromEntries(Object.entries(r.values ?? {}).map(([k, v]) => [k, Number(v)])),
  }));
  if (!hasAcceptedData(period, reports)) {
    throw new AppError('no_data', {
      zh: `${period.label}没有审核通过的月报，无法生成通报`,
      en: `No accepted report for ${period.labelEn}; nothing to put in a bulletin`,
    });
  }
  const settings = await readSettings(tx);
  const indicators = (await readIndicators(tx, { activeOnly: true })).filter((i) => i.departments.length > 0);
  return assembleBulletin({ period, departments: await readDepartments(tx), reports, indicators, dueDay: settings.dueDay, asOf });
}

function summary(row: BulletinRow) {
  const period = parsePeriod(row.period) as Period;
  return {
    id: row.id,
    period: row.period,
    kind: row.kind,
    periodLabel: period.label,
    title: row.title,
    number: row.number,
    status: row.status,
    createdAt: iso(row.created_at) as string,
    publishedAt: iso(row.published_at),
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
  const row = await bulletinRow(tx, id);
  if (!row) throw new AppError('not_found');
  return row;
}

function editableDraft(row: BulletinRow, version: number): void {
  if (row.status === 'published') throw new AppError('bulletin_published');
  if (row.version !== version) throw new AppError('stale_version');
}

export async function listBulletins(tx: Queryable) {
  return { items: (await bulletinRows(tx)).map(summary) };
}

export async function getBulletin(tx: Queryable, id: string): Promise<BulletinView> {
  return presentBulletin(await load(tx, id), (await readSettings(tx)).issuer);
}

export async function createBulletin(tx: Queryable, actor: CoordActor, code: string): Promise<BulletinView> {
  const period = checkPeriod(code);
  const content = await bulletinContent(tx, period);
  const wording = bulletinWording(period);
  // Shown as 生成时间: the business date's, like the bulletin's own date.
  const id = await insertBulletin(tx, actor, period, wording, content, businessNow());
  await audit(tx, actor, 'coord.bulletin_create', 'coord_bulletin', id, { detail: { period: period.code } });
  return getBulletin(tx, id);
}

export async function patchBulletin(
  tx: Queryable,
  actor: CoordActor,
  id: string,
  patch: { version: number; title?: string; intro?: string; closing?: string },
) {
  const row = await load(tx, id);
  editableDraft(row, patch.version);
  await updateWording(tx, id, patch);
  await audit(tx, actor, 'coord.bulletin_update', 'coord_bulletin', id, { before: { title: row.title, intro: row.intro, closing: row.closing }, after: patch });
  return getBulletin(tx, id);
}

/** Recomputes a draft's figures from the reports as they stand now (e.g. after late acceptances). */
export async function refreshBulletin(tx: Queryable, actor: CoordActor, id: string, version: number) {
  const row = await load(tx, id);
  editableDraft(row, version);
  const content = await bulletinContent(tx, parsePeriod(row.period) as Period);
  await updateContent(tx, id, content);
  await audit(tx, actor, 'coord.bulletin_refresh', 'coord_bulletin', id, { detail: { period: row.period } });
  return getBulletin(tx, id);
}

/** Publishes a draft: the year's next number, today's date, then read-only for good. */
export async function publishBulletin(tx: Queryable, actor: CoordActor, id: string, version: number) {
  const row = await load(tx, id);
  editableDraft(row, version);
  const settings = await readSettings(tx);
  const serial = await nextSerial(tx, actor.district, row.year);
  const number = bulletinNumber(settings.documentPrefix, row.year, serial);
  await markPublished(tx, actor, id, { serial, number, issuedOn: businessToday(), at: businessNow() });
  await audit(tx, actor, 'coord.bulletin_publish', 'coord_bulletin', id, { detail: { period: row.period, number } });
  return getBulletin(tx, id);
}

export async function deleteBulletin(tx: Queryable, actor: CoordActor, id: string): Promise<void> {
  const row = await load(tx, id);
  if (row.status === 'published') throw new AppError('bulletin_published');
  await deleteBulletinRow(tx, id);
  await audit(tx, actor, 'coord.bulletin_delete', 'coord_bulletin', id, { detail: { period: row.period } });
}

/**
 * The bulletin for a period as the command line writes it: the published one when there is one,
 * otherwise an unnumbered draft computed now (not stored).
 */
export async function bulletinForPeriod(tx: Queryable, code: string): Promise<BulletinView> {
  const period = checkPeriod(code);
  const settings = await readSettings(tx);
  const published = await publishedBulletin(tx, period.code);
  if (published) return presentBulletin(published, settings.issuer);
  const wording = bulletinWording(period);
  return presentBulletin(
    {
      id: '',
      period: period.code,
      kind: period.kind,
      year: period.year,
      ...wording,
      content: await bulletinContent(tx, period),
      status: 'draft',
      number: null,
      issued_on: null,
      created_at: businessNow(),
      published_at: null,
      version: 0,
    },
    settings.issuer,
  );
}
