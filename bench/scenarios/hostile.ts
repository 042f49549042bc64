/**
 * Hostile neighbours: 1,000 anonymous /feed clients connect (200 never read, 100 send a status
 * frame ten times a second, the rest sit idle) while the operator switches pages on a wall. Reports
 * the server's memory (RSS) and CPU from /proc and the command → wall latency under that load.
 */
import { readdirSync, readFileSync } from 'node:fs'
import WebSocket from 'ws'
import { clientFrame } from '#protocol'
import { delay, launchBrowser, openWall, startServer, waitForLive } from '../../e2e/harness.ts'
import { BENCH_CONTROL_TOKEN, openControl } from '../lib/control.ts'
import type { Metric } from '../lib/report.ts'
import { max, median, percentile } from '../lib/stats.ts'
import type { Scenario } from './types.ts'

const CLIENTS = 1000
const NEVER_READ = 200
const FLOODING = 100
const FLOOD_PER_SECOND = 10
const SWITCHES = 30
const SETTLE_MS = 800
const CYCLE = ['overview', 'battleplan', 'heatmap']
const CLOCK_TICKS = 100

/** The server's own node process: the one whose environment names this run's data directory. */
function serverPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry))
      continue
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8')
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (environ.includes(`DATA_DIR=${dataDir}\0`) && cmdline.includes('server/main.ts') && cmdline.includes('loader.mjs'))
        return Number(entry)
    }
    catch {}
  }
  throw new Error('the server process was not found')
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'))
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
}

/** In the page: note every page that turns shown (a kept page's slot) or is inserted (a page made on demand). */
function observeScreens(): void {
  const w = window as unknown as { __hostileScreens: { id: string, at: number }[] }
  w.__hostileScreens = []
  const note = (node: Element, at: number): void => {
    const root = node.matches('[data-screen]') ? node : node.querySelector('[data-screen]')
    const id = root?.getAttribute('data-screen')
    if (id)
      w.__hostileScreens.push({ id, at })
  }
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now()
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element && record.target.getAttribute('data-shown') === 'true' && record.oldValue !== 'true')
        note(record.target, at)
      for (const node of record.addedNodes) {
        if (node instanceof Element && node.closest('[data-shown="false"]') === null)
          note(node, at)
      }
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-shown'], attributeOldValue: true })
}

export const hostileScenario: Scenario = {
  id: 'hostile',
  title: `${CLIENTS} /feed clients (${NEVER_READ} never read, ${FLOODING} send status ${FLOOD_PER_SECOND}×/s): server RSS and CPU, showPage → wall DOM, 1920×1080`,
  async run({ log }) {
    const server = await startServer({ env: { FEED_RATE: '10', WALL_CONTROL_TOKEN: BENCH_CONTROL_TOKEN, FEED_CONNECTIONS_PER_ADDRESS: String(CLIENTS + 50) } })
    const browser = await launchBrowser({ width: 1920, height: 1080 })
    const sockets: WebSocket[] = []
    const timers: NodeJS.Timeout[] = []
    try {
      const pid = serverPid(server.dataDir)
      const rssIdle = rssBytes(pid)
      const wall = await openWall(browser.context, server.url, { width: 1920, height: 1080 })
      await waitForLive(wall.page)
      const control = await openControl(server)
      for (const id of CYCLE) {
        const timing = await control.command({ kind: 'showPage', page: id })
        if (timing.answer.type === 'nack')
          throw new Error(`showPage ${id}: ${timing.answer.code}`)
        await wall.page.locator(`[data-shown="true"] [data-screen="${id}"]`).first().waitFor({ state: 'attached', timeout: 30_000 })
      }

      log(`hostile: connecting ${CLIENTS} clients`)
      const feedUrl = `${server.url.replace(/^http/, 'ws')}/feed`
      let refused = 0
      for (let i = 0; i < CLIENTS; i += 50) {
        await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, (_, j) => new Promise<void>((resolve) => {
          const n = i + j
          const ws = new WebSocket(feedUrl, ['command-wall'])
          sockets.push(ws)
          ws.on('error', () => {})
          ws.once('unexpected-response', () => {
            refused++
            resolve()
          })
          ws.once('open', () => {
            if (n < NEVER_READ) {
              ws.pause()
            }
            else if (n < NEVER_READ + FLOODING) {
              const status = clientFrame({ v: 1, type: 'status', data: { page: 'heatmap', dataAgeMs: n, profile: 'bench', width: 1920, height: 1080 } })
              timers.push(setInterval(() => {
                if (ws.readyState === WebSocket.OPEN)
                  ws.send(status)
              }, 1000 / FLOOD_PER_SECOND))
            }
            resolve()
          })
        })))
      }
      const cpuStart = cpuSeconds(pid)
      const wallStart = Date.now()
      let rssPeak = rssBytes(pid)
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, rssBytes(pid))
      }, 250)
      timers.push(sampler)

      await wall.page.evaluate(observeScreens)
      log(`hostile: ${SWITCHES} switches under load`)
      const latencies: number[] = []
      let missed = 0
      for (let index = 0; index < SWITCHES; index++) {
        const target = CYCLE[index % CYCLE.length]!
        const timing = await control.command({ kind: 'showPage', page: target })
        const appeared = await wall.page.waitForFunction(({ id, after }) => {
          const seen = (window as unknown as { __hostileScreens: { id: string, at: number }[] }).__hostileScreens.find(one => one.id === id && one.at > after)
          return seen?.at ?? false
        }, { id: target, after: timing.sentAt - 1 }, { polling: 20, timeout: 15_000 }).then(handle => handle.jsonValue() as Promise<number>).catch(() => null)
        if (appeared === null)
          missed++
        else
          latencies.push(appeared - timing.sentAt)
        await delay(SETTLE_MS)
      }
      const cpu = cpuSeconds(pid) - cpuStart
      const elapsed = (Date.now() - wallStart) / 1000
      const rssEnd = rssBytes(pid)
      rssPeak = Math.max(rssPeak, rssEnd)
      const health = await (await fetch(`${server.url}/healthz`)).json() as { clients: number, errors: number }
      const mb = (bytes: number) => bytes / 1024 / 1024
      const id = 'hostile'
      const metrics: Metric[] = [
        { scenario: id, name: 'server RSS, peak under load', value: mb(rssPeak), unit: 'MB', budget: 300, note: `idle before the clients ${mb(rssIdle).toFixed(0)} MB, at the end ${mb(rssEnd).toFixed(0)} MB` },
        { scenario: id, name: 'server CPU under load', value: cpu / elapsed * 100, unit: '%', note: `${cpu.toFixed(1)} CPU-s in ${elapsed.toFixed(0)} s (of one core)` },
        { scenario: id, name: 'showPage → screen in DOM, median', value: median(latencies), unit: 'ms', note: `${latencies.length} switches${missed ? `; ${missed} missed` : ''}` },
        { scenario: id, name: 'showPage → screen in DOM, p95', value: missed > 0 ? null : percentile(latencies, 95), unit: 'ms', budget: 150, note: `max ${(max(latencies) ?? 0).toFixed(1)} ms` },
        { scenario: id, name: 'feed clients connected at the end', value: health.clients, unit: '', note: `${refused} refused at connect; never-reading clients are dropped at the second unanswered ping` },
        { scenario: id, name: 'unexpected server errors', value: health.errors, unit: '', note: '/healthz errors' },
      ]
      control.close()
      return { metrics, details: { latencies, rssPeak, rssIdle, rssEnd, cpu, elapsed, refused } }
    }
    finally {
      timers.forEach(clearInterval)
      sockets.forEach(ws => ws.terminate())
      await browser.close()
      await server.dispose()
    }
  },
}
