import { Tag, type TagProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { EnumEntry, EnumTable } from './enumTable.ts';

type Props<V extends string> = Omit<TagProps, 'color' | 'children'> & {
  table: EnumTable<V>;
  value: V | null | undefined;
  /** Another colour than the table's (a grant not yet in effect is grey). */
  color?: string | undefined;
  /** Another label key than the table's (a state that reads differently once its notice has ended). */
  label?: string;
  testId?: string | undefined;
  /** Shown after the label, inside the tag. */
  children?: ReactNode;
};

/** A code (a state, a kind, a role) as a coloured tag in the current language, from its table. */
export function EnumTag<V extends string>({ table, value, color, label, testId, children, ...rest }: Props<V>) {
  const { tx } = useI18n();
  if (value === null || value === undefined || (value as string) === '') {
    return table.dashWhenEmpty ? <span className="xf-muted">—</span> : null;
  }
  const entry: EnumEntry = table.entries[value] ?? table.other?.(value) ?? { label: value };
  const data = table.dataAttr ? { [`data-${table.dataAttr}`]: value } : {};
  const id = testId ?? (typeof table.testId === 'function' ? table.testId(value) : table.testId);
  return (
    <Tag color={color ?? entry.color} variant={table.variant} data-testid={id} {...data} {...rest}>
      {tx(label ?? entry.label, value)}
      {children}
    </Tag>
  );
}
