import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Spin } from 'antd';
import { LineChart, ScatterChart, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import EChartsModule from 'echarts-for-react/lib/core.js';
import { useMemo, useState } from 'react';
import { ecdApi, type Child, type Measurement } from '../../api/ecd.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';
import { theme } from '../../theme.ts';
import { CHART_INDICATORS, INDICATOR_LABELS, Y_AXIS_LABELS, childPoints, curveLines, curveTable, xRange, type ChartIndicator } from './growthSeries.ts';

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);
const { encodeHTML } = echarts.format;

/* echarts-for-react is CommonJS: take whichever of the default import and its default export is the component. */
type EChartsCore = typeof EChartsModule.default;
const interop: { default?: EChartsCore } = EChartsModule;
const ReactEChartsCore: EChartsCore = interop.default ?? (EChartsModule as unknown as EChartsCore);

type Option = echarts.ComposeOption<LineSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption>;

/** −3/+3 dashed red, −2/+2 orange, the median green. */
function sdStyle(sd: number): { color: string; type: 'dashed' | 'solid' } {
  if (Math.abs(sd) >= 3) return { color: '#cf1322', type: 'dashed' };
  if (Math.abs(sd) >= 2) return { color: '#fa8c16', type: 'solid' };
  return { color: '#389e0d', type: 'solid' };
}

const sdName = (sd: number) => (sd > 0 ? `+${sd}` : String(sd));

interface CurveProps {
  child: Child;
  measurements: Measurement[];
  indicator: ChartIndicator;
  height?: number;
  /** A fixed width (the printed archive); the container's width by default. */
  width?: number;
  /** SVG prints crisply; the screen uses canvas. */
  renderer?: 'canvas' | 'svg';
}

/** The five WHO curves for the child's sex, and the child's own points on them (no animation, so it prints). */
export function GrowthCurve({ child, measurements, indicator, height = 380, width, renderer = 'canvas' }: CurveProps) {
  const { t } = useI18n();
  const table = curveTable(indicator, child);
  const curves = useQuery({
    queryKey: queryKeys.ecd.curve(table, child.sex),
    queryFn: ({ signal }) => ecdApi.curves(table, child.sex, signal),
    staleTime: Infinity,
  });
  const points = useMemo(() => childPoints(indicator, measurements), [indicator, measurements]);

  const option = useMemo<Option | null>(() => {
    if (!curves.data) return null;
    const range = xRange(indicator, child, points, curves.data);
    const lines: LineSeriesOption[] = curveLines(indicator, curves.data, range).map(({ sd, data }) => {
      const style = sdStyle(sd);
      return {
        type: 'line',
        name: `${sdName(sd)} SD`,
        data,
        showSymbol: false,
        silent: true,
        lineStyle: { color: style.color, type: style.type, width: sd === 0 ? 2 : 1.5 },
        itemStyle: { color: style.color },
        endLabel: { show: true, formatter: sd === 0 ? t('ecd.chart.median') : sdName(sd), color: style.color },
      };
    });
    const own: ScatterSeriesOption = {
      type: 'scatter',
      name: child.name,
      data: points,
      symbolSize: 11,
      itemStyle: { color: '#1d39c4', borderColor: '#fff', borderWidth: 1.5 },
      z: 10,
    };
    return {
      textStyle: { fontFamily: theme.token?.fontFamily },
      animation: false,
      grid: { left: 8, right: 64, top: 32, bottom: 36, containLabel: true },
      // The formatter's string is HTML: the child's name (typed by a teacher) and the value are escaped, so a name is never markup.
      tooltip: { trigger: 'item', formatter: (p) => `${encodeHTML(child.name)}<br/>${Array.isArray(p) ? '' : encodeHTML(String(p.value))}` },
      xAxis: {
        type: 'value',
        min: range[0],
        max: range[1],
        name: indicator === 'wflh' ? t('ecd.chart.cm') : t('ecd.chart.months'),
        nameLocation: 'middle',
        nameGap: 26,
        // The range's ends are rarely round: their labels would crowd the next tick's.
        axisLabel: { showMinLabel: false, showMaxLabel: false },
      },
      yAxis: { type: 'value', scale: true, name: t(Y_AXIS_LABELS[indicator]), nameTextStyle: { align: 'left' } },
      series: [...lines, own],
    };
  }, [curves.data, indicator, child, points, t]);

  const size = { height, width: width ?? '100%' };
  return (
    <div data-testid="growth-chart" data-table={table} data-ready={option ? 'true' : 'false'}>
      <span hidden data-testid="chart-points" data-count={points.length} />
      {curves.isError ? (
        <QueryError error={curves.error} onRetry={() => void curves.refetch()} />
      ) : (
        <Spin spinning={curves.isFetching}>
          {option ? <ReactEChartsCore echarts={echarts} option={option} notMerge opts={{ renderer }} style={size} /> : <div style={size} />}
        </Spin>
      )}
    </div>
  );
}

/** The growth chart card of the archive: one indicator at a time. */
export function GrowthChart({ child, measurements }: { child: Child; measurements: Measurement[] }) {
  const { t } = useI18n();
  const [indicator, setIndicator] = useState<ChartIndicator>('wfa');

  const selector = (
    <Segmented<ChartIndicator>
      value={indicator}
      onChange={setIndicator}
      options={CHART_INDICATORS.map((value) => ({ value, label: t(INDICATOR_LABELS[value]) }))}
      aria-label={t('ecd.chart.indicator')}
      data-testid="growth-indicator"
    />
  );

  return (
    <Card title={t('ecd.chart')} extra={selector}>
      <GrowthCurve child={child} measurements={measurements} indicator={indicator} />
    </Card>
  );
}
