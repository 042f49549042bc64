/**
 * Hostile neighbours: 1,000 anonymous /feed clients connect (200 never read, 100 send a status
 * frame ten times a second, the rest sit idle) while the operator switches pages on a wall. Reports
 * the server's memory (RSS) and CPU from /proc and the command → wall latency under that load: at
 * a reading /feed client (the server's part: what the neighbours could delay), and to the new page
 * in a real wall's DOM (which adds the browser's page mount on this machine), each beside the same
 * figure measured just before the neighbours came.
 */
import { readdirSync, readFileSync } from 'node:fs'
import WebSocket from 'ws'
import { clientFrame, decodeServerFrame } from '#protocol'
import { delay, launchBrowser, openWall, preciseNow, startServer, waitForLive } from '../../e2e/harness.ts'
import { BENCH_CONTROL_TOKEN, openControl, type ControlClient } from '../lib/control.ts'
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
/** switches measured before the neighbours connect, for comparison on a shared machine */
const QUIET_SWITCHES = 9

const fmt = (value: number | null | undefined): string => value == null ? '–' : value.toFixed(1)

/** The server's own node process: the one whose environment names this run's data directory. */
export function serverPid(dataDir: string): number {
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

export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'))
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
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

/** A reading /feed client that notes when each wall state reaches it: the server's delivery. */
function openProbe(feedUrl: string): Promise<{ seen: { page: string, at: number }[], ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(feedUrl, ['command-wall'])
    const seen: { page: string, at: number }[] = []
    ws.on('message', (data) => {
      const at = preciseNow()
      const message = decodeServerFrame(String(data)).message
      if (!message)
        return
      if (message.type === 'patch' && message.topic === 'wall.state')
        seen.push({ page: message.data.page, at })
      else if (message.type === 'snapshot' && message.topics['wall.state'])
        seen.push({ page: message.topics['wall.state'].page, at })
    })
    ws.once('open', () => resolve({ seen, ws }))
    ws.once('error', reject)
  })
}

interface SwitchTimes { dom: number[], delivered: number[], missed: number }

/** `count` page switches: command sent → state at the probe, and → the screen in the wall's DOM. */
async function switches(count: number, control: ControlClient, wall: Awaited<ReturnType<typeof openWall>>, probe: { seen: { page: string, at: number }[] }): Promise<SwitchTimes> {
  const times: SwitchTimes = { dom: [], delivered: [], missed: 0 }
  for (let index = 0; index < count; index++) {
    const target = CYCLE[index % CYCLE.length]!
    const timing = await control.command({ kind: 'showPage', page: target })
    const appeared = await wall.page.waitForFunction(({ id, after }) => {
      const seen = (window as unknown as { __hostileScreens: { id: string, at: number }[] }).__hostileScreens.find(one => one.id === id && one.at > after)
      return seen?.at ?? false
    }, { id: target, after: timing.sentAt - 1 }, { polling: 20, timeout: 15_000 }).then(handle => handle.jsonValue() as Promise<number>).catch(() => null)
    if (appeared === null)
      times.missed++
    else
      times.dom.push(appeared - timing.sentAt)
    const delivered = probe.seen.find(one => one.page === target && one.at > timing.sentAt)
    if (delivered)
      times.delivered.push(delivered.at - timing.sentAt)
    await delay(SETTLE_MS)
  }
  return times
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

      const feedUrl = `${server.url.replace(/^http/, 'ws')}/feed`
      const probe = await openProbe(feedUrl)
      sockets.push(probe.ws)
      await wall.page.evaluate(observeScreens)
      log(`hostile: ${QUIET_SWITCHES} switches before the neighbours come`)
      const quiet = await switches(QUIET_SWITCHES, control, wall, probe)

      log(`hostile: connecting ${CLIENTS} clients`)
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

      log(`hostile: ${SWITCHES} switches under load`)
      const loaded = await switches(SWITCHES, control, wall, probe)
      const { dom: latencies, missed } = loaded
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
        { scenario: id, name: 'showPage → state at a reading /feed client, p95', value: loaded.delivered.length < SWITCHES ? null : percentile(loaded.delivered, 95), unit: 'ms', budget: 150, note: `median ${fmt(median(loaded.delivered))} ms; before the neighbours p95 ${fmt(percentile(quiet.delivered, 95))} ms` },
        { scenario: id, name: 'showPage → screen in DOM, median', value: median(latencies), unit: 'ms', note: `${latencies.length} switches${missed ? `; ${missed} missed` : ''}; before the neighbours ${fmt(median(quiet.dom))} ms` },
        { scenario: id, name: 'showPage → screen in DOM, p95', value: missed > 0 ? null : percentile(latencies, 95), unit: 'ms', budget: 150, note: `max ${(max(latencies) ?? 0).toFixed(1)} ms; before the neighbours p95 ${fmt(percentile(quiet.dom, 95))} ms` },
        { scenario: id, name: 'feed clients connected at the end', value: health.clients, unit: '', note: `${refused} refused at connect; never-reading clients are dropped at the second unanswered ping` },
        { scenario: id, name: 'unexpected server errors', value: health.errors, unit: '', note: '/healthz errors' },
      ]
      control.close()
      return { metrics, details: { latencies, delivered: loaded.delivered, quiet, rssPeak, rssIdle, rssEnd, cpu, elapsed, refused } }
    }
    finally {
      timers.forEach(clearInterval)
      sockets.forEach(ws => ws.terminate())
      await browser.close()
      await server.dispose()
    }
  },
}
