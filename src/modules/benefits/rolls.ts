/**
 * Monthly payment rolls (发放花名册): draft → checked → approved (by someone other than the
 * generator) → exported → paid.
 *
 * Generating the roll of programme P for month M reads the enrolments of P, the register, what
 * was paid before and which families changed, and plans the lines with core/benefits/rollPlan.ts
 * (regular lines, arrears, adjustments and stops); the states and actions are
 * core/benefits/rollStates.ts. Months already paid are re-evaluated only for families whose
 * register entries changed after the last approved roll, or for everyone when a parameter row
 * was entered since — so a quiet month costs one evaluation per enrolment. The unique index on
 * payment_line makes a second regular/arrears payment of a person/programme/month impossible
 * whatever the code does; the roll's own unique key (programme, period) makes concurrent
 * generation yield one roll.
 */
import type { ParameterRow } from '../../core/benefits/parameters.ts';
import { programmeName } from '../../core/benefits/catalog.ts';
import { fen, LOOKBACK_MONTHS, programmeOf, rollPlanner, type NewLine, type RollEnrolment, type Stop } from '../../core/benefits/rollPlan.ts';
import { decideRollAction, rollDownloadable, rollRegenerable, stateName, type RollAction } from '../../core/benefits/rollStates.ts';
import type { FundingBody, ProgrammeId } from '../../core/benefits/types.ts';
import { businessNow } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import type { Secrets } from '../../server/secrets.ts';
import { auditBy } from '../audit/log.ts';
import { displayNames, type NameOf } from '../users/names.ts';
import { addMonths, chinaDateTime, monthEnd, monthOf, monthStart } from '../../core/calendar.ts';
import { writeBankCsv } from './bankFile.ts';
import { writeRollWorkbook, type RollLineOut } from './documents.ts';
import { registerFamilies } from './familyQueries.ts';
import { parameterRows } from './parameterQueries.ts';
import { inFlight } from '../../db/inFlight.ts';
import { ownName } from '../../core/placeNames.ts';
import { districtName } from '../org/queries.ts';
import {
  allRollLines,
  bankPayments,
  createLineStaging,
  createRoll,
  deleteRollLines,
  dueEnrolmentTexts,
  finishRoll,
  householdsChangedSince,
  insertLines,
  lastApprovedGeneration,
  lockRoll,
  manyDueEnrolments,
  paidLines,
  parametersEnteredSince,
  pendingRollPeriod,
  personsWithTownship,
  placeNames,
  reachPlaceNames,
  rollById,
  rollLineRows,
  rollOfMonthForUpdate,
  rollRows,
  rollTotals,
  scopedRollTotals,
  setRollState,
  type RollRow,
} from './rollQueries.ts';

export const fundingName: Record<FundingBody, string> = { district: '区财政', township: '乡镇财政', 'health-bureau': '区卫生局' };

/** An enrolment from its packed text: ids, codes, the category (empty for none) and months. */
function enrolmentOf(f: string): RollEnrolment {
  const [id = '', personId = '', householdId = '', township = '', village = '', category = '', start = '', last = ''] = f.split(',');
  return { id, personId, householdId, township, village, category: category === '' ? null : category, startMonth: start, lastMonth: last === '' ? null : last };
}

/** Lines per INSERT (about: a batch closes at the first run that reaches it): each statement also runs the line triggers once, over the rows it wrote. */
const INSERT_BATCH = 50_000;

/** Enrolments planned between two looks at the statements in flight. */
const PLAN_RUN = 2_000;

/** The people who acted on rolls, by name: one lookup for a page of rolls. */
const rollNames = (tx: Queryable, rolls: readonly RollRow[]) =>
  displayNames(
    tx,
    rolls.flatMap((r) => [r.generated_by, r.checked_by, r.approved_by, r.exported_by, r.paid_by]),
  );

/** Each step's username (for the four-eyes rule) and the person's name beside it (to show). */
function presentRoll(r: RollRow, nameOf: NameOf) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    programme: r.programme,
    programmeName: programmeName(r.programme),
    period: monthOf(r.period),
    state: r.state,
    lineCount: r.line_count,
    totalAmount: Number(r.total_amount),
    generatedBy: r.generated_by,
    generatedByName: nameOf(r.generated_by),
    generatedAt: r.generated_at.toISOString(),
    checkedBy: r.checked_by,
    checkedByName: nameOf(r.checked_by),
    checkedAt: iso(r.checked_at),
    approvedBy: r.approved_by,
    approvedByName: nameOf(r.approved_by),
    approvedAt: iso(r.approved_at),
    exportedBy: r.exported_by,
    exportedByName: nameOf(r.exported_by),
    exportedAt: iso(r.exported_at),
    paidBy: r.paid_by,
    paidByName: nameOf(r.paid_by),
    paidAt: iso(r.paid_at),
  };
}

export type Roll = ReturnType<typeof presentRoll>;

/**
 * A roll as the caller may see it. The district sees the whole roll; a township or village worker
 * sees the lines and the total of the own township or village only, with that place named, never
 * the district's figures beside them.
 */
async function inScope(tx: Queryable, actor: Actor, rolls: Roll[]): Promise<Array<Roll & { scopeName: string | null }>> {
  const reach = actor.reach['benefits.read'];
  if (reach === undefined || reach.all || rolls.length === 0) return rolls.map((r) => ({ ...r, scopeName: null }));
  const totals = new Map(
    (
      await scopedRollTotals(
        tx,
        rolls.map((r) => r.id),
      )
    ).map((r) => [r.roll_id, r]),
  );
  const scopeName = (await reachPlaceNames(tx, reach)).join('、') || null;
  return rolls.map((r) => ({ ...r, lineCount: totals.get(r.id)?.lines ?? 0, totalAmount: Number(totals.get(r.id)?.amount ?? 0), scopeName }));
}

export const rollReference = (r: { programme: string; period: string; id: string }) => `${r.programme}-${monthOf(r.period)}-${r.id.slice(0, 8)}`;

/** Generates (or, while a draft, regenerates) the roll of a programme for a month. */
export async function generateRoll(db: Database, actor: Actor, programme: ProgrammeId, period: string) {
  const definition = programmeOf(programme);
  const rollId = await withScope(db, actor, async (tx) => {
    const rows = await parameterRows(tx);
    const inForce = rows.some((r) => r.programme === programme && r.effectiveFrom <= (definition.period === 'once' ? monthEnd(period) : monthStart(period)));
    if (!inForce) {
      throw new AppError('parameter_missing', {
        zh: `${programmeName(programme)}在 ${period} 没有生效的标准参数，不能生成花名册`,
        en: `${programme} has no parameters in force in ${period}`,
      });
    }
    const pending = await pendingRollPeriod(tx, programme, monthStart(period));
    if (pending !== undefined) {
      throw new AppError('roll_pending', {
        zh: `${programmeName(programme)} ${monthOf(pending)} 的花名册尚未审批，请先完成`,
        en: `The ${monthOf(pending)} roll is not yet approved`,
      });
    }
    // One roll per programme and month: a concurrent second call waits here, then finds it.
    let id = await createRoll(tx, actor.district, programme, monthStart(period), actor.username);
    if (id === undefined) {
      const roll = await rollOfMonthForUpdate(tx, programme, monthStart(period));
      if (roll === undefined) throw new AppError('not_found');
      if (!rollRegenerable(roll.state)) throw new AppError('roll_locked');
      id = roll.id;
      await deleteRollLines(tx, id);
    }
    // Planned a run of enrolments at a time, and written a batch at a time while the next batch
    // is planned: between runs the statements in flight move on (each step of a COPY and the
    // INSERT after it waits for this process to hand over the next).
    const { enrolments, planner } = await planning(tx, programme, period, rows);
    await createLineStaging(tx);
    const stops: Stop[] = [];
    let lineCount = 0;
    let totalFen = 0;
    let writing: Promise<void> | undefined;
    let batch: NewLine[] = [];
    for (let i = 0; i < enrolments.length; i += PLAN_RUN) {
      const part = planner(enrolments.slice(i, i + PLAN_RUN));
      stops.push(...part.stops);
      lineCount += part.lines.length;
      for (const l of part.lines) {
        totalFen += fen(l.amount);
        batch.push(l);
      }
      if (batch.length >= INSERT_BATCH || i + PLAN_RUN >= enrolments.length) {
        await writing;
        writing = inFlight(insertLines(tx, actor.district, id, programme, definition.fundedBy, batch));
        batch = [];
      }
      await new Promise(setImmediate);
    }
    await writing;
    const total = totalFen / 100;
    await finishRoll(tx, id, { lineCount, total, stops, by: actor.username, at: businessNow() });
    await auditBy(tx, actor, {
      action: 'benefits.roll_generate',
      entityType: 'payment_roll',
      entityId: id,
      after: { programme, period, lines: lineCount, total, stops: stops.length },
    });
    return id;
  });
  return rollDetail(db, actor, rollId);
}

/** Reads what planning needs (inside the caller's transaction): the enrolments, and a planner for any run of them. */
async function planning(tx: Queryable, programme: ProgrammeId, period: string, rows: readonly ParameterRow[]) {
  const windowStart = monthStart(addMonths(period, -LOOKBACK_MONTHS));
  // A long list of households is slower to pass than to select on the server: for many
  // enrolments, the families are selected by programme and read while the enrolments are parsed.
  const many = await manyDueEnrolments(tx, programme, monthStart(period), windowStart);
  // One text per enrolment (as registerFamilies reads the register).
  const enrolmentRows = inFlight(dueEnrolmentTexts(tx, programme, monthStart(period), windowStart));
  const ofProgramme = many ? inFlight(registerFamilies(tx, { enrolledIn: programme })) : undefined;
  const enrolments = (await enrolmentRows).rows.map(({ f }) => enrolmentOf(f));
  if (enrolments.length === 0) return { enrolments, planner: () => ({ lines: [], stops: [] }) };
  const families = await (ofProgramme ?? registerFamilies(tx, [...new Set(enrolments.map((e) => e.householdId))]));
  const paid = new Map<string, Map<string, { fen: number; paid: boolean }>>();
  for (const h of await paidLines(tx, programme, windowStart, monthStart(period))) {
    const months = paid.get(h.person_id) ?? new Map<string, { fen: number; paid: boolean }>();
    paid.set(h.person_id, months);
    const m = months.get(monthOf(h.month)) ?? { fen: 0, paid: false };
    m.fen += fen(Number(h.amount));
    if (h.kind !== 'adjustment') m.paid = true;
    months.set(monthOf(h.month), m);
  }
  const since = await lastApprovedGeneration(tx, programme);
  let changed: Set<string> | 'all' = new Set();
  if (since !== null) changed = (await parametersEnteredSince(tx, since)) ? 'all' : await householdsChangedSince(tx, since);
  return { enrolments, planner: rollPlanner({ programme, period, rows, families, paid, changed }) };
}

/** A page of rolls, newest month first. */
export async function listRolls(db: Database, actor: Actor, f: { programme?: ProgrammeId | undefined; page: number; pageSize: number }) {
  return withScope(db, actor, async (tx) => {
    const { rows, total } = await rollRows(tx, f);
    const nameOf = await rollNames(tx, rows);
    return {
      items: await inScope(
        tx,
        actor,
        rows.map((row) => presentRoll(row, nameOf)),
      ),
      total,
    };
  });
}

/** A roll with its totals by township, funding body and kind, and its stops. */
export async function rollDetail(db: Database, actor: Actor, id: string) {
  return withScope(db, actor, async (tx) => detailOf(tx, actor, id));
}

async function detailOf(tx: Queryable, actor: Actor, id: string) {
  const roll = await rollRow(tx, id);
  const { byTownship, byFunding, byKind } = await rollTotals(tx, id);
  const stops = roll.stops.slice(0, 500);
  const nameOf = await personsWithTownship(
    tx,
    stops.map((s) => s.personId),
  );
  const [shown] = await inScope(tx, actor, [presentRoll(roll, await rollNames(tx, [roll]))]);
  return {
    ...(shown as Roll & { scopeName: string | null }),
    byTownship: byTownship.map((t) => ({ ...t, amount: Number(t.amount) })),
    byFundingBody: byFunding.map((b) => ({ ...b, amount: Number(b.amount) })),
    byKind: byKind.map((k) => ({ ...k, amount: Number(k.amount) })),
    stopCount: roll.stops.length,
    stops: stops.map((s) => ({
      enrolmentId: s.enrolmentId,
      personName: nameOf.get(s.personId)?.name ?? '',
      township: s.township,
      townshipName: nameOf.get(s.personId)?.township_name ?? '',
      reasons: s.reasons,
    })),
  };
}

/** A page of a roll's lines. */
export async function rollLines(
  db: Database,
  actor: Actor,
  id: string,
  f: { township?: string | undefined; kind?: string | undefined; page: number; pageSize: number },
) {
  return withScope(db, actor, async (tx) => {
    await rollRow(tx, id);
    const { rows, total } = await rollLineRows(tx, id, f);
    const place = await placeNames(tx);
    return {
      items: rows.map((l) => ({
        id: Number(l.id),
        personName: l.name,
        idNumberMasked: l.id_number_masked,
        township: l.township_code,
        townshipName: place.township(l.township_code),
        village: l.village_code,
        villageName: place.village(l.village_code),
        paidMonth: monthOf(l.paid_month),
        kind: l.kind,
        amount: Number(l.amount),
        fundedBy: l.funded_by,
        category: l.category,
        note: l.note,
      })),
      total,
    };
  });
}

/** Takes a step of the roll (check, reopen, approve, export, paid): the four-eyes rule and the states of core/benefits/rollStates.ts; audited. */
export async function transitionRoll(db: Database, actor: Actor, id: string, action: RollAction) {
  return withScope(db, actor, async (tx) => {
    await lockRoll(tx, id);
    const roll = await rollRow(tx, id);
    const decision = decideRollAction({ state: roll.state, generatedBy: roll.generated_by }, action, actor.username);
    const t = decision.transition;
    if (!decision.allowed && decision.refusal === 'wrong_state') {
      throw new AppError('invalid_transition', {
        zh: `花名册当前为“${stateName[roll.state]}”，不能${t.label}`,
        en: `The roll is ${roll.state}; cannot ${action}`,
      });
    }
    if (!decision.allowed) throw new AppError('four_eyes');
    await setRollState(tx, id, t.to, action === 'reopen' ? 'reopen' : { column: t.step, by: actor.username, at: businessNow() });
    await auditBy(tx, actor, {
      action: `benefits.roll_${action}`,
      entityType: 'payment_roll',
      entityId: id,
      before: { state: roll.state },
      after: { state: t.to, lines: roll.line_count, total: Number(roll.total_amount) },
    });
    return detailOf(tx, actor, id);
  });
}

/** Streams the roll workbook (once exported); audited. */
export async function rollWorkbook(db: Database, actor: Actor, id: string, out: NodeJS.WritableStream): Promise<void> {
  await withScope(db, actor, async (tx) => {
    const roll = await exportable(tx, id);
    const detail = await detailOf(tx, actor, id);
    const rows = await allRollLines(tx, id);
    const place = await placeNames(tx);
    const district = ownName((await districtName(tx))?.name ?? '');
    async function* lines(): AsyncIterable<RollLineOut> {
      let seq = 0;
      for (const l of rows) {
        yield {
          seq: ++seq,
          townshipName: place.township(l.township_code),
          villageName: place.village(l.village_code),
          name: l.name,
          idNumberMasked: l.id_number_masked,
          paidMonth: monthOf(l.paid_month),
          kind: l.kind,
          category: l.category as RollLineOut['category'],
          amount: Number(l.amount),
          fundedBy: l.funded_by,
          note: l.note,
        };
      }
    }
    await writeRollWorkbook(
      out,
      {
        districtName: district,
        programmeName: programmeName(roll.programme),
        fundedByName: fundingName[programmeOf(roll.programme).fundedBy],
        period: monthOf(roll.period),
        state: stateName[roll.state],
        reference: rollReference(roll),
        generatedBy: detail.generatedByName ?? roll.generated_by,
        generatedAt: chinaDateTime(roll.generated_at),
        checkedBy: detail.checkedByName,
        approvedBy: detail.approvedByName,
        approvedAt: roll.approved_at === null ? null : chinaDateTime(roll.approved_at),
      },
      lines(),
      {
        lines: detail.lineCount,
        amount: detail.totalAmount,
        byTownship: detail.byTownship.map((t) => ({ townshipName: t.townshipName, lines: t.lines, amount: t.amount })),
        byFundingBody: detail.byFundingBody,
      },
    );
    await auditBy(tx, actor, {
      action: 'benefits.roll_download_xlsx',
      entityType: 'payment_roll',
      entityId: id,
      detail: { lines: roll.line_count, total: Number(roll.total_amount) },
    });
  });
}

/**
 * Streams the bank disbursement file (once exported): one positive payment per person, the
 * roll's lines netted per enrolment; a person whose net is nothing or negative (a recovery)
 * is left out of the bank file. Control totals are of the file itself. Audited.
 */
export async function rollBankFile(
  db: Database,
  actor: Actor,
  secrets: Secrets,
  id: string,
  out: NodeJS.WritableStream,
): Promise<{ lines: number; amount: number }> {
  return withScope(db, actor, async (tx) => {
    const roll = await exportable(tx, id);
    const rows = await bankPayments(tx, id);
    const reference = rollReference(roll);
    const control = { reference, lines: rows.length, amount: rows.reduce((s, r) => s + fen(Number(r.amount)), 0) / 100 };
    async function* lines() {
      let seq = 0;
      for (const r of rows)
        yield {
          account: secrets.decrypt(r.bank_account_enc),
          name: r.name,
          amount: Number(r.amount),
          reference: `${reference}-${String(++seq).padStart(6, '0')}`,
        };
    }
    const written = await writeBankCsv(out, lines(), control);
    await auditBy(tx, actor, {
      action: 'benefits.roll_download_bank',
      entityType: 'payment_roll',
      entityId: id,
      detail: { reference, lines: written.lines, amount: written.amount },
    });
    return written;
  });
}

/** The roll's header, once it may be downloaded (exported or paid); else a 409. */
export async function downloadableRoll(db: Database, actor: Actor, id: string): Promise<Roll> {
  return withScope(db, actor, async (tx) => {
    const roll = await exportable(tx, id);
    return presentRoll(roll, await rollNames(tx, [roll]));
  });
}

async function exportable(tx: Queryable, id: string): Promise<RollRow> {
  const roll = await rollRow(tx, id);
  if (!rollDownloadable(roll.state)) {
    throw new AppError('invalid_transition', { zh: '花名册审批并导出后方可下载', en: 'The roll can be downloaded once approved and exported' });
  }
  return roll;
}

async function rollRow(tx: Queryable, id: string): Promise<RollRow> {
  const roll = await rollById(tx, id);
  if (roll === undefined) throw new AppError('not_found');
  return roll;
}
