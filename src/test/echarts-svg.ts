/**
 * Unit tests draw charts with ECharts' SVG renderer (`renderer: 'svg'`): happy-dom has no canvas.
 * The wall itself draws on canvas only, so the SVG renderer is registered here and not in the
 * bundle (src/charts/setup.ts).
 */
import { SVGRenderer } from 'echarts/renderers'
import { echarts } from '~/charts/setup'

echarts.use([SVGRenderer])
