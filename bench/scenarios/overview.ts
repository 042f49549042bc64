/**
 * The overview page at a wall's real pixels, fed at FEED_RATE=10: main-thread cost per message and
 * frame rate while updating; its JS heap over BENCH_MINUTES is watched afterwards (lib/soak.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { delay, launchBrowser, openWall, startServer, waitForLive } from '../../e2e/harness.ts'
import { measureFrames } from '../lib/frames.ts'
import { measurePerMessage, perMessageRows } from '../lib/messages.ts'
import type { Metric } from '../lib/report.ts'
import { mean } from '../lib/stats.ts'
import { MARK_FEED_MESSAGES } from '../lib/trace.ts'
import type { Scenario } from './types.ts'

const FEED_RATE = 10
const WARM_UP_MS = 5_000
const FRAMES_MS = 10_000
const TRACE_MS = 20_000

export function overviewScenario(width = 7680, height = 2160): Scenario {
  const id = `overview-${width}x${height}`
  return {
    id,
    title: `overview page at ${width}×${height}, FEED_RATE=${FEED_RATE}`,
    async run({ root, log }) {
      const server = await startServer({ env: { FEED_RATE: String(FEED_RATE) } })
      const browser = await launchBrowser({ width, height })
      try {
        await browser.context.addInitScript(MARK_FEED_MESSAGES)
        // Every script the page fetched before the overview was on screen: the index.html entry plus
        // the route chunks of the wall shell and the overview, which index.html alone does not list.
        const scripts = new Set<string>()
        const wall = await openWall(browser.context, server.url, {
          width,
          height,
          beforeGoto: (page) => {
            page.on('request', (request) => {
              if (request.resourceType() === 'script')
                scripts.add(new URL(request.url()).pathname)
            })
          },
        })
        const { page } = wall
        const openedAt = Date.now()
        // Snapshot once the page is up: from 3 s after start the wall prefetches every other page,
        // which a slow start would otherwise count as the overview's own.
        await page.locator('[data-screen="overview"]').first().waitFor({ state: 'attached', timeout: 60_000 })
        const firstScreenScripts = [...scripts]
        await waitForLive(page)
        const firstScreenGzip = firstScreenScripts.reduce((sum, path) => {
          try {
            return sum + gzipSync(readFileSync(join(root, 'dist', path))).length
          }
          catch {
            return sum
          }
        }, 0)
        log(`${id}: live after ${Date.now() - openedAt} ms; warming up`)
        await delay(WARM_UP_MS)

        log(`${id}: counting frames for ${FRAMES_MS / 1000} s`)
        const frames = await measureFrames(page, FRAMES_MS)

        log(`${id}: tracing the main thread for ${TRACE_MS / 1000} s`)
        const run = await measurePerMessage(page, TRACE_MS)
        const { cost } = run

        const metrics: Metric[] = [
          { scenario: id, name: 'JS fetched until on screen (gzip)', value: firstScreenGzip / 1000, unit: 'kB', budget: 350, note: `${firstScreenScripts.length} script(s), incl. route chunks` },
          ...perMessageRows(id, run, { feedRate: FEED_RATE, budgetMs: 8, detail: 'full' }),
          { scenario: id, name: 'frames while updating', value: frames.fps, unit: 'fps', note: `${frames.frames} frames in ${frames.seconds.toFixed(1)} s; p95 gap ${frames.p95FrameMs.toFixed(0)} ms` },
          { scenario: id, name: 'worst frame', value: frames.worstFrameMs, unit: 'ms' },
          { scenario: id, name: 'console errors', value: wall.errors.length, unit: '', note: wall.errors.length === 0 ? 'none' : wall.errors.slice(0, 3).join(' | ').slice(0, 200) },
        ]
        return {
          metrics,
          details: {
            perMessageMs: cost.perMessageMs,
            labels: cost.labels,
            messageTaskMs: cost.messageTaskMs,
            meanPerMessageMs: mean(cost.perMessageMs),
            frames,
            firstScreenScripts,
            errors: wall.errors,
          },
        }
      }
      finally {
        await browser.close()
        await server.dispose()
      }
    },

    // A fresh wall for the heap: the one above is closed so that it does not share the CPU with
    // the scenarios that follow.
    async openHeapWatch() {
      const server = await startServer({ env: { FEED_RATE: String(FEED_RATE) } })
      const browser = await launchBrowser({ width, height }).catch(async (error: unknown) => {
        await server.dispose()
        throw error
      })
      const close = async (): Promise<void> => {
        await browser.close()
        await server.dispose()
      }
      try {
        const wall = await openWall(browser.context, server.url, { width, height })
        const openedAt = Date.now()
        await waitForLive(wall.page)
        return { scenario: id, page: wall.page, openedAt, samples: [], activity: `overview, FEED_RATE=${FEED_RATE}`, errors: () => [...wall.errors], close }
      }
      catch (error) {
        await close()
        throw error
      }
    },
  }
}
