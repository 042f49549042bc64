/**
 * The hub's cost per message with each upstream adapter, and how stale the http adapter's figures
 * are at its default poll interval. In this process: the hub, the adapter and one wall's socket
 * (a plain ws client counting frames, so fan-out is paid once); out of it: mock-server and the
 * upstream hub of the feed adapter, so their work is not counted. CPU is process.cpuUsage()
 * (user + system) over BENCH_ADAPTER_SECONDS (default 10) per adapter, per 1,000 payloads accepted.
 *
 * Staleness: mock-server recomputes its figures on every whole second and stamps them with that
 * second; the http adapter polls national.kpi every 2 s. For every second s of the run, the delay
 * is (first arrival at the hub of a figure stamped s or later) − s: the time from a change in
 * mock-server until the hub has it (or a newer one) and sends it to the walls, which it does at
 * once. A change superseded before the next poll counts until the poll that brings its successor.
 */
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { WebSocket } from 'ws'
import { freePort, startServer, type ServerHandle } from '../../e2e/harness.ts'
import { createWallServer } from '../../server/hub/server.ts'
import { createFeedUpstream } from '../../server/upstream/feed.ts'
import { createHttpUpstream } from '../../server/upstream/http.ts'
import { mockServerMapping } from '../../server/upstream/http/mock-server.mapping.ts'
import type { Upstream } from '../../server/upstream/index.ts'
import { decodeRecording } from '../../server/upstream/recording.ts'
import { createReplayUpstream } from '../../server/upstream/replay.ts'
import { createSimulatorUpstream } from '../../server/upstream/simulator.ts'
import type { Metric } from '../lib/report.ts'
import type { Scenario } from './types.ts'

const WARM_UP_MS = 2_000
const STALENESS_SECONDS = 40

function seconds(): number {
  const value = Number(process.env.BENCH_ADAPTER_SECONDS ?? 10)
  return Number.isFinite(value) && value >= 2 ? value : 10
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Run a hub on `upstream` with one wall connected; CPU ms per 1,000 accepted payloads. */
async function perThousand(upstream: Upstream, measureMs: number): Promise<{ cpuMsPer1000: number | null, payloads: number, perSecond: number }> {
  const server = createWallServer({ upstream, heartbeatMs: 2_000, port: 0, distDir: null, log: () => {} })
  const { port } = await server.listen()
  const wall = new WebSocket(`ws://127.0.0.1:${port}/feed`)
  let frames = 0
  wall.on('message', () => frames++)
  try {
    await pause(WARM_UP_MS)
    const acceptedBefore = server.hub.stats().patchesAccepted
    const cpuBefore = process.cpuUsage()
    await pause(measureMs)
    const cpu = process.cpuUsage(cpuBefore)
    const payloads = server.hub.stats().patchesAccepted - acceptedBefore
    const cpuMs = (cpu.user + cpu.system) / 1000
    return { cpuMsPer1000: payloads > 0 ? cpuMs / payloads * 1000 : null, payloads, perSecond: payloads / (measureMs / 1000) }
  }
  finally {
    wall.terminate()
    await server.close()
    if (frames === 0)
      throw new Error('the wall received nothing')
  }
}

async function startMock(): Promise<ServerHandle> {
  const port = await freePort()
  return startServer({ port, script: 'mock-server/main.ts', env: { MOCK_PORT: String(port) }, build: false, readyTimeoutMs: 30_000 })
}

export const adaptersScenario: Scenario = {
  id: 'adapters',
  title: 'hub CPU per 1,000 payloads with each upstream adapter; http adapter staleness at its default poll',
  async run({ root, log }) {
    const measureMs = seconds() * 1000
    const metrics: Metric[] = []
    const details: Record<string, unknown> = {}
    const row = (adapter: string, result: { cpuMsPer1000: number | null, payloads: number, perSecond: number }, note: string) => {
      details[adapter] = result
      metrics.push({ scenario: `adapters/${adapter}`, name: 'hub CPU per 1,000 payloads', value: result.cpuMsPer1000, unit: 'ms', note: `${result.perSecond.toFixed(0)} payloads/s, ${note}` })
    }

    log('adapters/simulator')
    row('simulator', await perThousand(createSimulatorUpstream({ seed: 20160313, messagesPerSecond: 100 }), measureMs), 'FEED_RATE=100, the simulator\'s own work included')

    log('adapters/replay')
    const recording = decodeRecording(readFileSync(join(root, 'mock-server/recordings/working-morning.jsonl.gz')), 1024 * 1024)
    row('replay', await perThousand(createReplayUpstream({ recording, label: 'working-morning', speed: 50, log: () => {} }), measureMs), 'shipped recording at REPLAY_SPEED=50')

    log('adapters/feed')
    const upstreamHub = await startServer({ env: { FEED_RATE: '100' }, build: false })
    try {
      const feed = createFeedUpstream({ url: `ws://127.0.0.1:${upstreamHub.port}/feed`, log: () => {} })
      row('feed', await perThousand(feed, measureMs), 'from a hub at FEED_RATE=100 in another process')
    }
    finally {
      await upstreamHub.dispose()
    }

    const mock = await startMock()
    try {
      log('adapters/http')
      // Every poll 20 times as often as shipped, to get enough payloads to measure in the time.
      const fast = createHttpUpstream({ url: mock.url, mapping: mockServerMapping, intervalScale: 0.05, log: () => {} })
      row('http', await perThousand(fast, measureMs), 'mock-server\'s mapping polled 20× as often as shipped; mock-server in another process')

      log(`adapters/http staleness: ${STALENESS_SECONDS} s at the shipped intervals`)
      const upstream = createHttpUpstream({ url: mock.url, mapping: mockServerMapping, log: () => {} })
      const arrivals: { at: number, asOf: number }[] = []
      upstream.subscribe((topic, payload) => {
        if (topic === 'national.kpi')
          arrivals.push({ at: Date.now(), asOf: (payload as { asOf: number }).asOf })
      })
      upstream.start()
      await pause(STALENESS_SECONDS * 1000)
      upstream.stop()
      const samples: number[] = []
      const first = arrivals[0]
      const last = arrivals.at(-1)
      if (first && last) {
        for (let s = first.asOf + 1000; s <= last.asOf; s += 1000) {
          const reached = arrivals.find(a => a.asOf >= s)
          if (reached)
            samples.push(reached.at - s)
        }
      }
      samples.sort((a, b) => a - b)
      const at = (q: number) => samples.length ? samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? null : null
      const mean = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : null
      const interval = mockServerMapping.topics.find(t => t.topic === 'national.kpi')?.intervalMs ?? 0
      details.staleness = { samples, intervalMs: interval }
      const note = `national.kpi, poll every ${interval / 1000} s, ${samples.length} changes (one a second); mock-server → hub`
      metrics.push({ scenario: 'adapters/http', name: 'staleness, mean', value: mean, unit: 'ms', note })
      metrics.push({ scenario: 'adapters/http', name: 'staleness, p95', value: at(0.95), unit: 'ms', budget: interval + 500, note: 'budget: one poll interval and the request' })
    }
    finally {
      await mock.dispose()
    }
    return { metrics, details }
  },
}
