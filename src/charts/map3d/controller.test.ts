// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { provinceStats } from '~/test/fixtures'
import { UNIT_BY_ID, type UnitStats } from '~/protocol'
import { WALL_THEME } from '../theme'
import { Map3dController, type Map3dChart, type Map3dEcharts, type Map3dState, type Map3dStatus } from './controller'
import { fakeClock } from '~/test/fake-clock'

interface Call { option: Record<string, unknown>, opts?: { notMerge?: boolean } }

class FakeChart implements Map3dChart {
  calls: Call[] = []
  disposed = false
  handlers = new Map<string, ((params: unknown) => void)[]>()
  canvas: HTMLCanvasElement | null = null
  constructor(private readonly el: HTMLElement, private readonly kind: '3d' | '2d', private readonly noGl = false) {}
  setOption(option: never, opts?: { notMerge?: boolean }) {
    this.calls.push({ option: option as Record<string, unknown>, opts })
    if (!this.canvas) {
      this.canvas = document.createElement('canvas')
      this.el.appendChild(this.canvas)
      if (this.kind === '3d' && this.noGl) {
        const note = document.createElement('div')
        note.className = 'ecgl-nowebgl'
        this.el.appendChild(note)
      }
    }
  }

  on(event: string, handler: (params: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
  }

  emit(event: string, params?: unknown) {
    for (const handler of this.handlers.get(event) ?? [])
      handler(params)
  }

  resize() {}
  dispose() {
    this.disposed = true
    this.canvas?.remove()
    this.el.querySelector('.ecgl-nowebgl')?.remove()
  }
}

function fakeEcharts(kind: '3d' | '2d', opts: { noGl?: boolean, throws?: boolean } = {}) {
  const charts: FakeChart[] = []
  const inits: Parameters<Map3dEcharts['init']>[2][] = []
  const echarts: Map3dEcharts = {
    init: (el, _theme, initOpts) => {
      inits.push(initOpts)
      if (opts.throws)
        throw new Error('no canvas')
      const chart = new FakeChart(el, kind, opts.noGl)
      charts.push(chart)
      return chart
    },
  }
  return { echarts, charts, inits }
}

const labels = {
  unitName: (id: string) => UNIT_BY_ID.get(id)?.short ?? id,
  corps: '兵团',
  corpsFull: '新疆生产建设兵团',
  noData: '暂无数据',
  southChinaSea: '南海诸岛',
  formatValue: (v: number) => String(Math.round(v)),
}

function setup(options: { webgl?: boolean, loadFails?: boolean, noGl?: boolean, glPixelRatio?: number } = {}) {
  const el = document.createElement('div')
  document.body.appendChild(el)
  const time = fakeClock()
  const gl = fakeEcharts('3d', { noGl: options.noGl })
  const flat = fakeEcharts('2d')
  const state: Map3dState = { units: provinceStats().units, metric: 'casesReceivedYtd', rotating: true, theme: WALL_THEME, labels, fontPx: 24 }
  const statuses: Map3dStatus[] = []
  const loadGl = vi.fn(() => options.loadFails ? Promise.reject(new Error('chunk failed')) : Promise.resolve(gl.echarts))
  const controller = new Map3dController(el, () => state, {
    detectWebgl: () => options.webgl ?? true,
    loadGl,
    echarts2d: flat.echarts,
    clock: time.clock,
    glPixelRatio: options.glPixelRatio,
    onStatus: s => statuses.push(s),
  })
  return { el, time, gl, flat, state, statuses, controller, loadGl }
}

function withUnits(units: readonly UnitStats[], scale: number): UnitStats[] {
  return units.map(u => ({ ...u, casesReceivedYtd: Math.round(u.casesReceivedYtd * scale) }))
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('Map3dController', () => {
  it('draws in 3D with one chart and the full option first', async () => {
    const { gl, flat, controller, loadGl } = setup()
    await controller.start()
    expect(loadGl).toHaveBeenCalledOnce()
    expect(controller.status.mode).toBe('3d')
    expect(gl.charts).toHaveLength(1)
    expect(flat.charts).toHaveLength(0)
    const first = gl.charts[0]!.calls[0]!
    expect(Object.keys(first.option)).toEqual(expect.arrayContaining(['geo3D', 'series', 'visualMap']))
    expect(first.opts?.notMerge).toBeFalsy()
  })

  it('draws at the screen\'s resolution, or at the lower one asked for on a software renderer', async () => {
    const gpu = setup()
    await gpu.controller.start()
    expect(gpu.gl.inits).toEqual([{ renderer: 'canvas' }])
    const cpu = setup({ glPixelRatio: 0.5 })
    await cpu.controller.start()
    expect(cpu.gl.inits).toEqual([{ renderer: 'canvas', devicePixelRatio: 0.5 }])
  })

  it('applies data at most once per 5 s, always the latest, by merging only the data', async () => {
    const { gl, time, state, controller } = setup()
    await controller.start()
    const chart = gl.charts[0]!
    const base = state.units
    for (let i = 1; i <= 12; i++) {
      time.advance(400)
      state.units = withUnits(base, 1 + i / 100)
      controller.dataChanged()
    }
    expect(chart.calls).toHaveLength(1)
    time.advance(5000)
    expect(chart.calls).toHaveLength(2)
    const update = chart.calls[1]!
    expect(update.opts?.notMerge).toBeFalsy()
    expect(Object.keys(update.option).sort()).toEqual(['geo3D', 'series', 'visualMap'])
    const series = update.option.series as { id: string, data: { unitId: string, value: number[] }[] }[]
    const beijing = series[0]!.data.find(d => d.unitId === '110000')!
    expect(beijing.value[3]).toBe(state.units.find(u => u.unitId === '110000')!.casesReceivedYtd)
    expect(gl.charts).toHaveLength(1)
  })

  it('applies a new metric and the rotation switch at once', async () => {
    const { gl, state, controller } = setup()
    await controller.start()
    const chart = gl.charts[0]!
    state.metric = 'casesPending'
    controller.metricChanged()
    expect(chart.calls).toHaveLength(2)
    state.rotating = false
    controller.viewChanged()
    expect(chart.calls[2]!.option).toEqual({ geo3D: [{ viewControl: { autoRotate: false, autoRotateDirection: 'cw' } }] })
  })

  it('sends the whole option again, camera kept, when the type size changes', async () => {
    const { gl, state, controller } = setup()
    await controller.start()
    const chart = gl.charts[0]!
    chart.emit('geo3dcamerachanged', { beta: -7 })
    state.fontPx = 48
    controller.restyle()
    expect(chart.calls).toHaveLength(2)
    const geo3D = chart.calls[1]!.option.geo3D as { viewControl: { beta: number } }[]
    expect(geo3D[0]!.viewControl.beta).toBe(-7)
    const series = chart.calls[1]!.option.series as { label: { fontSize: number } }[]
    expect(series[0]!.label.fontSize).toBe(36)
    expect(gl.charts).toHaveLength(1)
  })

  it('sways the camera: sends it back at the ends of its range', async () => {
    const { gl, controller } = setup()
    await controller.start()
    const chart = gl.charts[0]!
    chart.emit('geo3dcamerachanged', { beta: 5 })
    expect(chart.calls).toHaveLength(1)
    chart.emit('geo3dcamerachanged', { beta: 10.5 })
    expect(chart.calls[1]!.option).toEqual({ geo3D: [{ viewControl: { autoRotate: true, autoRotateDirection: 'ccw' } }] })
    chart.emit('geo3dcamerachanged', { beta: 11 })
    expect(chart.calls).toHaveLength(2)
    chart.emit('geo3dcamerachanged', { beta: -36 })
    expect(chart.calls[2]!.option).toEqual({ geo3D: [{ viewControl: { autoRotate: true, autoRotateDirection: 'cw' } }] })
  })

  it('reports the time from a data setOption to the chart\'s finished event', async () => {
    const { gl, time, state, controller, statuses } = setup()
    await controller.start()
    gl.charts[0]!.emit('finished')
    time.advance(6000)
    state.units = withUnits(state.units, 1.1)
    controller.dataChanged()
    time.advance(1234)
    gl.charts[0]!.emit('finished')
    expect(statuses.at(-1)!.lastRedrawMs).toBe(1234)
  })

  it('rebuilds the chart from the latest data when the WebGL context is lost and not restored in 2 s', async () => {
    const { el, gl, time, state, controller } = setup()
    await controller.start()
    const old = gl.charts[0]!
    const lost = new Event('webglcontextlost', { cancelable: true })
    old.canvas!.dispatchEvent(lost)
    expect(lost.defaultPrevented).toBe(true)
    state.units = withUnits(state.units, 2)
    time.advance(1999)
    expect(gl.charts).toHaveLength(1)
    time.advance(1)
    expect(old.disposed).toBe(true)
    expect(gl.charts).toHaveLength(2)
    expect(controller.status).toMatchObject({ mode: '3d', rebuilds: 1 })
    const rebuilt = gl.charts[1]!.calls[0]!.option.series as { data: { unitId: string, value: number[] }[] }[]
    expect(rebuilt[0]!.data.find(d => d.unitId === '440000')!.value[3]).toBe(state.units.find(u => u.unitId === '440000')!.casesReceivedYtd)
    expect(el.querySelectorAll('canvas')).toHaveLength(1)
  })

  it('rebuilds at once when the browser restores the context, and keeps the camera where it was', async () => {
    const { gl, controller } = setup()
    await controller.start()
    gl.charts[0]!.emit('geo3dcamerachanged', { beta: -12 })
    gl.charts[0]!.canvas!.dispatchEvent(new Event('webglcontextlost', { cancelable: true }))
    gl.charts[0]!.canvas!.dispatchEvent(new Event('webglcontextrestored'))
    expect(gl.charts).toHaveLength(2)
    expect(controller.status.rebuilds).toBe(1)
    const geo3D = gl.charts[1]!.calls[0]!.option.geo3D as { viewControl: { beta: number } }[]
    expect(geo3D[0]!.viewControl.beta).toBe(-12)
  })

  it('gives up on 3D after repeated context losses', async () => {
    const { gl, flat, time, controller } = setup()
    await controller.start()
    for (let i = 0; i < 4; i++) {
      gl.charts.at(-1)!.canvas!.dispatchEvent(new Event('webglcontextlost', { cancelable: true }))
      time.advance(2000)
    }
    expect(controller.status).toMatchObject({ mode: '2d-fallback', fallbackReason: 'contextLostRepeatedly', rebuilds: 4 })
    expect(flat.charts).toHaveLength(1)
    expect(gl.charts.every(c => c.disposed)).toBe(true)
  })

  it('falls back to the 2D map without WebGL, never downloading echarts-gl', async () => {
    const { flat, controller, loadGl } = setup({ webgl: false })
    await controller.start()
    expect(loadGl).not.toHaveBeenCalled()
    expect(controller.status).toMatchObject({ mode: '2d-fallback', fallbackReason: 'noWebgl' })
    const option = flat.charts[0]!.calls[0]!
    expect(option.opts?.notMerge).toBe(true)
    expect((option.option.series as { type: string, map: string }[])[0]).toMatchObject({ type: 'map', map: 'china', preserveAspect: 'contain' })
  })

  it('falls back to 2D when echarts-gl fails to load or to start', async () => {
    const failed = setup({ loadFails: true })
    await failed.controller.start()
    expect(failed.controller.status).toMatchObject({ mode: '2d-fallback', fallbackReason: 'loadFailed' })

    const noGl = setup({ noGl: true })
    await noGl.controller.start()
    expect(noGl.controller.status).toMatchObject({ mode: '2d-fallback', fallbackReason: 'initFailed' })
    expect(noGl.gl.charts[0]!.disposed).toBe(true)
    expect(noGl.el.querySelector('.ecgl-nowebgl')).toBeNull()
  })

  it('updates the 2D map with the same throttle, at its shorter interval', async () => {
    const { flat, time, state, controller } = setup({ webgl: false })
    await controller.start()
    state.units = withUnits(state.units, 1.5)
    controller.dataChanged()
    expect(flat.charts[0]!.calls).toHaveLength(1)
    time.advance(1000)
    expect(flat.charts[0]!.calls).toHaveLength(2)
  })

  it('disposes the chart and drops pending work when destroyed', async () => {
    const { gl, time, state, controller } = setup()
    await controller.start()
    state.units = withUnits(state.units, 1.5)
    controller.dataChanged()
    gl.charts[0]!.canvas!.dispatchEvent(new Event('webglcontextlost', { cancelable: true }))
    controller.destroy()
    expect(gl.charts[0]!.disposed).toBe(true)
    time.advance(10_000)
    expect(gl.charts).toHaveLength(1)
    expect(gl.charts[0]!.calls).toHaveLength(1)
  })

  it('does not draw when destroyed while echarts-gl was still loading', async () => {
    const { gl, controller } = setup()
    const started = controller.start()
    controller.destroy()
    await started
    expect(gl.charts).toHaveLength(0)
  })
})
