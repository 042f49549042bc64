/**
 * A page switch as the room sees it: a Node control client sends `showPage` over /control-feed, and
 * the wall (7680×2160, real server, headless Chromium) notes when the new page is first shown and
 * when the frame that shows it is done, for every ordered pair of the pages the wall keeps mounted,
 * and for the 3D page (made on demand) to and from the overview. Both sides read
 * `performance.timeOrigin + performance.now()`, one machine and one clock, so the difference is the
 * latency itself.
 *
 * "Shown": the task in which the page's slot turns `data-shown="true"` (a page kept mounted) or is
 * inserted so (a page made on demand); a MutationObserver callback, a microtask of Vue's patch.
 * "First frame done": the next animation frame after that is the first to draw the new page; the
 * frame after it begins once that one is produced, so its requestAnimationFrame callback is the time.
 */
import type { Page } from 'playwright-core'
import { delay, preciseNow } from '../../e2e/harness.ts'
import { openControlledWall } from '../lib/control.ts'
import { allPairsWalk } from '../lib/pairs.ts'
import type { Metric } from '../lib/report.ts'
import { max, median, percentile } from '../lib/stats.ts'
import type { Scenario } from './types.ts'

const FEED_RATE = 10
/** Pages the wall makes only when shown (src/components/WallShell.vue, ON_DEMAND_PAGES). */
const ON_DEMAND = new Set(['map3d'])
/** After a switch, the page shown is given this long before the next: the room looks at a page for a while. */
const SETTLE_MS = 1_000
const APPEAR_TIMEOUT_MS = 15_000
/** the 3D page is made from nothing on a software renderer: seconds, not frames */
const ON_DEMAND_TIMEOUT_MS = 120_000
/** A page the wall makes out of sight is put away before the pairs are timed. */
const PREPARED_TIMEOUT_MS = 180_000
/** The budget the issue sets: the new page on screen by the second frame, with room for the command's trip. */
const SWITCH_BUDGET_MS = 50

/** When a page was first shown, and when the frame that showed it was done. */
interface Appearance {
  id: string
  shownAt: number
  /** requestAnimationFrame of the frame after the first that drew the new page */
  frameAt: number | null
}

/** In the page: note every page slot that turns shown, or is inserted shown. */
function observeSwitches(): void {
  const w = window as unknown as { __benchSwitches: Appearance[] }
  w.__benchSwitches = []
  const now = (): number => performance.timeOrigin + performance.now()
  const note = (slot: Element, at: number): void => {
    const id = (slot.matches('[data-screen]') ? slot : slot.querySelector('[data-screen]'))?.getAttribute('data-screen') ?? null
    if (id === null)
      return
    const seen: Appearance = { id, shownAt: at, frameAt: null }
    w.__benchSwitches.push(seen)
    requestAnimationFrame(() => requestAnimationFrame(() => {
      seen.frameAt = now()
    }))
  }
  new MutationObserver((records) => {
    const at = now()
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element && record.target.getAttribute('data-shown') === 'true' && record.oldValue !== 'true')
        note(record.target, at)
      for (const node of record.addedNodes) {
        if (!(node instanceof Element))
          continue
        if (node.matches('.wall-page[data-shown="true"]'))
          note(node, at)
        // a page made when asked for whose code arrived after its slot was inserted shown: its root now
        else if (node.matches('[data-screen]') && node.parentElement?.closest('.wall-page[data-shown="true"]'))
          note(node, at)
        // a wall that mounts only the page on screen (before pages were kept): the page's root inserted
        else if (node.closest('.wall-page') === null && (node.matches('[data-screen]') || node.querySelector('[data-screen]')))
          note(node, at)
      }
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-shown'], attributeOldValue: true })
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

interface Sample {
  from: string
  to: string
  ackMs: number
  shownMs: number | null
  frameMs: number | null
  /** the page was mounted (kept) when the command was sent */
  wasKept: boolean
}

export const controlLatencyScenario: Scenario = {
  id: 'control-latency',
  title: `showPage over /control-feed → the new page's first frame done, every ordered pair of pages, 7680×2160, FEED_RATE=${FEED_RATE}`,
  async run({ log }) {
    const wall = await openControlledWall({ width: 7680, height: 2160, feedRate: FEED_RATE })
    try {
      const registered = wall.control.pages.map(page => page.id)
      const kept = registered.filter(id => !ON_DEMAND.has(id))
      if (kept.length < 2)
        throw new Error(`need two registered pages to switch between, the server offers: ${registered.join(', ')}`)
      const { page } = wall.wall

      // the wall keeps the last pages shown (src/components/keptPages.ts); it starts with the overview alone
      const keeps = await page.waitForSelector('.wall-page', { state: 'attached', timeout: 10_000 }).then(() => true, () => false)
      if (keeps)
        await page.waitForFunction(() => document.querySelector('.wall-page--warming') === null, undefined, { polling: 500, timeout: PREPARED_TIMEOUT_MS })
      await page.evaluate(observeSwitches)
      const clock = await clockOffset(page)

      const walk = allPairsWalk(kept)
      const onDemand = registered.filter(id => ON_DEMAND.has(id)).flatMap(id => [id, kept[0] ?? 'overview'])
      log(`control-latency: ${walk.length - 1} switches over every ordered pair of ${kept.length} pages, then ${onDemand.join(', ')}`)
      const samples: Sample[] = []
      let current = wall.control.state().page
      let after = 0
      for (const target of [...walk, ...onDemand]) {
        if (target === current)
          continue
        const wasKept = await page.evaluate(id => document.querySelector(`[data-screen="${id}"]`) !== null, target)
        const timing = await wall.control.command({ kind: 'showPage', page: target })
        if (timing.answer.type === 'nack')
          throw new Error(`showPage ${target} refused: ${timing.answer.code} ${timing.answer.message}`)
        const appeared = await page.waitForFunction(({ id, after }) => {
          const seen = (window as unknown as { __benchSwitches: Appearance[] }).__benchSwitches
            .find(one => one.id === id && one.shownAt > after && one.frameAt !== null)
          return seen ?? false
        }, { id: target, after }, { polling: 50, timeout: ON_DEMAND.has(target) ? ON_DEMAND_TIMEOUT_MS : APPEAR_TIMEOUT_MS })
          .then(handle => handle.jsonValue() as Promise<Appearance>)
          .catch(() => null)
        if (appeared)
          after = appeared.shownAt
        samples.push({
          from: current,
          to: target,
          ackMs: timing.answeredAt - timing.sentAt,
          shownMs: appeared ? appeared.shownAt - timing.sentAt : null,
          frameMs: appeared?.frameAt ? appeared.frameAt - timing.sentAt : null,
          wasKept,
        })
        current = target
        await delay(ON_DEMAND.has(target) ? SETTLE_MS * 3 : SETTLE_MS)
      }

      const keptSamples = samples.filter(sample => !ON_DEMAND.has(sample.from) && !ON_DEMAND.has(sample.to))
      const frame = keptSamples.flatMap(sample => sample.frameMs === null ? [] : [sample.frameMs])
      const shown = keptSamples.flatMap(sample => sample.shownMs === null ? [] : [sample.shownMs])
      const missed = keptSamples.length - frame.length
      const worst = keptSamples.reduce<Sample | null>((w, sample) => (sample.frameMs ?? Infinity) > (w?.frameMs ?? -Infinity) ? sample : w, null)
      const pairs = new Set(keptSamples.map(sample => `${sample.from}→${sample.to}`)).size
      const ack = samples.map(sample => sample.ackMs)
      const onDemandRows = samples.filter(sample => ON_DEMAND.has(sample.from) || ON_DEMAND.has(sample.to))
      const id = 'control-latency'
      const metrics: Metric[] = [
        { scenario: id, name: 'switch → first frame done, median', value: median(frame), unit: 'ms', note: `${frame.length} switches, ${pairs} ordered pairs of ${kept.length} pages${missed > 0 ? `; ${missed} never shown within ${APPEAR_TIMEOUT_MS / 1000} s` : ''}` },
        { scenario: id, name: 'switch → first frame done, p95', value: missed > 0 ? null : percentile(frame, 95), unit: 'ms', budget: SWITCH_BUDGET_MS, note: missed > 0 ? `${missed} switch(es) missed` : `max ${fixed(max(frame))} ms` },
        { scenario: id, name: 'switch → first frame done, worst pair', value: worst?.frameMs ?? null, unit: 'ms', note: worst ? `${worst.from} → ${worst.to}` : '' },
        ...([true, false] as const).map((wasKept) => {
          const these = keptSamples.flatMap(sample => sample.wasKept === wasKept && sample.frameMs !== null ? [sample.frameMs] : [])
          return { scenario: id, name: `switch → first frame done, to a page ${wasKept ? 'kept mounted' : 'not kept (made when asked for)'}, median`, value: median(these), unit: 'ms', note: `${these.length} switches, p95 ${fixed(percentile(these, 95))} ms` }
        }),
        { scenario: id, name: 'switch → page shown (DOM), median / p95', value: median(shown), unit: 'ms', note: `p95 ${fixed(percentile(shown, 95))} ms` },
        ...onDemandRows.map(sample => ({ scenario: id, name: `on demand: ${sample.from} → ${sample.to}, first frame done`, value: sample.frameMs, unit: 'ms', note: ON_DEMAND.has(sample.to) ? 'made when asked for (echarts-gl, software WebGL)' : 'back to a kept page' })),
        { scenario: id, name: 'ack round trip, median', value: median(ack), unit: 'ms', note: `p95 ${fixed(percentile(ack, 95))} ms` },
        { scenario: id, name: 'clock offset page − Node', value: clock.offsetMs, unit: 'ms', note: `±${fixed(clock.rttMs / 2, 2)} ms (CDP round trip); latencies are not corrected` },
        { scenario: id, name: 'console errors', value: wall.wall.errors.length, unit: '', note: wall.wall.errors.length === 0 ? 'none' : wall.wall.errors.slice(0, 3).join(' | ').slice(0, 200) },
      ]
      return { metrics, details: { kept, clock, samples, errors: wall.wall.errors } }
    }
    finally {
      await wall.close()
    }
  },
}
