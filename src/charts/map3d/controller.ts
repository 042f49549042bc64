/**
 * The life of the 3D map's one chart instance, apart from Vue so it tests with fakes:
 *
 * - WebGL missing, or echarts-gl failing to load or to start → the 2D heat map of the same metric.
 * - One WebGL context for the page's life: data goes in with setOption (merge, changed parts
 *   only), never a new chart. A redraw costs 1–2 s on software WebGL, so data is applied at most
 *   once per `minUpdateMs`, always the latest. Operator actions (metric, rotation) apply at once.
 * - The camera sways either side of north (option.ts, SWING_RANGE): echarts-gl only turns one way,
 *   so the controller sends it back when it has swung far enough.
 * - WebGL context lost (driver reset, GPU process crash): keep the page, wait for the browser to
 *   restore the context, or `restoreWaitMs` at most, then dispose and build the chart again from
 *   the latest data. Too many losses in a row → 2D.
 */
import type { UnitStats } from '~/protocol'
import { buildHeatmapOption } from '../heatmap'
import type { UnitMetric } from '~/domain/metrics'
import type { ChartSize, WallTheme } from '../theme'
import { buildMap3dOption, buildMap3dUpdate, buildMap3dViewUpdate, swingTurn, type Map3dLabels, type TurnDirection } from './option'
import { createLatestThrottle, type ThrottleClock } from './throttle'

/** What the chart shows; read afresh on every draw. */
export interface Map3dState {
  units: readonly UnitStats[]
  metric: UnitMetric
  rotating: boolean
  theme: WallTheme
  labels: Map3dLabels
  /** body type size in px */
  fontPx: number
}

/** The part of an ECharts instance the controller uses. */
export interface Map3dChart {
  setOption: (option: never, opts?: { notMerge?: boolean, lazyUpdate?: boolean }) => void
  on: (event: string, handler: (params: unknown) => void) => void
  resize: () => void
  dispose: () => void
}

/** The part of the echarts namespace the controller uses. */
export interface Map3dEcharts {
  init: (el: HTMLElement, theme: null, opts: { renderer: 'canvas', devicePixelRatio?: number }) => Map3dChart
}

export type Map3dMode = 'loading' | '3d' | '2d-fallback'

/** Why the 2D map is shown, for diagnostics. */
export type FallbackReason = 'noWebgl' | 'loadFailed' | 'initFailed' | 'contextLostRepeatedly'

/** What the panel shows about the chart. */
export interface Map3dStatus {
  mode: Map3dMode
  fallbackReason: FallbackReason | null
  /** how many times the 3D chart was built again after a lost WebGL context */
  rebuilds: number
  /** ms from the last data setOption to the chart's next 'finished' event */
  lastRedrawMs: number | null
}

export interface Map3dControllerOptions {
  detectWebgl: () => boolean
  /** echarts with echarts-gl registered (the dynamic import) */
  loadGl: () => Promise<Map3dEcharts>
  /** plain echarts for the 2D map */
  echarts2d: Map3dEcharts
  /** data setOption at most this often in 3D; default 5000 */
  minUpdateMs?: number
  /** same for the 2D map, which redraws in milliseconds; default 1000 */
  minUpdateMs2d?: number
  /** the 3D canvas's pixels per screen pixel; default: the screen's own (a software renderer asks for fewer) */
  glPixelRatio?: number
  /** wait this long for `webglcontextrestored` before building anew; default 2000 */
  restoreWaitMs?: number
  /** this many context losses within `lossWindowMs` → 2D; default 3 */
  maxLosses?: number
  lossWindowMs?: number
  clock?: ThrottleClock
  onStatus?: (status: Map3dStatus) => void
}

const realClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: handle => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}

export class Map3dController {
  readonly status: Map3dStatus = { mode: 'loading', fallbackReason: null, rebuilds: 0, lastRedrawMs: null }

  private chart: Map3dChart | null = null
  private gl: Map3dEcharts | null = null
  private destroyed = false
  private restoreTimer: unknown = null
  private losses: number[] = []
  private redrawStartedAt: number | null = null
  /** the camera's last angle and way of turning, so a rebuilt chart carries on where it was */
  private beta = 0
  private direction: TurnDirection = 'cw'
  private readonly canvases = new Set<HTMLCanvasElement>()
  private readonly throttle
  private readonly clock: ThrottleClock
  private readonly opts: Required<Omit<Map3dControllerOptions, 'onStatus' | 'clock' | 'glPixelRatio'>> & Pick<Map3dControllerOptions, 'onStatus' | 'glPixelRatio'>

  constructor(private readonly el: HTMLElement, private readonly state: () => Map3dState, options: Map3dControllerOptions) {
    this.clock = options.clock ?? realClock
    this.opts = {
      minUpdateMs: 5000,
      minUpdateMs2d: 1000,
      restoreWaitMs: 2000,
      maxLosses: 3,
      lossWindowMs: 60_000,
      ...options,
    }
    this.throttle = createLatestThrottle(
      () => this.applyData(),
      () => this.status.mode === '3d' ? this.opts.minUpdateMs : this.opts.minUpdateMs2d,
      this.clock,
    )
  }

  /** Load echarts-gl and draw; falls back to 2D on any failure. */
  async start(): Promise<void> {
    if (!this.opts.detectWebgl()) {
      this.fallback('noWebgl')
      return
    }
    try {
      this.gl = await this.opts.loadGl()
    }
    catch {
      if (!this.destroyed)
        this.fallback('loadFailed')
      return
    }
    if (this.destroyed)
      return
    this.build3d()
  }

  /** New data arrived: drawn at once, or at the end of the current interval. */
  dataChanged(): void {
    if (this.chart)
      this.throttle.push()
  }

  /** The operator picked another metric: worth a redraw now. */
  metricChanged(): void {
    if (!this.chart)
      return
    this.throttle.cancel()
    this.throttle.markRun()
    this.applyData()
  }

  /** Type size or theme changed: the whole option again, merged, the camera where it is. */
  restyle(): void {
    const chart = this.chart
    if (!chart)
      return
    this.throttle.cancel()
    this.throttle.markRun()
    if (this.status.mode !== '3d') {
      this.draw2d(chart, false)
      return
    }
    const s = this.state()
    this.startRedrawClock()
    chart.setOption(buildMap3dOption(s.units, s.metric, s.theme, this.size(), s.labels, { rotating: s.rotating, beta: this.beta, direction: this.direction }) as never)
  }

  /** Rotation switched on or off. */
  viewChanged(): void {
    if (this.chart && this.status.mode === '3d')
      this.chart.setOption(buildMap3dViewUpdate({ rotating: this.state().rotating, direction: this.direction }) as never)
  }

  /** The element changed size. */
  resize(): void {
    this.chart?.resize()
  }

  destroy(): void {
    this.destroyed = true
    this.throttle.cancel()
    this.clearRestoreTimer()
    this.disposeChart()
  }

  private size(): ChartSize {
    return { width: this.el.clientWidth || 800, height: this.el.clientHeight || 600, fontPx: this.state().fontPx }
  }

  private emit(): void {
    this.opts.onStatus?.({ ...this.status })
  }

  private build3d(): void {
    const gl = this.gl
    if (!gl)
      return
    const s = this.state()
    try {
      const ratio = this.opts.glPixelRatio
      const chart = gl.init(this.el, null, ratio === undefined ? { renderer: 'canvas' } : { renderer: 'canvas', devicePixelRatio: ratio })
      this.chart = chart
      chart.on('finished', () => this.onFinished())
      chart.on('geo3dcamerachanged', params => this.onCamera(params))
      this.startRedrawClock()
      const view = { rotating: s.rotating, beta: this.beta, direction: this.direction }
      chart.setOption(buildMap3dOption(s.units, s.metric, s.theme, this.size(), s.labels, view) as never)
      this.throttle.markRun()
    }
    catch {
      this.fallback('initFailed')
      return
    }
    // echarts-gl puts up a "no WebGL" note instead of throwing when its context fails.
    if (this.el.querySelector('.ecgl-nowebgl')) {
      this.fallback('initFailed')
      return
    }
    this.watchContexts()
    this.status.mode = '3d'
    this.emit()
  }

  private fallback(reason: FallbackReason): void {
    this.clearRestoreTimer()
    this.disposeChart()
    this.status.mode = '2d-fallback'
    this.status.fallbackReason = reason
    try {
      const chart = this.opts.echarts2d.init(this.el, null, { renderer: 'canvas' })
      this.chart = chart
      chart.on('finished', () => this.onFinished())
      this.draw2d(chart, true)
      this.throttle.markRun()
    }
    catch {
      this.chart = null
    }
    this.emit()
  }

  private draw2d(chart: Map3dChart, first: boolean): void {
    const s = this.state()
    this.startRedrawClock()
    const option = buildHeatmapOption(s.units, s.metric, s.theme, this.size(), s.labels)
    // The heat map's box fills the panel; on a 32:9 panel the map would be stretched sideways.
    const series = option.series.map(one => ({ ...one, preserveAspect: 'contain' as const }))
    chart.setOption({ ...option, series } as never, { notMerge: first })
  }

  private applyData(): void {
    const chart = this.chart
    if (!chart)
      return
    if (this.status.mode !== '3d') {
      this.draw2d(chart, false)
      return
    }
    const s = this.state()
    this.startRedrawClock()
    chart.setOption(buildMap3dUpdate(s.units, s.metric, s.theme, this.size(), s.labels) as never)
  }

  private startRedrawClock(): void {
    this.redrawStartedAt = this.clock.now()
  }

  private onFinished(): void {
    if (this.redrawStartedAt === null)
      return
    this.status.lastRedrawMs = this.clock.now() - this.redrawStartedAt
    this.redrawStartedAt = null
    this.emit()
  }

  private onCamera(params: unknown): void {
    const beta = Number((params as { beta?: unknown } | null)?.beta)
    if (!Number.isFinite(beta))
      return
    this.beta = beta
    if (!this.chart || this.status.mode !== '3d' || !this.state().rotating)
      return
    const next = swingTurn(beta, this.direction)
    if (next) {
      this.direction = next
      this.chart.setOption(buildMap3dViewUpdate({ rotating: true, direction: next }) as never)
    }
  }

  private readonly onContextLost = (event: Event) => {
    // Without preventDefault the browser never restores the context.
    event.preventDefault()
    if (this.restoreTimer !== null || this.destroyed)
      return
    this.restoreTimer = this.clock.setTimeout(() => this.rebuild(), this.opts.restoreWaitMs)
  }

  private readonly onContextRestored = () => {
    if (this.restoreTimer !== null)
      this.rebuild()
  }

  private watchContexts(): void {
    for (const canvas of this.el.querySelectorAll('canvas')) {
      if (this.canvases.has(canvas))
        continue
      canvas.addEventListener('webglcontextlost', this.onContextLost)
      canvas.addEventListener('webglcontextrestored', this.onContextRestored)
      this.canvases.add(canvas)
    }
  }

  private unwatchContexts(): void {
    for (const canvas of this.canvases) {
      canvas.removeEventListener('webglcontextlost', this.onContextLost)
      canvas.removeEventListener('webglcontextrestored', this.onContextRestored)
    }
    this.canvases.clear()
  }

  private clearRestoreTimer(): void {
    if (this.restoreTimer !== null)
      this.clock.clearTimeout(this.restoreTimer)
    this.restoreTimer = null
  }

  /** A context is gone: the chart's GPU state with it. Build the chart anew from the latest data. */
  private rebuild(): void {
    this.clearRestoreTimer()
    if (this.destroyed)
      return
    const now = this.clock.now()
    this.losses = [...this.losses.filter(at => now - at < this.opts.lossWindowMs), now]
    this.throttle.cancel()
    this.disposeChart()
    this.status.rebuilds++
    if (this.losses.length > this.opts.maxLosses) {
      this.fallback('contextLostRepeatedly')
      return
    }
    this.build3d()
  }

  private disposeChart(): void {
    this.unwatchContexts()
    this.redrawStartedAt = null
    const chart = this.chart
    this.chart = null
    try {
      chart?.dispose()
    }
    catch {
      // A chart whose context is lost may fail to free GPU objects it no longer has.
    }
  }
}
