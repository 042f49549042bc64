/**
 * The option builders' tests render their charts in node (`renderer: 'svg', ssr: true`) without
 * the wall's src/charts/setup.ts, which registers the SVG renderer for the wall and for the DOM
 * tests that mount a chart: a node test that renders a chart imports this module instead.
 */
import { use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([SVGRenderer])
