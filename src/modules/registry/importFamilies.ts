import { familyLinks, type FamilyLink, type FamilyMember } from '../../core/registry/familyLinks.ts';
import { parseKinship, type Kinship } from '../../core/registry/kinship.ts';
import type { Queryable } from '../../db/types.ts';
import { currentLinksOf, membersOfHouseholds } from './importQueries.ts';

/**
 * The households of a roster and the family links inside them. Rows are grouped by 户号, by the
 * head's ID number, or as the block of rows under each 户主; a group becomes a new household or
 * joins the one its registered members (or its 户号) already have; the links its 与户主关系 imply
 * are made where the register does not have them yet.
 */

/** A member of a household group: a row of the file, or a member the register already has. */
export interface GroupMember extends FamilyMember {
  row: number | null;
  name: string;
  /** In the register before this chunk: may have links already. */
  registered: boolean;
}

export interface HouseholdGroup {
  key: string;
  /** The register's household (or the one this import creates); null until known. */
  householdId: string | null;
  /** The household was in the register before this import: its other members count for links. */
  existed: boolean;
  registeredLoaded: boolean;
  headRow: number | null;
  members: Map<string, GroupMember>;
}

const relationWords: Record<string, string> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女', other: '其他' };

/** The kinship a registered member's relation to the head stands for. */
export function kinshipOfRelation(relation: string): Kinship {
  const kinship = parseKinship(relationWords[relation] ?? '其他');
  if (!kinship) throw new Error(`no kinship for relation ${relation}`);
  return kinship;
}

export function newGroup(key: string): HouseholdGroup {
  return { key, householdId: null, existed: false, registeredLoaded: false, headRow: null, members: new Map() };
}

/** Adds the members a pre-existing household has in the register (once per group). */
export async function loadRegisteredMembers(tx: Queryable, groups: readonly HouseholdGroup[]): Promise<void> {
  const pending = groups.filter((g) => g.existed && !g.registeredLoaded && g.householdId !== null);
  if (pending.length === 0) return;
  const byHousehold = new Map(pending.map((g) => [g.householdId as string, g]));
  for (const r of await membersOfHouseholds(tx, [...byHousehold.keys()])) {
    const group = byHousehold.get(r.household_id);
    if (group && !group.members.has(r.id)) {
      group.members.set(r.id, {
        ref: r.id,
        kinship: kinshipOfRelation(r.relation_to_head),
        sex: r.sex,
        birthDate: r.birth_date,
        row: null,
        name: r.name,
        registered: true,
      });
    }
  }
  for (const g of pending) g.registeredLoaded = true;
}

export interface LinkNote {
  row: number;
  name: string;
  text: string;
}

const linkKey = (l: FamilyLink) => (l.kind === 'spouse' ? `s:${[l.from, l.to].sort().join(':')}` : `c:${l.from}:${l.to}`);

/**
 * The links the groups imply that neither the register nor this import has made yet. A spouse
 * link is not made for someone who has a current spouse already; a child gets at most two parents.
 */
export async function missingLinks(
  tx: Queryable,
  groups: readonly HouseholdGroup[],
  made: Set<string>,
  notes: (note: LinkNote) => void,
): Promise<FamilyLink[]> {
  const wanted: FamilyLink[] = [];
  for (const group of groups) {
    const members = [...group.members.values()];
    const { links, notes: groupNotes } = familyLinks(members);
    for (const n of groupNotes) {
      const member = group.members.get(n.ref);
      if (member?.row != null) notes({ row: member.row, name: member.name, text: n.reason });
    }
    for (const l of links) if (!made.has(linkKey(l))) wanted.push(l);
  }
  if (wanted.length === 0) return [];
  // Only persons the register had before may have links already; a new roster asks nothing.
  const registered = new Set(groups.flatMap((g) => [...g.members.values()].filter((m) => m.registered).map((m) => m.ref)));
  const ids = [...new Set(wanted.flatMap((l) => [l.from, l.to]))].filter((id) => registered.has(id));
  const rows = ids.length === 0 ? [] : await currentLinksOf(tx, ids);
  const existing = new Set(rows.map((r) => linkKey({ kind: r.kind, from: r.person_id, to: r.related_person_id, adopted: false })));
  const spouseOf = new Map<string, string>();
  const parents = new Map<string, number>();
  for (const r of rows) {
    if (r.kind === 'spouse') {
      spouseOf.set(r.person_id, r.related_person_id);
      spouseOf.set(r.related_person_id, r.person_id);
    } else {
      parents.set(r.related_person_id, (parents.get(r.related_person_id) ?? 0) + 1);
    }
  }
  const result: FamilyLink[] = [];
  for (const l of wanted) {
    const key = linkKey(l);
    if (existing.has(key) || made.has(key)) continue;
    if (l.kind === 'spouse') {
      const a = spouseOf.get(l.from);
      const b = spouseOf.get(l.to);
      if ((a !== undefined && a !== l.to) || (b !== undefined && b !== l.from)) continue;
      spouseOf.set(l.from, l.to);
      spouseOf.set(l.to, l.from);
    } else {
      const n = parents.get(l.to) ?? 0;
      if (n >= 2) continue;
      parents.set(l.to, n + 1);
    }
    made.add(key);
    result.push(l);
  }
  return result;
}
