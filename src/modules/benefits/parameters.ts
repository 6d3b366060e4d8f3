/**
 * The programmes as the office sees them (conditions, legal basis, parameters over time) and
 * the office's edits of parameters: a new effective-dated row, audited, never inside a month
 * whose roll is already approved (money paid under the old value stays as it was paid).
 */
import { describeProgrammes } from '../../core/benefits/catalog.ts';
import { parameterRowSchema, type ParameterValue } from '../../core/benefits/parameters.ts';
import { AppError } from '../../core/errors.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import { displayNames } from '../users/names.ts';
import { businessNow, today as businessToday } from '../../core/clock.ts';
import { lastApprovedPeriodFrom, parameterEntries, upsertParameter, parameterRows } from './parameterQueries.ts';

export interface NewParameter {
  programme: string;
  name: string;
  effectiveFrom: string;
  value: ParameterValue;
  reference: string;
}

export async function programmeCatalog(db: Database, actor: Actor, today = businessToday()) {
  return withScope(db, actor, async (tx) => {
    const rows = await parameterRows(tx);
    const entered = await parameterEntries(tx);
    const who = new Map(entered.map((e) => [`${e.programme}/${e.name}/${e.effective_from}`, e]));
    const nameOf = await displayNames(
      tx,
      entered.map((e) => e.created_by),
    );
    const programmes = describeProgrammes(rows, today).map((p) => {
      const names = [...new Set(rows.filter((r) => r.programme === p.id).map((r) => r.name))];
      return {
        ...p,
        parameters: names.map((name) => {
          const own = rows.filter((r) => r.programme === p.id && r.name === name);
          return {
            name,
            unit: own.at(-1)?.unit ?? '',
            rows: own.map((r) => {
              const e = who.get(`${r.programme}/${r.name}/${r.effectiveFrom}`);
              return {
                effectiveFrom: r.effectiveFrom,
                value: r.value,
                reference: r.reference,
                createdBy: e?.created_by ?? '',
                createdByName: nameOf(e?.created_by ?? null),
                createdAt: e?.created_at.toISOString() ?? '',
              };
            }),
          };
        }),
      };
    });
    const confirmation = rows.filter((r) => r.programme === 'confirmation');
    return { programmes, confirmation };
  });
}

export async function addParameter(db: Database, actor: Actor, input: NewParameter) {
  return withScope(db, actor, async (tx) => {
    const rows = await parameterRows(tx);
    const same = rows.filter((r) => r.programme === input.programme && r.name === input.name);
    const unit = same.at(-1)?.unit;
    if (unit === undefined) {
      throw new AppError('not_found', {
        zh: `项目 ${input.programme} 没有参数 ${input.name}`,
        en: `${input.programme} has no parameter ${input.name}`,
        details: { field: 'name' },
      });
    }
    if (!input.effectiveFrom.endsWith('-01')) {
      throw new AppError('validation_failed', {
        zh: '参数须自某月 1 日起生效',
        en: 'A parameter takes effect on the first day of a month',
        details: { field: 'effectiveFrom' },
      });
    }
    const row = parameterRowSchema.safeParse({
      programme: input.programme,
      name: input.name,
      value: input.value,
      unit,
      effectiveFrom: input.effectiveFrom,
      reference: input.reference,
    });
    if (!row.success) {
      throw new AppError('validation_failed', {
        zh: `参数值不符合单位 ${unit} 的要求`,
        en: row.error.issues.map((i) => i.message).join('; '),
        details: { field: 'value' },
      });
    }
    const locked = await lastApprovedPeriodFrom(tx, input.effectiveFrom);
    if (locked !== null) {
      throw new AppError('parameter_locked', { details: { field: 'effectiveFrom', approvedThrough: locked.slice(0, 7) } });
    }
    const before = same.find((r) => r.effectiveFrom === input.effectiveFrom) ?? null;
    // When it was set, as the programmes page shows it: on the business date.
    await upsertParameter(tx, actor.district, row.data, actor.username, businessNow());
    await auditBy(tx, actor, {
      action: 'benefits.parameter_set',
      entityType: 'programme_parameter',
      entityId: `${input.programme}/${input.name}/${input.effectiveFrom}`,
      before,
      after: row.data,
    });
    return { row: row.data };
  });
}
