import { describe, expect, it } from 'vitest'
import { validateTopic, type Topic } from '#protocol'
import { buildPayload } from '../../server/upstream/http/mapping.ts'
import { mockServerMapping } from '../../server/upstream/http/mock-server.mapping.ts'
import { createSimulatorUpstream } from '../../server/upstream/simulator.ts'
import { answer, chinaTimeText, type Figures } from './api.ts'

// Monday 2026-11-30 10:00 China time: office hours, every counter moving.
const T = Date.UTC(2026, 10, 30, 2, 0, 0)
const figures = createSimulatorUpstream({ seed: 7, messagesPerSecond: 1, now: () => T }).snapshot() as Figures

/** What the http adapter would see: each request answered, paged lists joined. */
function answersFor(topic: Topic): Record<string, unknown> {
  const mapping = mockServerMapping.topics.find(m => m.topic === topic)
  if (!mapping)
    throw new Error(`no mapping for ${topic}`)
  const out: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(mapping.requests)) {
    if (!spec.paging) {
      out[name] = (answer(spec.path, new URLSearchParams(), figures).body as { data: unknown }).data
      continue
    }
    const rows: unknown[] = []
    let first: Record<string, unknown> | undefined
    for (let page = 1; page < 10; page++) {
      const data = (answer(spec.path, new URLSearchParams({ page: String(page), page_size: '10' }), figures).body as { data: Record<string, unknown> }).data
      first ??= data
      rows.push(...data.rows as unknown[])
      if (rows.length >= (data.total as number))
        break
    }
    out[name] = { ...first, rows }
  }
  return out
}

const TIME_KEYS = new Set(['asOf', 'drawnAt', 'startedAt', 'nextAt'])

/** Where `a` and `b` differ by more than the system's rounding. */
function differences(a: unknown, b: unknown, path = '', key = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const slack = TIME_KEYS.has(key) ? 999 : Number.isInteger(b) && Number.isInteger(a) && !/amount|turnover|cost|frozen/i.test(key) ? 0 : 50
    return Math.abs(a - b) <= slack ? [] : [`${path}: ${a} ≠ ${b}`]
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length !== b.length ? [`${path}: ${a.length} items ≠ ${b.length}`] : a.flatMap((item, i) => differences(item, b[i], `${path}[${i}]`, key))
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].flatMap(k => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, k))
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`]
}

describe('mock-server REST API', () => {
  it('speaks its own language: snake_case, region codes, 万元, China-time text, a { code, message, data } envelope', () => {
    const summary = answer('/api/v1/national/summary', new URLSearchParams(), figures)
    expect(summary.status).toBe(200)
    const body = summary.body as { code: number, data: Record<string, unknown> }
    expect(body.code).toBe(0)
    expect(body.data.stat_time).toBe('2026-11-30 10:00:00')
    expect(body.data.cases_received).toBe(figures['national.kpi'].casesReceivedYtd)
    expect(body.data.recovered_wan).toBeCloseTo(figures['national.kpi'].amountRecoveredYtd / 10_000, 1)
    const page = (answer('/api/v1/regions/summary', new URLSearchParams({ page: '4', page_size: '10' }), figures).body as { data: { total: number, rows: { region_code: number }[] } }).data
    expect(page.total).toBe(32)
    expect(page.rows).toHaveLength(2)
    expect(page.rows.map(r => r.region_code)).toContain(660000)
  })

  it('refuses bad paging and unknown paths', () => {
    expect(answer('/api/v1/regions/summary', new URLSearchParams({ page_size: '500' }), figures).status).toBe(400)
    expect(answer('/api/v1/nothing', new URLSearchParams(), figures).status).toBe(404)
  })

  it('the shipped mapping turns every answer back into the simulator\'s payload, valid by the topic schemas', () => {
    for (const mapping of mockServerMapping.topics) {
      const payload = buildPayload(mapping, answersFor(mapping.topic))
      const checked = validateTopic(mapping.topic, payload)
      expect(checked.ok, `${mapping.topic}: ${checked.ok ? '' : checked.rejection.detail}`).toBe(true)
      const original = figures[mapping.topic as keyof Figures]
      // Times lose their milliseconds in the system's text, amounts are kept to 0.01 万元 (100 元): the rest is exact.
      expect(differences(payload, original), mapping.topic).toEqual([])
    }
    expect(chinaTimeText(T)).toBe('2026-11-30 10:00:00')
  })
})
