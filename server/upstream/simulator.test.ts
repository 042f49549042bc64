import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { isTopic, TOPIC_SCHEMAS, TOPICS, type NationalKpi } from '#protocol'
import { createDefaultWallState } from '#control'
import { createUpstream } from './index.ts'
import { chinaTime } from '../../src/domain/chinaTime.ts'
import { createSimulatorUpstream, tickIntervalMs } from './simulator.ts'

function manual() {
  let clock = chinaTime(2026, 3, 2, 10)
  let scheduled: { ms: number, fn: () => void } | null = null
  return {
    now: () => clock,
    advance: (ms: number) => { clock += ms },
    every: (ms: number, fn: () => void) => {
      scheduled = { ms, fn }
      return () => { scheduled = null }
    },
    get scheduled() { return scheduled },
  }
}

describe('simulator upstream', () => {
  it('sends at least one patch a second, faster with FEED_RATE', () => {
    expect(tickIntervalMs(0.1)).toBe(1000)
    expect(tickIntervalMs(2)).toBe(1000)
    expect(tickIntervalMs(4)).toBe(500)
    expect(tickIntervalMs(10)).toBe(200)
  })

  it('refreshes every topic within one rotation, counters and provinces from the same tick', () => {
    const time = manual()
    const upstream = createSimulatorUpstream({ seed: 1, messagesPerSecond: 2, now: time.now, every: time.every })
    const received: { topic: string, payload: unknown, tick: number }[] = []
    let tick = 0
    upstream.subscribe((topic, payload) => received.push({ topic, payload, tick }))
    upstream.start()
    expect(time.scheduled?.ms).toBe(1000)
    for (tick = 0; tick < 8; tick++) {
      time.advance(1000)
      time.scheduled?.fn()
    }
    expect(new Set(received.map(r => r.topic))).toEqual(new Set(TOPICS.filter(t => t !== 'wall.state')))
    for (const { topic, payload } of received) {
      expect(isTopic(topic)).toBe(true)
      if (isTopic(topic))
        expect(v.safeParse(TOPIC_SCHEMAS[topic], payload).issues).toBeUndefined()
    }
    const kpis = received.filter(r => r.topic === 'national.kpi')
    expect(kpis).toHaveLength(2)
    for (const kpi of kpis) {
      const provinces = received.find(r => r.topic === 'province.stats' && r.tick === kpi.tick)?.payload as { asOf: number, units: { casesReceivedYtd: number }[] }
      const national = kpi.payload as NationalKpi
      expect(provinces.asOf).toBe(national.asOf)
      for (const key of ['casesReceivedYtd', 'networkInquiriesToday', 'dishonestDebtorsListed'] as const)
        expect(provinces.units.reduce((sum, u) => sum + (u as unknown as NationalKpi)[key], 0)).toBe(national[key])
    }
    upstream.stop()
    expect(time.scheduled).toBeNull()
  })

  it('has a full snapshot and says it is simulated', () => {
    const time = manual()
    const upstream = createSimulatorUpstream({ seed: 1, messagesPerSecond: 2, now: time.now, every: time.every })
    expect(upstream.info.simulated).toBe(true)
    expect(Object.keys(upstream.snapshot()).sort()).toEqual(TOPICS.filter(t => t !== 'wall.state').sort())
  })

  it('shows the same shared figures on the overview and on the function pages', () => {
    const time = manual()
    const upstream = createSimulatorUpstream({ seed: 7, messagesPerSecond: 2, now: time.now, every: time.every })
    for (let hour = 0; hour < 30; hour++) {
      time.advance(3_600_000)
      const snapshot = upstream.snapshot()
      const kpi = snapshot['national.kpi']!
      expect(kpi.dishonestDebtorsListed).toBe(snapshot['credit.stats']!.listedNow)
      expect(kpi.networkInquiriesToday).toBe(snapshot['inquiry.stats']!.inquiriesToday)
      expect(kpi.onlineAuctionsYtd).toBe(snapshot['auction.stats']!.ytd)
      expect(kpi.auctionTurnoverYtd).toBe(snapshot['auction.stats']!.turnoverYtd)
    }
  })

  it('is chosen by the factory, with its settings checked', async () => {
    const upstream = await createUpstream({ kind: 'simulator', seed: 5, messagesPerSecond: 3 })
    expect(upstream.info.name).toContain('5')
    await expect(createUpstream({ kind: 'simulator', seed: -1 })).rejects.toThrow(/seed/)
    await expect(createUpstream({ kind: 'simulator', speed: 3 })).rejects.toThrow(/speed/)
    await expect(createUpstream({ kind: 'kafka' })).rejects.toThrow(/simulator/)
  })
})

describe('simulator upstream and the operator', () => {
  it('draws the roll call the wall state asks for, once per draw', () => {
    let t = Date.UTC(2026, 10, 26, 2)
    const upstream = createSimulatorUpstream({ seed: 3, messagesPerSecond: 2, now: () => t, every: () => () => {} })
    const draws: { drawId: string, courts: unknown[] }[] = []
    upstream.subscribe((topic, payload) => {
      if (topic === 'rollcall.courts')
        draws.push(payload as { drawId: string, courts: unknown[] })
    })
    const state = createDefaultWallState(t)
    upstream.onWallState?.({ ...state, rollCall: { drawId: 'draw-5', count: 15, seed: 99, drawnAt: t } })
    upstream.onWallState?.({ ...state, banner: 'x', rollCall: { drawId: 'draw-5', count: 15, seed: 99, drawnAt: t } })
    t += 1000
    upstream.onWallState?.({ ...state, rollCall: { drawId: 'draw-6', count: 8, seed: 100, drawnAt: t } })
    expect(draws.map(d => d.courts.length)).toEqual([15, 8])
    expect(draws.map(d => d.drawId)).toEqual(['draw-5', 'draw-6'])
    expect(v.safeParse(TOPIC_SCHEMAS['rollcall.courts'], draws[0]).success).toBe(true)
  })
})

describe('simulator upstream with a demo clock', () => {
  it('shows a working-day morning at night: figures as of 10:30, moving at real speed', () => {
    // Tuesday 3 March 2026, 21:00 Beijing time
    let t = chinaTime(2026, 3, 3, 21)
    const real = createSimulatorUpstream({ seed: 1, messagesPerSecond: 2, now: () => t, every: () => () => {} })
    const demo = createSimulatorUpstream({ seed: 1, messagesPerSecond: 2, now: () => t, every: () => () => {}, clock: '10:30' })
    expect(real.info.clockOffsetMs).toBeUndefined()
    expect(demo.info.clockOffsetMs).toBe(-10.5 * 3_600_000)
    expect(demo.info.name).toContain('10:30')
    const first = demo.snapshot()['national.kpi'] as NationalKpi
    expect(first.asOf).toBe(chinaTime(2026, 3, 3, 10, 30))
    // the same figures a simulator started for real at 10:30 would show
    const morning = createSimulatorUpstream({ seed: 1, messagesPerSecond: 2, now: () => chinaTime(2026, 3, 3, 10, 30), every: () => () => {} })
    expect(first.casesConcludedYtd).toBe((morning.snapshot()['national.kpi'] as NationalKpi).casesConcludedYtd)
    t += 10_000
    const later = demo.snapshot()['national.kpi'] as NationalKpi
    expect(later.asOf).toBe(chinaTime(2026, 3, 3, 10, 30) + 10_000)
    expect(later.casesConcludedYtd).toBeGreaterThan(first.casesConcludedYtd)
  })

  it('takes its clock from the settings and refuses a malformed one', async () => {
    const upstream = await createUpstream({ kind: 'simulator', clock: '10:30' })
    expect(upstream.info.name).toContain('10:30')
    await expect(createUpstream({ kind: 'simulator', clock: '25:00' })).rejects.toThrow(/clock.*HH:MM/)
  })
})
