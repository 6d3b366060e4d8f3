import fs from 'node:fs';
import path from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, type GridComponentOption, type LegendComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { BULLETIN_COLOURS } from '../../core/coordination/chartColours.ts';

/*
 * Charts for the bulletins (通报), drawn on the server: ECharts lays the chart out as SVG (no
 * browser, no canvas), resvg turns it into a PNG for the .docx. Restrained colours and no
 * animation, as a printed government report wants. Chinese text needs a CJK font file on the
 * machine (Debian: fonts-noto-cjk); without one the chart is still drawn, with Latin and digits
 * only, rather than failing.
 */

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

type ChartOption = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

export interface ChartSize {
  /** Layout width in CSS pixels; the PNG is `scale` times as wide. */
  width?: number;
  /** Layout height in CSS pixels; by default it grows with the number of bars. */
  height?: number;
  /** Pixels per CSS pixel of the PNG (default 2, about 240 dpi when printed 15 cm wide at the default width). */
  scale?: number;
}

export interface CompletenessBar {
  /** The department's short name, e.g. 卫生局. */
  name: string;
  /** 0..1, as in a Rate. */
  completeness: number;
  /** 0..1, as in a Rate. */
  timeliness: number;
}

export interface IndicatorBar {
  name: string;
  value: number;
  unit: string;
}

const COLOURS = BULLETIN_COLOURS;
const DEFAULT_WIDTH = 640;
const DEFAULT_SCALE = 2;
const FONT_SIZE = 14;

// ---------------------------------------------------------------------------------------------
// Fonts

/** Where Debian (and most distributions) put CJK fonts, best first, with the family each file provides. */
const CJK_FONTS: { file: string; family: string }[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'Noto Serif CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback' },
];
/** A Latin font for digits and letters when no CJK font is there (CJK fonts have their own). */
const LATIN_FONTS: { file: string; family: string }[] = [
  { file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', family: 'DejaVu Sans' },
  { file: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', family: 'Liberation Sans' },
];
/** Bold faces beside the regular ones, loaded when present so bold text is not synthesised. */
const boldOf = (file: string): string =>
  path.join(path.dirname(file), path.basename(file).replace('Regular', 'Bold').replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'));

interface ChartFonts {
  /** The CSS font-family list ECharts writes into the SVG (single quotes: it goes inside a style attribute). */
  cssFamily: string;
  resvg: NonNullable<ResvgRenderOptions['font']>;
  cjk: boolean;
}

let cachedFonts: ChartFonts | undefined;

/** The fonts found on this machine, looked up once per process. */
function chartFonts(): ChartFonts {
  if (cachedFonts) return cachedFonts;
  const present = (candidates: { file: string; family: string }[]) => candidates.filter((c) => fs.existsSync(c.file));
  // One CJK family (its Regular and Bold) is enough; each file is parsed on every render.
  const cjk = present(CJK_FONTS).slice(0, 1);
  const latin = present(LATIN_FONTS).slice(0, 1);
  const chosen = [...cjk, ...latin];
  const files = chosen.flatMap((c) => [c.file, boldOf(c.file)]).filter((file, i, all) => all.indexOf(file) === i && fs.existsSync(file));
  const families = [...new Set(chosen.map((c) => c.family))];
  const primary = families[0] ?? 'sans-serif';
  cachedFonts = {
    cssFamily: [...families.map((f) => `'${f}'`), 'sans-serif'].join(', '),
    resvg: {
      // System fonts are not scanned: slower, and what they hold differs between machines.
      loadSystemFonts: false,
      fontFiles: files,
      defaultFontFamily: primary,
      sansSerifFamily: primary,
      serifFamily: primary,
      defaultFontSize: FONT_SIZE,
    },
    cjk: cjk.length > 0,
  };
  return cachedFonts;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderPng(option: ChartOption, width: number, height: number, scale: number): Buffer {
  const fonts = chartFonts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({
      ...option,
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: fonts.cssFamily, fontSize: FONT_SIZE, color: COLOURS.text },
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const resvg = new Resvg(svg, { font: fonts.resvg, fitTo: { mode: 'zoom', value: scale }, background: '#ffffff', logLevel: 'off' });
  return resvg.render().asPng();
}

/** 0.955 → 95.5, 1 → 100: a rate as a percentage with at most one decimal. */
function percent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

/** 460000 → "460,000", 12.5 → "12.5": grouped thousands, at most two decimals, as in the tables. */
export function groupedNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
}

const valueAxisStyle = {
  axisLine: { show: true, lineStyle: { color: COLOURS.axis } },
  axisTick: { show: true, lineStyle: { color: COLOURS.axis } },
  axisLabel: { color: COLOURS.text },
  splitLine: { lineStyle: { color: COLOURS.grid, type: 'dashed' as const } },
};

const categoryAxisStyle = {
  axisLine: { show: true, lineStyle: { color: COLOURS.axis } },
  axisTick: { show: false },
  axisLabel: { color: COLOURS.text, interval: 0 },
};

/**
 * 报送率 and 及时率 of each department, as grouped horizontal bars on a 0–100 % axis, the
 * departments top to bottom in the order given; a bar short of 100 % is labelled with its percentage.
 */
export function completenessChartPng(rows: CompletenessBar[], options: ChartSize = {}): Buffer {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? Math.max(220, 90 + rows.length * 28);
  const series = (name: string, colour: string, pick: (r: CompletenessBar) => number): BarSeriesOption => ({
    name,
    type: 'bar',
    // Only shortfalls are labelled: a full bar reaching the 100 % line needs no figure, and 38 of them would crowd it.
    data: rows.map((r) => {
      const value = percent(pick(r));
      return { value, label: { show: value < 100 } };
    }),
    itemStyle: { color: colour },
    barGap: '15%',
    barCategoryGap: '30%',
    label: { position: 'right', formatter: '{c}%', fontSize: 12, color: COLOURS.text },
  });
  return renderPng(
    {
      legend: { top: 8, left: 'center', itemWidth: 18, itemHeight: 12, textStyle: { color: COLOURS.text } },
      grid: { top: 44, bottom: 36, left: 16, right: 56, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', min: 0, max: 100, interval: 20, ...valueAxisStyle, axisLabel: { ...valueAxisStyle.axisLabel, formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), ...categoryAxisStyle },
      series: [series('报送率', COLOURS.completeness, (r) => r.completeness), series('及时率', COLOURS.timeliness, (r) => r.timeliness)],
    },
    width,
    height,
    options.scale ?? DEFAULT_SCALE,
  );
}

/** How far apart positive values must be (largest ÷ smallest) before the axis turns logarithmic. */
const LOG_SPREAD = 100;

/**
 * The indicators' totals as horizontal bars, each labelled with its value and unit. When the
 * values span more than two orders of magnitude the axis is logarithmic (and says so), so that a
 * count of households is not a sliver beside a sum of yuan; a zero is then drawn as no bar.
 */
export function indicatorChartPng(items: IndicatorBar[], options: ChartSize = {}): Buffer {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? Math.max(200, 80 + items.length * 36);
  const positive = items.map((i) => i.value).filter((v) => v > 0);
  const smallest = Math.min(...positive);
  const log = positive.length > 1 && Math.max(...positive) / smallest > LOG_SPREAD;
  // The log axis starts a power of ten below the smallest value, so that value still has a bar.
  const logMin = 10 ** (Math.ceil(Math.log10(smallest)) - 1);
  const data = items.map((i) => ({
    value: log && i.value <= 0 ? logMin : i.value,
    label: { formatter: `${groupedNumber(i.value)}${i.unit}` },
  }));
  return renderPng(
    {
      grid: { top: 16, bottom: log ? 56 : 36, left: 16, right: 110, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: log
        ? {
            type: 'log',
            logBase: 10,
            min: logMin,
            name: '对数刻度',
            nameLocation: 'middle',
            nameGap: 30,
            nameTextStyle: { color: COLOURS.axis, fontSize: 12 },
            ...valueAxisStyle,
            axisLabel: { ...valueAxisStyle.axisLabel, formatter: (v: number) => groupedNumber(v) },
          }
        : { type: 'value', min: 0, ...valueAxisStyle, axisLabel: { ...valueAxisStyle.axisLabel, formatter: (v: number) => groupedNumber(v) } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((i) => i.name),
        ...categoryAxisStyle,
        axisLabel: { ...categoryAxisStyle.axisLabel, width: 150, overflow: 'break' },
      },
      series: [
        {
          type: 'bar',
          data,
          itemStyle: { color: COLOURS.indicator },
          barCategoryGap: '40%',
          label: { show: true, position: 'right', fontSize: 12, color: COLOURS.text },
        },
      ],
    },
    width,
    height,
    options.scale ?? DEFAULT_SCALE,
  );
}

/** Width and height of a PNG, from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b) || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
