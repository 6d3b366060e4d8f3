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

/**
 * The statuses of one measurement as coloured tags in plain language. When all is well: nothing,
 * or with `showNormal` (a measurement's own row, where a blank would read as "not judged") 正常.
 */
export function StatusTags({ statuses, showNormal = false }: { statuses: GrowthStatus[]; showNormal?: boolean }) {
  const { t, tx } = useI18n();
  if (statuses.length === 0 && showNormal) {
    return (
      <Tag color="green" data-testid="status-normal">
        {t('ecd.status.normal')}
      </Tag>
    );
  }
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
