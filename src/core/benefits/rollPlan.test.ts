import { describe, expect, it } from 'vitest';
import reference from './rollPlan.cases.json' with { type: 'json' };
import { defaultParameterRows } from './defaults.ts';
import { parameterRowsSchema } from './parameters.ts';
import type { RegisterFamily } from './registerFamily.ts';
import { fen, LOOKBACK_MONTHS, programmeOf, rollPlanner, type NewLine, type RollEnrolment, type RollPlanInput } from './rollPlan.ts';
import type { ProgrammeId } from './types.ts';

/** A roll-plan reference case: the register, enrolments and payments before, and the lines and stops expected. */
interface PlanCase {
  note: string;
  programme: ProgrammeId;
  period: string;
  enrolments: { id: string; person: string; household: string; category: string | null; start: string; last: string | null }[];
  /** person → month → fen paid and whether a regular or arrears line was paid. */
  paid: Record<string, Record<string, { fen: number; paid: boolean }>>;
  changed: string[] | 'all';
  extraRows?: unknown[];
  expected: {
    lines: { enrolment: string; month: string; kind: NewLine['kind']; amount: number; category: string | null; note: string | null }[];
    stops: { enrolment: string; reasons: string[] }[];
  };
}

const families = reference.families as unknown as Record<string, RegisterFamily>;
const cases = reference.cases as unknown as PlanCase[];

const TOWNSHIP = '120114001';
const VILLAGE = '120114001201';

function enrolmentsOf(c: PlanCase): RollEnrolment[] {
  return c.enrolments.map((e) => ({
    id: e.id,
    personId: e.person,
    householdId: e.household,
    township: TOWNSHIP,
    village: VILLAGE,
    category: e.category,
    startMonth: e.start,
    lastMonth: e.last,
  }));
}

function inputOf(c: PlanCase): RollPlanInput {
  const households = new Set(c.enrolments.map((e) => e.household));
  return {
    programme: c.programme,
    period: c.period,
    rows: c.extraRows === undefined ? defaultParameterRows : parameterRowsSchema.parse([...defaultParameterRows, ...c.extraRows]),
    families: Object.entries(families)
      .filter(([household]) => households.has(household))
      .map(([, family]) => family),
    paid: new Map(Object.entries(c.paid).map(([person, months]) => [person, new Map(Object.entries(months))])),
    changed: c.changed === 'all' ? 'all' : new Set(c.changed),
  };
}

describe('roll planner: reference cases', () => {
  it.each(cases)('$note', (c) => {
    const enrolments = enrolmentsOf(c);
    const plan = rollPlanner(inputOf(c))(enrolments);
    const person = new Map(enrolments.map((e) => [e.id, e.personId]));
    expect(plan.lines).toEqual(
      c.expected.lines.map((l) => ({
        enrolmentId: l.enrolment,
        personId: person.get(l.enrolment),
        township: TOWNSHIP,
        village: VILLAGE,
        paidMonth: l.month,
        kind: l.kind,
        amount: l.amount,
        category: l.category,
        note: l.note,
      })),
    );
    expect(plan.stops).toEqual(
      c.expected.stops.map((s) => ({ enrolmentId: s.enrolment, personId: person.get(s.enrolment), township: TOWNSHIP, reasons: s.reasons })),
    );
  });
});

describe('roll planner', () => {
  const byNote = (text: string) => {
    const c = cases.find((x) => x.note.startsWith(text));
    if (c === undefined) throw new Error(`no case ${text}`);
    return c;
  };

  it('looks back LOOKBACK_MONTHS (24) months and no further', () => {
    expect(LOOKBACK_MONTHS).toBe(24);
    const c = byNote('arrears reach back 24 months');
    const months = rollPlanner(inputOf(c))(enrolmentsOf(c)).lines.map((l) => l.paidMonth);
    expect(months[0]).toBe('2010-06');
    expect(months).toHaveLength(LOOKBACK_MONTHS + 1);
    expect(months).not.toContain('2010-05');
  });

  it('plans the same lines whether the enrolments come in one run or several', () => {
    const c = byNote('death recorded in time');
    const enrolments = enrolmentsOf(c);
    const whole = rollPlanner(inputOf(c))(enrolments);
    const planner = rollPlanner(inputOf(c));
    const runs = enrolments.map((e) => planner([e]));
    expect({ lines: runs.flatMap((r) => r.lines), stops: runs.flatMap((r) => r.stops) }).toEqual(whole);
  });

  it('plans nothing for no enrolments', () => {
    expect(rollPlanner(inputOf(byNote("a month's regular line")))([])).toEqual({ lines: [], stops: [] });
  });

  it('keeps an adjustment to whole fen, so a roll total adds up exactly', () => {
    const c = byNote('a parameter entered after the fact');
    const { lines } = rollPlanner(inputOf(c))(enrolmentsOf(c));
    expect(lines.map((l) => l.amount)).toEqual([0.03, 80.03]);
    expect(lines.reduce((total, l) => total + fen(l.amount), 0)).toBe(8006);
  });

  it('counts yuan in fen without float drift', () => {
    expect(fen(80)).toBe(8000);
    expect(fen(0.1 + 0.2)).toBe(30);
    expect(fen(80.03)).toBe(8003);
    expect(fen(-80)).toBe(-8000);
    expect(fen(80.03) - fen(80)).toBe(3);
  });

  it('knows the programmes by id and refuses an unknown one', () => {
    expect(programmeOf('pension-insurance').period).toBe('once');
    expect(programmeOf('reward-assistance').period).toBe('month');
    expect(() => programmeOf('no-such-programme')).toThrow(expect.objectContaining({ code: 'unknown_programme' }));
    expect(() => rollPlanner({ ...inputOf(cases[0] as PlanCase), programme: 'no-such-programme' as ProgrammeId })).toThrow();
  });
});
