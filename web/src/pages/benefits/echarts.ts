import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsModule from 'echarts-for-react/lib/core.js';

/** The parts of ECharts the benefits charts use (bars only), registered once. */
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/*
 * echarts-for-react is CommonJS: TypeScript types the default import as the whole module, while the
 * bundler hands over its default export. Take whichever is the component.
 */
type EChartsCore = typeof EChartsModule.default;
const interop: { default?: EChartsCore } = EChartsModule;
export const ReactEChartsCore: EChartsCore = interop.default ?? (EChartsModule as unknown as EChartsCore);

export { echarts };
