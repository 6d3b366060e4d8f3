/**
 * 政策测算: a draft parameter change evaluated over the whole register beside the parameters in
 * force, month by month, without writing anything. Amounts are of every programme (a change of
 * the district standard also moves the 大黄堡 top-up that references it); beneficiaries, gained
 * and lost are of the programme changed.
 */
import { createEvaluator, type Evaluator } from '../../core/benefits/engine.ts';
import { parameterRowSchema, type ParameterRow, type ParameterValue } from '../../core/benefits/parameters.ts';
import type { ProgrammeId } from '../../core/benefits/types.ts';
import { AppError } from '../../core/errors.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { situationOn, type RegisterFamily } from '../../core/benefits/registerFamily.ts';
import { townshipsInOrder } from './placeQueries.ts';
import { registerFamilies } from './familyQueries.ts';
import { parameterRows } from './parameterQueries.ts';

export interface WhatIfInput {
  programme: ProgrammeId;
  parameter: string;
  value: ParameterValue;
  effectiveFrom: string;
  years: number;
}

interface Tally {
  persons: Set<string>;
  fen: number;
}

/** Persons paid by the programme and fen paid by every programme, per township, over one year. */
function tallyYear(evaluator: Evaluator, families: readonly RegisterFamily[], programme: ProgrammeId, year: number): Map<string, Tally> {
  const byTownship = new Map<string, Tally>();
  for (let month = 1; month <= 12; month++) {
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    for (const family of families) {
      const results = evaluator.evaluate(situationOn(family, date), { explain: false }).results;
      let tally = byTownship.get(family.township);
      for (const r of results) {
        const movedOut = family.movedOutOn[r.parent];
        if (!r.eligible || r.period === 'once' || (movedOut != null && movedOut < date)) continue;
        if (tally === undefined) byTownship.set(family.township, (tally = { persons: new Set(), fen: 0 }));
        tally.fen += Math.round(r.monthlyAmount * 100);
        if (r.programme === programme) tally.persons.add(family.parentIds[r.parent] ?? '');
      }
    }
  }
  return byTownship;
}

export async function whatIf(db: Database, actor: Actor, input: WhatIfInput) {
  return withScope(db, actor, async (tx) => {
    const live = await parameterRows(tx);
    const unit = live.filter((r) => r.programme === input.programme && r.name === input.parameter).at(-1)?.unit;
    if (unit === undefined)
      throw new AppError('not_found', { zh: `项目没有参数 ${input.parameter}`, en: `No parameter ${input.parameter}`, details: { field: 'parameter' } });
    const draftRow = parameterRowSchema.safeParse({
      programme: input.programme,
      name: input.parameter,
      value: input.value,
      unit,
      effectiveFrom: input.effectiveFrom,
      reference: '测算草案',
    });
    if (!draftRow.success)
      throw new AppError('validation_failed', {
        zh: `参数值不符合单位 ${unit} 的要求`,
        en: draftRow.error.issues.map((i) => i.message).join('; '),
        details: { field: 'value' },
      });
    const draft: ParameterRow[] = [
      ...live.filter((r) => !(r.programme === input.programme && r.name === input.parameter && r.effectiveFrom === input.effectiveFrom)),
      draftRow.data,
    ];
    const families = await registerFamilies(tx);
    const townships = await townshipsInOrder(tx);
    const baseline = createEvaluator(live);
    const proposed = createEvaluator(draft);
    const first = Number(input.effectiveFrom.slice(0, 4));
    const years = [];
    const byTownship = [];
    for (let year = first; year < first + input.years; year++) {
      const before = tallyYear(baseline, families, input.programme, year);
      const after = tallyYear(proposed, families, input.programme, year);
      const all = (m: Map<string, Tally>) => {
        const persons = new Set<string>();
        let fen = 0;
        for (const t of m.values()) {
          for (const p of t.persons) persons.add(p);
          fen += t.fen;
        }
        return { persons, fen };
      };
      const b = all(before);
      const a = all(after);
      years.push({
        year,
        baseline: { beneficiaries: b.persons.size, amount: b.fen / 100 },
        draft: { beneficiaries: a.persons.size, amount: a.fen / 100 },
        gained: [...a.persons].filter((p) => !b.persons.has(p)).length,
        lost: [...b.persons].filter((p) => !a.persons.has(p)).length,
      });
      for (const [code, name] of townships) {
        const tb = before.get(code);
        const ta = after.get(code);
        if (tb === undefined && ta === undefined) continue;
        byTownship.push({
          township: code,
          townshipName: name,
          year,
          baselineBeneficiaries: tb?.persons.size ?? 0,
          draftBeneficiaries: ta?.persons.size ?? 0,
          baselineAmount: (tb?.fen ?? 0) / 100,
          draftAmount: (ta?.fen ?? 0) / 100,
        });
      }
    }
    await auditBy(tx, actor, {
      action: 'benefits.what_if',
      entityType: 'programme_parameter',
      entityId: `${input.programme}/${input.parameter}`,
      detail: { ...input, years: input.years },
    });
    return { programme: input.programme, parameter: input.parameter, value: draftRow.data.value, effectiveFrom: input.effectiveFrom, years, byTownship };
  });
}
