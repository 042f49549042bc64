/**
 * From the operator's command to the wall: a Node control client sends `showPage` over
 * /control-feed, and the wall page (7680×2160, real server, headless Chromium) records when the new
 * page's root `[data-screen=<id>]` enters its DOM. Both sides read `performance.timeOrigin +
 * performance.now()`, one machine and one clock, so the difference is the latency itself.
 */
import type { Page } from 'playwright-core'
import { delay } from '../../e2e/harness.ts'
import { openControlledWall, preciseNow } from '../lib/control.ts'
import type { Metric } from '../lib/report.ts'
import { max, median, percentile } from '../lib/stats.ts'
import type { Scenario } from './types.ts'

const FEED_RATE = 10
const SWITCHES = 50
/** Light pages, in this order when registered; otherwise the first registered 2D pages. */
const PREFERRED_PAGES = ['overview', 'battleplan', 'heatmap']
/** After a page appeared, let it finish its first chart draws before the next switch. */
const SETTLE_MS = 1_500
const APPEAR_TIMEOUT_MS = 15_000

/** When a screen root entered the DOM, and when the frame after it was done on the main thread. */
interface Appearance {
  id: string
  /** MutationObserver callback: the task that inserted the root, right after Vue's patch */
  domAt: number
  /** a task queued from the next requestAnimationFrame: that frame's style, layout and paint are done */
  frameAt: number | null
}

/**
 * In the page: a MutationObserver notes every screen root that is inserted. Its callback runs as a
 * microtask of the task that inserted the node, so the time is that of Vue's patch, not of a poll.
 */
function observeScreens(): void {
  const w = window as unknown as { __benchScreens: Appearance[] }
  w.__benchScreens = []
  const now = (): number => performance.timeOrigin + performance.now()
  new MutationObserver((records) => {
    const at = now()
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element))
          continue
        const root = node.matches('[data-screen]') ? node : node.querySelector('[data-screen]')
        const id = root?.getAttribute('data-screen')
        if (!id)
          continue
        const seen: Appearance = { id, domAt: at, frameAt: null }
        w.__benchScreens.push(seen)
        requestAnimationFrame(() => setTimeout(() => { seen.frameAt = now() }, 0))
      }
    }
  }).observe(document.body, { childList: true, subtree: true })
}

/** The page's clock minus Node's, from the round trip with the smallest delay. */
async function clockOffset(page: Page): Promise<{ offsetMs: number, rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY }
  for (let round = 0; round < 7; round++) {
    const before = preciseNow()
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = preciseNow()
    if (after - before < best.rttMs)
      best = { offsetMs: inPage - (before + after) / 2, rttMs: after - before }
  }
  return best
}

const fixed = (value: number | null, digits = 1): string => value === null ? '—' : value.toFixed(digits)

export const controlLatencyScenario: Scenario = {
  id: 'control-latency',
  title: `showPage over /control-feed → [data-screen] in the wall's DOM, ${SWITCHES} switches, 7680×2160, FEED_RATE=${FEED_RATE}`,
  async run({ log }) {
    const wall = await openControlledWall({ width: 7680, height: 2160, feedRate: FEED_RATE })
    try {
      const registered = wall.control.pages.map(page => page.id).filter(id => id !== 'map3d')
      const preferred = PREFERRED_PAGES.filter(id => registered.includes(id))
      const cycle = preferred.length >= 2 ? preferred : registered.slice(0, 3)
      if (cycle.length < 2)
        throw new Error(`need two registered pages to switch between, the server offers: ${registered.join(', ')}`)
      const { page } = wall.wall

      // Every page once, so that its lazy chunk is loaded and its first draw is not measured.
      log(`control-latency: warming ${cycle.join(', ')}`)
      for (const id of [...cycle.slice(1), cycle[0] ?? 'overview']) {
        await wall.show(id)
        await delay(SETTLE_MS * 2)
      }
      await page.evaluate(observeScreens)
      const clock = await clockOffset(page)

      log(`control-latency: ${SWITCHES} switches through ${cycle.join(' → ')}`)
      const samples: { page: string, ackMs: number, domMs: number | null, frameMs: number | null }[] = []
      // The observer started after the warm-up: every appearance it lists is one of these switches.
      let previousDomAt = 0
      for (let index = 0; index < SWITCHES; index++) {
        const target = cycle[(index + 1) % cycle.length] ?? 'overview'
        const timing = await wall.control.command({ kind: 'showPage', page: target })
        if (timing.answer.type === 'nack')
          throw new Error(`showPage ${target} refused: ${timing.answer.code} ${timing.answer.message}`)
        const appeared = await page.waitForFunction(({ id, after }) => {
          const seen = (window as unknown as { __benchScreens: Appearance[] }).__benchScreens
            .find(one => one.id === id && one.domAt > after && one.frameAt !== null)
          return seen ?? false
        }, { id: target, after: previousDomAt }, { polling: 50, timeout: APPEAR_TIMEOUT_MS })
          .then(handle => handle.jsonValue() as Promise<Appearance>)
          .catch(() => null)
        if (appeared)
          previousDomAt = appeared.domAt
        samples.push({
          page: target,
          ackMs: timing.answeredAt - timing.sentAt,
          domMs: appeared ? appeared.domAt - timing.sentAt : null,
          frameMs: appeared?.frameAt ? appeared.frameAt - timing.sentAt : null,
        })
        await delay(SETTLE_MS)
      }

      const dom = samples.flatMap(sample => sample.domMs === null ? [] : [sample.domMs])
      const frame = samples.flatMap(sample => sample.frameMs === null ? [] : [sample.frameMs])
      const ack = samples.map(sample => sample.ackMs)
      const missed = samples.length - dom.length
      const id = 'control-latency'
      const metrics: Metric[] = [
        { scenario: id, name: 'showPage → screen in DOM, median', value: median(dom), unit: 'ms', note: `${dom.length} switches through ${cycle.join(' → ')}${missed > 0 ? `; ${missed} never appeared within ${APPEAR_TIMEOUT_MS / 1000} s` : ''}` },
        { scenario: id, name: 'showPage → screen in DOM, p95', value: missed > 0 ? null : percentile(dom, 95), unit: 'ms', budget: 150, note: missed > 0 ? `${missed} switch(es) missed` : `max ${fixed(max(dom))} ms` },
        { scenario: id, name: 'showPage → first frame done, median', value: median(frame), unit: 'ms', note: 'main thread done with the frame after the insert' },
        { scenario: id, name: 'showPage → first frame done, p95', value: percentile(frame, 95), unit: 'ms' },
        { scenario: id, name: 'ack round trip, median', value: median(ack), unit: 'ms', note: `p95 ${fixed(percentile(ack, 95))} ms` },
        { scenario: id, name: 'clock offset page − Node', value: clock.offsetMs, unit: 'ms', note: `±${fixed(clock.rttMs / 2, 2)} ms (CDP round trip); latencies are not corrected` },
        { scenario: id, name: 'console errors', value: wall.wall.errors.length, unit: '', note: wall.wall.errors.length === 0 ? 'none' : wall.wall.errors.slice(0, 3).join(' | ').slice(0, 200) },
      ]
      return { metrics, details: { cycle, clock, samples, errors: wall.wall.errors } }
    }
    finally {
      await wall.close()
    }
  },
}
