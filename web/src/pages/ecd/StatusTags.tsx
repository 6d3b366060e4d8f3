import { Tag } from 'antd';
import type { GrowthStatus, StatusCode } from '../../api/ecd.ts';
import { useI18n } from '../../i18n/index.ts';

const STATUS_COLORS: Record<StatusCode, string> = {
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
};

/** The statuses of one measurement as coloured tags in plain language (nothing when all is well). */
export function StatusTags({ statuses }: { statuses: GrowthStatus[] }) {
  const { tx } = useI18n();
  return (
    <>
      {statuses.map((s) => (
        <Tag key={`${s.indicator ?? ''}-${s.code}`} color={STATUS_COLORS[s.code]} data-testid={`status-${s.code}`}>
          {tx(`ecd.status.${s.code}`, s.code)}
        </Tag>
      ))}
    </>
  );
}
