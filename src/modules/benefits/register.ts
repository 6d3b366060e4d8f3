/** The kept families' facts text (benefit_family.facts), read field by field; familyQueries.ts reads the rows. */
import type { RegisterChild, RegisterFamily } from '../../core/benefits/registerFamily.ts';

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
