import type { ParameterRow } from '../../core/benefits/parameters.ts';
import { parameterRowsSchema } from '../../core/benefits/parameters.ts';
import type { Situation } from '../../core/benefits/types.ts';
import type { Queryable } from '../../db/types.ts';
import { Cursor } from '../../db/cursor.ts';
import { inFlight } from '../../db/inFlight.ts';

/** The parameter rows in force for the district (all dates), as the engine takes them. */
export async function parameterRows(tx: Queryable): Promise<ParameterRow[]> {
  const { rows } = await tx.query<{ programme: string; name: string; value: unknown; unit: string; effective_from: string; reference: string }>(
    'SELECT programme, name, value, unit, effective_from::text AS effective_from, reference FROM programme_parameter ORDER BY programme, name, effective_from',
  );
  return parameterRowsSchema.parse(rows.map((r) => ({ programme: r.programme, name: r.name, value: r.value, unit: r.unit, effectiveFrom: r.effective_from, reference: r.reference })));
}

/** A child of a register family. */
export interface RegisterChild {
  /** The child's person id, when read from the register. */
  id?: string;
  /** Which parent's link the child was read by (0 or 1): whether adopted is a fact of the link. */
  via?: number;
  sex: 'M' | 'F';
  birthDate: string;
  adopted: boolean;
  deathDate: string | null;
  disability: readonly { grade: number; on: string }[];
  hospitalDelivery?: boolean;
}

/** A family of the register: its parents (with person ids, to count persons paid) and the facts over time. */
export interface RegisterFamily {
  township: string;
  parentIds: string[];
  parents: { sex: 'M' | 'F'; birthDate: string; hukou: 'rural' | 'urban'; deathDate: string | null }[];
  children: RegisterChild[];
  outOfPolicyBirth: boolean;
  oneChildCertificate: boolean;
  movedOutOn: (string | null)[];
  /** The day the family gave up its second-child quota, if it did. */
  secondChildQuotaWaivedOn?: string | null;
}

/**
 * Columns packed into one comma-separated text per row (a null as an empty field, a boolean as
 * t or f): the driver spends about a microsecond per row and as much again per column, so a
 * million rows of one column read in half the time of a dozen columns. Only for values without
 * commas (ids, codes, dates, booleans).
 */
const packed = (columns: readonly string[]) => `concat(${columns.join(", ',', ")}) AS f`;

const parentColumns = packed(['id', 'household_id', 'township_code', 'sex', 'birth_date', 'hukou', 'death_date', 'moved_out_on',
  'one_child_certificate_number IS NOT NULL', 'out_of_policy_birth IS TRUE', 'second_child_quota_waived_on']);
const childColumns = packed(['r.person_id', 'c.id', 'c.sex', 'c.birth_date', 'r.adopted', 'c.death_date', 'c.hospital_delivery IS TRUE', 'd.assessments']);

/**
 * Sets, for the rest of the transaction, what reading a whole register needs: hash joins over a
 * million persons fit in memory (the default 4 MB spills them to disk, and makes the planner
 * prefer a merge join over index scans: 5 s instead of 1 s at a million persons), and no JIT
 * compilation (a third of a second per statement, for queries that spend their time moving rows).
 */
export async function prepareForRegisterRead(tx: Queryable): Promise<void> {
  await tx.query("SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true)");
}

/**
 * Families as the programmes see them: per household, the head and the spouse as parents, and
 * every child linked to either of them (born or adopted), with deaths and disability assessments.
 * Reads under the caller's row-level security, so a township sees its own families only.
 */
export async function registerFamilies(tx: Queryable, households?: readonly string[] | { enrolledIn: string }): Promise<RegisterFamily[]> {
  // Without a filter, the whole register in scope; with one, the listed households or those with
  // an enrolment in a programme (chosen on the server: a long id list is slow to pass).
  const enrolled = households !== undefined && 'enrolledIn' in households;
  if (households === undefined || enrolled) await prepareForRegisterRead(tx);
  const only = households === undefined ? ''
    : 'enrolledIn' in households ? 'AND household_id IN (SELECT e.household_id FROM benefit_enrolment e WHERE e.programme = $1)'
    : 'AND household_id = ANY ($1::uuid[])';
  const args = households === undefined ? [] : 'enrolledIn' in households ? [households.enrolledIn] : [[...households]];
  // Households in id order; within one, the spouse before the head; two parents to a family.
  const { rows: parents } = await tx.query<{ f: string }>(
    `SELECT ${parentColumns} FROM person WHERE relation_to_head IN ('head', 'spouse') ${only} ORDER BY household_id, relation_to_head DESC`, args);
  // The children, with each child's disability assessments (oldest first), are asked for before
  // the parents are sorted into families: the server joins them meanwhile. Row-level security on
  // relationship makes the planner probe its index once per parent when the parents are
  // filtered (4 s for a district's enrolled households, against 1 s by hash joins): for the
  // households enrolled in a programme, nested loops are turned off for this one statement.
  // When filtered, the links of the parents read are selected first (materialized): the planner
  // then joins only those to the children (1.6 s instead of 2 s for a district's enrolled households).
  const links = households === undefined ? ''
    : `WITH links AS MATERIALIZED (SELECT r.district_code, r.person_id, r.related_person_id, r.adopted FROM relationship r
         WHERE r.kind = 'child' AND r.person_id IN (SELECT id FROM person WHERE relation_to_head IN ('head', 'spouse') ${only}))`;
  const childrenSql = `${links} SELECT ${childColumns}
       FROM ${households === undefined ? 'relationship' : 'links'} r JOIN person c ON c.district_code = r.district_code AND c.id = r.related_person_id
       LEFT JOIN (SELECT district_code, person_id, string_agg(concat(grade, ' ', assessed_on), ' ' ORDER BY assessed_on) AS assessments
                    FROM disability_assessment GROUP BY district_code, person_id) d ON d.district_code = c.district_code AND d.person_id = c.id
      ${households === undefined ? "WHERE r.kind = 'child'" : ''}`;
  // Many families: the children come through a cursor, a batch at a time, each batch produced by
  // the server while the previous one is sorted into families here.
  const children = households === undefined || enrolled
    ? (await Cursor.open<{ f: string }>(tx, 'register_children', childrenSql, args, CHILD_BATCH, enrolled ? { enable_nestloop: 'off' } : {})).batches()
    : oneBatch(inFlight(tx.query<{ f: string }>(childrenSql, args)));
  const assembler = new FamilyAssembler(parents.length);
  for (const { f } of parents) assembler.parent(f);
  for await (const batch of children) for (const { f } of batch) assembler.child(f);
  return assembler.done();
}

/**
 * Sorts the packed rows of registerFamilies into families: parents in household order (the
 * spouse before the head, two to a family), then the children's links in any order.
 */
export class FamilyAssembler {
  private readonly families: RegisterFamily[] = [];
  /** Where each parent is: family index × 2 + the parent's index in it. */
  private readonly seats: Seats;
  /** The parent read last, whose family is made when the next row shows whether a spouse follows. */
  private pending: PendingParent | undefined;
  private township = '';
  /** One reader for every row: a district has a million and a half. */
  private readonly row = new Fields();

  /** `parents`: how many parent rows will come, if known (the table of seats is made at its size). */
  constructor(parents = 0) {
    this.seats = new Seats(parents, (seat) => {
      const id = this.families[seat >> 1]?.parentIds[seat & 1];
      if (id === undefined) throw new Error(`no parent at seat ${seat}`);
      return id;
    });
  }

  /** A parent row (parentColumns). */
  parent(f: string): void {
    const row = this.row.reset(f);
    const id = row.text();
    const household = row.text();
    // Thirty townships: one string each, not one per parent.
    if (!row.flag(this.township)) this.township = row.previous();
    const sex = row.flag('F') ? 'F' : 'M';
    const birthDate = row.text();
    const hukou = row.flag('rural') ? 'rural' : 'urban';
    const next: PendingParent = {
      id, household, township: this.township, parent: { sex, birthDate, hukou, deathDate: row.date() },
      movedOut: row.date(), certificate: row.flag('t'), outOfPolicy: row.flag('t'), waived: row.date(),
    };
    const first = this.pending;
    if (first === undefined) {
      this.pending = next;
    } else if (first.household === household) {
      this.pending = undefined;
      this.add(first, next);
    } else {
      this.add(first, undefined);
      this.pending = next;
    }
  }

  /**
   * A child link (childColumns), after every parent. A child linked to both parents is one
   * child, with the link of the first parent (whether adopted is a fact of the link). Links of
   * parents not read (of persons neither head nor spouse) are dropped.
   */
  child(f: string): void {
    if (this.pending !== undefined) {
      this.add(this.pending, undefined);
      this.pending = undefined;
    }
    const row = this.row.reset(f);
    // The parent's id is looked up where it stands in the row, not cut out of it.
    const at = this.seats.find(f, 0, row.skip());
    if (at < 0) return;
    const target = this.families[at >> 1] as RegisterFamily;
    const via = at & 1;
    // The child's id is compared where it stands in the row, and cut out only for a new child.
    const from = row.position();
    const to = row.skip();
    const known = target.children;
    let twin: RegisterChild | undefined;
    for (const c of known) if (c.id !== undefined && c.id.length === to - from && f.startsWith(c.id, from)) twin = c;
    const sex = row.flag('F') ? 'F' : 'M';
    const birthDate = row.text();
    const adopted = row.flag('t');
    if (twin !== undefined) {
      if (via < (twin.via ?? 0)) {
        twin.adopted = adopted;
        twin.via = via;
      }
      return;
    }
    const child: RegisterChild = { id: f.slice(from, to), via, sex, birthDate, adopted, deathDate: row.date(), hospitalDelivery: row.flag('t'), disability: row.assessments() };
    target.children = known.length === 0 ? [child] : [...known, child];
  }

  /** The families, once every row is in. */
  done(): RegisterFamily[] {
    if (this.pending !== undefined) this.add(this.pending, undefined);
    this.pending = undefined;
    return this.families;
  }

  /**
   * A family of one parent or two (the spouse first), its arrays made at their final length. The
   * family is in place before its parents' seats are added: a growing table of seats reads every
   * seat's id from its family.
   */
  private add(a: PendingParent, b: PendingParent | undefined): void {
    const at = this.families.length * 2;
    if (b === undefined) {
      this.families.push({ township: a.township, parentIds: [a.id], parents: [a.parent], children: noChildren, outOfPolicyBirth: a.outOfPolicy,
        oneChildCertificate: a.certificate, movedOutOn: [a.movedOut], secondChildQuotaWaivedOn: a.waived });
      this.seats.add(a.id, at);
      return;
    }
    const waived = a.waived === null ? b.waived : b.waived === null || a.waived <= b.waived ? a.waived : b.waived;
    this.families.push({ township: a.township, parentIds: [a.id, b.id], parents: [a.parent, b.parent], children: noChildren, outOfPolicyBirth: a.outOfPolicy || b.outOfPolicy,
      oneChildCertificate: a.certificate || b.certificate, movedOutOn: [a.movedOut, b.movedOut], secondChildQuotaWaivedOn: waived });
    this.seats.add(a.id, at);
    this.seats.add(b.id, at + 1);
  }
}

/**
 * Where each parent sits (FamilyAssembler's family index × 2 + parent index), found from the
 * parent's id as it stands in a row: an open-addressing table of seats, hashed on the id's last
 * characters, each hit checked against the id itself. A Map keyed by the ids cut out of the rows
 * cost a whole-register read (572,000 parents, 856,000 look-ups) about 0.6 s more, most of it
 * hashing and storing the cut-out strings.
 */
class Seats {
  private table: Int32Array;
  private size = 0;

  /** `expected`: how many seats will be added (the table starts at twice that); `idOf`: the id of a seat. */
  constructor(expected: number, private readonly idOf: (seat: number) => string) {
    this.table = new Int32Array(capacityFor(expected)).fill(-1);
  }

  add(id: string, seat: number): void {
    if ((this.size + 1) * 2 > this.table.length) this.grow();
    this.place(hashOf(id, 0, id.length), seat);
    this.size++;
  }

  /** The seat of the id text[from, to), or -1. */
  find(text: string, from: number, to: number): number {
    const mask = this.table.length - 1;
    for (let i = hashOf(text, from, to) & mask; ; i = (i + 1) & mask) {
      const seat = this.table[i] as number;
      if (seat < 0) return -1;
      const id = this.idOf(seat);
      if (id.length === to - from && text.startsWith(id, from)) return seat;
    }
  }

  private place(hash: number, seat: number): void {
    const mask = this.table.length - 1;
    let i = hash & mask;
    while ((this.table[i] as number) >= 0) i = (i + 1) & mask;
    this.table[i] = seat;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    for (const seat of old) {
      if (seat < 0) continue;
      const id = this.idOf(seat);
      this.place(hashOf(id, 0, id.length), seat);
    }
  }
}

/** A power of two at least twice `n` (and at least 1,024). */
function capacityFor(n: number): number {
  let capacity = 1024;
  while (capacity < n * 2) capacity *= 2;
  return capacity;
}

/**
 * FNV-1a over the last 16 characters of text[from, to): of a UUID, 60 random bits in every
 * version (version 7 starts with the time). Only where a look-up starts depends on it: every hit is
 * checked against the whole id.
 */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(from, to - 16); i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A parent row read, before its family is made. */
interface PendingParent {
  id: string;
  household: string;
  township: string;
  parent: RegisterFamily['parents'][number];
  movedOut: string | null;
  certificate: boolean;
  outOfPolicy: boolean;
  waived: string | null;
}

/** Child rows per batch of a cursor. */
const CHILD_BATCH = 20_000;

/** A statement's rows as the one batch of a read. */
async function* oneBatch<T>(statement: Promise<{ rows: T[] }>): AsyncGenerator<T[]> {
  yield (await statement).rows;
}

/** No assessments: shared by the children without any (most of them). */
const noAssessments: readonly { grade: number; on: string }[] = Object.freeze([]);

/** No children: shared by the families without any, until their first (a new array each time one is added). */
const noChildren: RegisterChild[] = Object.freeze([]) as unknown as RegisterChild[];

/**
 * The fields of a packed row, read in turn: only the kept ones become strings (a family read
 * of a whole register allocates less, which on a busy machine is most of its time).
 */
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
  /** Where the next field starts. */
  position(): number {
    return this.at;
  }
  /** Passes over the next field; where it ended (its comma, or the row's end). */
  skip(): number {
    const end = this.end();
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
  /** The next field: disability assessments as grade and day pairs separated by spaces, oldest first. */
  assessments(): readonly { grade: number; on: string }[] {
    const text = this.text();
    if (text === '') return noAssessments;
    const parts = text.split(' ');
    const out: { grade: number; on: string }[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) out.push({ grade: Number(parts[i]), on: parts[i + 1] ?? '' });
    return out;
  }
  private end(): number {
    this.last = this.at;
    const comma = this.row.indexOf(',', this.at);
    return comma < 0 ? this.row.length : comma;
  }
}

/** The family as it stood on a date: later births, deaths and assessments are not yet facts. */
export function situationOn(f: RegisterFamily, date: string): Situation {
  // Plain loops: a payment roll or a summary builds one situation per family and month.
  const children: Situation['family']['children'] = [];
  for (const c of f.children) {
    if (c.birthDate > date) continue;
    let disabilityGrade: number | null = null;
    for (const d of c.disability) if (d.on <= date) disabilityGrade = d.grade;
    const child: Situation['family']['children'][number] = {
      sex: c.sex, birthDate: c.birthDate, adopted: c.adopted, alive: c.deathDate === null || c.deathDate > date,
      deathDate: c.deathDate !== null && c.deathDate <= date ? c.deathDate : null, disabilityGrade,
    };
    if (c.hospitalDelivery === true && !c.adopted) child.hospitalDelivery = true;
    children.push(child);
  }
  const family: Situation['family'] = {
    parents: f.parents.map((p) => ({ sex: p.sex, birthDate: p.birthDate, hukou: p.hukou, alive: p.deathDate === null || p.deathDate > date, deathDate: p.deathDate !== null && p.deathDate <= date ? p.deathDate : null })),
    children,
    outOfPolicyBirth1973to2001: f.outOfPolicyBirth,
    oneChildCertificate: f.oneChildCertificate,
  };
  if (f.secondChildQuotaWaivedOn != null && f.secondChildQuotaWaivedOn <= date) family.secondChildQuotaWaived = true;
  return { date, township: f.township, family };
}
