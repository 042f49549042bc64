/**
 * ECharts as the wall uses it: everything imports `echarts` from here, which registers the canvas
 * renderer, the China map and what the overview draws (map, geo, visual map, gauges). The chart
 * types of the other pages are registered by their option builders (auction.ts, credit.ts,
 * delegation.ts, inquiry.ts, quality.ts, trend.ts), so they load with those pages and not before
 * the overview is on screen.
 */
import { GaugeChart, MapChart } from 'echarts/charts'
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import chinaJson from '../data/china.json'

echarts.use([
  MapChart,
  GaugeChart,
  GeoComponent,
  VisualMapComponent,
  TooltipComponent,
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
