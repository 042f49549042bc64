/**
 * Fan-out: how many walls a hub feeds, and how far apart the first and the last of them receive the
 * same patch. Walls are plain WebSocket clients in the benchmark's own process (no browser): one
 * hub with 1,000 and then 3,000 walls at 10 messages a second; then three hubs behind NATS (hub-1
 * publishes from the simulator, hub-2 and hub-3 take their data from NATS) with 1,000 walls each.
 * Reports CPU and memory per hub (from /proc), the first → last spread of every patch over all the
 * walls (p50, p99), and a command on hub-1 → the wall state patch at a wall on hub-2 (p95).
 *
 * A patch is known across hubs by its topic and its payload's asOf (each hub numbers its frames
 * its own way). The walls share two cores with the hubs: their own reading adds to the spread.
 * FANOUT_SECONDS (default 20) sets how long each set-up is measured. FANOUT_BASELINE=<folder of
 * another checkout, with node_modules> runs the one-hub set-ups against its server too, each right
 * after this one's, for a before/after on the same machine at the same hour.
 */
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import { clientFrame } from '#protocol'
import { startNatsServer } from '../../server/broker/testing.ts'
import { delay, freePort, preciseNow, startServer, type ServerHandle } from '../../e2e/harness.ts'
import { BENCH_CONTROL_TOKEN, openControl } from '../lib/control.ts'
import type { Metric } from '../lib/report.ts'
import { percentile } from '../lib/stats.ts'
import { cpuSeconds, rssBytes, serverPid } from './hostile.ts'
import type { Scenario } from './types.ts'

const RATE = 10
const COMMANDS = 20
/** Under the control channel's rate limit, and long enough for a command's patch to settle. */
const COMMAND_GAP_MS = 400
const CONNECT_BATCH = 50
const PAGES = ['heatmap', 'overview']

function measureMs(): number {
  const seconds = Number(process.env.FANOUT_SECONDS ?? 20)
  return (Number.isFinite(seconds) && seconds >= 5 ? seconds : 20) * 1000
}

/** When the first and the last wall received each patch, and how many walls did. */
class Receipts {
  private readonly patches = new Map<string, { first: number, last: number, count: number }>()
  recording = false

  record(head: string, at: number): void {
    if (!this.recording)
      return
    const topic = /"topic":"([^"]+)"/.exec(head)?.[1]
    const asOf = /"asOf":(\d+)/.exec(head)?.[1]
    if (!topic || !asOf || topic === 'wall.state')
      return
    const key = `${topic}@${asOf}`
    const seen = this.patches.get(key)
    if (seen) {
      seen.last = at
      seen.count++
    }
    else {
      this.patches.set(key, { first: at, last: at, count: 1 })
    }
  }

  /** spreads (ms) of the patches every one of `walls` received */
  spreads(walls: number): { spreads: number[], partial: number } {
    const spreads: number[] = []
    let partial = 0
    for (const { first, last, count } of this.patches.values()) {
      if (count === walls)
        spreads.push(last - first)
      else
        partial++
    }
    return { spreads, partial }
  }
}

/** `count` walls on `feedUrl`, reading only the head of each frame. */
async function connectWalls(feedUrl: string, count: number, receipts: Receipts[], sockets: WebSocket[]): Promise<void> {
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, () => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(feedUrl, ['command-wall'])
      sockets.push(ws)
      ws.on('error', () => {})
      ws.once('unexpected-response', (_request, response) => reject(new Error(`a wall was refused: ${response.statusCode}`)))
      ws.on('message', (data: Buffer) => {
        const head = data.toString('latin1', 0, 160)
        const at = performance.now()
        for (const receipt of receipts)
          receipt.record(head, at)
      })
      ws.once('open', () => resolve())
    })))
  }
}

interface HubLoad {
  cpuPercent: number
  rssMb: number
  /** the hub's own time to hand one frame to all its walls (/healthz broadcastMs) */
  broadcastMs: { p50: number, p99: number, samples: number }
}

/** CPU (of one core) and RSS of each hub over `ms`, while the walls receive. */
async function watchHubs(hubs: ServerHandle[], receipts: Receipts[], ms: number): Promise<HubLoad[]> {
  const pids = hubs.map(hub => serverPid(hub.dataDir))
  const cpuBefore = pids.map(cpuSeconds)
  const started = performance.now()
  receipts.forEach(receipt => receipt.recording = true)
  await delay(ms)
  receipts.forEach(receipt => receipt.recording = false)
  // Patches still on their way when the window closed are the "partial" ones.
  const elapsed = (performance.now() - started) / 1000
  const loads: HubLoad[] = []
  for (const [i, pid] of pids.entries()) {
    const cpuPercent = (cpuSeconds(pid) - cpuBefore[i]!) / elapsed * 100
    const health = await (await fetch(`${hubs[i]!.url}/healthz`)).json() as { broadcastMs?: HubLoad['broadcastMs'] }
    loads.push({ cpuPercent, rssMb: rssBytes(pid) / 1024 / 1024, broadcastMs: health.broadcastMs ?? { p50: Number.NaN, p99: Number.NaN, samples: 0 } })
  }
  return loads
}

function spreadMetrics(id: string, label: string, receipts: Receipts, walls: number, budget?: number): Metric[] {
  const { spreads, partial } = receipts.spreads(walls)
  const note = `${spreads.length} patches reached all ${walls} walls${partial ? `, ${partial} not all within the window` : ''}`
  return [
    { scenario: id, name: `${label}: first → last wall, p50`, value: percentile(spreads, 50), unit: 'ms', note },
    { scenario: id, name: `${label}: first → last wall, p99`, value: percentile(spreads, 99), unit: 'ms', ...(budget !== undefined && { budget }), note },
  ]
}

function loadMetrics(id: string, label: string, loads: HubLoad[]): Metric[] {
  return loads.flatMap((load, i) => {
    const hub = loads.length > 1 ? ` hub-${i + 1}` : ''
    const handed = load.broadcastMs.samples > 0
      ? [{ scenario: id, name: `${label}:${hub} frame handed to all its walls, p50 / p99`, value: load.broadcastMs.p99, unit: 'ms', note: `p50 ${load.broadcastMs.p50} ms, p99 shown; the hub's own share of the spread, last ${load.broadcastMs.samples} frames (/healthz broadcastMs)` }]
      : []
    return [
      { scenario: id, name: `${label}:${hub} CPU`, value: load.cpuPercent, unit: '%', note: 'of one core' },
      { scenario: id, name: `${label}:${hub} RSS`, value: load.rssMb, unit: 'MB' },
      ...handed,
    ]
  })
}

async function oneHub(walls: number, log: (line: string) => void, baseline?: string): Promise<{ metrics: Metric[], details: unknown }> {
  const id = 'fanout'
  const label = `1 hub, ${walls.toLocaleString('en')} walls${baseline ? ', baseline' : ''}`
  const hub = await startServer({
    build: false,
    ...(baseline && { script: join(baseline, 'server', 'main.ts') }),
    env: { FEED_RATE: String(RATE), FEED_CONNECTIONS_PER_ADDRESS: String(walls + 50) },
  })
  const sockets: WebSocket[] = []
  try {
    const receipts = new Receipts()
    log(`fanout: ${label}: connecting`)
    await connectWalls(`${hub.url.replace(/^http/, 'ws')}/feed`, walls, [receipts], sockets)
    await delay(2000)
    log(`fanout: ${label}: measuring`)
    const loads = await watchHubs([hub], [receipts], measureMs())
    return {
      metrics: [...loadMetrics(id, label, loads), ...spreadMetrics(id, label, receipts, walls, walls <= 1000 && !baseline ? 50 : undefined)],
      details: { walls, loads, spreads: receipts.spreads(walls) },
    }
  }
  finally {
    sockets.forEach(ws => ws.terminate())
    await hub.dispose()
  }
}

async function threeHubs(wallsPerHub: number, log: (line: string) => void): Promise<{ metrics: Metric[], details: unknown }> {
  const id = 'fanout'
  const label = `3 hubs on NATS, ${(3 * wallsPerHub).toLocaleString('en')} walls`
  const nats = await startNatsServer()
  const ports = [await freePort(), await freePort(), await freePort()]
  const common = {
    NATS_URL: nats.url,
    FEED_RATE: String(RATE),
    FEED_CONNECTIONS_PER_ADDRESS: String(wallsPerHub + 50),
    WALL_CONTROL_TOKEN: BENCH_CONTROL_TOKEN,
  }
  const hubs: ServerHandle[] = []
  const sockets: WebSocket[] = []
  try {
    for (const [i, port] of ports.entries())
      hubs.push(await startServer({ build: false, port, env: { ...common, HUB_ID: `hub-${i + 1}`, ...(i > 0 && { UPSTREAM: 'nats' }) } }))
    const receipts = new Receipts()
    // Each hub's walls on their own too: how far apart one hub's walls are, apart from the hop between hubs.
    const perHub = hubs.map(() => new Receipts())
    log(`fanout: ${label}: connecting`)
    for (const [i, hub] of hubs.entries())
      await connectWalls(`${hub.url.replace(/^http/, 'ws')}/feed`, wallsPerHub, [receipts, perHub[i]!], sockets)
    await delay(2000)
    log(`fanout: ${label}: measuring`)
    const loads = await watchHubs(hubs, [receipts, ...perHub], measureMs())
    const withinHubs = perHub.flatMap(hubReceipts => hubReceipts.spreads(wallsPerHub).spreads)

    // A command on hub-1 until a wall on hub-2 has the new state, with every wall connected.
    log(`fanout: ${label}: ${COMMANDS} commands on hub-1, seen on hub-2`)
    const probe = new WebSocket(`${hubs[1]!.url.replace(/^http/, 'ws')}/feed`, ['command-wall'])
    const pageSeen = new Map<string, number>()
    probe.on('message', (data: Buffer) => {
      const at = preciseNow()
      const head = data.toString('latin1', 0, 200)
      if (!head.includes('"topic":"wall.state"'))
        return
      const frame = JSON.parse(data.toString()) as { data: { revision: number } }
      pageSeen.set(String(frame.data.revision), at)
    })
    await new Promise(resolve => probe.once('open', resolve))
    probe.send(clientFrame({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 0, profile: 'bench', width: 1920, height: 1080 } }))
    const control = await openControl(hubs[0]!)
    const latencies: number[] = []
    let missed = 0
    for (let i = 0; i < COMMANDS; i++) {
      const timing = await control.command({ kind: 'showPage', page: PAGES[i % PAGES.length]! })
      if (timing.answer.type !== 'ack') {
        missed++
        continue
      }
      const revision = String(timing.answer.revision)
      const seenAt = await (async () => {
        for (let waited = 0; waited < 5000; waited += 5) {
          const at = pageSeen.get(revision)
          if (at !== undefined)
            return at
          await delay(5)
        }
        return null
      })()
      if (seenAt === null)
        missed++
      else
        latencies.push(seenAt - timing.sentAt)
      await delay(COMMAND_GAP_MS)
    }
    control.close()
    probe.terminate()
    return {
      metrics: [
        ...loadMetrics(id, label, loads),
        ...spreadMetrics(id, label, receipts, 3 * wallsPerHub, 50),
        { scenario: id, name: `${label}: first → last wall of one hub, p50`, value: percentile(withinHubs, 50), unit: 'ms', note: `each hub's ${wallsPerHub.toLocaleString('en')} walls apart, the three hubs' patches together` },
        { scenario: id, name: `${label}: first → last wall of one hub, p99`, value: percentile(withinHubs, 99), unit: 'ms' },
        { scenario: id, name: `${label}: command on hub-1 → wall on hub-2, p50`, value: percentile(latencies, 50), unit: 'ms', note: `${latencies.length} commands${missed ? `, ${missed} missed` : ''}` },
        { scenario: id, name: `${label}: command on hub-1 → wall on hub-2, p95`, value: missed ? null : percentile(latencies, 95), unit: 'ms', budget: 150 },
      ],
      details: { wallsPerHub, loads, spreads: receipts.spreads(3 * wallsPerHub), latencies },
    }
  }
  finally {
    sockets.forEach(ws => ws.terminate())
    for (const hub of hubs.toReversed())
      await hub.dispose()
    await nats.dispose()
  }
}

export const fanoutScenario: Scenario = {
  id: 'fanout',
  title: `walls as plain clients at ${RATE} msg/s: 1 hub × 1,000 and × 3,000, 3 hubs on NATS × 1,000 each: CPU, RSS, first → last wall spread, command → wall on another hub`,
  async run({ log }) {
    const baseline = process.env.FANOUT_BASELINE
    const runs = []
    for (const walls of [1000, 3000]) {
      runs.push(await oneHub(walls, log))
      if (baseline)
        runs.push(await oneHub(walls, log, baseline))
    }
    runs.push(await threeHubs(1000, log))
    return { metrics: runs.flatMap(run => run.metrics), details: runs.map(run => run.details) }
  },
}
