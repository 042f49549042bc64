/**
 * The only place ECharts modules are registered: everything else imports `echarts` from here,
 * so the bundle carries only what the wall draws.
 */
import { BarChart, GaugeChart, LineChart, LinesChart, MapChart, PieChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import chinaJson from '../data/china.json'

echarts.use([
  MapChart,
  GaugeChart,
  GeoComponent,
  VisualMapComponent,
  TooltipComponent,
  LineChart,
  GridComponent,
  BarChart,
  PieChart,
  LinesChart,
  ScatterChart,
  CanvasRenderer,
  // The SVG renderer is the unit tests' (happy-dom has no canvas): src/test/echarts-svg.ts adds it there.
])

/**
 * The map must be registered under the name 'china': only then does ECharts add the
 * South China Sea islands inset (南海诸岛) on its own.
 */
export const CHINA_MAP = 'china'
echarts.registerMap(CHINA_MAP, chinaJson as Parameters<typeof echarts.registerMap>[1])

export { echarts }
