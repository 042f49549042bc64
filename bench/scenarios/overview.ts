/**
 * The overview page at a wall's real pixels, fed at FEED_RATE=10: main-thread cost per message,
 * frame rate while updating, and JS heap over BENCH_MINUTES.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { assertNoConsoleErrors, delay, launchBrowser, openWall, startServer, waitForLive, wallFeed } from '../../e2e/harness.ts'
import { measureFrames } from '../lib/frames.ts'
import { liveHeapBytes } from '../lib/heap.ts'
import type { Metric } from '../lib/report.ts'
import { mean, median, percentile } from '../lib/stats.ts'
import { attributeMessages, MARK_FEED_MESSAGES, traceMessages } from '../lib/trace.ts'
import type { Scenario } from './types.ts'

const MB = 1024 * 1024
const FEED_RATE = 10
const WARM_UP_MS = 5_000
const FRAMES_MS = 10_000
const TRACE_MS = 20_000

export function overviewScenario(width = 7680, height = 2160): Scenario {
  const id = `overview-${width}x${height}`
  return {
    id,
    title: `overview page at ${width}×${height}, FEED_RATE=${FEED_RATE}`,
    async run({ root, minutes, log }) {
      const server = await startServer({ env: { FEED_RATE: String(FEED_RATE) } })
      const browser = await launchBrowser({ width, height })
      try {
        await browser.context.addInitScript(MARK_FEED_MESSAGES)
        // Every script the page fetched before it showed live data: the index.html entry plus the
        // route chunks of the wall shell and the overview, which index.html alone does not list.
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
        await waitForLive(page)
        const firstScreenScripts = [...scripts]
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
        const acceptedBefore = (await wallFeed(page)).messagesAccepted
        const traceStartedAt = Date.now()
        const events = await traceMessages(page, TRACE_MS)
        const acceptedAfter = (await wallFeed(page)).messagesAccepted
        const traceSeconds = (Date.now() - traceStartedAt) / 1000
        const cost = attributeMessages(events)
        const acceptedRate = acceptedBefore !== null && acceptedAfter !== null ? (acceptedAfter - acceptedBefore) / traceSeconds : null

        const heap: { minute: number, bytes: number }[] = []
        for (let minute = 1; minute <= minutes; minute++) {
          const waitMs = openedAt + minute * 60_000 - Date.now()
          if (waitMs > 0) {
            log(`${id}: heap sample ${minute}/${minutes} in ${Math.round(waitMs / 1000)} s`)
            await delay(waitMs)
          }
          heap.push({ minute, bytes: await liveHeapBytes(page) })
        }
        const firstHeap = heap[0]
        const lastHeap = heap[heap.length - 1]
        const growth = firstHeap && lastHeap && heap.length > 1 ? (lastHeap.bytes - firstHeap.bytes) / firstHeap.bytes * 100 : null

        let errorsNote = 'none'
        try {
          assertNoConsoleErrors(wall)
        }
        catch {
          errorsNote = wall.errors.slice(0, 3).join(' | ').slice(0, 200)
        }

        // Which topics cost the most: the same windows, grouped by the topic that opened them.
        const byTopic = new Map<string, number[]>()
        cost.perMessageMs.forEach((ms, index) => {
          const topic = cost.labels[index] || '?'
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), ms])
        })
        const topicMetrics: Metric[] = [...byTopic]
          .sort((a, b) => (percentile(b[1], 95) ?? 0) - (percentile(a[1], 95) ?? 0))
          .map(([topic, values]) => ({
            scenario: id,
            name: `  per message: ${topic}, p95`,
            value: percentile(values, 95),
            unit: 'ms',
            note: `median ${median(values)?.toFixed(1) ?? '—'} ms, ${values.length} messages`,
          }))

        const metrics: Metric[] = [
          { scenario: id, name: 'JS fetched until live (gzip)', value: firstScreenGzip / 1000, unit: 'kB', budget: 350, note: `${firstScreenScripts.length} script(s), incl. route chunks` },
          { scenario: id, name: 'main thread per message, median', value: median(cost.perMessageMs), unit: 'ms', note: `${cost.messages} messages traced` },
          { scenario: id, name: 'main thread per message, p95', value: percentile(cost.perMessageMs, 95), unit: 'ms', budget: 8 },
          { scenario: id, name: 'main thread per message, mean', value: cost.messages > 1 ? cost.busyMs / (cost.messages - 1) : null, unit: 'ms', note: 'busy time / messages' },
          ...topicMetrics,
          { scenario: id, name: 'message task alone, p95', value: percentile(cost.messageTaskMs, 95), unit: 'ms', note: `median ${median(cost.messageTaskMs)?.toFixed(2) ?? '—'} ms` },
          { scenario: id, name: 'main thread busy', value: cost.spanMs > 0 ? cost.busyMs / cost.spanMs * 100 : null, unit: '%' },
          { scenario: id, name: 'messages accepted', value: acceptedRate, unit: '/s', note: acceptedRate === null ? 'window.__wall.feed missing' : `feed rate ${FEED_RATE}/s + heartbeats` },
          { scenario: id, name: 'frames while updating', value: frames.fps, unit: 'fps', note: `${frames.frames} frames in ${frames.seconds.toFixed(1)} s; p95 gap ${frames.p95FrameMs.toFixed(0)} ms` },
          { scenario: id, name: 'worst frame', value: frames.worstFrameMs, unit: 'ms' },
          { scenario: id, name: 'JS heap after 1 min', value: firstHeap ? firstHeap.bytes / MB : null, unit: 'MB', note: 'after forced GC' },
          ...(minutes > 1 ? [{ scenario: id, name: `JS heap after ${minutes} min`, value: lastHeap ? lastHeap.bytes / MB : null, unit: 'MB' }] : []),
          { scenario: id, name: `heap growth 1→${minutes} min`, value: growth, unit: '%', budget: 10, note: heap.length > 1 ? undefined : 'needs BENCH_MINUTES ≥ 2' },
          { scenario: id, name: 'console errors', value: wall.errors.length, unit: '', note: errorsNote },
        ]
        return {
          metrics,
          details: {
            perMessageMs: cost.perMessageMs,
            labels: cost.labels,
            messageTaskMs: cost.messageTaskMs,
            meanPerMessageMs: mean(cost.perMessageMs),
            frames,
            heap,
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
  }
}
