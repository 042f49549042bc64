/**
 * echarts-gl, loaded only when the 3D page is shown: about 450 kB that no other page needs.
 * The dynamic imports below are the only way echarts-gl enters the app (lazy.test.ts checks it).
 */
import { GeoComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { echarts } from '../setup'
import { buildChina3dGeoJson, MAP3D_NAME } from './geo'

// echarts-gl draws through the canvas renderer, and the 2D map the page falls back to is drawn on
// canvas too (the other pages' charts are SVG: setup.ts). Registered as this page's code loads,
// before either is needed.
echarts.use([CanvasRenderer])

/** The echarts namespace with the 3D modules registered. */
export type EchartsWithGl = typeof echarts

let loading: Promise<EchartsWithGl> | null = null

/**
 * Download and register echarts-gl's bar3D and geo3D, and the 3D map. Idempotent; a failed
 * download may be retried.
 */
export function loadEchartsGl(): Promise<EchartsWithGl> {
  loading ??= (async () => {
    const [charts, components] = await Promise.all([
      import('echarts-gl/charts'),
      import('echarts-gl/components'),
    ])
    // GeoComponent is what makes registerMap work for geo3D: without it the map is blank, silently.
    echarts.use([GeoComponent, VisualMapComponent, charts.Bar3DChart, components.Geo3DComponent])
    if (!echarts.getMap(MAP3D_NAME))
      echarts.registerMap(MAP3D_NAME, buildChina3dGeoJson() as unknown as Parameters<typeof echarts.registerMap>[1])
    return echarts
  })().catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}
