/**
 * The SQL of the home page: the figures and to-do rows each role's part reads, rows in, plain
 * objects out. Row-level security limits every statement to the caller's scope.
 */
import type { ProgrammeId } from '../../core/benefits/types.ts';
import type { GrowthStatus } from '../../core/growth/zscore.ts';
import type { Queryable } from '../../db/types.ts';
import type { Step } from '../benefits/workflow.ts';

export interface RecentAuditRow {
  at: Date;
  actor_username: string | null;
  action: string;
  entity_type: string;
  result: string;
}

/** The district's latest audit entries, newest first. */
export async function recentAuditEntries(tx: Queryable, district: string, limit = 8): Promise<RecentAuditRow[]> {
  const { rows } = await tx.query<RecentAuditRow>(
    // In the order of the log's own key, read backwards: eight rows, however long the log.
    'SELECT at, actor_username, action, entity_type, result FROM audit_log WHERE district_code = $1 ORDER BY district_code DESC, seq DESC LIMIT $2',
    [district, limit],
  );
  return rows;
}

// -- the district and the place a grant covers -------------------------------------------------

export async function districtRow(tx: Queryable): Promise<{ code: string; name: string } | undefined> {
  return (await tx.query<{ code: string; name: string }>('SELECT district_code AS code, name FROM district')).rows[0];
}

/** '梅厂镇 六道口村': the village's name after its township's. */
export async function villageFullName(tx: Queryable, village: string): Promise<string | undefined> {
  const v = (
    await tx.query<{ name: string }>(
      `SELECT t.name || ' ' || v.name AS name FROM village v JOIN township t ON t.district_code = v.district_code AND t.code = v.township_code WHERE v.code = $1`,
      [village],
    )
  ).rows[0];
  return v?.name;
}

export async function townshipName(tx: Queryable, township: string): Promise<string | undefined> {
  return (await tx.query<{ name: string }>('SELECT name FROM township WHERE code = $1', [township])).rows[0]?.name;
}

// -- administrators ----------------------------------------------------------------------------

const count = async (tx: Queryable, sql: string): Promise<number> => (await tx.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

export const activeAccountCount = (tx: Queryable) => count(tx, 'SELECT count(*)::int AS n FROM app_user WHERE NOT disabled');

/** Accounts locked now. */
export const lockedAccountCount = (tx: Queryable) => count(tx, 'SELECT count(*)::int AS n FROM app_user WHERE locked_until > now()'); // real clock: account locks are security timing

/** Audit entries written today. */
export const auditEntriesToday = (tx: Queryable) => count(tx, "SELECT count(*)::int AS n FROM audit_log WHERE at >= date_trunc('day', now())"); // real clock: today's audit entries, as they happened

/** Failed sign-ins today. */
export const failedLoginsToday = (tx: Queryable) =>
  count(tx, "SELECT count(*)::int AS n FROM audit_log WHERE at >= date_trunc('day', now()) AND action = 'auth.login_failed'"); // real clock: today's sign-ins, as they happened

export async function securityPolicyRow(
  tx: Queryable,
): Promise<{ lockout_threshold: number; idle_timeout_minutes: number; min_password_length: number } | undefined> {
  return (
    await tx.query<{ lockout_threshold: number; idle_timeout_minutes: number; min_password_length: number }>(
      'SELECT lockout_threshold, idle_timeout_minutes, min_password_length FROM security_policy',
    )
  ).rows[0];
}

// -- benefits ----------------------------------------------------------------------------------

export interface ApplicationGroupRow {
  step: Step;
  objected: boolean;
  running: boolean;
  n: number;
  ids: string[];
  names: string[];
  years: number[];
  /** Where the first ones live and what they apply for: '六道口村' and the programme. */
  places: string[];
  programmes: ProgrammeId[];
}

/**
 * The applications in progress from `fromYear` on at the village step in `villages`, the township
 * step in `townships` and (when `district`) the district step, grouped by step, by whether an
 * objection is open and by whether a notice is still running on `today`.
 */
export async function applicationGroupRows(
  tx: Queryable,
  at: { villages: readonly string[]; townships: readonly string[]; district: boolean; fromYear: number; today: string },
): Promise<ApplicationGroupRow[]> {
  const { rows } = await tx.query<ApplicationGroupRow>(
    `SELECT CASE a.state WHEN 'applied' THEN 'village' WHEN 'village_notice' THEN 'township' ELSE 'district' END AS step,
            o.open > 0 AS objected,
            coalesce(CASE a.state WHEN 'village_notice' THEN a.village_notice_until WHEN 'township_notice' THEN a.township_notice_until END >= $5::date, false) AS running,
            count(*)::int AS n,
            (array_agg(a.id::text ORDER BY a.applied_on, a.id))[1:3] AS ids,
            (array_agg(p.name ORDER BY a.applied_on, a.id))[1:3] AS names,
            (array_agg(v.name ORDER BY a.applied_on, a.id))[1:3] AS places,
            (array_agg(a.programme ORDER BY a.applied_on, a.id))[1:3] AS programmes,
            array_agg(DISTINCT a.year) AS years
       FROM benefit_application a
       JOIN person p ON p.district_code = a.district_code AND p.id = a.person_id
       JOIN village v ON v.district_code = a.district_code AND v.code = a.village_code
       CROSS JOIN LATERAL (SELECT count(*)::int AS open FROM benefit_objection o
                            WHERE o.district_code = a.district_code AND o.application_id = a.id AND o.upheld IS NULL) o
      WHERE a.year >= $4 AND a.state IN ('applied', 'village_notice', 'township_notice')
        AND ((a.state = 'applied' AND a.village_code = ANY ($1::text[]))
          OR (a.state = 'village_notice' AND a.township_code = ANY ($2::text[]))
          OR (a.state = 'township_notice' AND $3::boolean))
      GROUP BY 1, 2, 3`,
    [at.villages, at.townships, at.district, at.fromYear, at.today],
  );
  return rows;
}

/** Applications from `fromYear` on, on notice in those villages or townships, with an open objection. */
export async function objectedApplicationRows(
  tx: Queryable,
  villages: readonly string[],
  townships: readonly string[],
  fromYear: number,
): Promise<{ id: string; name: string }[]> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT a.id::text AS id, p.name FROM benefit_application a
       JOIN person p ON p.district_code = a.district_code AND p.id = a.person_id
      WHERE a.year >= $3 AND ((a.state = 'village_notice' AND a.village_code = ANY ($1::text[]))
                           OR (a.state = 'township_notice' AND a.township_code = ANY ($2::text[])))
        AND EXISTS (SELECT 1 FROM benefit_objection o WHERE o.district_code = a.district_code AND o.application_id = a.id AND o.upheld IS NULL)
      ORDER BY a.applied_on, a.id`,
    [villages, townships, fromYear],
  );
  return rows;
}

export interface RollRow {
  id: string;
  programme: ProgrammeId;
  period: string;
  state: 'draft' | 'checked' | 'approved' | 'exported';
  generated_by: string;
}

/** The payment rolls not yet paid, by period and programme. */
export async function unpaidRollRows(tx: Queryable): Promise<RollRow[]> {
  const { rows } = await tx.query<RollRow>(
    `SELECT id, programme, to_char(period, 'YYYY-MM') AS period, state, generated_by FROM payment_roll
      WHERE state IN ('draft', 'checked', 'approved', 'exported') ORDER BY period, programme`,
  );
  return rows;
}

export async function enrolledCount(tx: Queryable): Promise<number> {
  return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM benefit_enrolment WHERE last_month IS NULL')).rows[0]?.n ?? 0;
}

export async function applicationsInProgressCount(tx: Queryable, fromYear: number): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM benefit_application WHERE year >= $1 AND state IN ('applied', 'village_notice', 'township_notice')`,
    [fromYear],
  );
  return rows[0]?.n ?? 0;
}

// -- the ECD centre ----------------------------------------------------------------------------

export interface FlaggedRow {
  id: string;
  name: string;
  measured_on: string;
  statuses: GrowthStatus[];
}

/** Children (consent standing) whose latest measurement carries a growth status, with that status. */
export async function flaggedChildRows(tx: Queryable): Promise<FlaggedRow[]> {
  const { rows } = await tx.query<FlaggedRow>(
    `SELECT c.id, c.name, m.measured_on::text AS measured_on, m.statuses
       FROM ecd_child c
       CROSS JOIN LATERAL (SELECT measured_on, statuses FROM ecd_measurement m
                            WHERE m.district_code = c.district_code AND m.child_id = c.id ORDER BY measured_on DESC LIMIT 1) m
      WHERE c.consent_withdrawn_at IS NULL AND jsonb_array_length(m.statuses) > 0
      ORDER BY m.measured_on, c.name`,
  );
  return rows;
}

/** The teacher record of a user, if the user teaches. */
export async function teacherIdOfUser(tx: Queryable, userId: string): Promise<string | null> {
  return (await tx.query<{ id: string }>('SELECT id FROM ecd_teacher WHERE user_id = $1', [userId])).rows[0]?.id ?? null;
}

export async function consentingChildCount(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM ecd_child WHERE consent_withdrawn_at IS NULL');
  return rows[0]?.n ?? 0;
}

/** The children a user is guardian of, eldest first. */
export async function guardianChildRows(tx: Queryable, userId: string): Promise<{ id: string; name: string; sex: 'M' | 'F'; birth_date: string }[]> {
  const { rows } = await tx.query<{ id: string; name: string; sex: 'M' | 'F'; birth_date: string }>(
    `SELECT c.id, c.name, c.sex, c.birth_date::text AS birth_date FROM ecd_child c
      WHERE EXISTS (SELECT 1 FROM ecd_guardian g WHERE g.district_code = c.district_code AND g.child_id = c.id AND g.user_id = $1)
      ORDER BY c.birth_date`,
    [userId],
  );
  return rows;
}

/** The next scheduled session of a child's classes from `now` on. */
export async function nextSessionOfChild(
  tx: Queryable,
  childId: string,
  now: Date,
): Promise<{ starts_at: Date; class_name: string; plan_title: string | null; room_name: string } | undefined> {
  return (
    await tx.query<{ starts_at: Date; class_name: string; plan_title: string | null; room_name: string }>(
      `SELECT s.starts_at, k.name AS class_name, p.title AS plan_title, r.name AS room_name
         FROM ecd_session s
         JOIN ecd_class k ON k.district_code = s.district_code AND k.id = s.class_id
         JOIN ecd_class_member m ON m.district_code = s.district_code AND m.class_id = s.class_id AND m.child_id = $1 AND m.left_on IS NULL
         JOIN ecd_room r ON r.district_code = s.district_code AND r.code = s.room_code
         LEFT JOIN ecd_activity_plan p ON p.district_code = s.district_code AND p.id = s.activity_plan_id
        WHERE s.status = 'scheduled' AND s.starts_at >= $2 ORDER BY s.starts_at LIMIT 1`,
      [childId, now],
    )
  ).rows[0];
}

export async function latestMeasurementOfChild(tx: Queryable, childId: string): Promise<{ measured_on: string; statuses: GrowthStatus[] } | undefined> {
  return (
    await tx.query<{ measured_on: string; statuses: GrowthStatus[] }>(
      'SELECT measured_on::text AS measured_on, statuses FROM ecd_measurement WHERE child_id = $1 ORDER BY measured_on DESC LIMIT 1',
      [childId],
    )
  ).rows[0];
}
