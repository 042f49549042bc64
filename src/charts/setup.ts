/**
 * ECharts as the wall uses it: everything imports `echarts` from here, which registers the SVG
 * renderer (BaseChart.vue says why not canvas), the China map and what the overview draws (map,
 * geo, visual map, gauges). The chart types of the other pages are registered by their option
 * builders (auction.ts, credit.ts, delegation.ts, inquiry.ts, quality.ts, trend.ts), so they load
 * with those pages and not before the overview is on screen.
 */
import { GaugeChart, MapChart } from 'echarts/charts'
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import chinaJson from '../data/china.json'

echarts.use([
  MapChart,
  GaugeChart,
  GeoComponent,
  VisualMapComponent,
  TooltipComponent,
  SVGRenderer,
  // The canvas renderer comes with the 3D page (src/charts/map3d/loadGl.ts): echarts-gl draws on it.
])

/**
 * The map must be registered under the name 'china': only then does ECharts add the
 * South China Sea islands inset (南海诸岛) on its own.
 */
export const CHINA_MAP = 'china'
echarts.registerMap(CHINA_MAP, chinaJson as Parameters<typeof echarts.registerMap>[1])

export { echarts }
