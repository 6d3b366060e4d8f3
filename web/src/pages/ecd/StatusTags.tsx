import type { GrowthStatus, StatusCode } from '../../api/ecd.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';

const STATUS_TAGS = enumTable<StatusCode | 'normal'>(
  'ecd.status',
  {
    normal: 'green',
    severe_underweight: 'red',
    underweight: 'orange',
    severe_stunting: 'red',
    stunting: 'orange',
    severe_wasting: 'red',
    wasting: 'orange',
    overweight: 'gold',
    obesity: 'volcano',
    oedema: 'red',
    implausible: 'purple',
  },
  { testId: (code) => `status-${code}` },
);

/**
 * The statuses of one measurement as coloured tags in plain language. When all is well: nothing,
 * or with `showNormal` (a measurement's own row, where a blank would read as "not judged") 正常.
 */
export function StatusTags({ statuses, showNormal = false }: { statuses: GrowthStatus[]; showNormal?: boolean }) {
  if (statuses.length === 0 && showNormal) return <EnumTag table={STATUS_TAGS} value="normal" />;
  return (
    <>
      {statuses.map((s) => (
        <EnumTag key={`${s.indicator ?? ''}-${s.code}`} table={STATUS_TAGS} value={s.code} />
      ))}
    </>
  );
}
