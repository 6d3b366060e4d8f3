import type { Child, CurveTable, Curves, Measurement } from '../../api/ecd.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { ageDays, DAYS_PER_MONTH, MAX_MONTHS, monthsOf } from './ecdFormat.ts';

export type ChartIndicator = 'wfa' | 'lhfa' | 'wflh' | 'hcfa';
export const CHART_INDICATORS: readonly ChartIndicator[] = ['wfa', 'lhfa', 'wflh', 'hcfa'];

export const INDICATOR_LABELS: Record<ChartIndicator, MessageKey> = {
  wfa: 'ecd.chart.wfa',
  lhfa: 'ecd.chart.lhfa',
  wflh: 'ecd.chart.wflh',
  hcfa: 'ecd.chart.hcfa',
};

export const Y_AXIS_LABELS: Record<ChartIndicator, MessageKey> = {
  wfa: 'ecd.chart.kg',
  lhfa: 'ecd.chart.cm',
  wflh: 'ecd.chart.kg',
  hcfa: 'ecd.chart.head',
};

/** The WHO table behind an indicator: weight for length below two years, for height from two. */
export function curveTable(indicator: ChartIndicator, child: Child): CurveTable {
  if (indicator === 'wfa') return 'weightForAge';
  if (indicator === 'lhfa') return 'lengthHeightForAge';
  if (indicator === 'hcfa') return 'headCircumferenceForAge';
  return ageDays(child.birthDate) < 731 ? 'weightForLength' : 'weightForHeight';
}

/** The child's points [x, y]: x in months (or cm for weight for length/height). */
export function childPoints(indicator: ChartIndicator, measurements: Measurement[]): [number, number][] {
  const points: [number, number][] = [];
  for (const m of measurements) {
    const months = Number(monthsOf(m.ageDays).toFixed(2));
    const pair: [number | null, number | null] =
      indicator === 'wfa'
        ? [months, m.weightKg]
        : indicator === 'lhfa'
          ? [months, m.lengthHeightCm]
          : indicator === 'hcfa'
            ? [months, m.headCircumferenceCm]
            : [m.lengthHeightCm, m.weightKg];
    const [x, y] = pair;
    if (x !== null && y !== null) points.push([x, y]);
  }
  return points;
}

/** The x range shown: the child's span plus a margin, within 0–60 months (or the table's lengths). */
export function xRange(indicator: ChartIndicator, child: Child, points: [number, number][], curves: Curves | undefined): [number, number] {
  if (indicator === 'wflh') {
    const first = curves?.points[0]?.x ?? 45;
    const last = curves?.points.at(-1)?.x ?? 120;
    if (points.length === 0) return [first, last];
    const xs = points.map(([x]) => x);
    return [Math.max(first, Math.floor(Math.min(...xs) - 8)), Math.min(last, Math.ceil(Math.max(...xs) + 8))];
  }
  const xs = [...points.map(([x]) => x), monthsOf(ageDays(child.birthDate))];
  return [Math.max(0, Math.floor(Math.min(...xs) - 3)), Math.min(MAX_MONTHS, Math.ceil(Math.max(...xs) + 3))];
}

/** One line per SD, as [x, value] pairs within the range (age tables' days turned into months). */
export function curveLines(indicator: ChartIndicator, curves: Curves, [lo, hi]: [number, number]): { sd: number; data: [number, number][] }[] {
  const byAge = indicator !== 'wflh';
  const rows = curves.points.map((p) => ({ x: byAge ? p.x / DAYS_PER_MONTH : p.x, values: p.values })).filter((p) => p.x >= lo - 0.01 && p.x <= hi + 0.01);
  return curves.sds.map((sd, i) => ({
    sd,
    data: rows.flatMap((p): [number, number][] => {
      const value = p.values[i];
      return value === undefined ? [] : [[Number(p.x.toFixed(3)), value]];
    }),
  }));
}
