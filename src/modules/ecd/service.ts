import { CURVE_SDS, classifyGrowth, computeZScores, growthCurve, roundZScores, type GrowthZScores } from '../../core/growth/zscore.ts';
import { loadGrowthTables } from '../../core/growth/tables.ts';
import { daysBetween } from '../../core/calendar.ts';
import { AppError } from '../../core/errors.ts';
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import * as q from './queries.ts';
import type { CurveTable, Enrolment, MeasurementInput, Sex } from './schemas.ts';

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

const presentChild = (c: q.ChildRow) => ({
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

/** The centre's children, as far as the caller sees them (a parent: their own). */
export async function children(db: Database, actor: AuthContext) {
  return withScope(db, actor, async (tx) => ({ items: (await q.childRows(tx)).map(presentChild) }));
}

/** Enrols a child with the guardian's consent (who, when, for what), linked to a parent account. */
export async function enrol(db: Database, actor: AuthContext, input: Enrolment) {
  if (input.birthDate > businessToday() || input.enrolledOn < input.birthDate)
    throw new AppError('validation_failed', { zh: '出生日期或入园日期不合理', en: 'Birth or enrolment date is impossible' });
  return withScope(db, actor, async (tx) => {
    const id = await q.insertChild(tx, actor.district, actor.username, input, businessNow());
    if (input.parentUsername) await linkParent(tx, actor, id, input.parentUsername, input.consent.relation);
    await auditBy(tx, actor, { action: 'ecd.enrol', entityType: 'ecd_child', entityId: id, after: input });
    return { id };
  });
}

/** The growth archive: the child, every measurement with its z-scores and flags. Every view is logged. */
export async function archive(db: Database, actor: AuthContext, id: string) {
  return withScope(db, actor, async (tx) => {
    const child = await q.childRow(tx, id);
    if (!child) throw new AppError('not_found');
    const rows = await q.measurementRows(tx, id);
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

export async function measure(db: Database, actor: AuthContext, id: string, m: MeasurementInput) {
  return withScope(db, actor, async (tx) => {
    const child = await q.childRow(tx, id);
    if (!child) throw new AppError('not_found');
    if (child.consent_withdrawn_at)
      throw new AppError('forbidden', { zh: '监护人已撤回同意，不能再记录测量', en: 'Consent was withdrawn: no new measurements' });
    const { ageDays, warnings } = checkMeasurement(m, child.birth_date, businessToday());
    const { scores, statuses } = zscoresFor(child.sex, ageDays, m);
    const measurementId = await q.insertMeasurement(tx, actor.district, actor.username, id, m, scores, statuses);
    await auditBy(tx, actor, { action: 'ecd.measure', entityType: 'ecd_child', entityId: id, after: m });
    return { id: measurementId, zscores: scores, statuses, warnings };
  });
}

/**
 * A guardian withdraws consent: no new measurements, and staff no longer see the archive. The
 * guardian does it, or the centre head for them: a teacher would lose sight of the row being
 * changed, which row-level security refuses.
 */
export async function withdrawConsent(db: Database, actor: AuthContext, id: string) {
  if (!actor.permissions.includes('ecd.own') && !actor.permissions.includes('ecd.head')) {
    throw new AppError('forbidden', {
      zh: '撤回同意须由监护人本人或中心主任办理',
      en: 'Consent is withdrawn by the guardian, or by the centre head for them',
    });
  }
  return withScope(db, actor, async (tx) => {
    if (!(await q.withdrawConsent(tx, id, businessNow()))) throw new AppError('not_found');
    await auditBy(tx, actor, { action: 'ecd.consent_withdraw', entityType: 'ecd_child', entityId: id });
  });
}

/** The WHO reference curves of one table: a point every 5 cm (weight for length/height) or every 7 days. */
export function curves(table: CurveTable, sex: Sex) {
  const step = table.startsWith('weightFor') && !table.endsWith('Age') ? 5 : 7;
  const points = growthCurve(loadGrowthTables(), table, sex === 'M' ? 'male' : 'female', step);
  return { sds: [...CURVE_SDS], points: points.map((p) => ({ x: p.x, values: [...p.values] })) };
}

async function linkParent(tx: Queryable, actor: AuthContext, childId: string, username: string, relation: string) {
  const userId = await q.parentAccountId(tx, username);
  if (!userId) throw new AppError('validation_failed', { zh: `家长账户 ${username} 不存在`, en: `No parent account ${username}` });
  await q.insertGuardian(tx, actor.district, childId, userId, relation);
}
