/** Payloads of the enforcement measures' topics (inquiry, credit, delegation) for unit tests (valid by the protocol's schemas). */
import { ASSET_KINDS, COURT_UNITS, INQUIRY_AGENCIES, type CreditStats, type DelegationStats, type InquiryStats } from '~/protocol'

export const MEASURES_NOW = Date.UTC(2026, 2, 5, 2, 0, 0)

export function inquiryStats(overrides: Partial<InquiryStats> = {}): InquiryStats {
  return {
    asOf: MEASURES_NOW,
    reach: { agencies: 16, banks: 3800, infoKinds: 1625 },
    inquiriesToday: 612_345,
    inquiriesYtd: 38_400_000,
    freezesToday: 23_456,
    freezesYtd: 1_480_000,
    frozenAmountToday: 2_510_000_000,
    frozenAmountYtd: 1.58e11,
    byAgency: INQUIRY_AGENCIES.map((agency, i) => ({ agency, inquiriesToday: 10_000 * (INQUIRY_AGENCIES.length - i) + (agency === 'pbc' ? 150_000 : 0) })),
    byAssetKind: ASSET_KINDS.map((assetKind, i) => ({ assetKind, hitsToday: assetKind === 'ship' ? 120 : 5_000 * (i + 1) })),
    ticker: Array.from({ length: 30 }, (_, i) => ({
      id: `inq-${(100 - i).toString(36)}`,
      at: MEASURES_NOW - i * 1500,
      unitId: i === 1 ? 'XPCC' : COURT_UNITS[i % COURT_UNITS.length]!.id,
      agency: i % 3 === 0 ? 'bank' as const : 'publicSecurity' as const,
      assetKind: i % 3 === 0 ? 'deposit' as const : 'vehicle' as const,
      action: i % 3 === 0 ? 'freeze' as const : 'query' as const,
      amount: i % 3 === 0 ? 123_456 + i : null,
    })),
    ...overrides,
  }
}

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`

export function creditStats(overrides: Partial<CreditStats> = {}): CreditStats {
  const published: CreditStats['history'] = [
    { date: '2014-03', listedCumulative: 87_000, simulated: false },
    { date: '2017-02', listedCumulative: 6_730_000, simulated: false },
    { date: '2017-12', listedCumulative: 9_590_000, simulated: false },
    { date: '2018-05', listedCumulative: 10_890_000, simulated: false },
    { date: '2018-11', listedCumulative: 12_580_000, simulated: false },
    { date: '2019-03', listedCumulative: 13_300_000, simulated: false },
    { date: '2019-07', listedCumulative: 14_500_000, simulated: false },
  ]
  const simulated: CreditStats['history'] = []
  for (let k = 0; k < 80; k++) {
    const year = 2019 + Math.floor((7 + k) / 12)
    simulated.push({ date: month(year, (7 + k) % 12 + 1), listedCumulative: 14_500_000 + (k + 1) * 250_000, simulated: true })
  }
  return {
    asOf: MEASURES_NOW,
    listedNow: 6_912_345,
    addedYtd: 345_678,
    removedYtd: 456_789,
    restoredYtd: 401_234,
    flightBansCumulative: 60_512_345,
    railBansCumulative: 12_345_678,
    history: [...published, ...simulated],
    byUnit: COURT_UNITS.map(u => ({ unitId: u.id, listedNow: Math.round(6_900_000 * u.caseloadShare), addedYtd: Math.round(345_000 * u.caseloadShare) })),
    ...overrides,
  }
}

export function delegationStats(overrides: Partial<DelegationStats> = {}): DelegationStats {
  return {
    asOf: MEASURES_NOW,
    today: 1_234,
    cumulative: 2_612_345,
    personTripsSaved: 10_047_481,
    costSaved: 6_329_000_000,
    flows: [
      { from: '110000', to: '120000', count: 64 },
      { from: '440000', to: '430000', count: 48 },
      { from: '650000', to: 'XPCC', count: 30 },
      { from: 'XPCC', to: '650000', count: 25 },
      { from: '310000', to: '320000', count: 16 },
      { from: '510000', to: '500000', count: 4 },
      { from: '330000', to: '340000', count: 1 },
    ],
    ...overrides,
  }
}
