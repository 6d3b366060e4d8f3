import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useMemo } from 'react';
import type { Bulletin } from '../../../api/coordinationTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { BULLETIN_COLOURS } from '../../../../../src/core/coordination/chartColours.ts';
import { echarts, ReactEChartsCore } from '../../benefits/echarts.ts';
import { formatRate } from '../coordFormat.ts';
import { DOCUMENT_FONT } from './bulletinStyle.ts';

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/**
 * 报送率 and 及时率 of each department in the period, as the .docx draws them: grouped horizontal
 * bars on a 0–100 % axis, departments top to bottom by their short names, shortfalls labelled.
 */
export function BulletinChart({ bulletin }: { bulletin: Bulletin }) {
  const { t, lang } = useI18n();
  const rows = bulletin.completeness.rows;
  const option = useMemo<Option>(() => {
    const series = (name: string, colour: string, pick: (row: (typeof rows)[number]) => number): BarSeriesOption => ({
      type: 'bar',
      name,
      data: rows.map((row) => {
        const value = Math.round(pick(row) * 1000) / 10;
        return { value, label: { show: value < 100 } };
      }),
      itemStyle: { color: colour },
      barGap: '15%',
      barCategoryGap: '30%',
      label: { position: 'right', formatter: '{c}%', fontSize: 12, color: BULLETIN_COLOURS.text },
    });
    return {
      textStyle: { fontFamily: DOCUMENT_FONT },
      animation: false,
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: BULLETIN_COLOURS.text } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) => formatRate(Number(value) / 100, lang),
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 20,
        axisLabel: { formatter: '{value}%', color: BULLETIN_COLOURS.axis },
        splitLine: { lineStyle: { color: BULLETIN_COLOURS.grid } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.department.shortName || row.department.name),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: BULLETIN_COLOURS.axis } },
        axisLabel: { interval: 0, color: BULLETIN_COLOURS.text },
      },
      series: [
        series(t('coord.completeness.rate'), BULLETIN_COLOURS.completeness, (row) => row.completeness),
        series(t('coord.completeness.timeliness'), BULLETIN_COLOURS.timeliness, (row) => row.timeliness),
      ],
    };
  }, [rows, t, lang]);

  if (rows.length === 0) return null;
  return (
    <div className="xf-bulletin-chart" data-testid="bulletin-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(220, 90 + rows.length * 28) }} />
    </div>
  );
}
