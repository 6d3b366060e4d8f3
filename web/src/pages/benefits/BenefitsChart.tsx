import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { useMemo } from 'react';
import type { BenefitsSummary } from '../../api/benefits.ts';
import { useI18n } from '../../i18n/index.ts';
import { BRAND_RED, theme } from '../../theme.ts';
import { formatYuan, programmeLabel } from './benefitsFormat.ts';
import { echarts, ReactEChartsCore } from './echarts.ts';

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Yuan paid per programme, as horizontal bars in 万元 (the names are long); the tooltip gives the yuan. */
export function BenefitsChart({ summary }: { summary: BenefitsSummary }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const option = useMemo<Option>(() => {
    // The first programme on top.
    const programmes = [...summary.programmes].reverse();
    return {
      textStyle: { fontFamily: theme.token?.fontFamily },
      grid: { left: 8, right: 56, top: 8, bottom: 32, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) => `${formatYuan(Number(value) * 10_000, lang)} ${t('benefits.unit.yuan')}`,
      },
      xAxis: { type: 'value', name: t('benefits.chartAxis'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: programmes.map((p) => programmeLabel(i18n, p.programme)), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: programmes.map((p) => p.amount / 10_000),
          barMaxWidth: 28,
          itemStyle: { color: BRAND_RED, borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', formatter: ({ value }) => formatYuan(Number(value), lang) },
        },
      ],
    };
  }, [summary, i18n, t, lang]);

  return (
    <div data-testid="benefits-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} />
    </div>
  );
}
