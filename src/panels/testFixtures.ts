/** Payloads for the panel, chart and screen tests (valid by the protocol's schemas). */
import { COURT_UNITS, type BattlePlan, type Milestone, type ProvinceStats, type UnitStats } from '~/protocol'

export const FIXTURE_NOW = Date.UTC(2025, 2, 5, 2, 0, 0)

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
  return { asOf: FIXTURE_NOW, units }
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
    asOf: FIXTURE_NOW,
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
