import type { TagProps } from 'antd';

/** How one value of a set of codes reads: its label's message key and its tag's colour. */
export interface EnumEntry {
  label: string;
  color?: string | undefined;
}

/** A set of codes drawn as tags (`EnumTag`): each value's label and colour, and how its tag is marked. */
export interface EnumTable<V extends string> {
  entries: Record<V, EnumEntry>;
  /** A value outside the entries (a code newer than the page): its label key and colour. */
  other?: (value: string) => EnumEntry;
  /** The tag's data-testid: one for the set, or one per value. */
  testId?: string | ((value: V) => string);
  /** The data-* attribute carrying the value (`status` gives data-status="held"). */
  dataAttr?: string;
  variant?: TagProps['variant'];
  /** No value: a muted dash instead of nothing. */
  dashWhenEmpty?: boolean;
}

/** A table whose labels are `${prefix}.${value}`, each value in its colour. */
export function enumTable<V extends string>(prefix: string, colors: Record<V, string | undefined>, options: Omit<EnumTable<V>, 'entries'> = {}): EnumTable<V> {
  const entries = {} as Record<V, EnumEntry>;
  for (const value of Object.keys(colors) as V[]) entries[value] = { label: `${prefix}.${value}`, color: colors[value] };
  return { other: (value) => ({ label: `${prefix}.${value}` }), ...options, entries };
}
