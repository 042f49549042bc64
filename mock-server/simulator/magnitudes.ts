/**
 * National magnitudes the simulator grows its counters towards, for a year like 2026.
 * Every figure here is SIMULATED: an estimate from public reports of earlier years, never an
 * official statistic. The wall shows the 模拟数据 mark while this source is in use.
 * Where each one comes from is in the comment beside it (sources: the project's domain notes).
 */
export const NATIONAL_MAGNITUDES = {
  /**
   * 受理 enforcement cases per year: 1,059.2万 (2020), 949.3万 (2021), 1,046.9万 by 2022-10-11
   * (wider scope). The level has sat near 1,000万 since 2019.
   */
  casesReceivedPerYear: 10_000_000,
  /**
   * 执结 as a share of cases received: 995.8/1,059.2 (2020) = 0.94, 864.2/949.3 (2021) = 0.91,
   * 911.82万 concluded in 2024. 0.92 of 1,000万 gives about 920万.
   */
  concludedPerReceived: 0.92,
  /** 执行到位金额 per year: 1.9万亿 (2020), 1.94万亿 (2021), >2.0 (2022), 2.3万亿 (2024, +3.5%). */
  amountRecoveredPerYear: 2.3e12,
  /**
   * Cases still open on 1 January (旧存). Not published nationally. Cases take about three months
   * on average (one district court: 72 days), so about a quarter of a year's intake is open at
   * any time; the year-end push to close leaves it lower: 200万. [E]
   */
  casesCarriedOver: 2_000_000,
  /**
   * 失信被执行人名单, people on the list now (not the cumulative count of listings, which passed
   * 1,450万 in 2019-07: people leave the list when they pay or have their credit restored). No
   * current list size was found in the sources. In 2024, 246万 were added and 282万 restored, so
   * the list is shrinking; 850万 on 2026-01-01 is an estimate from the cumulative listings less
   * the removals since 2019. [E]
   */
  dishonestListedAtYearStart: 8_500_000,
  /** 失信 listings added per year: 246万 in 2024 (−23.4%), taken slightly lower for 2026. [E] */
  dishonestAddedPerYear: 2_400_000,
  /** 信用修复 / removals per year: 282万 in 2024 (+35.4%), taken slightly lower for 2026. [E] */
  dishonestRemovedPerYear: 2_700_000,
  /**
   * 网络查控 queries on a working day. The cumulative count of cases put through network inquiry
   * grew from 10,971.8万 (end 2021) to 13,628万 (2023-04): about 2,000万 cases a year, 8万 per
   * working day. A case queries each debtor (about 1.5 per case [E]) and is queried again in
   * follow-up rounds, including the automatic half-yearly re-query of every 终本 case (about 2.5
   * rounds [E]): 8万 × 1.5 × 2.5 ≈ 30万 queries per working day. Rest days see a fraction of it.
   */
  networkInquiriesPerWorkday: 300_000,
  /**
   * 网络司法拍卖 per year: 973万 auctions from 2017 to 2024-10 is about 125万 a year, counting
   * re-auctions of the same item; 100万 a year for 2026. [E]
   */
  onlineAuctionsPerYear: 1_000_000,
  /** Auction turnover: 2.94万亿 over those 973万 auctions is about 30万元 each → 3,000亿 a year. [E] */
  auctionTurnoverPerYear: 3.0e11,
} as const

/** Targets of the core indicators (三个90%、一个80%). */
export const INDICATOR_TARGETS = {
  actualClosureRate: 90,
  terminationComplianceRate: 90,
  petitionCompletionRate: 90,
  threeYearClosureRate: 80,
} as const
