import { describe, expect, it } from 'vitest'
import { auctionStats, rollCall, terminationStats } from '~/test/supervision-fixtures'
import { decodeServerFrame, validateTopic } from './decode'
import type { Topic } from './topics'

/** The payload with one change, as a plain object that may break the schema. */
function broken<T extends object>(payload: T, change: (p: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, any>
  change(copy)
  return copy
}

function rejected(topic: Topic, data: unknown): string {
  const result = validateTopic(topic, data, 0)
  expect(result.ok).toBe(false)
  if (result.ok)
    return ''
  expect(result.rejection.reason).toBe('badPayload')
  expect(result.rejection.topic).toBe(topic)
  return result.rejection.detail
}

describe('auction.stats, termination.stats and rollcall.courts accept good payloads', () => {
  it('as fixtures', () => {
    expect(validateTopic('auction.stats', auctionStats()).ok).toBe(true)
    expect(validateTopic('termination.stats', terminationStats()).ok).toBe(true)
    expect(validateTopic('rollcall.courts', rollCall()).ok).toBe(true)
  })

  it('including a finished 终本 round and a round not yet begun', () => {
    const { cycle } = terminationStats()
    const done = { ...cycle, queried: cycle.poolAtStart, propertyFound: 1_200_000, restarted: 600_000 }
    expect(validateTopic('termination.stats', terminationStats({ cycle: done })).ok).toBe(true)
    const fresh = { ...cycle, queried: 0, propertyFound: 0, restarted: 0 }
    expect(validateTopic('termination.stats', terminationStats({ cycle: fresh })).ok).toBe(true)
    expect(validateTopic('termination.stats', terminationStats({ poolSize: 0, cycle: { ...fresh, poolAtStart: 0 } })).ok).toBe(true)
  })

  it('including a premium over 100 % and an empty draw', () => {
    expect(validateTopic('auction.stats', auctionStats({ premiumRate: 240 })).ok).toBe(true)
    expect(validateTopic('rollcall.courts', rollCall({ courts: [] })).ok).toBe(true)
  })
})

describe('auction.stats rejects', () => {
  it('NaN (which JSON sends as null) and Infinity', () => {
    expect(rejected('auction.stats', { ...auctionStats(), today: Number.NaN })).toMatch(/today/)
    expect(rejected('auction.stats', broken(auctionStats(), (p) => { p.successRate = null }))).toMatch(/successRate/)
    expect(rejected('auction.stats', { ...auctionStats(), turnoverYtd: Number.POSITIVE_INFINITY })).toMatch(/turnoverYtd/)
  })

  it('a negative or fractional count', () => {
    expect(rejected('auction.stats', { ...auctionStats(), ytd: -1 })).toMatch(/ytd/)
    expect(rejected('auction.stats', broken(auctionStats(), (p) => { p.byUnit[3].ytd = 2.5 }))).toMatch(/byUnit\.3\.ytd/)
  })

  it('a success rate over 100 and a premium over 1000', () => {
    expect(rejected('auction.stats', { ...auctionStats(), successRate: 100.1 })).toMatch(/successRate/)
    expect(rejected('auction.stats', { ...auctionStats(), premiumRate: 1000.5 })).toMatch(/premiumRate/)
    expect(rejected('auction.stats', { ...auctionStats(), premiumRate: -3 })).toMatch(/premiumRate/)
  })

  it('an unknown unit, a unit twice, an unknown asset class', () => {
    expect(rejected('auction.stats', broken(auctionStats(), (p) => { p.byUnit[0].unitId = '999999' }))).toMatch(/unknown unit "999999"/)
    expect(rejected('auction.stats', broken(auctionStats(), (p) => { p.byUnit[1].unitId = p.byUnit[0].unitId }))).toMatch(/a unit appears twice/)
    expect(rejected('auction.stats', broken(auctionStats(), (p) => { p.byClass[0].assetClass = 'yacht' }))).toMatch(/byClass\.0\.assetClass/)
  })

  it('an extra field', () => {
    expect(rejected('auction.stats', { ...auctionStats(), bidders: 5 })).toMatch(/bidders/)
  })
})

describe('termination.stats rejects', () => {
  it('NaN and negative counts, in the round too', () => {
    expect(rejected('termination.stats', { ...terminationStats(), poolSize: Number.NaN })).toMatch(/poolSize/)
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.cycle.queried = -10 }))).toMatch(/cycle\.queried/)
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.byUnit[5].restartedYtd = -1 }))).toMatch(/byUnit\.5\.restartedYtd/)
  })

  it('an unknown unit and a unit twice', () => {
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.byUnit[2].unitId = 'TW' }))).toMatch(/unknown unit "TW"/)
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.byUnit.push({ ...p.byUnit[0] }) }))).toMatch(/a unit appears twice/)
  })

  it('a round without its dates', () => {
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { delete p.cycle.nextAt }))).toMatch(/cycle/)
  })

  it('a round without the pool it started with, or with a bad one', () => {
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { delete p.cycle.poolAtStart }))).toMatch(/cycle\.poolAtStart/)
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.cycle.poolAtStart = null }))).toMatch(/cycle\.poolAtStart/)
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.cycle.poolAtStart = 4.5e7 + 0.5 }))).toMatch(/cycle\.poolAtStart/)
  })

  it('a round that queried more cases than its pool held when it started', () => {
    const over = broken(terminationStats(), (p) => { p.cycle.queried = p.cycle.poolAtStart + 1 })
    expect(rejected('termination.stats', over)).toBe('cycle: queried exceeds poolAtStart')
    // the pool now is no excuse: the round works through the cases it started with
    const grown = broken(terminationStats(), (p) => { p.poolSize = 50_000_000; p.cycle.queried = p.cycle.poolAtStart + 1 })
    expect(rejected('termination.stats', grown)).toBe('cycle: queried exceeds poolAtStart')
  })

  it('a round that found more than it queried, or restarted more than it found', () => {
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.cycle.propertyFound = p.cycle.queried + 1 })))
      .toBe('cycle: propertyFound exceeds queried')
    expect(rejected('termination.stats', broken(terminationStats(), (p) => { p.cycle.restarted = p.cycle.propertyFound + 1 })))
      .toBe('cycle: restarted exceeds propertyFound')
  })
})

describe('rollcall.courts rejects', () => {
  const court = rollCall().courts[0]!

  it('too many courts', () => {
    const courts = Array.from({ length: 31 }, (_, i) => ({ ...court, courtId: `320000-basic-${i + 1}`, ordinal: i + 1 }))
    expect(rejected('rollcall.courts', rollCall({ courts }))).toMatch(/courts/)
    expect(validateTopic('rollcall.courts', rollCall({ courts: courts.slice(0, 30) })).ok).toBe(true)
  })

  it('a bad level and a bad ordinal', () => {
    expect(rejected('rollcall.courts', broken(rollCall(), (p) => { p.courts[0].level = 'supreme' }))).toMatch(/courts\.0\.level/)
    expect(rejected('rollcall.courts', broken(rollCall(), (p) => { p.courts[0].ordinal = 0 }))).toMatch(/courts\.0\.ordinal/)
  })

  it('a rate over 100, NaN, a negative count', () => {
    expect(rejected('rollcall.courts', broken(rollCall(), (p) => { p.courts[1].actualClosureRate = 101 }))).toMatch(/courts\.1\.actualClosureRate/)
    expect(rejected('rollcall.courts', { ...rollCall(), courts: [{ ...court, casesReceivedYtd: Number.NaN }] })).toMatch(/casesReceivedYtd/)
    expect(rejected('rollcall.courts', { ...rollCall(), courts: [{ ...court, casesConcludedYtd: -5 }] })).toMatch(/casesConcludedYtd/)
  })

  it('an unknown unit, an over-long name or video address, a missing drawId', () => {
    expect(rejected('rollcall.courts', { ...rollCall(), courts: [{ ...court, unitId: '000000' }] })).toMatch(/unknown unit/)
    expect(rejected('rollcall.courts', { ...rollCall(), courts: [{ ...court, name: 'x'.repeat(61) }] })).toMatch(/name/)
    expect(rejected('rollcall.courts', { ...rollCall(), courts: [{ ...court, videoUrl: `https://v.example/${'a'.repeat(500)}` }] })).toMatch(/videoUrl/)
    expect(rejected('rollcall.courts', broken(rollCall(), (p) => { delete p.drawId }))).toMatch(/drawId/)
  })
})

describe('a bad function topic in a snapshot', () => {
  it('costs only that topic', () => {
    const frame = JSON.stringify({
      v: 1,
      type: 'snapshot',
      seq: 0,
      ts: 1,
      source: { name: 'test', simulated: true, heartbeatMs: 2000 },
      topics: {
        'auction.stats': auctionStats(),
        'termination.stats': { ...terminationStats(), addedYtd: -1 },
        'rollcall.courts': broken(rollCall(), (p) => { p.courts[0].level = 'district' }),
      },
    })
    const decoded = decodeServerFrame(frame, 0)
    expect(decoded.message?.type).toBe('snapshot')
    expect(Object.keys((decoded.message as { topics: object }).topics)).toEqual(['auction.stats'])
    expect(decoded.rejections.map(r => r.topic).sort()).toEqual(['rollcall.courts', 'termination.stats'])
    expect(decoded.rejections.every(r => r.reason === 'badPayload')).toBe(true)
  })
})
