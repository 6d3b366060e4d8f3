import { CURVE_SDS, classifyGrowth, computeZScores, growthCurve, roundZScores, type GrowthZScores } from '../../core/growth/zscore.ts';
import { loadGrowthTables } from '../../core/growth/tables.ts';
import { daysBetween } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import type { CurveTable, Enrolment, GrowthStatus, MeasurementInput, Position, Sex } from './schemas.ts';

export type { MeasurementInput } from './schemas.ts';

/** Checks a measurement as the WHO rules and plain sense require; a refused value never gets a z-score. */
export function checkMeasurement(m: MeasurementInput, birthDate: string, today: string): { ageDays: number; warnings: string[] } {
  const refuse = (zh: string, en: string, field: string) => new AppError('validation_failed', { zh, en, details: { field } });
  if (m.date < birthDate) throw refuse('测量日期早于出生日期', 'The measurement is dated before birth', 'date');
  if (m.date > today) throw refuse('测量日期晚于今天', 'The measurement is dated in the future', 'date');
  if (m.weightKg !== undefined && (m.weightKg <= 0.5 || m.weightKg > 60))
    throw refuse(`体重 ${m.weightKg} kg 不合理，请核对（单位为千克）`, `Weight ${m.weightKg} kg is implausible`, 'weightKg');
  if (m.lengthHeightCm !== undefined) {
    if (m.lengthHeightCm > 300)
      throw refuse(
        `身长/身高 ${m.lengthHeightCm} 像是以毫米填写，请改为厘米`,
        `Length ${m.lengthHeightCm} looks like millimetres; enter centimetres`,
        'lengthHeightCm',
      );
    if (m.lengthHeightCm < 35 || m.lengthHeightCm > 130)
      throw refuse(`身长/身高 ${m.lengthHeightCm} cm 不合理，请核对`, `Length/height ${m.lengthHeightCm} cm is implausible`, 'lengthHeightCm');
  }
  if (m.headCircumferenceCm !== undefined && (m.headCircumferenceCm < 20 || m.headCircumferenceCm > 60)) {
    throw refuse(`头围 ${m.headCircumferenceCm} cm 不合理，请核对`, `Head circumference ${m.headCircumferenceCm} cm is implausible`, 'headCircumferenceCm');
  }
  const ageDays = daysBetween(birthDate, m.date);
  const warnings: string[] = [];
  if (m.position === 'standing' && ageDays < 9 * 30.4375) warnings.push('9 个月以下的婴儿应卧位测量身长；已按 WHO 规则处理，请核对测量方式');
  if (m.lengthHeightCm !== undefined && !m.position) warnings.push('未注明卧位或立位，按年龄推定（2 岁以下卧位）');
  return { ageDays, warnings };
}

export function zscoresFor(sex: 'M' | 'F', ageDays: number, m: MeasurementInput): { scores: GrowthZScores; statuses: ReturnType<typeof classifyGrowth> } {
  const scores = roundZScores(
    computeZScores(
      {
        sex: sex === 'M' ? 'male' : 'female',
        ageDays,
        weightKg: m.weightKg ?? null,
        lengthHeightCm: m.lengthHeightCm ?? null,
        measured: m.position ?? null,
        headCircumferenceCm: m.headCircumferenceCm ?? null,
        armCircumferenceCm: m.armCircumferenceCm ?? null,
        tricepsSkinfoldMm: m.tricepsSkinfoldMm ?? null,
        subscapularSkinfoldMm: m.subscapularSkinfoldMm ?? null,
        oedema: m.oedema ?? false,
      },
      loadGrowthTables(),
    ),
  );
  return { scores, statuses: classifyGrowth(scores, { oedema: m.oedema ?? false }) };
}

interface ChildRow {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  enrolled_on: string;
  consent_by: string;
  consent_relation: string;
  consent_at: Date;
  consent_purpose: string;
  consent_withdrawn_at: Date | null;
}

const childColumns = `id, name, sex, birth_date::text AS birth_date, enrolled_on::text AS enrolled_on, consent_by, consent_relation, consent_at,
  consent_purpose, consent_withdrawn_at`;

const presentChild = (c: ChildRow) => ({
  id: c.id,
  name: c.name,
  sex: c.sex,
  birthDate: c.birth_date,
  enrolledOn: c.enrolled_on,
  consent: {
    by: c.consent_by,
    relation: c.consent_relation,
    at: c.consent_at.toISOString(),
    purpose: c.consent_purpose,
    withdrawnAt: c.consent_withdrawn_at?.toISOString() ?? null,
  },
});

export class EcdService {
  constructor(private readonly db: Database) {}

  async children(actor: AuthContext) {
    return withScope(this.db, actor, async (tx) => {
      const { rows } = await tx.query<ChildRow>(`SELECT ${childColumns} FROM ecd_child ORDER BY enrolled_on DESC, name`);
      return { items: rows.map(presentChild) };
    });
  }

  /** Enrols a child with the guardian's consent (who, when, for what), linked to a parent account. */
  async enrol(actor: AuthContext, input: Enrolment) {
    if (input.birthDate > businessToday() || input.enrolledOn < input.birthDate)
      throw new AppError('validation_failed', { zh: '出生日期或入园日期不合理', en: 'Birth or enrolment date is impossible' });
    return withScope(this.db, actor, async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO ecd_child (district_code, name, sex, birth_date, enrolled_on, consent_by, consent_relation, consent_at, consent_purpose, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $10, $8, $9) RETURNING id`,
        [
          actor.district,
          input.name,
          input.sex,
          input.birthDate,
          input.enrolledOn,
          input.consent.by,
          input.consent.relation,
          input.consent.purpose,
          actor.username,
          businessNow(),
        ],
      );
      const id = rows[0]?.id as string;
      if (input.parentUsername) await this.linkParent(tx, actor, id, input.parentUsername, input.consent.relation);
      await auditBy(tx, actor, { action: 'ecd.enrol', entityType: 'ecd_child', entityId: id, after: input });
      return { id };
    });
  }

  /** The growth archive: the child, every measurement with its z-scores and flags. Every view is logged. */
  async archive(actor: AuthContext, id: string) {
    return withScope(this.db, actor, async (tx) => {
      const child = (await tx.query<ChildRow>(`SELECT ${childColumns} FROM ecd_child WHERE id = $1`, [id])).rows[0];
      if (!child) throw new AppError('not_found');
      const { rows } = await tx.query<{
        id: string;
        measured_on: string;
        weight_kg: string | null;
        length_height_cm: string | null;
        position: Position | null;
        head_cm: string | null;
        oedema: boolean;
        zscores: GrowthZScores;
        statuses: GrowthStatus[];
        note: string | null;
        entered_by: string;
      }>(
        `SELECT id, measured_on::text AS measured_on, weight_kg::text AS weight_kg, length_height_cm::text AS length_height_cm, position, head_cm::text AS head_cm,
                oedema, zscores, statuses, note, entered_by FROM ecd_measurement WHERE child_id = $1 ORDER BY measured_on`,
        [id],
      );
      await auditBy(tx, actor, { action: 'ecd.archive_view', entityType: 'ecd_child', entityId: id });
      const num = (v: string | null) => (v === null ? null : Number(v));
      return {
        child: presentChild(child),
        measurements: rows.map((m) => ({
          id: m.id,
          date: m.measured_on,
          ageDays: daysBetween(child.birth_date, m.measured_on),
          weightKg: num(m.weight_kg),
          lengthHeightCm: num(m.length_height_cm),
          position: m.position,
          headCircumferenceCm: num(m.head_cm),
          oedema: m.oedema,
          zscores: m.zscores,
          statuses: m.statuses,
          note: m.note,
          enteredBy: m.entered_by,
        })),
      };
    });
  }

  async measure(actor: AuthContext, id: string, m: MeasurementInput) {
    return withScope(this.db, actor, async (tx) => {
      const child = (await tx.query<ChildRow>(`SELECT ${childColumns} FROM ecd_child WHERE id = $1`, [id])).rows[0];
      if (!child) throw new AppError('not_found');
      if (child.consent_withdrawn_at)
        throw new AppError('forbidden', { zh: '监护人已撤回同意，不能再记录测量', en: 'Consent was withdrawn: no new measurements' });
      const { ageDays, warnings } = checkMeasurement(m, child.birth_date, businessToday());
      const { scores, statuses } = zscoresFor(child.sex, ageDays, m);
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO ecd_measurement (district_code, child_id, measured_on, weight_kg, length_height_cm, position, head_cm, arm_cm, triceps_mm, subscapular_mm,
                                      oedema, zscores, statuses, note, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15) RETURNING id`,
        [
          actor.district,
          id,
          m.date,
          m.weightKg ?? null,
          m.lengthHeightCm ?? null,
          m.position ?? null,
          m.headCircumferenceCm ?? null,
          m.armCircumferenceCm ?? null,
          m.tricepsSkinfoldMm ?? null,
          m.subscapularSkinfoldMm ?? null,
          m.oedema ?? false,
          JSON.stringify(scores),
          JSON.stringify(statuses),
          m.note ?? null,
          actor.username,
        ],
      );
      await auditBy(tx, actor, { action: 'ecd.measure', entityType: 'ecd_child', entityId: id, after: m });
      return { id: rows[0]?.id as string, zscores: scores, statuses, warnings };
    });
  }

  /**
   * A guardian withdraws consent: no new measurements, and staff no longer see the archive. The
   * guardian does it, or the centre head for them: a teacher would lose sight of the row being
   * changed, which row-level security refuses.
   */
  async withdrawConsent(actor: AuthContext, id: string) {
    if (!actor.permissions.includes('ecd.own') && !actor.permissions.includes('ecd.head')) {
      throw new AppError('forbidden', {
        zh: '撤回同意须由监护人本人或中心主任办理',
        en: 'Consent is withdrawn by the guardian, or by the centre head for them',
      });
    }
    return withScope(this.db, actor, async (tx) => {
      const { rowCount } = await tx.query('UPDATE ecd_child SET consent_withdrawn_at = $2 WHERE id = $1 AND consent_withdrawn_at IS NULL', [id, businessNow()]);
      if (rowCount === 0) throw new AppError('not_found');
      await auditBy(tx, actor, { action: 'ecd.consent_withdraw', entityType: 'ecd_child', entityId: id });
    });
  }

  /** The WHO reference curves of one table: a point every 5 cm (weight for length/height) or every 7 days. */
  curves(table: CurveTable, sex: Sex) {
    const step = table.startsWith('weightFor') && !table.endsWith('Age') ? 5 : 7;
    const points = growthCurve(loadGrowthTables(), table, sex === 'M' ? 'male' : 'female', step);
    return { sds: [...CURVE_SDS], points: points.map((p) => ({ x: p.x, values: [...p.values] })) };
  }

  private async linkParent(tx: Queryable, actor: AuthContext, childId: string, username: string, relation: string) {
    const { rows } = await tx.query<{ id: string }>('SELECT xingfu_parent_account($1) AS id', [username]);
    if (!rows[0]?.id) throw new AppError('validation_failed', { zh: `家长账户 ${username} 不存在`, en: `No parent account ${username}` });
    await tx.query('INSERT INTO ecd_guardian (district_code, child_id, user_id, relation) VALUES ($1, $2, $3, $4)', [
      actor.district,
      childId,
      rows[0].id,
      relation,
    ]);
  }
}
