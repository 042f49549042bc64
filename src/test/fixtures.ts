/** Small valid payloads and frames for unit tests. */
import { heartbeatFrame, patchFrame, snapshotFrame, type NationalIndicators, type NationalKpi, type SourceInfo } from '~/protocol'

export const TEST_SOURCE: SourceInfo = { name: 'test feed', simulated: true, heartbeatMs: 2000 }
export const TEST_TS = Date.UTC(2025, 2, 5, 2, 0, 0)

export function kpi(overrides: Partial<NationalKpi> = {}): NationalKpi {
  return {
    asOf: TEST_TS,
    year: 2025,
    casesReceivedYtd: 1_204_000,
    casesConcludedYtd: 1_001_000,
    casesPending: 203_000,
    amountRecoveredYtd: 2.3e11,
    dishonestDebtorsListed: 8_300_000,
    networkInquiriesToday: 104_140_000,
    onlineAuctionsYtd: 98_000,
    auctionTurnoverYtd: 4.1e10,
    ...overrides,
  }
}

export function indicators(): NationalIndicators {
  return {
    asOf: TEST_TS,
    values: { actualClosureRate: 91.2, terminationComplianceRate: 93.5, petitionCompletionRate: 88.1, threeYearClosureRate: 80.4 },
    targets: { actualClosureRate: 90, terminationComplianceRate: 90, petitionCompletionRate: 90, threeYearClosureRate: 80 },
  }
}

export const frames = {
  snapshot: (seq: number, source: SourceInfo = TEST_SOURCE) =>
    snapshotFrame(seq, TEST_TS, source, { 'national.kpi': kpi(), 'national.indicators': indicators() }),
  kpiPatch: (seq: number, casesPending = 203_001) => patchFrame(seq, TEST_TS, 'national.kpi', kpi({ casesPending })),
  heartbeat: (seq: number) => heartbeatFrame(seq, TEST_TS),
  /** a patch whose envelope is fine and whose payload is not (a negative count) */
  badPatch: (seq: number) => JSON.stringify({ v: 1, type: 'patch', seq, ts: TEST_TS, topic: 'national.kpi', data: { ...kpi(), casesPending: -1 } }),
}
