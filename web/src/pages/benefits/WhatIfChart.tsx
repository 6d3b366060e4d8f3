import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useMemo } from 'react';
import type { WhatIfTownship } from '../../api/benefits.ts';
import { useI18n } from '../../i18n/index.ts';
import { BRAND_RED, theme } from '../../theme.ts';
import { formatMoney, formatYuan } from './benefitsFormat.ts';
import { echarts, ReactEChartsCore } from './echarts.ts';

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const BASELINE_COLOR = '#8c9bb5';

/** Today's standards against the draft, per township, for one year: bars in 万元, the tooltip in yuan. */
export function WhatIfChart({ rows, year }: { rows: readonly WhatIfTownship[]; year: number }) {
  const { t, lang } = useI18n();
  const option = useMemo<Option>(() => {
    const ofYear = rows.filter((row) => row.year === year);
    const many = ofYear.length > 8;
    return {
      textStyle: { fontFamily: theme.token?.fontFamily },
      legend: { top: 0, data: [t('whatIf.baseline'), t('whatIf.draft')] },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) => formatMoney(Number(value) * 10_000, lang),
      },
      xAxis: {
        type: 'category',
        data: ofYear.map((row) => row.townshipName),
        axisTick: { show: false },
        axisLabel: { interval: 0, rotate: many ? 40 : 0 },
      },
      yAxis: {
        type: 'value',
        name: t('benefits.chartAxis'),
        axisLabel: { formatter: (value: number) => formatYuan(value, lang) },
      },
      series: [
        {
          name: t('whatIf.baseline'),
          type: 'bar',
          data: ofYear.map((row) => row.baselineAmount / 10_000),
          barMaxWidth: 22,
          itemStyle: { color: BASELINE_COLOR, borderRadius: [3, 3, 0, 0] },
        },
        {
          name: t('whatIf.draft'),
          type: 'bar',
          data: ofYear.map((row) => row.draftAmount / 10_000),
          barMaxWidth: 22,
          itemStyle: { color: BRAND_RED, borderRadius: [3, 3, 0, 0] },
        },
      ],
    };
  }, [rows, year, t, lang]);

  return (
    <div data-testid="what-if-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360 }} />
    </div>
  );
}
