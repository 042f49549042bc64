/**
 * Unit tests draw charts with ECharts' SVG renderer (`renderer: 'svg'`, or `ssr` in node): happy-dom
 * has no canvas, and node none at all. The wall itself draws on canvas only, so the SVG renderer is
 * registered here and not in the bundle (src/charts/setup.ts). DOM tests get it from setup-dom.ts;
 * a node test that renders a chart imports this module.
 */
import { use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([SVGRenderer])
