/**
 * The links a household's members make with each other (spouse, parent–child, adopted or not), read
 * from each member's relation to the head (户主) as a roster gives it, with notes where the roster
 * does not say enough or contradicts itself.
 */
import type { Kin, Kinship, Sex } from './kinship.ts';

export interface FamilyMember {
  ref: string;
  kinship: Kinship;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
}

export interface FamilyLink {
  kind: 'spouse' | 'child';
  /** spouse: either spouse; child: the parent. */
  from: string;
  /** The other spouse, or the child. */
  to: string;
  adopted: boolean;
}

export interface FamilyNote {
  ref: string;
  /** Chinese, shown to the township. */
  reason: string;
}

/** A parent is at least this many years older than a child; a smaller gap is a typing error. */
export const MIN_PARENT_AGE_YEARS = 12;

const childKins: readonly Kin[] = ['child', 'adoptedChild', 'stepChild'];

/** How a note names a member: by kin and sex. */
function word(m: FamilyMember): string {
  const male = m.sex === 'M';
  switch (m.kinship.kin) {
    case 'head':
      return '户主';
    case 'spouse':
      return '配偶';
    case 'child':
      return male ? '儿子' : '女儿';
    case 'adoptedChild':
      return male ? '养子' : '养女';
    case 'stepChild':
      return male ? '继子' : '继女';
    case 'childInLaw':
      return male ? '女婿' : '儿媳';
    case 'grandchild':
      return m.kinship.line === 'daughter' ? (male ? '外孙子' : '外孙女') : m.kinship.line === 'son' ? (male ? '孙子' : '孙女') : '孙子女';
    case 'parent':
      return male ? '父亲' : '母亲';
    default:
      return m.kinship.label;
  }
}

function parentOldEnough(parent: FamilyMember, child: FamilyMember): boolean {
  const year = Number(parent.birthDate.slice(0, 4));
  return `${String(year + MIN_PARENT_AGE_YEARS).padStart(4, '0')}${parent.birthDate.slice(4)}` <= child.birthDate;
}

/** Collects the links and notes of one household, in the order `familyLinks` documents. */
class LinkBuilder {
  private readonly order = new Map<string, number>();
  private readonly links = new Map<string, FamilyLink>();
  private readonly notes: { ref: string; reason: string; n: number }[] = [];

  constructor(readonly members: readonly FamilyMember[]) {
    members.forEach((m, i) => {
      if (!this.order.has(m.ref)) this.order.set(m.ref, i);
    });
  }

  of(...kins: Kin[]): FamilyMember[] {
    return this.members.filter((m) => kins.includes(m.kinship.kin));
  }

  note(m: FamilyMember, reason: string): void {
    this.notes.push({ ref: m.ref, reason, n: this.notes.length });
  }

  spouse(a: FamilyMember, b: FamilyMember): void {
    if (a.ref === b.ref) return;
    const key = `s|${[a.ref, b.ref].sort().join('|')}`;
    if (!this.links.has(key)) this.links.set(key, { kind: 'spouse', from: a.ref, to: b.ref, adopted: false });
  }

  child(parent: FamilyMember, child: FamilyMember, adopted: boolean, noteOn: FamilyMember): void {
    if (parent.ref === child.ref) return;
    if (!parentOldEnough(parent, child)) {
      this.note(
        noteOn,
        `${word(parent)}（${parent.birthDate}出生）与${word(child)}（${child.birthDate}出生）年龄相差不足${MIN_PARENT_AGE_YEARS}岁，未建立父母子女关系`,
      );
      return;
    }
    const key = `c|${parent.ref}|${child.ref}`;
    if (!this.links.has(key)) this.links.set(key, { kind: 'child', from: parent.ref, to: child.ref, adopted });
  }

  result(): { links: FamilyLink[]; notes: FamilyNote[] } {
    const at = (ref: string) => this.order.get(ref) ?? 0;
    return {
      links: [...this.links.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'spouse' ? -1 : 1) || at(a.from) - at(b.from) || at(a.to) - at(b.to)),
      notes: this.notes.sort((a, b) => at(a.ref) - at(b.ref) || a.n - b.n).map(({ ref, reason }) => ({ ref, reason })),
    };
  }
}

/** The head's spouse, linked; null when the roster does not determine one. */
function headSpouse(b: LinkBuilder, head: FamilyMember, spouses: readonly FamilyMember[]): FamilyMember | null {
  if (spouses.length > 1) {
    for (const s of spouses) b.note(s, `户内有${spouses.length}个配偶，无法确定户主的配偶，未建立夫妻关系`);
    return null;
  }
  const only = spouses[0];
  if (!only) return null;
  if (only.sex === head.sex) {
    b.note(only, '配偶与户主性别相同，未建立夫妻关系');
    return null;
  }
  b.spouse(head, only);
  return only;
}

/** The one father and the one mother in `list` are parents of `child` (and each other's spouses). */
function parentsOf(b: LinkBuilder, list: readonly FamilyMember[], child: FamilyMember, whose: string): void {
  const fathers = list.filter((p) => p.sex === 'M');
  const mothers = list.filter((p) => p.sex === 'F');
  for (const [group, noun] of [
    [fathers, '父亲'],
    [mothers, '母亲'],
  ] as const) {
    if (group.length === 1 && group[0]) b.child(group[0], child, false, group[0]);
    else for (const p of group) b.note(p, `户内有${group.length}位${whose}的${noun}，未建立父母子女关系`);
  }
  if (fathers.length === 1 && mothers.length === 1 && fathers[0] && mothers[0]) b.spouse(fathers[0], mothers[0]);
}

/** Children-in-law married to the one son (儿媳) or daughter (女婿) of the head; the partner of each child so married. */
function childrenInLaw(b: LinkBuilder, children: readonly FamilyMember[]): Map<string, FamilyMember> {
  const partnerOf = new Map<string, FamilyMember>();
  const claims = new Map<FamilyMember, FamilyMember[]>();
  for (const inLaw of b.of('childInLaw')) {
    const line = inLaw.kinship.line ?? (inLaw.sex === 'F' ? 'son' : 'daughter');
    const partnerSex: Sex = line === 'son' ? 'M' : 'F';
    const noun = partnerSex === 'M' ? '儿子' : '女儿';
    if (partnerSex === inLaw.sex) {
      b.note(inLaw, `${inLaw.kinship.sex === 'M' ? '女婿' : '儿媳'}的性别与身份证号不符，未建立夫妻关系`);
      continue;
    }
    const candidates = children.filter((c) => c.sex === partnerSex && c.ref !== inLaw.ref);
    const only = candidates[0];
    if (candidates.length !== 1 || !only) {
      b.note(inLaw, `无法确定${word(inLaw)}的配偶（户内${candidates.length === 0 ? '没有' : `有${candidates.length}个`}${noun}），未建立夫妻关系`);
      continue;
    }
    claims.set(only, [...(claims.get(only) ?? []), inLaw]);
  }
  for (const [child, inLaws] of claims) {
    const inLaw = inLaws[0];
    if (inLaws.length === 1 && inLaw) {
      b.spouse(child, inLaw);
      partnerOf.set(child.ref, inLaw);
    } else {
      for (const i of inLaws) b.note(i, `无法确定${word(i)}的配偶（户内${inLaws.length}个${word(i)}对应同一个${word(child)}），未建立夫妻关系`);
    }
  }
  return partnerOf;
}

/** Grandchildren: the child of the one son (孙子女) or daughter (外孙子女), and of that child's spouse. */
function grandchildren(b: LinkBuilder, children: readonly FamilyMember[], partnerOf: ReadonlyMap<string, FamilyMember>): void {
  for (const g of b.of('grandchild')) {
    const line = g.kinship.line;
    const candidates = children.filter((c) => (line === 'son' ? c.sex === 'M' : line === 'daughter' ? c.sex === 'F' : true) && c.ref !== g.ref);
    const noun = line === 'son' ? '儿子' : line === 'daughter' ? '女儿' : '子女';
    const parent = candidates[0];
    if (candidates.length !== 1 || !parent) {
      b.note(g, `无法确定${word(g)}的父母（户内${candidates.length === 0 ? '没有' : `有${candidates.length}个`}${noun}），未建立父母子女关系`);
      continue;
    }
    b.child(parent, g, false, g);
    const partner = partnerOf.get(parent.ref);
    if (partner) b.child(partner, g, false, g);
  }
}

/**
 * The spouse and parent→child links a household's roster rows imply, with a note for every link
 * the rows suggest but do not determine. Links are ordered spouse links first, then by the
 * members' order in `members`; notes by member order.
 */
export function familyLinks(members: readonly FamilyMember[]): { links: FamilyLink[]; notes: FamilyNote[] } {
  const b = new LinkBuilder(members);
  const heads = b.of('head');
  const head = heads[0];
  if (!head || heads.length > 1) {
    if (heads.length > 1) for (const h of heads) b.note(h, `户内有${heads.length}个户主，未建立家庭关系`);
    else if (members[0]) b.note(members[0], '户内没有户主，未建立家庭关系');
    return b.result();
  }
  const spouses = b.of('spouse');
  const spouse = headSpouse(b, head, spouses);

  // Children: the head's and the spouse's; a stepchild (继子女) is the spouse's only.
  const children = b.of(...childKins);
  for (const c of children) {
    const adopted = c.kinship.kin === 'adoptedChild';
    if (c.kinship.kin !== 'stepChild') b.child(head, c, adopted, c);
    if (spouse) b.child(spouse, c, adopted, c);
  }

  // Parents of the head, and of the head's spouse. Step-parents and adoptive parents: no link.
  parentsOf(b, b.of('parent'), head, '户主');
  const inLawParents = b.of('parentInLaw');
  if (spouse) parentsOf(b, inLawParents, spouse, '户主配偶');
  else {
    const why = spouses.length > 1 ? '无法确定户主的配偶' : spouses.length === 1 ? '配偶与户主性别相同' : '户内没有户主的配偶';
    for (const p of inLawParents) b.note(p, `${why}，未建立${p.kinship.label}与其子女的关系`);
  }

  grandchildren(b, children, childrenInLaw(b, children));
  return b.result();
}
