import type { ParameterRow } from '../../core/benefits/parameters.ts';
import { parameterRowsSchema } from '../../core/benefits/parameters.ts';
import type { RegisterChild, RegisterFamily } from '../../core/benefits/registerFamily.ts';
import type { Queryable } from '../../db/types.ts';
import { Cursor } from '../../db/cursor.ts';

/** The parameter rows in force for the district (all dates), as the engine takes them. */
export async function parameterRows(tx: Queryable): Promise<ParameterRow[]> {
  const { rows } = await tx.query<{ programme: string; name: string; value: unknown; unit: string; effective_from: string; reference: string }>(
    'SELECT programme, name, value, unit, effective_from::text AS effective_from, reference FROM programme_parameter ORDER BY programme, name, effective_from',
  );
  return parameterRowsSchema.parse(
    rows.map((r) => ({ programme: r.programme, name: r.name, value: r.value, unit: r.unit, effectiveFrom: r.effective_from, reference: r.reference })),
  );
}

/** Which families to read: every one in the caller's reach, those of some households, or those with an enrolment in a programme. */
export type FamilyFilter = readonly string[] | { enrolledIn: string };

/**
 * Sets, for the rest of the transaction, what reading a whole register needs: hash joins over a
 * district's enrolments fit in memory (the default 4 MB spills them to disk), and no JIT
 * compilation (a third of a second per statement, for queries that spend their time moving rows).
 */
async function prepareForRegisterRead(tx: Queryable): Promise<void> {
  await tx.query("SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true)");
}

/**
 * Families as the programmes see them, a batch at a time: per household, the head and the spouse
 * as parents, and every child linked to either of them (born or adopted), with deaths and
 * disability assessments. The register's writes keep them in benefit_family (migration 0015),
 * one row per family. Read under the caller's row-level security: a township sees its own
 * families only.
 */
export async function* registerFamilyBatches(tx: Queryable, filter?: FamilyFilter): AsyncGenerator<RegisterFamily[]> {
  const reader = new FamilyReader();
  const columns = "concat(township_code, ',', facts) AS f";
  if (filter !== undefined && !('enrolledIn' in filter)) {
    const { rows } = await tx.query<{ f: string }>(`SELECT ${columns} FROM benefit_family WHERE household_id = ANY ($1::uuid[]) ORDER BY household_id, part`, [
      [...filter],
    ]);
    yield rows.map(({ f }) => reader.family(f));
    return;
  }
  // Many families: through a cursor, each batch produced by the server while the previous one is
  // read here. The households enrolled in a programme are chosen on the server (a long id list is
  // slow to pass).
  await prepareForRegisterRead(tx);
  const [where, args] =
    filter === undefined ? ['', []] : ['WHERE household_id IN (SELECT e.household_id FROM benefit_enrolment e WHERE e.programme = $1)', [filter.enrolledIn]];
  const cursor = await Cursor.open<{ f: string }>(tx, 'register_families', `SELECT ${columns} FROM benefit_family ${where}`, args, FAMILY_BATCH);
  for await (const batch of cursor.batches()) yield batch.map(({ f }) => reader.family(f));
}

/** Every family of registerFamilyBatches at once. */
export async function registerFamilies(tx: Queryable, filter?: FamilyFilter): Promise<RegisterFamily[]> {
  const families: RegisterFamily[] = [];
  for await (const batch of registerFamilyBatches(tx, filter)) for (const family of batch) families.push(family);
  return families;
}

/** Families per batch of a cursor. */
const FAMILY_BATCH = 10_000;

/**
 * Reads a family from its row: the township, then benefit_family.facts (comma-terminated fields:
 * the counts of parents and children, each parent's nine fields, each child's six; migration 0015
 * describes them). Only the fields kept become strings: a district has hundreds of thousands of
 * families.
 */
export class FamilyReader {
  private readonly row = new Fields();
  /** Thirty townships: one string each, not one per family. */
  private township = '';

  family(f: string): RegisterFamily {
    const row = this.row.reset(f);
    if (!row.flag(this.township)) this.township = row.previous();
    const parentCount = row.count();
    const childCount = row.count();
    const parentIds: string[] = [];
    const parents: RegisterFamily['parents'] = [];
    const movedOutOn: (string | null)[] = [];
    let certificate = false;
    let outOfPolicy = false;
    let waived: string | null = null;
    for (let i = 0; i < parentCount; i++) {
      parentIds.push(row.text());
      const sex = row.flag('F') ? 'F' : 'M';
      const birthDate = row.text();
      const hukou = row.flag('rural') ? 'rural' : 'urban';
      parents.push({ sex, birthDate, hukou, deathDate: row.date() });
      movedOutOn.push(row.date());
      if (row.flag('t')) certificate = true;
      if (row.flag('t')) outOfPolicy = true;
      const on = row.date();
      if (on !== null && (waived === null || on < waived)) waived = on;
    }
    const children: RegisterChild[] = childCount === 0 ? noChildren : [];
    for (let i = 0; i < childCount; i++) {
      const sex = row.flag('F') ? 'F' : 'M';
      const birthDate = row.text();
      const adopted = row.flag('t');
      children.push({ sex, birthDate, adopted, deathDate: row.date(), hospitalDelivery: row.flag('t'), disability: row.assessments() });
    }
    return {
      township: this.township,
      parentIds,
      parents,
      children,
      outOfPolicyBirth: outOfPolicy,
      oneChildCertificate: certificate,
      movedOutOn,
      secondChildQuotaWaivedOn: waived,
    };
  }
}

/** No assessments: shared by the children without any (most of them). */
const noAssessments: readonly { grade: number; on: string }[] = Object.freeze([]);

/** No children: shared by the families without any. */
const noChildren: RegisterChild[] = Object.freeze([]) as unknown as RegisterChild[];

/** The fields of a comma-separated row, read in turn: only the kept ones become strings. */
class Fields {
  private row = '';
  private at = 0;
  private last = 0;
  /** Starts reading another row. */
  reset(row: string): this {
    this.row = row;
    this.at = 0;
    this.last = 0;
    return this;
  }
  /** The next field as text. */
  text(): string {
    const end = this.skip();
    return this.row.slice(this.last, end);
  }
  /** Passes over the next field; where it ended (its comma, or the row's end). */
  skip(): number {
    this.last = this.at;
    const comma = this.row.indexOf(',', this.at);
    const end = comma < 0 ? this.row.length : comma;
    this.at = end + 1;
    return end;
  }
  /** The field just read, as text. */
  previous(): string {
    return this.row.slice(this.last, this.at - 1);
  }
  /** The next field, a date or empty (null). */
  date(): string | null {
    const end = this.skip();
    return end === this.last ? null : this.row.slice(this.last, end);
  }
  /** Whether the next field is the given value. */
  flag(value: string): boolean {
    const end = this.skip();
    return end - this.last === value.length && this.row.startsWith(value, this.last);
  }
  /** The next field, a count (digits). */
  count(): number {
    const end = this.skip();
    let n = 0;
    for (let i = this.last; i < end; i++) n = n * 10 + this.row.charCodeAt(i) - 48;
    return n;
  }
  /** The next field: disability assessments as grade and day pairs separated by spaces, oldest first. */
  assessments(): readonly { grade: number; on: string }[] {
    const text = this.text();
    if (text === '') return noAssessments;
    const parts = text.split(' ');
    const out: { grade: number; on: string }[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) out.push({ grade: Number(parts[i]), on: parts[i + 1] ?? '' });
    return out;
  }
}
