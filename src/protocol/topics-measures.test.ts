import { describe, expect, it } from 'vitest'
import { creditStats, delegationStats, inquiryStats } from '~/test/measures-fixtures'
import { decodeServerFrame, validateTopic } from './decode'

/** The payload with one change made at a path, e.g. ['ticker', 0, 'agency']. */
function withChange<T>(payload: T, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(payload) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1))
    node = node[key] as Record<string | number, unknown>
  node[path.at(-1)!] = value
  return copy
}

function rejection(topic: string, data: unknown): string {
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
    const frame = JSON.stringify({
      v: 1,
      type: 'snapshot',
      seq: 0,
      ts: 1,
      source: { name: 'test', simulated: true, heartbeatMs: 2000 },
      topics: { 'inquiry.stats': withChange(inquiryStats(), ['inquiriesYtd'], -1), 'credit.stats': creditStats() },
    })
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
