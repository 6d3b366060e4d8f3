import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useMemo } from 'react';
import type { Bulletin } from '../../../api/coordinationTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { BRAND_RED, theme } from '../../../theme.ts';
import { echarts, ReactEChartsCore } from '../../benefits/echarts.ts';
import { formatRate } from '../coordFormat.ts';
import { DOCUMENT_FONT } from './bulletinStyle.ts';

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** 报送率 and 及时率 of each department in the period, side by side, in percent. */
export function BulletinChart({ bulletin }: { bulletin: Bulletin }) {
  const { t, lang } = useI18n();
  const rows = bulletin.completeness.rows;
  const option = useMemo<Option>(
    () => ({
      textStyle: { fontFamily: DOCUMENT_FONT },
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) => formatRate(Number(value) / 100, lang),
      },
      xAxis: {
        type: 'category',
        data: rows.map((row) => row.department.shortName || row.department.name),
        axisTick: { show: false },
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('coord.completeness.rate'),
          data: rows.map((row) => Math.round(row.completeness * 1000) / 10),
          itemStyle: { color: BRAND_RED },
          barMaxWidth: 16,
        },
        {
          type: 'bar',
          name: t('coord.completeness.timeliness'),
          data: rows.map((row) => Math.round(row.timeliness * 1000) / 10),
          itemStyle: { color: theme.token?.colorLink },
          barMaxWidth: 16,
        },
      ],
    }),
    [rows, t, lang],
  );

  if (rows.length === 0) return null;
  return (
    <div className="xf-bulletin-chart" data-testid="bulletin-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />
    </div>
  );
}
