/**
 * Every magnitude the simulator grows its figures towards, for a year like 2026, each with where it
 * comes from (sources: the project's domain notes, shared/data/DOMAIN.md, and the source article).
 * Every figure here is SIMULATED: published figures of earlier years carried on, and estimates
 * marked [E] derived here, never an official statistic. The wall shows the 模拟数据 mark while this
 * source is in use. Amounts are in yuan, counts in cases / people / person-times.
 *
 * The overview's own counters (model.ts) use NATIONAL_MAGNITUDES; the function pages the
 * sections below it. Where the overview shows a function page's figure (inquiries today, people
 * listed, auctions), that page's magnitudes and generator are its only source.
 */
import { ASSET_KINDS, AUCTION_CLASSES, INQUIRY_AGENCIES } from '#protocol'
import type { YearlySchedule } from './calendar.ts'

// ── 全国总览 ────────────────────────────────────────────────────────────────────────────────────

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
} as const

/** Targets of the core indicators (三个90%、一个80%). */
export const INDICATOR_TARGETS = {
  actualClosureRate: 90,
  terminationComplianceRate: 90,
  petitionCompletionRate: 90,
  threeYearClosureRate: 80,
} as const

type Agency = typeof INQUIRY_AGENCIES[number]
type AssetKind = typeof ASSET_KINDS[number]
type AuctionClass = typeof AUCTION_CLASSES[number]

const WAN = 10_000
const YI = 100_000_000

/** A schedule from a table of years; years before the first use the first, years after the last the last. */
export function yearTable(table: Readonly<Record<number, number>>): YearlySchedule {
  const years = Object.keys(table).map(Number).sort((a, b) => a - b)
  const first = years[0]!
  const last = years[years.length - 1]!
  return year => table[Math.min(last, Math.max(first, year))]!
}

// ── 网络查控 ────────────────────────────────────────────────────────────────────────────────────

/** Article (2018): 16 agencies, 3,800+ banks, 1,625 kinds of information. */
export const INQUIRY_REACH = { agencies: 16, banks: 3800, infoKinds: 1625 } as const

/**
 * Cases put through online inquiry per year [E]. DOMAIN: 6,038万 cumulative at end 2018,
 * 10,971.8万 at end 2021 (1,645万 a year), 13,628万 in 2023-04 (2,656万 in 16 months: 1,992万 a
 * year). That pace grew about 7 % a year; carried on to 2026 it gives about 2,500万.
 */
export const CASES_QUERIED_PER_YEAR = 2500 * WAN
/**
 * Agency requests per case [E]: a case query goes to most linked agencies, not all (a
 * civil-affairs or ship-register query only where it can help). 8 of the wall's 10 agency groups
 * on average: 2亿 inquiries a year, about 77万 on a working day.
 */
export const REQUESTS_PER_CASE = 8
export const INQUIRIES_PER_YEAR = CASES_QUERIED_PER_YEAR * REQUESTS_PER_CASE
/** Share of agency requests that find property [E]: most debtors in enforcement own little. */
export const HIT_SHARE = 0.15
/**
 * Freezes per year [E]: about 3 in 10 cases queried have an account or holding frozen.
 * With FROZEN_PER_YEAR that is about 10.7万元 per freeze on average (heavy-tailed: most are small accounts).
 */
export const FREEZES_PER_YEAR = 750 * WAN
/**
 * Yuan frozen per year [E]. DOMAIN: 18,941.5亿 cumulative at end 2021, 28,045亿 in 2023-04: 9,103.5亿
 * in 16 months, 6,828亿 a year (4,935亿 a year over 2019–21). Modest growth to 2026: 8,000亿.
 */
export const FROZEN_PER_YEAR = 8000 * YI
/** Spread of a single frozen sum (log-normal sigma): median ≈ 3万 against a mean ≈ 10.7万. */
export const FREEZE_SIGMA = 1.6
/** No single freeze above 20亿 on the ticker. */
export const FREEZE_CAP = 20 * YI

/** Share of agency requests by agency group [E]: banks are asked about every case, some registers only when useful. */
export const AGENCY_WEIGHTS: Readonly<Record<Agency, number>> = {
  bank: 0.22,
  publicSecurity: 0.12,
  transport: 0.06,
  civilAffairs: 0.08,
  naturalResources: 0.12,
  marketRegulation: 0.1,
  securities: 0.08,
  insurance: 0.07,
  pbc: 0.07,
  onlinePayment: 0.08,
}

/** Share of hits by asset kind [E]: deposits and online funds are what most debtors have. */
export const ASSET_HIT_WEIGHTS: Readonly<Record<AssetKind, number>> = {
  deposit: 0.4,
  wealthProduct: 0.05,
  vehicle: 0.16,
  ship: 0.005,
  securities: 0.04,
  onlineFunds: 0.17,
  realEstate: 0.11,
  equity: 0.035,
  housingFund: 0.03,
}

/**
 * Which agency group answers for which asset kind (vehicles are registered with traffic police,
 * ships with transport, housing-fund accounts are kept by banks). Civil affairs holds marriage
 * records, not property, so it never appears on the ticker of hits.
 */
export const ASSET_HOLDERS: Readonly<Record<AssetKind, readonly Agency[]>> = {
  deposit: ['bank', 'pbc'],
  wealthProduct: ['bank', 'insurance'],
  vehicle: ['publicSecurity'],
  ship: ['transport'],
  securities: ['securities'],
  onlineFunds: ['onlinePayment'],
  realEstate: ['naturalResources'],
  equity: ['marketRegulation'],
  housingFund: ['bank'],
}

/** Kinds that are frozen (查封 of vehicles, ships, real estate is a seizure, not a freeze). */
export const FREEZABLE_KINDS: readonly AssetKind[] = ['deposit', 'wealthProduct', 'securities', 'onlineFunds', 'equity', 'housingFund']

// ── 失信惩戒 ────────────────────────────────────────────────────────────────────────────────────

/** Published cumulative list sizes (DOMAIN.md), as month points; never altered by the simulator. */
export const PUBLISHED_LIST_HISTORY: readonly { date: string, listedCumulative: number }[] = [
  { date: '2014-03', listedCumulative: 8.7 * WAN },
  { date: '2017-02', listedCumulative: 673 * WAN },
  { date: '2017-12', listedCumulative: 959 * WAN },
  { date: '2018-05', listedCumulative: 1089 * WAN },
  { date: '2018-11', listedCumulative: 1258 * WAN },
  { date: '2019-03', listedCumulative: 1330 * WAN },
  { date: '2019-07', listedCumulative: 1450 * WAN },
]
/** The last published point counts as the end of its month: the continuation starts from there. */
export const LIST_ANCHOR = { year: 2019, month: 7, listedCumulative: 1450 * WAN } as const

/**
 * New listings per year (person-times). 2019: the 2019-03 → 2019-07 pace (120万 in 4 months);
 * 2023: 321万 [E] (DOMAIN: 2024 = 246万, −23.4 %); 2024: 246万 (published); 2020–22 [E] between;
 * 2025 on [E]: the fall slows.
 */
export const LISTINGS_PER_YEAR = yearTable({ 2019: 360 * WAN, 2020: 340 * WAN, 2021: 330 * WAN, 2022: 330 * WAN, 2023: 321 * WAN, 2024: 246 * WAN, 2025: 230 * WAN, 2026: 220 * WAN })
/**
 * Removals from the list per year (paid, term over, revoked, restored) [E]. More than the new
 * listings since 2024 (the stock falls, as the 2024 "三升三降" report has it); from 2027 on the flows
 * are taken to balance.
 */
export const REMOVALS_PER_YEAR: YearlySchedule = year => year > 2026
  ? LISTINGS_PER_YEAR(year)
  : yearTable({ 2023: 300 * WAN, 2024: 330 * WAN, 2025: 300 * WAN, 2026: 290 * WAN })(year)
/**
 * 信用修复 per year, counted within the removals: 282万 in 2024 (published, +35.4 %, so 208万 in
 * 2023); 2025–26 [E] level; later 93 % of removals, the 2024–26 proportion.
 */
export const RESTORATIONS_PER_YEAR: YearlySchedule = year => year > 2026
  ? Math.round(0.93 * REMOVALS_PER_YEAR(year))
  : yearTable({ 2023: 208 * WAN, 2024: 282 * WAN, 2025: 280 * WAN, 2026: 270 * WAN })(year)
/**
 * People on the list on 2026-01-01 [E]: a listing runs 2–5 years unless paid off or restored
 * earlier, so the stock is about three years of listings (2023–25: 797万) less early exits.
 * Other years' opening stock follows from the yearly listings and removals.
 */
export const LISTED_AT_2026 = 680 * WAN
/** Flight / HSR bans, cumulative person-times in 2019-07 (DOMAIN): 2,730万 / about 600万. */
export const BANS_ANCHOR = { flight: 2730 * WAN, rail: 600 * WAN } as const
/**
 * Bans per year since then [E]: below the 2018 pace (814万 flights, 180万 HSR) because the list
 * grows more slowly and listed people stop trying to buy tickets.
 */
export const FLIGHT_BANS_PER_YEAR = 500 * WAN
export const RAIL_BANS_PER_YEAR = 100 * WAN

// ── 事项委托 ────────────────────────────────────────────────────────────────────────────────────

/** Article (published 2018-07-15): 260,000+ delegations so far, counted here as of 2018-07-01. */
export const DELEGATION_ANCHOR = { year: 2018, month: 7, cumulative: 260_000 } as const
/**
 * Delegations per year [E]. 260,000 in the platform's first ~1.5 years is about 17万 a year;
 * growing as every court joined and 交叉执行 spread (2023–24): 22万 → 30万 → 36万.
 * 36万 a year is about 1,380 on a working day.
 */
export const DELEGATIONS_PER_YEAR = yearTable({ 2018: 22 * WAN, 2019: 22 * WAN, 2020: 30 * WAN, 2021: 30 * WAN, 2022: 30 * WAN, 2023: 36 * WAN })
/** Article: 1,000,000 person-trips and 6.3亿元 saved per 260,000 delegations, kept in proportion. */
export const TRIPS_PER_DELEGATION = 1_000_000 / 260_000
export const YUAN_SAVED_PER_DELEGATION = 630_000_000 / 260_000
/** Directed flows shown (the schema allows 80; 40 fit a map without clutter). */
export const MAX_FLOWS = 40
/**
 * Unit pairs that delegate more than their caseloads alone suggest [E]: neighbours and economic
 * belts (京津冀, 长三角, 珠三角 and its hinterland, 成渝, the north-east). Symmetric.
 */
export const LINKED_UNITS: readonly [string, string, number][] = [
  ['110000', '120000', 8], ['110000', '130000', 7], ['120000', '130000', 6],
  ['310000', '320000', 8], ['310000', '330000', 8], ['320000', '330000', 6], ['320000', '340000', 5], ['330000', '340000', 4],
  ['440000', '430000', 5], ['440000', '450000', 5], ['440000', '360000', 4], ['440000', '350000', 4], ['440000', '460000', 4],
  ['500000', '510000', 7], ['510000', '520000', 4], ['510000', '530000', 3],
  ['210000', '220000', 5], ['220000', '230000', 5], ['210000', '150000', 3],
  ['410000', '420000', 4], ['410000', '370000', 4], ['410000', '130000', 3], ['420000', '430000', 4], ['370000', '320000', 4],
  ['350000', '330000', 4], ['360000', '330000', 3], ['140000', '130000', 3], ['140000', '150000', 3],
  ['610000', '620000', 4], ['620000', '630000', 4], ['620000', '640000', 4], ['650000', 'XPCC', 10], ['630000', '540000', 4],
]
/**
 * Migrant-labour corridors [E]: courts where debtors work ask courts of their home provinces to
 * reach property back home. One-way extra factor.
 */
export const DIRECTED_LINKS: readonly [string, string, number][] = [
  ['440000', '430000', 2], ['440000', '450000', 2], ['440000', '510000', 2], ['440000', '410000', 2], ['440000', '360000', 2], ['440000', '420000', 2],
  ['330000', '340000', 2], ['330000', '360000', 2], ['320000', '340000', 2], ['310000', '340000', 2], ['110000', '130000', 2],
]

// ── 网拍监管 ────────────────────────────────────────────────────────────────────────────────────

/**
 * Online judicial auctions per year [E]. DOMAIN: 973万 auctions and 2.94万亿 turnover cumulative to
 * 2024-10; online auction became the rule in 2017, so 7.83 years: 124万 auctions and 3,750亿 a year.
 * About 4,750 auctions on a working day.
 */
export const AUCTIONS_PER_YEAR = 124 * WAN
export const AUCTION_TURNOVER_PER_YEAR = 3750 * YI
/**
 * Share of auctions that sell [E]. Only regional figures are published (浙江 90.59 % in 2012–13,
 * 中山 81.14 %); nationally, with re-auctions of unsold lots counted again, about 72 %.
 */
export const AUCTION_SUCCESS_RATE = 0.72
/**
 * Premium over the reserve [E]: 浙江 44.67 % (2012–13) is a hot early market; half of today's
 * sales go at the reserve to one bidder, the rest with an exponential premium averaging 50 %
 * (about 25 % on average).
 */
export const SOLD_AT_RESERVE_SHARE = 0.5
export const MEAN_CONTESTED_PREMIUM = 0.5
/** Share of auctions and relative sale price by asset class [E] (residential = 1). */
export const AUCTION_CLASS_MIX: Readonly<Record<AuctionClass, { share: number, relativePrice: number }>> = {
  residential: { share: 0.36, relativePrice: 1 },
  commercial: { share: 0.12, relativePrice: 1.8 },
  land: { share: 0.03, relativePrice: 6 },
  vehicle: { share: 0.24, relativePrice: 0.1 },
  equity: { share: 0.05, relativePrice: 1.5 },
  machinery: { share: 0.08, relativePrice: 0.2 },
  other: { share: 0.12, relativePrice: 0.06 },
}
/** Spread of a sale price within its class (log-normal sigma). */
export const SALE_PRICE_SIGMA = 0.9
/** Price level by unit [E]: property in the big coastal cities sells for more; others 0.85. */
export const UNIT_PRICE_LEVEL: Readonly<Record<string, number>> = {
  110000: 2.2, 310000: 2.2, 440000: 1.4, 330000: 1.4, 320000: 1.3, 120000: 1.2, 350000: 1.1, 500000: 1,
}
export const DEFAULT_PRICE_LEVEL = 0.85

// ── 终本监管 ────────────────────────────────────────────────────────────────────────────────────

/**
 * Cases in the 终本 pool on 2026-01-01 [E]. DOMAIN: no-property cases ≈ 40 % of the caseload
 * (2016); 2016–25 brought about 9,500万 enforcement cases (≈ 950万 a year), so ≈ 3,800万 closed
 * into the pool, plus old 终本 cases among the 3,900万 historical cases loaded in 2016, less the
 * restarted and the paid-off: about 4,000万.
 */
export const POOL_AT_2026 = 4000 * WAN
/** Closed into the pool per year [E]: 40 % of ≈ 950万 cases received. */
export const POOL_ADDED_PER_YEAR = 380 * WAN
/** Leaving the pool otherwise than by a re-query restart (paid, settled, ended) per year [E]. */
export const POOL_OTHER_EXITS_PER_YEAR = 60 * WAN
/** Share of re-queried cases where property turns up, per half-yearly round [E]: a few percent. */
export const REQUERY_FOUND_RATE = { min: 0.025, max: 0.04 } as const
/** Share of those where enforcement restarts [E]: the find must be worth acting on. */
export const REQUERY_RESTART_SHARE = 0.5
/** Expected yearly net growth of the pool, for other years' opening pool: added − restarted (≈ 3 % of the pool) − other exits. */
export const POOL_NET_GROWTH_PER_YEAR = POOL_ADDED_PER_YEAR - 0.03 * POOL_AT_2026 - POOL_OTHER_EXITS_PER_YEAR
/** The opening pool of other years is never taken below this. */
export const POOL_FLOOR = 1000 * WAN

// ── 随机抽查 ────────────────────────────────────────────────────────────────────────────────────

/**
 * Share of a unit's cases by court level [E]: basic courts take almost all; intermediate courts
 * the large claims and their own judgments; a high court mostly reviews and supervises. A basic
 * court then receives a few thousand cases a year (江苏 ≈ 7,100, 西藏 ≈ 200; ≈ 3,000 on average).
 */
export const LEVEL_CASE_SHARE = { high: 0.002, intermediate: 0.08, basic: 0.918 } as const
/** Spread of court sizes within a unit and level (log-normal sigma). */
export const COURT_SIZE_SIGMA = 0.35
/** Concluded against received so far this year [E] (carried-over cases are concluded too). */
export const CONCLUDED_RATIO = { min: 0.75, max: 0.95 } as const
/** A unit's actual-closure rate when none is supplied [E]: around the 90 % target. */
export const UNIT_CLOSURE_RATE = { min: 88, max: 96 } as const
/** A court's distance from its unit's rate, at most ± this many points. */
export const COURT_CLOSURE_SPREAD = 3
export const ROLL_CALL_MAX = 30
export const ROLL_CALL_INITIAL = 12
