/** Small valid payloads and frames for the unit tests of panels, charts, screens and stores (valid by the protocol's schemas). */
import {
  COURT_UNITS, heartbeatFrame, patchFrame, snapshotFrame,
  type BattlePlan, type Milestone, type NationalIndicators, type NationalKpi, type ProvinceStats, type SourceInfo, type UnitStats,
} from '~/protocol'

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

/** All 32 units, figures proportional to their caseload share; rates spread around the targets. */
export function provinceStats(): ProvinceStats {
  const units: UnitStats[] = COURT_UNITS.map((u, i) => {
    const received = Math.round(9_500_000 * u.caseloadShare)
    return {
      unitId: u.id,
      casesReceivedYtd: received,
      casesConcludedYtd: Math.round(received * 0.9),
      casesPending: Math.round(received * 0.1),
      amountRecoveredYtd: Math.round(2e12 * u.caseloadShare),
      dishonestDebtorsListed: Math.round(8_000_000 * u.caseloadShare),
      networkInquiriesToday: Math.round(400_000 * u.caseloadShare),
      actualClosureRate: 86 + (i % 9),
      terminationComplianceRate: 88 + (i % 7),
      petitionCompletionRate: 87 + (i % 8),
      threeYearClosureRate: 76 + (i % 9),
    }
  })
  return { asOf: TEST_TS, units }
}

function milestone(id: string, date: string, status: Milestone['status'], title: string, simulated = false): Milestone {
  return {
    id,
    date,
    title: { zh: title, en: `EN ${title}` },
    target: { zh: '四个90%、一个80%', en: '4 × 90%, 1 × 80%' },
    status,
    progress: status === 'done' ? 100 : status === 'upcoming' ? 0 : 60,
    simulated,
  }
}

/** A campaign: dense dated past, one overdue, one in progress, two ahead. */
export function battlePlan(): BattlePlan {
  return {
    asOf: TEST_TS,
    milestones: [
      milestone('m01', '2016-03-13', 'done', '两到三年基本解决执行难'),
      milestone('m02', '2016-04-20', 'done', '动员部署视频会'),
      milestone('m03', '2016-09', 'done', '执行指挥中心建成'),
      milestone('m04', '2016-11', 'done', '四级法院统一办案系统上线'),
      milestone('m05', '2017-02-15', 'done', '关键之年、攻坚之年'),
      milestone('m06', '2017-07-05', 'done', '时间过半、任务过半'),
      milestone('m07', '2018-02-05', 'done', '全国法院执行工作座谈会'),
      milestone('m08', '2018-03-29', 'done', '决胜动员'),
      milestone('m09', '2018-10-10', 'done', '三个90%、一个80%'),
      milestone('m10', '2018-11-29', 'done', '总攻：四个90%、一个80%'),
      milestone('m11', '2019-03-12', 'done', '基本解决执行难目标如期实现'),
      milestone('m12', '2024-11-20', 'overdue', '网拍规范整改', true),
      milestone('m13', '2025-03', 'inProgress', '规范提升三年行动', true),
      milestone('m14', '2025-09', 'upcoming', '中期评估', true),
      milestone('m15', '2026-12', 'upcoming', '三年行动验收', true),
    ],
  }
}
