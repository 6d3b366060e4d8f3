import { Table, type TableColumnsType } from 'antd';
import type { Measurement } from '../../api/ecd.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatMonths, formatValue, formatZ } from './ecdFormat.ts';
import { StatusTags } from './StatusTags.tsx';

/** One row per measurement, newest first: the values, WAZ/HAZ/WHZ and the plain-language statuses. */
export function MeasurementsTable({ measurements }: { measurements: Measurement[] }) {
  const { t } = useI18n();
  const z = (m: Measurement, key: 'weightForAge' | 'lengthHeightForAge' | 'weightForLengthHeight') => formatZ(m.zscores[key]);
  const columns: TableColumnsType<Measurement> = [
    { key: 'date', title: t('ecd.col.date'), dataIndex: 'date', width: 120 },
    { key: 'age', title: t('ecd.col.age'), align: 'right', width: 80, render: (_, m) => formatMonths(m.ageDays) },
    { key: 'weight', title: t('ecd.col.weight'), align: 'right', width: 100, render: (_, m) => formatValue(m.weightKg, 2) },
    {
      key: 'length',
      title: t('ecd.col.length'),
      align: 'right',
      width: 140,
      render: (_, m) =>
        m.lengthHeightCm === null
          ? '—'
          : `${formatValue(m.lengthHeightCm)}${m.position ? t('common.inParens', { text: t(m.position === 'lying' ? 'ecd.position.lying' : 'ecd.position.standing') }) : ''}`,
    },
    { key: 'head', title: t('ecd.col.head'), align: 'right', width: 100, render: (_, m) => formatValue(m.headCircumferenceCm) },
    { key: 'waz', title: t('ecd.col.waz'), align: 'right', width: 110, render: (_, m) => <span data-testid="z-waz">{z(m, 'weightForAge')}</span> },
    { key: 'haz', title: t('ecd.col.haz'), align: 'right', width: 110, render: (_, m) => <span data-testid="z-haz">{z(m, 'lengthHeightForAge')}</span> },
    { key: 'whz', title: t('ecd.col.whz'), align: 'right', width: 110, render: (_, m) => <span data-testid="z-whz">{z(m, 'weightForLengthHeight')}</span> },
    { key: 'status', title: t('ecd.col.status'), render: (_, m) => <StatusTags statuses={m.statuses} showNormal /> },
  ];
  return (
    <Table<Measurement>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...measurements].reverse()}
      pagination={false}
      locale={{ emptyText: t('ecd.noMeasurements') }}
      scroll={{ x: 980 }}
      data-testid="measurements-table"
    />
  );
}
