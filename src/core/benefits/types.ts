/**
 * The situation the eligibility engine evaluates (issue 4 §2) and the result it returns.
 *
 * A situation describes one family as it stands on `date`: `alive`, `deathDate` and the
 * children are facts known on that day. `situationSchema` rejects missing or contradictory facts
 * with the path of the field (the API turns them into 400s); the engine itself trusts its input
 * and does not validate again.
 */
import { z } from 'zod';
import { dayNumber, isCalendarDate } from './dates.ts';

export const sexes = ['F', 'M'] as const;
export type Sex = (typeof sexes)[number];

export const hukouTypes = ['rural', 'urban'] as const;
export type HukouType = (typeof hukouTypes)[number];

export interface Parent {
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
  hukou: HukouType;
  /** Alive on the situation's `date`. */
  alive: boolean;
  /** Only for a parent who has died (alive false); may be left out when unknown. */
  deathDate?: string | null;
}

export interface Child {
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
  /** Legally adopted (依法收养); counts as a child like a born one. */
  adopted: boolean;
  alive: boolean;
  /** Required when alive is false, null otherwise. */
  deathDate: string | null;
  /** Disability grade 1 (most severe) … 4, null when not disabled. */
  disabilityGrade: number | null;
  /** Born in a hospital (住院分娩); absent means false. Only a born child, never an adopted one. */
  hospitalDelivery?: boolean;
}

export interface Family {
  /** One or two parents; one parent means a single parent (divorced, widowed, unmarried). */
  parents: Parent[];
  /** Every child ever born or legally adopted, living or dead. */
  children: Child[];
  outOfPolicyBirth1973to2001: boolean;
  oneChildCertificate: boolean;
  /** The family voluntarily gave up its second-child birth quota (主动退出二孩生育指标); absent means false. */
  secondChildQuotaWaived?: boolean;
}

export interface Situation {
  /** The evaluated day, YYYY-MM-DD; the evaluated month is its month. */
  date: string;
  /** Township division code (9 digits, e.g. 120114002 下朱庄街道). */
  township: string;
  family: Family;
}

import type { BenefitCategory, FundingBody, ProgrammeId } from './ids.ts';

export { programmeIds, type ProgrammeId, fundingBodies, type FundingBody, benefitCategories, type BenefitCategory } from './ids.ts';

/** What a programme pays for: each month (yuan per month), or once (a one-off sum in yuan). */
export const programmePeriods = ['month', 'once'] as const;
export type ProgrammePeriod = (typeof programmePeriods)[number];

export type SpecialAssistanceCategory = BenefitCategory;

export interface ConditionResult {
  id: string;
  /** Chinese label shown to the office and the public. */
  label: string;
  met: boolean;
  /** The facts and parameters the condition used (Chinese); empty when evaluated without explanation. */
  detail: string;
}

interface ProgrammeResultBase {
  programme: ProgrammeId;
  /** Index into `family.parents`. */
  parent: number;
  eligible: boolean;
  /** Yuan per month; 0 when not eligible, and always 0 for a programme paid once. */
  monthlyAmount: number;
  fundedBy: FundingBody;
  /** special-assistance only: the category the only child's status gives (set even when another condition fails). */
  category?: SpecialAssistanceCategory;
  /** Every condition of the programme, in order, met or not. */
  conditions: ConditionResult[];
  /** How the amount was reached: the parameter rows used and their legal reference (Chinese). */
  amountDetail?: string;
}

/** A programme paid each month: the amount is `monthlyAmount`; there is no `onceAmount`. */
export interface MonthlyProgrammeResult extends ProgrammeResultBase {
  period: 'month';
  onceAmount?: never;
}

/** A programme paid once (a delivery, an insurance premium): `monthlyAmount` is 0, the sum is `onceAmount`. */
export interface OnceProgrammeResult extends ProgrammeResultBase {
  period: 'once';
  /** Yuan, paid once; 0 when not eligible. */
  onceAmount: number;
}

export type ProgrammeResult = MonthlyProgrammeResult | OnceProgrammeResult;

export interface EvaluationResult {
  results: ProgrammeResult[];
}

// ---------------------------------------------------------------------------------------------
// Input schema

const isoDate = z.string().refine(isCalendarDate, { error: 'Expected a real calendar date YYYY-MM-DD (year 1850 or later)' });

const parentSchema = z.strictObject({
  sex: z.enum(sexes),
  birthDate: isoDate,
  hukou: z.enum(hukouTypes),
  alive: z.boolean(),
  deathDate: isoDate.nullable().optional(),
});

const childSchema = z.strictObject({
  sex: z.enum(sexes),
  birthDate: isoDate,
  adopted: z.boolean(),
  alive: z.boolean(),
  deathDate: isoDate.nullable(),
  disabilityGrade: z.number().int().min(1).max(4).nullable(),
  hospitalDelivery: z.boolean().optional(),
});

const familySchema = z.strictObject({
  parents: z.array(parentSchema).min(1).max(2),
  children: z.array(childSchema).max(20),
  outOfPolicyBirth1973to2001: z.boolean(),
  oneChildCertificate: z.boolean(),
  secondChildQuotaWaived: z.boolean().optional(),
});

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** yyyymmdd, or NaN for a malformed date (already reported): NaN compares false, so no echo issues. */
function day(text: string): number {
  return isCalendarDate(text) ? dayNumber(text) : Number.NaN;
}

/**
 * Cross-field checks. Zod runs them once every field has the right type, even when a date
 * failed its calendar check, so malformed dates are read as NaN and trigger nothing here.
 */
function checkFacts(s: Situation, report: Report): void {
  const today = day(s.date);
  const { parents, children } = s.family;

  const [first, second] = parents;
  if (first !== undefined && second !== undefined && first.sex === second.sex) {
    report(['family', 'parents', 1, 'sex'], 'Two parents must be one woman (F) and one man (M)');
  }

  parents.forEach((p, i) => {
    const at: Path = ['family', 'parents', i];
    const birth = day(p.birthDate);
    if (birth > today) report([...at, 'birthDate'], `Parent born after the evaluated date ${s.date}`);
    if (p.deathDate !== undefined && p.deathDate !== null) {
      const death = day(p.deathDate);
      if (p.alive) report([...at, 'deathDate'], 'A parent with a death date must have alive: false');
      if (death < birth) report([...at, 'deathDate'], 'Death date before birth date');
      if (death > today) report([...at, 'deathDate'], `Death date after the evaluated date ${s.date}`);
    }
  });

  const mother = parents.find((p) => p.sex === 'F');
  children.forEach((c, i) => {
    const at: Path = ['family', 'children', i];
    const birth = day(c.birthDate);
    if (birth > today) report([...at, 'birthDate'], `Child born after the evaluated date ${s.date}`);
    parents.forEach((p, j) => {
      if (birth <= day(p.birthDate)) {
        report([...at, 'birthDate'], `Child born on or before the birth of parent ${j} (${p.birthDate})`);
      }
    });
    if (!c.adopted && mother?.deathDate != null && birth > day(mother.deathDate)) {
      report([...at, 'birthDate'], `Born (not adopted) after the mother's death (${mother.deathDate})`);
    }
    if (c.adopted && c.hospitalDelivery === true) {
      report([...at, 'hospitalDelivery'], 'An adopted child (adopted: true) was not delivered by this family: hospitalDelivery must be false or left out');
    }
    if (c.alive && c.deathDate !== null) report([...at, 'deathDate'], 'A living child (alive: true) must have deathDate: null');
    if (!c.alive && c.deathDate === null) report([...at, 'deathDate'], 'A child who died (alive: false) needs a death date');
    if (c.deathDate !== null) {
      const death = day(c.deathDate);
      if (death < birth) report([...at, 'deathDate'], 'Death date before birth date');
      if (death > today) report([...at, 'deathDate'], `Death date after the evaluated date ${s.date}`);
    }
  });
}

export const situationSchema: z.ZodType<Situation> = z
  .strictObject({
    date: isoDate,
    township: z.string().regex(/^\d{9}$/, { error: 'Expected a 9-digit township division code' }),
    family: familySchema,
  })
  .superRefine((s, ctx) => {
    checkFacts(s, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
  });

export interface FieldIssue {
  /** Dotted path of the field, e.g. `family.children.0.birthDate`; `(root)` for the whole input. */
  path: string;
  message: string;
}

export type SituationParse = { ok: true; situation: Situation } | { ok: false; issues: FieldIssue[] };

/** Validates untrusted input (API body, CLI stdin) before it reaches the engine. */
export function parseSituation(input: unknown): SituationParse {
  const parsed = situationSchema.safeParse(input);
  if (parsed.success) return { ok: true, situation: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
