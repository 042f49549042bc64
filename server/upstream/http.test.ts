import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { UpstreamHealth } from './index.ts'
import { waitUntil } from './testing.ts'
import { createHttpUpstream, httpUpstreamKind, type HttpUpstream } from './http.ts'
import type { SystemMapping } from './http/mapping.ts'

const BASE = 'http://stats.example'
const AS_OF = '2026-11-30 10:00:00'
const AS_OF_MS = Date.UTC(2026, 10, 30, 2, 0, 0)

/** A small system: national counters on one interface, 32 regions on a paged one. */
const mapping: SystemMapping = {
  name: 'test',
  envelope: { data: 'data', ok: { path: 'code', equals: 0 }, message: 'message' },
  topics: [
    {
      topic: 'national.kpi',
      intervalMs: 30,
      requests: { s: { path: '/summary' } },
      fields: {
        asOf: { path: 's.t', convert: 'chinaTime' },
        year: { const: 2026 },
        casesReceivedYtd: 's.received',
        casesConcludedYtd: 's.closed',
        casesPending: 's.open',
        amountRecoveredYtd: { path: 's.recovered_wan', convert: 'wanToYuan' },
        dishonestDebtorsListed: { const: 1 },
        networkInquiriesToday: { const: 2 },
        onlineAuctionsYtd: { const: 3 },
        auctionTurnoverYtd: { const: 4 },
      },
    },
  ],
}

const pagedMapping: SystemMapping = {
  ...mapping,
  topics: [{
    topic: 'credit.stats',
    intervalMs: 30,
    requests: { c: { path: '/credit', paging: { pageParam: 'p', sizeParam: 'n', size: 10, rows: 'list', total: 'count' } } },
    fields: {
      asOf: { path: 'c.t', convert: 'chinaTime' },
      listedNow: { const: 1 },
      addedYtd: { const: 1 },
      removedYtd: { const: 1 },
      restoredYtd: { const: 1 },
      flightBansCumulative: { const: 1 },
      railBansCumulative: { const: 1 },
      history: { const: [] },
      byUnit: { each: 'c.list', fields: { unitId: { path: 'code', convert: 'regionCode' }, listedNow: 'n', addedYtd: 'n' } },
    },
  }],
}

const REGION_CODES = [110000, 120000, 130000, 140000, 150000, 210000, 220000, 230000, 310000, 320000, 330000, 340000, 350000, 360000, 370000, 410000, 420000, 430000, 440000, 450000, 460000, 500000, 510000, 520000, 530000, 540000, 610000, 620000, 630000, 640000, 650000, 660000]

let received = 1000
const summary = () => HttpResponse.json({ code: 0, message: 'ok', data: { t: AS_OF, received: received++, closed: 10, open: 5, recovered_wan: 12.34 } })

const server = setupServer(http.get(`${BASE}/summary`, summary))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let upstream: HttpUpstream | null = null
afterEach(() => upstream?.stop())

function start(m: SystemMapping, options: { timeoutMs?: number, maxBackoffMs?: number } = {}) {
  const logs: string[] = []
  const topics: [string, unknown][] = []
  const health: UpstreamHealth[] = []
  upstream = createHttpUpstream({ url: BASE, mapping: m, log: line => logs.push(line), timeoutMs: options.timeoutMs ?? 1000, maxBackoffMs: options.maxBackoffMs ?? 200 })
  upstream.subscribe((topic, payload) => topics.push([topic, payload]))
  upstream.onHealth?.(h => health.push(h))
  upstream.start()
  return { upstream, logs, topics, health }
}

describe('http upstream', () => {
  it('polls, maps the system\'s fields onto the topic and passes on valid payloads', async () => {
    const { upstream, topics } = start(mapping)
    await waitUntil(() => topics.length >= 2, 'two polls')
    const [topic, payload] = topics[0] as [string, Record<string, unknown>]
    expect(topic).toBe('national.kpi')
    expect(payload).toMatchObject({ asOf: AS_OF_MS, casesConcludedYtd: 10, amountRecoveredYtd: 123_400 })
    expect((topics[1]?.[1] as { casesReceivedYtd: number }).casesReceivedYtd).toBeGreaterThan(payload.casesReceivedYtd as number)
    expect(upstream.snapshot()['national.kpi']).toBeDefined()
    expect(upstream.info).toEqual({ name: `http test ${BASE}`, simulated: false })
  })

  it('joins a paged list, page after page, until the total is reached', async () => {
    const pages: number[] = []
    server.use(http.get(`${BASE}/credit`, ({ request }) => {
      const url = new URL(request.url)
      const page = Number(url.searchParams.get('p'))
      const size = Number(url.searchParams.get('n'))
      pages.push(page)
      const list = REGION_CODES.slice((page - 1) * size, page * size).map(code => ({ code, n: 7 }))
      return HttpResponse.json({ code: 0, message: 'ok', data: { t: AS_OF, count: REGION_CODES.length, list } })
    }))
    const { topics } = start(pagedMapping)
    await waitUntil(() => topics.length >= 1, 'a credit payload')
    const payload = topics[0]?.[1] as { byUnit: { unitId: string }[] }
    expect(payload.byUnit).toHaveLength(32)
    expect(payload.byUnit.at(-1)?.unitId).toBe('XPCC')
    expect(pages.slice(0, 4)).toEqual([1, 2, 3, 4])
  })

  it('reports unhealthy on HTTP errors, backs off, and healthy again when the system answers', async () => {
    const times: number[] = []
    server.use(http.get(`${BASE}/summary`, () => {
      times.push(Date.now())
      return HttpResponse.json({ code: 50300, message: 'busy' }, { status: 503 })
    }))
    const { upstream, health, topics } = start(mapping, { maxBackoffMs: 240 })
    await waitUntil(() => times.length >= 4, 'four failing polls')
    expect(health[0]).toEqual({ ok: false, reason: 'national.kpi: HTTP 503 from /summary' })
    // 30 ms interval: 60, 120, 240 (capped) between the failures
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number))
    expect(gaps[2]).toBeGreaterThan(gaps[0] as number)
    expect(upstream.stats().failures['national.kpi: HTTP 503 from /summary']).toBeGreaterThanOrEqual(4)
    expect(topics).toHaveLength(0)
    server.resetHandlers()
    await waitUntil(() => health.length >= 2, 'recovery')
    expect(health[1]).toEqual({ ok: true })
    expect(health).toHaveLength(2)
  })

  it('an error in the envelope (code ≠ 0 with HTTP 200) is a failure too', async () => {
    server.use(http.get(`${BASE}/summary`, () => HttpResponse.json({ code: 40100, message: '未授权' })))
    const { health } = start(mapping)
    await waitUntil(() => health.length >= 1, 'unhealthy')
    expect(health[0]?.reason).toBe('national.kpi: /summary: the system answered 40100 未授权')
  })

  it('abandons a slow answer after its timeout', async () => {
    server.use(http.get(`${BASE}/summary`, async () => {
      await delay(2_000)
      return summary()
    }))
    const { health, topics } = start(mapping, { timeoutMs: 100 })
    await waitUntil(() => health.length >= 1, 'a timeout')
    expect(health[0]?.reason).toBe('national.kpi: no answer from /summary in 100 ms')
    expect(topics).toHaveLength(0)
  })

  it('counts a malformed body as a failure and never passes it on', async () => {
    server.use(http.get(`${BASE}/summary`, () => new HttpResponse('{"code":0,"data":{"t":', { headers: { 'Content-Type': 'application/json' } })))
    const { upstream, health, topics } = start(mapping)
    await waitUntil(() => health.length >= 1, 'unhealthy')
    expect(health[0]?.reason).toMatch(/^national\.kpi: \/summary: not JSON/)
    expect(topics).toHaveLength(0)
    expect(Object.keys(upstream.stats().failures)).toHaveLength(1)
  })

  it('drops, counts and logs once what fails the topic schema or the mapping, without calling the system down', async () => {
    let answer: Record<string, unknown> = { t: AS_OF, received: -5, closed: 10, open: 5, recovered_wan: 1 }
    server.use(http.get(`${BASE}/summary`, () => HttpResponse.json({ code: 0, message: 'ok', data: answer })))
    const { upstream, health, topics, logs } = start(mapping)
    await waitUntil(() => (upstream.stats().dropped['national.kpi: badPayload'] ?? 0) >= 3, 'three drops')
    expect(topics).toHaveLength(0)
    expect(health).toEqual([])
    expect(logs.filter(line => line.includes('badPayload'))).toHaveLength(1)
    expect(logs[0]).toMatch(/casesReceivedYtd/)
    answer = { t: AS_OF, closed: 10, open: 5, recovered_wan: 1 }
    await waitUntil(() => (upstream.stats().dropped['national.kpi: unmappable'] ?? 0) >= 1, 'an unmappable answer')
    expect(logs.some(line => line.includes('s.received is missing'))).toBe(true)
  })

  it('checks its settings with clear messages', async () => {
    expect(() => httpUpstreamKind.create({ kind: 'http' })).toThrow('upstream (http): url is required (UPSTREAM_URL=http://host:port)')
    expect(() => httpUpstreamKind.create({ kind: 'http', url: 'ws://x/feed' })).toThrow('must start with http:// or https://')
    expect(() => httpUpstreamKind.create({ kind: 'http', url: BASE, mapping: 'nope' })).toThrow('mapping: must be one of: mock-server')
    const made = await httpUpstreamKind.create({ kind: 'http', url: BASE })
    expect(made.info.name).toBe(`http mock-server ${BASE}`)
  })
})
