/**
 * The 3D page (echarts-gl on SwiftShader here: no GPU) at 7680×2160, FEED_RATE=10: the time one data
 * redraw takes, frames while turning, and the JS heap after 1 minute and after BENCH_MINUTES of
 * rotation (the later samples in the shared heap watch, lib/soak.ts).
 *
 * The redraw comes from the panel itself: PanelMap3d writes `data-redraw-ms`, the time from a data
 * setOption to the chart's next 'finished' event (charts/map3d/controller.ts). That is the main
 * thread's part; SwiftShader draws in the GPU process afterwards, so the page also notes when the
 * second frame after 'finished' ran ("on screen"). Both are taken first with the rotation off, then
 * while turning. A trace of the still map gives the main thread's view: how busy it is, and how much
 * of that is Commit, the main thread waiting for the (here software) compositor to take a frame.
 */
import type { Page } from 'playwright-core'
import { delay, preciseNow } from '../../e2e/harness.ts'
import { PAGES as SCREENS } from '#protocol'
import { openControlledWall } from '../lib/control.ts'
import { measureFrames } from '../lib/frames.ts'
import { liveHeapBytes } from '../lib/heap.ts'
import type { Metric } from '../lib/report.ts'
import { max, median } from '../lib/stats.ts'
import { mainThreadTasks, mainThreadTimeIn, MARK_FEED_MESSAGES, traceMessages } from '../lib/trace.ts'
import type { Scenario } from './types.ts'

const PAGE_ID = 'map3d'
const FEED_RATE = 10
const WIDTH = 7680
const HEIGHT = 2160
/** echarts-gl is a lazy chunk, and SwiftShader builds the first scene slowly on a busy machine. */
const READY_TIMEOUT_MS = 180_000
/** With the rotation off: long enough for several redraws (the panel applies data at most every 5 s). */
const STILL_TRACE_MS = 30_000
const FRAMES_MS = 10_000
/** Rotation time before the first heap sample. */
const ROTATING_MS = 60_000

/** An attribute change on the 3D panel, with the page's time. */
interface PanelChange {
  name: string
  value: string | null
  at: number
  /** for data-redraw-ms: when the second frame after it ran */
  frameAt: number | null
}

/** In the page, before the panel mounts: note every change of the panel's status attributes. */
function observePanel(): void {
  const w = window as unknown as { __benchPanel: PanelChange[] }
  w.__benchPanel = []
  const now = (): number => performance.timeOrigin + performance.now()
  new MutationObserver((records) => {
    const at = now()
    for (const record of records) {
      if (record.type === 'attributes' && record.attributeName && record.target instanceof Element && record.target.matches('[data-panel="map3d"]')) {
        const change: PanelChange = { name: record.attributeName, value: record.target.getAttribute(record.attributeName), at, frameAt: null }
        w.__benchPanel.push(change)
        if (change.name === 'data-redraw-ms')
          requestAnimationFrame(() => requestAnimationFrame(() => { change.frameAt = now() }))
      }
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          const panel = node instanceof Element ? (node.matches('[data-panel="map3d"]') ? node : node.querySelector('[data-panel="map3d"]')) : null
          if (panel)
            w.__benchPanel.push({ name: 'mounted', value: null, at, frameAt: null })
        }
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-redraw-ms', 'data-mode', 'data-ready', 'data-rebuilds'] })
}

/** One redraw the panel reported: main-thread part and until the second frame after it. */
interface Redraw {
  /** page time of the 'finished' event */
  at: number
  /** setOption → finished, from the panel */
  mainMs: number
  /** setOption → second frame after finished */
  screenMs: number | null
}

function redrawsOf(changes: readonly PanelChange[]): Redraw[] {
  return changes
    .filter(change => change.name === 'data-redraw-ms' && change.value)
    .map(change => ({
      at: change.at,
      mainMs: Number(change.value),
      screenMs: change.frameAt === null ? null : change.frameAt - (change.at - Number(change.value)),
    }))
}

async function panelChanges(page: Page): Promise<PanelChange[]> {
  return page.evaluate(() => (window as unknown as { __benchPanel: PanelChange[] }).__benchPanel)
}

const fixed = (value: number | null, digits = 0): string => value === null ? '—' : value.toFixed(digits)

export const map3dScenario: Scenario = {
  id: 'map3d',
  title: `3D page at ${WIDTH}×${HEIGHT}, FEED_RATE=${FEED_RATE}: data redraw still and turning, frames, heap over BENCH_MINUTES of rotation`,
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
      await wall.control.command({ kind: 'setRotation', on: false })
      log(`${id}: showing the 3D page, rotation off`)
      await wall.show(PAGE_ID)
      await page.locator('[data-panel="map3d"][data-ready="true"]').waitFor({ state: 'attached', timeout: READY_TIMEOUT_MS })
      const mode = await page.locator('[data-panel="map3d"]').getAttribute('data-mode')
      const early = await panelChanges(page)
      const mountedAt = early.find(change => change.name === 'mounted')?.at
      const readyAt = early.find(change => change.name === 'data-ready' && change.value === 'true')?.at
      const readyMs = mountedAt !== undefined && readyAt !== undefined ? readyAt - mountedAt : null

      log(`${id}: ${mode} mode, ready ${readyMs?.toFixed(0) ?? '?'} ms after mounting; tracing the still map for ${STILL_TRACE_MS / 1000} s`)
      const traceFrom = preciseNow()
      const events = await traceMessages(page, STILL_TRACE_MS)
      const traceTo = preciseNow()
      const { tasks, marks } = mainThreadTasks(events)
      const firstMark = marks[0]?.atMs ?? 0
      const lastMark = marks[marks.length - 1]?.atMs ?? 0
      const busyStillMs = tasks.reduce((sum, task) => {
        const from = Math.max(task.startMs, firstMark)
        const to = Math.min(task.startMs + task.durationMs, lastMark)
        return sum + Math.max(0, to - from)
      }, 0)
      const spanStillMs = lastMark - firstMark
      const commitStillMs = mainThreadTimeIn(events, 'Commit')
      const longestStill = max(tasks.map(task => task.durationMs))
      const stillChanges = await panelChanges(page)
      // The first 'finished' is the chart's build from scratch; the later ones are data redraws.
      const [build, ...stillRedraws] = redrawsOf(stillChanges)
      const tracedRedraws = stillRedraws.filter(redraw => redraw.at >= traceFrom && redraw.at <= traceTo).length

      await wall.control.command({ kind: 'setRotation', on: true })
      const rotatingFrom = Date.now()
      const rotatingFromPage = preciseNow()
      log(`${id}: rotation on; counting frames for ${FRAMES_MS / 1000} s`)
      const frames = await measureFrames(page, FRAMES_MS)
      const waitMs = rotatingFrom + ROTATING_MS - Date.now()
      if (waitMs > 0) {
        log(`${id}: watching redraws while turning for another ${Math.round(waitMs / 1000)} s`)
        await delay(waitMs)
      }
      const minuteOne = await liveHeapBytes(page)
      const changes = await panelChanges(page)
      const turningRedraws = redrawsOf(changes).filter(redraw => redraw.at > rotatingFromPage)
      const rebuilds = await page.locator('[data-panel="map3d"]').getAttribute('data-rebuilds')

      const screen = (redraws: readonly Redraw[]): number[] => redraws.flatMap(redraw => redraw.screenMs === null ? [] : [redraw.screenMs])
      const main = (redraws: readonly Redraw[]): number[] => redraws.map(redraw => redraw.mainMs)
      const metrics: Metric[] = [
        { scenario: id, name: 'mode', value: null, unit: '', note: `${mode ?? '?'}${mode === '3d' ? ' (software WebGL)' : ''}; ready ${fixed(readyMs)} ms after mounting; rebuilds ${rebuilds ?? '?'}` },
        { scenario: id, name: 'first draw (build), on screen', value: build?.screenMs ?? null, unit: 'ms', note: `setOption → finished ${fixed(build?.mainMs ?? null)} ms` },
        {
          scenario: id,
          name: 'data redraw, still: setOption → finished',
          value: median(main(stillRedraws)),
          unit: 'ms',
          note: stillRedraws.length > 0 ? `panel data-redraw-ms, median of ${stillRedraws.length}; max ${fixed(max(main(stillRedraws)))} ms` : 'the panel reported no redraw',
        },
        { scenario: id, name: 'data redraw, still: on screen', value: median(screen(stillRedraws)), unit: 'ms', note: `setOption → 2nd frame after finished; max ${fixed(max(screen(stillRedraws)))} ms` },
        {
          scenario: id,
          name: 'main thread busy, still (trace)',
          value: spanStillMs > 0 ? busyStillMs / spanStillMs * 100 : null,
          unit: '%',
          note: `${tracedRedraws} redraws in ${fixed(spanStillMs / 1000)} s; ${fixed(busyStillMs > 0 ? commitStillMs / busyStillMs * 100 : null)} % of it in Commit (waiting for the compositor); longest task ${fixed(longestStill)} ms`,
        },
        {
          scenario: id,
          name: 'data redraw, turning: setOption → finished',
          value: median(main(turningRedraws)),
          unit: 'ms',
          note: turningRedraws.length > 0 ? `median of ${turningRedraws.length}; on screen median ${fixed(median(screen(turningRedraws)))} ms` : 'the panel reported no redraw',
        },
        { scenario: id, name: 'frames while turning', value: frames.fps, unit: 'fps', note: `worst frame ${fixed(frames.worstFrameMs)} ms` },
        { scenario: id, name: 'console errors', value: wall.wall.errors.length, unit: '', note: wall.wall.errors.length === 0 ? 'none' : wall.wall.errors.slice(0, 3).join(' | ').slice(0, 200) },
      ]
      handedOver = true
      return {
        metrics,
        details: { mode, readyMs, build, stillRedraws, turningRedraws, busyStillMs, spanStillMs, commitStillMs, tracedRedraws, stillTaskMs: tasks.map(task => task.durationMs), frames, changes, errors: wall.wall.errors },
        heapWatch: {
          scenario: id,
          page,
          openedAt: rotatingFrom,
          samples: [{ minute: 1, bytes: minuteOne }],
          activity: `3D page turning since minute 0, FEED_RATE=${FEED_RATE}`,
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
