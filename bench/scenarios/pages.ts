/**
 * Every registered 2D page (all but the 3D map) at 7680×2160, FEED_RATE=10, one after the other on
 * one wall, put on screen through the control channel: main-thread time per feed message, measured
 * as for the overview (lib/messages.ts), over BENCH_PAGE_SECONDS (default 20) each.
 */
import { delay } from '../../e2e/harness.ts'
import { openControlledWall } from '../lib/control.ts'
import { measurePerMessage, perMessageRows, type MessageCostRun } from '../lib/messages.ts'
import type { Metric } from '../lib/report.ts'
import { MARK_FEED_MESSAGES } from '../lib/trace.ts'
import type { Scenario } from './types.ts'

const FEED_RATE = 10
const WARM_UP_MS = 5_000
/** Pages measured elsewhere, with their own method. */
const EXCLUDED = new Set(['map3d'])

function pageSeconds(): number {
  const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 20)
  return Number.isFinite(seconds) && seconds >= 2 ? seconds : 20
}

/** BENCH_PAGES=inquiry,credit measures only those pages; unset: all. */
function pageFilter(): Set<string> | null {
  const list = (process.env.BENCH_PAGES ?? '').split(',').map(id => id.trim()).filter(id => id !== '')
  return list.length > 0 ? new Set(list) : null
}

export function pagesScenario(width = 7680, height = 2160): Scenario {
  const id = 'pages'
  return {
    id,
    title: `every registered 2D page at ${width}×${height}, FEED_RATE=${FEED_RATE}, BENCH_PAGE_SECONDS each`,
    async run({ log }) {
      const seconds = pageSeconds()
      const wall = await openControlledWall({ width, height, feedRate: FEED_RATE, initScripts: [MARK_FEED_MESSAGES] })
      try {
        const only = pageFilter()
        const pages = wall.control.pages.map(page => page.id)
          .filter(pageId => !EXCLUDED.has(pageId) && (only === null || only.has(pageId)))
        const metrics: Metric[] = []
        const details: Record<string, unknown> = {}
        // A page the wall makes out of sight (the playlist's next) is traced once it is put away, or the
        // first page's windows carry its making (a build without page slots has nothing to wait for)
        const wallPage = wall.wall.page
        if (await wallPage.waitForSelector('.wall-page', { state: 'attached', timeout: 10_000 }).then(() => true, () => false))
          await wallPage.waitForFunction(() => document.querySelector('.wall-page--warming') === null, undefined, { polling: 500, timeout: 60_000 }).catch(() => {})
        for (const pageId of pages) {
          const scenario = `pages/${pageId}`
          const errorsBefore = wall.wall.errors.length
          let run: MessageCostRun
          try {
            log(`${scenario}: showing, then tracing for ${seconds} s`)
            await wall.show(pageId)
            await delay(WARM_UP_MS)
            run = await measurePerMessage(wall.wall.page, seconds * 1000)
          }
          catch (error) {
            const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
            log(`${scenario}: not measured: ${reason}`)
            metrics.push({ scenario, name: 'main thread per message, p95', value: null, unit: 'ms', budget: 4, note: `not measured: ${reason.slice(0, 160)}` })
            continue
          }
          const errors = wall.wall.errors.slice(errorsBefore)
          metrics.push(...perMessageRows(scenario, run, { feedRate: FEED_RATE, budgetMs: 4, detail: 'short' }))
          if (errors.length > 0)
            metrics.push({ scenario, name: 'console errors', value: errors.length, unit: '', note: errors.slice(0, 2).join(' | ').slice(0, 200) })
          details[pageId] = {
            perMessageMs: run.cost.perMessageMs,
            labels: run.cost.labels,
            messageTaskMs: run.cost.messageTaskMs,
            acceptedRate: run.acceptedRate,
            errors,
          }
        }
        return { metrics, details: { pages, seconds, byPage: details } }
      }
      finally {
        await wall.close()
      }
    },
  }
}
