import type { TreeDataNode } from 'antd';
import type { ReactNode } from 'react';
import type { OrgTree, TownshipKind } from '../../api/types.ts';

export interface BuiltTree {
  nodes: TreeDataNode[];
  /** Keys to expand: the district, plus every township kept by a search. */
  expandedKeys: string[];
  /** Township code for every township and village key, to open the township page. */
  townshipOf: Map<string, string>;
  matchCount: number;
}

function matches(text: string, needle: string): boolean {
  return needle !== '' && text.toLowerCase().includes(needle);
}

function highlight(name: string, needle: string): ReactNode {
  const at = needle ? name.toLowerCase().indexOf(needle) : -1;
  if (at < 0) return name;
  return (
    <>
      {name.slice(0, at)}
      <span className="xf-tree-match">{name.slice(at, at + needle.length)}</span>
      {name.slice(at + needle.length)}
    </>
  );
}

function title(name: string, code: string, needle: string, extra?: ReactNode): ReactNode {
  return (
    <span>
      {highlight(name, needle)}
      {extra}
      <span className="xf-tree-code">{matches(code, needle) ? highlight(code, needle) : code}</span>
    </span>
  );
}

/**
 * The district → township → village tree, filtered by `search` (name or code). A matching
 * township keeps all its villages; otherwise only matching villages are kept.
 */
export function buildOrgTree(tree: OrgTree, search: string, kindLabel: (kind: TownshipKind) => ReactNode): BuiltTree {
  const needle = search.trim().toLowerCase();
  const townshipOf = new Map<string, string>();
  const expandedKeys = [`d:${tree.district.code}`];
  let matchCount = 0;

  const townships: TreeDataNode[] = [];
  for (const township of tree.townships) {
    const townshipKey = `t:${township.code}`;
    townshipOf.set(townshipKey, township.code);
    const selfMatch = matches(township.name, needle) || matches(township.code, needle);
    const villages = township.villages.filter((village) => !needle || selfMatch || matches(village.name, needle) || matches(village.code, needle));
    if (needle && !selfMatch && villages.length === 0) continue;
    if (selfMatch) matchCount += 1;
    if (needle && !selfMatch) matchCount += villages.length;
    if (needle && villages.length > 0 && !selfMatch) expandedKeys.push(townshipKey);
    townships.push({
      key: townshipKey,
      title: title(township.name, township.code, needle, kindLabel(township.kind)),
      children: villages.map((village) => {
        const villageKey = `v:${village.code}`;
        townshipOf.set(villageKey, township.code);
        return { key: villageKey, title: title(village.name, village.code, needle), isLeaf: true };
      }),
    });
  }

  // A user who sees only a township or two gets them opened at once.
  if (!needle && tree.townships.length <= 3) expandedKeys.push(...tree.townships.map((t) => `t:${t.code}`));

  const nodes: TreeDataNode[] = [{ key: `d:${tree.district.code}`, title: title(tree.district.name, tree.district.code, ''), children: townships }];
  return { nodes, expandedKeys, townshipOf, matchCount };
}
