/**
 * The mock statistics system over HTTP (node:http: a handful of GET routes need no framework).
 * Its figures come from the seeded simulator, recomputed once a second on the second, as a
 * statistics system's batch would; with `faults` it answers some requests slowly, with an error,
 * or with a broken body, so the adapters' error paths are exercised against a real peer.
 */
import { createServer, type Server } from 'node:http'
import { createSimulatorUpstream } from '../../server/upstream/simulator.ts'
import { DEFAULT_SEED } from '../../src/domain/constants.ts'
import { mulberry32 } from '../simulator/random.ts'
import { answer, type Figures } from './api.ts'

/** The share of requests that go wrong when faults are on, each way. */
export const FAULT_RATES = { unavailable: 0.06, slow: 0.06, broken: 0.02 } as const
/** A slow answer takes between these: some finish within the adapter's 5 s timeout, some do not. */
export const SLOW_MS = { min: 2_000, max: 8_000 } as const
/** The figures are recomputed this often (on the whole second). */
export const REFRESH_MS = 1_000

export interface MockSystemOptions {
  host?: string
  /** 0 picks a free port */
  port: number
  seed?: number
  /** answer some requests slowly, with 503, or with a broken body */
  faults?: boolean
  /** wall-clock source; default Date.now */
  now?: () => number
}

export interface MockSystem {
  readonly http: Server
  listen: () => Promise<number>
  close: () => Promise<void>
  /** requests answered so far, by outcome */
  readonly counts: Record<'ok' | 'unavailable' | 'slow' | 'broken' | 'notFound', number>
}

export function createMockSystem(options: MockSystemOptions): MockSystem {
  const now = options.now ?? Date.now
  const simulator = createSimulatorUpstream({ seed: options.seed ?? DEFAULT_SEED, messagesPerSecond: 1, now })
  let figures = simulator.snapshot() as Figures
  const random = mulberry32(((options.seed ?? DEFAULT_SEED) ^ 0xFA17) >>> 0)
  const counts = { ok: 0, unavailable: 0, slow: 0, broken: 0, notFound: 0 }
  let refresh: NodeJS.Timeout | null = null
  const pending = new Set<NodeJS.Timeout>()

  function scheduleRefresh(): void {
    refresh = setTimeout(() => {
      figures = simulator.snapshot() as Figures
      scheduleRefresh()
    }, REFRESH_MS - (now() % REFRESH_MS))
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(body)
    }
    if (req.method !== 'GET')
      return send(405, JSON.stringify({ code: 40500, message: 'GET only', data: null }))
    if (url.pathname === '/healthz')
      return send(200, JSON.stringify({ ok: true, faults: options.faults === true }))
    const result = answer(url.pathname, url.searchParams, figures)
    if (result.status === 404)
      counts.notFound++
    if (options.faults && result.status === 200) {
      const roll = random()
      if (roll < FAULT_RATES.unavailable) {
        counts.unavailable++
        return send(503, JSON.stringify({ code: 50300, message: '系统繁忙，请稍后再试', data: null }))
      }
      if (roll < FAULT_RATES.unavailable + FAULT_RATES.broken) {
        counts.broken++
        return send(200, JSON.stringify(result.body).slice(0, 40))
      }
      if (roll < FAULT_RATES.unavailable + FAULT_RATES.broken + FAULT_RATES.slow) {
        counts.slow++
        const body = JSON.stringify(result.body)
        const timer = setTimeout(() => {
          pending.delete(timer)
          send(200, body)
        }, SLOW_MS.min + random() * (SLOW_MS.max - SLOW_MS.min))
        pending.add(timer)
        return
      }
    }
    if (result.status === 200)
      counts.ok++
    send(result.status, JSON.stringify(result.body))
  })

  return {
    http,
    counts,
    listen() {
      scheduleRefresh()
      return new Promise((resolve, reject) => {
        http.once('error', reject)
        http.listen(options.port, options.host ?? '127.0.0.1', () => {
          http.off('error', reject)
          const address = http.address()
          resolve(typeof address === 'object' && address ? address.port : options.port)
        })
      })
    },
    close() {
      if (refresh)
        clearTimeout(refresh)
      for (const timer of pending)
        clearTimeout(timer)
      pending.clear()
      return new Promise((resolve) => {
        http.close(() => resolve())
        http.closeAllConnections()
      })
    },
  }
}
