import { describe, expect, it } from 'vitest'
import { creditStats, delegationStats, inquiryStats } from '~/test/measures-fixtures'
import { auctionStats, rollCall, terminationStats } from '~/test/supervision-fixtures'
import { decodeServerFrame, validateTopic } from './decode'
import type { Topic } from './topics'

/** The payload with one change made at a path, e.g. ['ticker', 0, 'agency']. */
function withChange<T>(payload: T, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(payload) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1))
    node = node[key] as Record<string | number, unknown>
  node[path.at(-1)!] = value
  return copy
}

/** The payload with any change (a deletion, an added row), as a plain object that may break the schema. */
function broken<T extends object>(payload: T, change: (p: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, any>
  change(copy)
  return copy
}

/** A snapshot frame carrying these topics, as the hub sends one. */
function snapshotFrame(topics: Record<string, unknown>): string {
  return JSON.stringify({ v: 1, type: 'snapshot', seq: 0, ts: 1, source: { name: 'test', simulated: true, heartbeatMs: 2000 }, topics })
}

/** Why `data` is rejected as a bad payload of `topic`. */
function rejection(topic: Topic, data: unknown): string {
  const result = validateTopic(topic, data)
  if (result.ok)
    throw new Error(`${topic}: accepted what should be rejected`)
  expect(result.rejection.reason).toBe('badPayload')
  expect(result.rejection.topic).toBe(topic)
  return result.rejection.detail
}

describe('inquiry.stats', () => {
  it('accepts a full payload', () => {
    expect(validateTopic('inquiry.stats', inquiryStats()).ok).toBe(true)
    expect(validateTopic('inquiry.stats', inquiryStats({ ticker: [] })).ok).toBe(true)
  })

  it('rejects NaN, Infinity, negative and fractional counts', () => {
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['inquiriesToday'], Number.NaN))).toContain('inquiriesToday')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['frozenAmountYtd'], Number.POSITIVE_INFINITY))).toContain('frozenAmountYtd')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['freezesToday'], -1))).toContain('freezesToday')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['reach', 'banks'], 3800.5))).toContain('reach.banks')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['byAgency', 2, 'inquiriesToday'], -5))).toContain('byAgency.2.inquiriesToday')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['ticker', 0, 'amount'], -100))).toContain('ticker.0.amount')
  })

  it('rejects an agency, an asset kind or an action it does not know', () => {
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['byAgency', 0, 'agency'], 'taxBureau'))).toContain('byAgency.0.agency')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['ticker', 3, 'agency'], 'Bank'))).toContain('ticker.3.agency')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['byAssetKind', 0, 'assetKind'], 'gold'))).toContain('byAssetKind.0.assetKind')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['ticker', 0, 'action'], 'seize'))).toContain('ticker.0.action')
  })

  it('rejects a ticker entry from a unit it does not know', () => {
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['ticker', 5, 'unitId'], '710000'))).toContain('unknown unit')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['ticker', 5, 'unitId'], 'xpcc'))).toContain('unknown unit')
  })

  it('rejects an oversized ticker, too many agency rows and an overlong entry id', () => {
    const entry = inquiryStats().ticker[0]!
    const long = Array.from({ length: 41 }, (_, i) => ({ ...entry, id: `inq-${i}` }))
    expect(rejection('inquiry.stats', { ...inquiryStats(), ticker: long })).toContain('ticker')
    const rows = [...inquiryStats().byAgency, { agency: 'bank', inquiriesToday: 1 }]
    expect(rejection('inquiry.stats', { ...inquiryStats(), byAgency: rows })).toContain('byAgency')
    expect(rejection('inquiry.stats', withChange(inquiryStats(), ['ticker', 0, 'id'], 'x'.repeat(41)))).toContain('ticker.0.id')
  })

  it('carries no personal data: a ticker entry with a party name is rejected', () => {
    const named = withChange(inquiryStats(), ['ticker', 0, 'debtorName'], '张三')
    expect(rejection('inquiry.stats', named)).toContain('debtorName')
  })

  it('keeps the other topics of a snapshot when this one is bad', () => {
    const frame = snapshotFrame({ 'inquiry.stats': withChange(inquiryStats(), ['inquiriesYtd'], -1), 'credit.stats': creditStats() })
    const decoded = decodeServerFrame(frame)
    expect(decoded.rejections.map(r => r.topic)).toEqual(['inquiry.stats'])
    expect(decoded.message?.type === 'snapshot' && Object.keys(decoded.message.topics)).toEqual(['credit.stats'])
  })
})

describe('credit.stats', () => {
  it('accepts a full payload', () => {
    expect(validateTopic('credit.stats', creditStats()).ok).toBe(true)
  })

  it('rejects NaN, negative and fractional counts', () => {
    expect(rejection('credit.stats', withChange(creditStats(), ['listedNow'], Number.NaN))).toContain('listedNow')
    expect(rejection('credit.stats', withChange(creditStats(), ['restoredYtd'], -3))).toContain('restoredYtd')
    expect(rejection('credit.stats', withChange(creditStats(), ['railBansCumulative'], 1.5))).toContain('railBansCumulative')
    expect(rejection('credit.stats', withChange(creditStats(), ['history', 0, 'listedCumulative'], -1))).toContain('history.0.listedCumulative')
    expect(rejection('credit.stats', withChange(creditStats(), ['byUnit', 4, 'addedYtd'], Number.NaN))).toContain('byUnit.4.addedYtd')
  })

  it('rejects an unknown unit and a unit listed twice', () => {
    expect(rejection('credit.stats', withChange(creditStats(), ['byUnit', 0, 'unitId'], '999999'))).toContain('unknown unit')
    const twice = [...creditStats().byUnit.slice(0, 3), creditStats().byUnit[0]!]
    expect(rejection('credit.stats', { ...creditStats(), byUnit: twice })).toContain('twice')
  })

  it('rejects a history point without a valid date or a simulated flag, and a history over 400 points', () => {
    expect(rejection('credit.stats', withChange(creditStats(), ['history', 1, 'date'], '2017-13'))).toContain('history.1.date')
    expect(rejection('credit.stats', withChange(creditStats(), ['history', 1, 'date'], '2017/02'))).toContain('history.1.date')
    expect(rejection('credit.stats', withChange(creditStats(), ['history', 2, 'simulated'], 'no'))).toContain('history.2.simulated')
    const point = creditStats().history[0]!
    expect(rejection('credit.stats', { ...creditStats(), history: Array.from({ length: 401 }, () => point) })).toContain('history')
  })
})

describe('delegation.stats', () => {
  it('accepts a full payload and a day without flows', () => {
    expect(validateTopic('delegation.stats', delegationStats()).ok).toBe(true)
    expect(validateTopic('delegation.stats', delegationStats({ today: 0, flows: [] })).ok).toBe(true)
  })

  it('rejects NaN, negative and fractional counts, and a negative saving', () => {
    expect(rejection('delegation.stats', withChange(delegationStats(), ['today'], Number.NaN))).toContain('today')
    expect(rejection('delegation.stats', withChange(delegationStats(), ['cumulative'], -260_000))).toContain('cumulative')
    expect(rejection('delegation.stats', withChange(delegationStats(), ['flows', 0, 'count'], 2.5))).toContain('flows.0.count')
    expect(rejection('delegation.stats', withChange(delegationStats(), ['costSaved'], -1))).toContain('costSaved')
  })

  it('rejects a flow from or to a unit it does not know', () => {
    expect(rejection('delegation.stats', withChange(delegationStats(), ['flows', 1, 'from'], '810000'))).toContain('unknown unit')
    expect(rejection('delegation.stats', withChange(delegationStats(), ['flows', 1, 'to'], 'Corps'))).toContain('unknown unit')
  })

  it('rejects more than 80 flows and a flow with extra fields', () => {
    const flow = delegationStats().flows[0]!
    expect(rejection('delegation.stats', { ...delegationStats(), flows: Array.from({ length: 81 }, () => flow) })).toContain('flows')
    expect(rejection('delegation.stats', withChange(delegationStats(), ['flows', 0, 'caseNo'], '(2026)京01执123号'))).toContain('caseNo')
  })
})

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
    expect(rejection('auction.stats', { ...auctionStats(), today: Number.NaN })).toMatch(/today/)
    expect(rejection('auction.stats', broken(auctionStats(), (p) => { p.successRate = null }))).toMatch(/successRate/)
    expect(rejection('auction.stats', { ...auctionStats(), turnoverYtd: Number.POSITIVE_INFINITY })).toMatch(/turnoverYtd/)
  })

  it('a negative or fractional count', () => {
    expect(rejection('auction.stats', { ...auctionStats(), ytd: -1 })).toMatch(/ytd/)
    expect(rejection('auction.stats', broken(auctionStats(), (p) => { p.byUnit[3].ytd = 2.5 }))).toMatch(/byUnit\.3\.ytd/)
  })

  it('a success rate over 100 and a premium over 1000', () => {
    expect(rejection('auction.stats', { ...auctionStats(), successRate: 100.1 })).toMatch(/successRate/)
    expect(rejection('auction.stats', { ...auctionStats(), premiumRate: 1000.5 })).toMatch(/premiumRate/)
    expect(rejection('auction.stats', { ...auctionStats(), premiumRate: -3 })).toMatch(/premiumRate/)
  })

  it('an unknown unit, a unit twice, an unknown asset class', () => {
    expect(rejection('auction.stats', broken(auctionStats(), (p) => { p.byUnit[0].unitId = '999999' }))).toMatch(/unknown unit "999999"/)
    expect(rejection('auction.stats', broken(auctionStats(), (p) => { p.byUnit[1].unitId = p.byUnit[0].unitId }))).toMatch(/a unit appears twice/)
    expect(rejection('auction.stats', broken(auctionStats(), (p) => { p.byClass[0].assetClass = 'yacht' }))).toMatch(/byClass\.0\.assetClass/)
  })

  it('an extra field', () => {
    expect(rejection('auction.stats', { ...auctionStats(), bidders: 5 })).toMatch(/bidders/)
  })
})

describe('termination.stats rejects', () => {
  it('NaN and negative counts, in the round too', () => {
    expect(rejection('termination.stats', { ...terminationStats(), poolSize: Number.NaN })).toMatch(/poolSize/)
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.cycle.queried = -10 }))).toMatch(/cycle\.queried/)
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.byUnit[5].restartedYtd = -1 }))).toMatch(/byUnit\.5\.restartedYtd/)
  })

  it('an unknown unit and a unit twice', () => {
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.byUnit[2].unitId = 'TW' }))).toMatch(/unknown unit "TW"/)
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.byUnit.push({ ...p.byUnit[0] }) }))).toMatch(/a unit appears twice/)
  })

  it('a round without its dates', () => {
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { delete p.cycle.nextAt }))).toMatch(/cycle/)
  })

  it('a round without the pool it started with, or with a bad one', () => {
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { delete p.cycle.poolAtStart }))).toMatch(/cycle\.poolAtStart/)
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.cycle.poolAtStart = null }))).toMatch(/cycle\.poolAtStart/)
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.cycle.poolAtStart = 4.5e7 + 0.5 }))).toMatch(/cycle\.poolAtStart/)
  })

  it('a round that queried more cases than its pool held when it started', () => {
    const over = broken(terminationStats(), (p) => { p.cycle.queried = p.cycle.poolAtStart + 1 })
    expect(rejection('termination.stats', over)).toBe('cycle: queried exceeds poolAtStart')
    // the pool now is no excuse: the round works through the cases it started with
    const grown = broken(terminationStats(), (p) => { p.poolSize = 50_000_000; p.cycle.queried = p.cycle.poolAtStart + 1 })
    expect(rejection('termination.stats', grown)).toBe('cycle: queried exceeds poolAtStart')
  })

  it('a round that found more than it queried, or restarted more than it found', () => {
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.cycle.propertyFound = p.cycle.queried + 1 })))
      .toBe('cycle: propertyFound exceeds queried')
    expect(rejection('termination.stats', broken(terminationStats(), (p) => { p.cycle.restarted = p.cycle.propertyFound + 1 })))
      .toBe('cycle: restarted exceeds propertyFound')
  })
})

describe('rollcall.courts rejects', () => {
  const court = rollCall().courts[0]!

  it('too many courts', () => {
    const courts = Array.from({ length: 31 }, (_, i) => ({ ...court, courtId: `320000-basic-${i + 1}`, ordinal: i + 1 }))
    expect(rejection('rollcall.courts', rollCall({ courts }))).toMatch(/courts/)
    expect(validateTopic('rollcall.courts', rollCall({ courts: courts.slice(0, 30) })).ok).toBe(true)
  })

  it('a bad level and a bad ordinal', () => {
    expect(rejection('rollcall.courts', broken(rollCall(), (p) => { p.courts[0].level = 'supreme' }))).toMatch(/courts\.0\.level/)
    expect(rejection('rollcall.courts', broken(rollCall(), (p) => { p.courts[0].ordinal = 0 }))).toMatch(/courts\.0\.ordinal/)
  })

  it('a rate over 100, NaN, a negative count', () => {
    expect(rejection('rollcall.courts', broken(rollCall(), (p) => { p.courts[1].actualClosureRate = 101 }))).toMatch(/courts\.1\.actualClosureRate/)
    expect(rejection('rollcall.courts', { ...rollCall(), courts: [{ ...court, casesReceivedYtd: Number.NaN }] })).toMatch(/casesReceivedYtd/)
    expect(rejection('rollcall.courts', { ...rollCall(), courts: [{ ...court, casesConcludedYtd: -5 }] })).toMatch(/casesConcludedYtd/)
  })

  it('an unknown unit, an over-long name or video address, a missing drawId', () => {
    expect(rejection('rollcall.courts', { ...rollCall(), courts: [{ ...court, unitId: '000000' }] })).toMatch(/unknown unit/)
    expect(rejection('rollcall.courts', { ...rollCall(), courts: [{ ...court, name: 'x'.repeat(61) }] })).toMatch(/name/)
    expect(rejection('rollcall.courts', { ...rollCall(), courts: [{ ...court, videoUrl: `https://v.example/${'a'.repeat(500)}` }] })).toMatch(/videoUrl/)
    expect(rejection('rollcall.courts', broken(rollCall(), (p) => { delete p.drawId }))).toMatch(/drawId/)
  })
})

describe('a bad function topic in a snapshot', () => {
  it('costs only that topic', () => {
    const frame = snapshotFrame({
      'auction.stats': auctionStats(),
      'termination.stats': { ...terminationStats(), addedYtd: -1 },
      'rollcall.courts': broken(rollCall(), (p) => { p.courts[0].level = 'district' }),
    })
    const decoded = decodeServerFrame(frame, 0)
    expect(decoded.message?.type).toBe('snapshot')
    expect(Object.keys((decoded.message as { topics: object }).topics)).toEqual(['auction.stats'])
    expect(decoded.rejections.map(r => r.topic).sort()).toEqual(['rollcall.courts', 'termination.stats'])
    expect(decoded.rejections.every(r => r.reason === 'badPayload')).toBe(true)
  })
})
