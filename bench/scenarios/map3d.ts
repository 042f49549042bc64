/**
 * The 3D page (echarts-gl on SwiftShader here: no GPU) at 7680×2160, FEED_RATE=10, rotating: the
 * time one data redraw takes, frames while turning, and the JS heap after 1 minute and after
 * BENCH_MINUTES of rotation (the later samples in the shared heap watch, lib/soak.ts).
 *
 * The redraw comes from the panel itself: PanelMap3d writes `data-redraw-ms`, the time from a data
 * setOption to the chart's next 'finished' event (charts/map3d/controller.ts). A trace beside it
 * gives the main thread's view: the longest task after each province.stats message.
 */
import { delay } from '../../e2e/harness.ts'
import { SCREENS } from '../../src/screens/registry.ts'
import { openControlledWall } from '../lib/control.ts'
import { measureFrames } from '../lib/frames.ts'
import { liveHeapBytes } from '../lib/heap.ts'
import type { Metric } from '../lib/report.ts'
import { max, median, percentile } from '../lib/stats.ts'
import { mainThreadTasks, MARK_FEED_MESSAGES, traceMessages } from '../lib/trace.ts'
import type { Scenario } from './types.ts'

const PAGE_ID = 'map3d'
const FEED_RATE = 10
const WIDTH = 7680
const HEIGHT = 2160
/** echarts-gl is a lazy chunk, and SwiftShader builds the first scene slowly on a busy machine. */
const READY_TIMEOUT_MS = 180_000
const FRAMES_MS = 10_000
const TRACE_MS = 20_000
/** The redraws of the first minute are the sample (the panel applies data at most every 5 s). */
const OBSERVE_MS = 60_000
/** A province.stats message's redraw lands within this (the panel's throttle interval plus a frame). */
const REDRAW_WINDOW_MS = 6_000

/** Attribute changes on the 3D panel, with the page's time. */
interface PanelChange {
  name: string
  value: string | null
  at: number
}

/** In the page, before the panel mounts: note every change of the panel's status attributes. */
function observePanel(): void {
  const w = window as unknown as { __benchPanel: PanelChange[] }
  w.__benchPanel = []
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now()
    for (const record of records) {
      if (record.type === 'attributes' && record.attributeName && record.target instanceof Element && record.target.matches('[data-panel="map3d"]'))
        w.__benchPanel.push({ name: record.attributeName, value: record.target.getAttribute(record.attributeName), at })
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          const panel = node instanceof Element ? (node.matches('[data-panel="map3d"]') ? node : node.querySelector('[data-panel="map3d"]')) : null
          if (panel)
            w.__benchPanel.push({ name: 'mounted', value: panel.getAttribute('data-redraw-ms'), at })
        }
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-redraw-ms', 'data-mode', 'data-ready', 'data-rebuilds'] })
}

const fixed = (value: number | null, digits = 0): string => value === null ? '—' : value.toFixed(digits)

export const map3dScenario: Scenario = {
  id: 'map3d',
  title: `3D page at ${WIDTH}×${HEIGHT}, FEED_RATE=${FEED_RATE}, rotating: data redraw, frames, heap over BENCH_MINUTES`,
  async run({ log }) {
    const id = 'map3d'
    if (!SCREENS.some(screen => screen.id === PAGE_ID))
      return { metrics: [{ scenario: id, name: 'data redraw', value: null, unit: 'ms', note: `'${PAGE_ID}' is not registered in src/screens/registry.ts: not measured` }] }

    const wall = await openControlledWall({ width: WIDTH, height: HEIGHT, feedRate: FEED_RATE, initScripts: [MARK_FEED_MESSAGES] })
    let handedOver = false
    try {
      if (!wall.control.pages.some(page => page.id === PAGE_ID))
        throw new Error(`the server does not offer '${PAGE_ID}' (it reads the registry at start)`)
      const { page } = wall.wall
      await page.evaluate(observePanel)
      await wall.control.command({ kind: 'setRotation', on: true })
      log(`${id}: showing the 3D page`)
      await wall.show(PAGE_ID)
      const shownAt = Date.now()
      await page.locator('[data-panel="map3d"][data-ready="true"]').waitFor({ state: 'attached', timeout: READY_TIMEOUT_MS })
      const readyMs = Date.now() - shownAt
      const mode = await page.locator('[data-panel="map3d"]').getAttribute('data-mode')
      log(`${id}: ready after ${readyMs} ms in mode ${mode}; counting frames for ${FRAMES_MS / 1000} s`)
      const frames = await measureFrames(page, FRAMES_MS)

      log(`${id}: tracing the main thread for ${TRACE_MS / 1000} s`)
      const events = await traceMessages(page, TRACE_MS)
      const { tasks, marks } = mainThreadTasks(events)
      // The longest task within the redraw window after each province.stats message; with the
      // panel's throttle, only some of them redraw, so the max is the redraw and the median the turning.
      const afterStats = marks.filter(mark => mark.label === 'province.stats').map((mark) => {
        const following = tasks.filter(task => task.startMs >= mark.atMs && task.startMs < mark.atMs + REDRAW_WINDOW_MS)
        return Math.max(0, ...following.map(task => task.durationMs))
      })
      const taskDurations = tasks.map(task => task.durationMs)

      const waitMs = shownAt + OBSERVE_MS - Date.now()
      if (waitMs > 0) {
        log(`${id}: watching redraws for another ${Math.round(waitMs / 1000)} s`)
        await delay(waitMs)
      }
      const minuteOne = await liveHeapBytes(page)
      const changes = await page.evaluate(() => (window as unknown as { __benchPanel: PanelChange[] }).__benchPanel)
      const redraws = changes.filter(change => change.name === 'data-redraw-ms' && change.value).map(change => Number(change.value))
      // The first 'finished' is the chart's build from scratch; the ones after it are data redraws.
      const [firstDraw, ...dataRedraws] = redraws
      const rebuilds = await page.locator('[data-panel="map3d"]').getAttribute('data-rebuilds')

      const metrics: Metric[] = [
        { scenario: id, name: 'mode', value: null, unit: '', note: `${mode ?? '?'}${mode === '3d' ? ' (software WebGL)' : ''}; ready ${fixed(readyMs)} ms after the page appeared; rebuilds ${rebuilds ?? '?'}` },
        { scenario: id, name: 'first draw (build)', value: firstDraw ?? null, unit: 'ms', note: 'panel data-redraw-ms: setOption → finished' },
        {
          scenario: id,
          name: 'data redraw, median',
          value: median(dataRedraws),
          unit: 'ms',
          note: dataRedraws.length > 0 ? `panel data-redraw-ms, ${dataRedraws.length} redraws in ${OBSERVE_MS / 1000} s; max ${fixed(max(dataRedraws))} ms` : 'the panel reported no redraw: see the trace figure',
        },
        {
          scenario: id,
          name: 'longest task after province.stats, max',
          value: max(afterStats),
          unit: 'ms',
          note: `trace, ${afterStats.length} messages; median ${fixed(median(afterStats))} ms (turning frames)`,
        },
        { scenario: id, name: 'main-thread task, p95', value: percentile(taskDurations, 95), unit: 'ms', note: `${taskDurations.length} tasks in ${TRACE_MS / 1000} s; busy ${fixed(taskDurations.reduce((sum, ms) => sum + ms, 0) / TRACE_MS * 100)} %` },
        { scenario: id, name: 'frames while rotating', value: frames.fps, unit: 'fps', note: `worst frame ${fixed(frames.worstFrameMs)} ms; p95 gap ${fixed(frames.p95FrameMs)} ms` },
        { scenario: id, name: 'console errors', value: wall.wall.errors.length, unit: '', note: wall.wall.errors.length === 0 ? 'none' : wall.wall.errors.slice(0, 3).join(' | ').slice(0, 200) },
      ]
      handedOver = true
      return {
        metrics,
        details: { mode, readyMs, redraws, afterStatsMs: afterStats, taskDurationsMs: taskDurations, frames, changes, errors: wall.wall.errors },
        heapWatch: {
          scenario: id,
          page,
          openedAt: shownAt,
          samples: [{ minute: 1, bytes: minuteOne }],
          activity: `3D page rotating, FEED_RATE=${FEED_RATE}`,
          errors: () => [...wall.wall.errors],
          close: () => wall.close(),
        },
      }
    }
    finally {
      if (!handedOver)
        await wall.close()
    }
  },
}
