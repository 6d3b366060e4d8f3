/**
 * The SQL of the bulletins (通报) and of the report figures they are drawn from: rows in, rows out.
 * Row-level security limits every statement to the actor's district and reach.
 */
import type { BulletinContent } from '../../core/coordination/bulletin.ts';
import type { Period } from '../../core/coordination/periods.ts';
import type { ReportStatus } from '../../core/coordination/states.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';

/** Every report of a period's year up to its last month, with its values. */
export async function reportsForBulletin(tx: Queryable, period: Period) {
  const last = period.months[period.months.length - 1] as string;
  const { rows } = await tx.query<{
    department_code: string;
    period: string;
    status: ReportStatus;
    first_submitted_at: Date | null;
    effect: string;
    problems: string;
    return_comment: string | null;
    values: Record<string, string> | null;
  }>(
    `SELECT r.department_code, to_char(r.period, 'YYYY-MM') AS period, r.status, r.first_submitted_at, r.effect, r.problems, r.return_comment,
            (SELECT json_object_agg(v.indicator_code, v.value) FROM coord_report_value v
              WHERE v.district_code = r.district_code AND v.report_id = r.id) AS values
       FROM coord_report r WHERE r.period >= $1 AND r.period <= $2`,
    [`${period.year}-01-01`, `${last}-01`],
  );
  return rows;
}

export interface BulletinRow {
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

export async function bulletinRow(tx: Queryable, id: string): Promise<BulletinRow | undefined> {
  const { rows } = await tx.query<BulletinRow>(`SELECT ${COLUMNS} FROM coord_bulletin WHERE id = $1`, [id]);
  return rows[0];
}

/** Newest first. */
export async function bulletinRows(tx: Queryable): Promise<BulletinRow[]> {
  const { rows } = await tx.query<BulletinRow>(`SELECT ${COLUMNS} FROM coord_bulletin ORDER BY coalesce(published_at, created_at) DESC`);
  return rows;
}

/** The latest published bulletin of a period. */
export async function publishedBulletin(tx: Queryable, period: string): Promise<BulletinRow | undefined> {
  const { rows } = await tx.query<BulletinRow>(
    `SELECT ${COLUMNS} FROM coord_bulletin WHERE period = $1 AND status = 'published' ORDER BY published_at DESC LIMIT 1`,
    [period],
  );
  return rows[0];
}

export async function insertBulletin(
  tx: Queryable,
  actor: Actor,
  period: Period,
  wording: { title: string; intro: string; closing: string },
  content: BulletinContent,
  createdAt: Date,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO coord_bulletin (district_code, period, kind, year, title, intro, closing, content, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [actor.district, period.code, period.kind, period.year, wording.title, wording.intro, wording.closing, JSON.stringify(content), actor.username, createdAt],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateWording(
  tx: Queryable,
  id: string,
  patch: { title?: string | undefined; intro?: string | undefined; closing?: string | undefined },
): Promise<void> {
  await tx.query(
    `UPDATE coord_bulletin SET title = coalesce($2, title), intro = coalesce($3, intro), closing = coalesce($4, closing),
            updated_at = now(), version = version + 1 WHERE id = $1`,
    [id, patch.title ?? null, patch.intro ?? null, patch.closing ?? null],
  );
}

export async function updateContent(tx: Queryable, id: string, content: BulletinContent): Promise<void> {
  await tx.query('UPDATE coord_bulletin SET content = $2, updated_at = now(), version = version + 1 WHERE id = $1', [id, JSON.stringify(content)]);
}

/**
 * The year's next serial number, numbering serialised within the district and year (the unique
 * (year, serial) is the backstop).
 */
export async function nextSerial(tx: Queryable, district: string, year: number): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`coord_bulletin:${district}:${year}`]);
  const { rows } = await tx.query<{ serial: number }>('SELECT coalesce(max(serial), 0) + 1 AS serial FROM coord_bulletin WHERE year = $1', [year]);
  return (rows[0] as { serial: number }).serial;
}

export async function markPublished(
  tx: Queryable,
  actor: Actor,
  id: string,
  publication: { serial: number; number: string; issuedOn: string; at: Date },
): Promise<void> {
  await tx.query(
    `UPDATE coord_bulletin SET status = 'published', serial = $2, number = $3, issued_on = $4, published_by = $5, published_at = $6,
            version = version + 1 WHERE id = $1`,
    [id, publication.serial, publication.number, publication.issuedOn, actor.username, publication.at],
  );
}

export async function deleteBulletinRow(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM coord_bulletin WHERE id = $1', [id]);
}
