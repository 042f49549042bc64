/**
 * The mock statistics system's REST API: the simulator's figures as a court's statistics system
 * would answer them — its own field names in snake_case, region codes instead of the wall's unit
 * ids, amounts in 万元, times as China-time text, long lists in pages, every answer wrapped in
 * `{ code, message, data }`. Pure: `answer(path, query, figures)` → status and body.
 *
 *   GET /api/v1/national/summary            全国执行概况 (national counters)
 *   GET /api/v1/national/indicators         核心指标 (三个90%、一个80%)
 *   GET /api/v1/regions/summary?page=&page_size=   分地区统计 (32 rows, paged; page_size ≤ 50)
 *   GET /api/v1/battle-plan                 挂图作战节点
 *   GET /api/v1/inquiry/summary             网络查控 (with the newest anonymous events)
 *   GET /api/v1/credit/summary              失信惩戒
 *   GET /api/v1/delegation/summary          事项委托
 *   GET /api/v1/auction/summary             网拍监管
 *   GET /api/v1/termination/summary         终本监管
 *   GET /api/v1/rollcall/current            随机抽查 (the current draw)
 */
import type { TopicPayloads } from '#protocol'
import { CHINA_UTC_OFFSET_MS } from '../../src/domain/constants.ts'
import {
  ACTION_CODES,
  AGENCY_CODES,
  ASSET_CODES,
  AUCTION_CLASS_CODES,
  codeOf,
  COURT_LEVEL_CODES,
  MILESTONE_STATE_CODES,
  regionCode,
} from './codes.ts'

/** The figures the API answers from: every topic the simulator makes. */
export type Figures = Omit<TopicPayloads, 'wall.state'>

export const DEFAULT_PAGE_SIZE = 10
/** A page larger than this is refused, as real systems cap theirs. */
export const MAX_PAGE_SIZE = 50

export interface Answer {
  status: number
  body: unknown
}

const wan = (yuan: number) => Math.round(yuan / 100) / 100
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** 'YYYY-MM-DD HH:mm:ss' in China time, as the system writes its times. */
export function chinaTimeText(t: number): string {
  const d = new Date(t + CHINA_UTC_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const ok = (data: unknown): Answer => ({ status: 200, body: { code: 0, message: 'ok', data } })
const error = (status: number, code: number, message: string): Answer => ({ status, body: { code, message, data: null } })

/** An answer from one topic's payload: its stat_time, then `fields`. */
function fromTopic<T extends keyof Figures>(topic: T, fields: (payload: Figures[T]) => Record<string, unknown>): (f: Figures) => Answer {
  return f => ok({ stat_time: chinaTimeText(f[topic].asOf), ...fields(f[topic]) })
}

/** The case counters the national summary and every region row carry. */
function caseCounters(c: Figures['national.kpi'] | Figures['province.stats']['units'][number]) {
  return {
    cases_received: c.casesReceivedYtd,
    cases_closed: c.casesConcludedYtd,
    cases_open: c.casesPending,
    recovered_wan: wan(c.amountRecoveredYtd),
    dishonest_persons: c.dishonestDebtorsListed,
    inquiries_today: c.networkInquiriesToday,
  }
}

function regions(f: Figures, query: URLSearchParams): Answer {
  const page = Number(query.get('page') ?? 1)
  const size = Number(query.get('page_size') ?? DEFAULT_PAGE_SIZE)
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    return error(400, 40001, `page ≥ 1 and 1 ≤ page_size ≤ ${MAX_PAGE_SIZE}`)
  const all = f['province.stats'].units
  const rows = all.slice((page - 1) * size, page * size).map(u => ({
    region_code: regionCode(u.unitId),
    ...caseCounters(u),
    actual_closure_pct: u.actualClosureRate,
    termination_compliance_pct: u.terminationComplianceRate,
    petition_completion_pct: u.petitionCompletionRate,
    three_year_closure_pct: u.threeYearClosureRate,
  }))
  return ok({ stat_time: chinaTimeText(f['province.stats'].asOf), total: all.length, page, page_size: size, rows })
}

const ROUTES: Record<string, (f: Figures, query: URLSearchParams) => Answer> = {
  '/api/v1/national/summary': fromTopic('national.kpi', k => ({
    stat_year: k.year,
    ...caseCounters(k),
    auctions_count: k.onlineAuctionsYtd,
    auction_turnover_wan: wan(k.auctionTurnoverYtd),
  })),
  '/api/v1/national/indicators': fromTopic('national.indicators', i => ({
    actual_closure_pct: i.values.actualClosureRate,
    actual_closure_target_pct: i.targets.actualClosureRate,
    termination_compliance_pct: i.values.terminationComplianceRate,
    termination_compliance_target_pct: i.targets.terminationComplianceRate,
    petition_completion_pct: i.values.petitionCompletionRate,
    petition_completion_target_pct: i.targets.petitionCompletionRate,
    three_year_closure_pct: i.values.threeYearClosureRate,
    three_year_closure_target_pct: i.targets.threeYearClosureRate,
  })),
  '/api/v1/regions/summary': regions,
  '/api/v1/battle-plan': fromTopic('battleplan.milestones', b => ({
    nodes: b.milestones.map(m => ({
      node_id: m.id,
      node_date: m.date,
      title_zh: m.title.zh,
      title_en: m.title.en,
      target_zh: m.target.zh,
      target_en: m.target.en,
      state: codeOf(MILESTONE_STATE_CODES, m.status),
      progress_pct: m.progress,
      is_simulated: m.simulated ? 1 : 0,
    })),
  })),
  '/api/v1/inquiry/summary': fromTopic('inquiry.stats', q => ({
    linked_agencies: q.reach.agencies,
    linked_banks: q.reach.banks,
    info_kinds: q.reach.infoKinds,
    queries_today: q.inquiriesToday,
    queries_ytd: q.inquiriesYtd,
    freezes_today: q.freezesToday,
    freezes_ytd: q.freezesYtd,
    frozen_today_wan: wan(q.frozenAmountToday),
    frozen_ytd_wan: wan(q.frozenAmountYtd),
    by_agency: q.byAgency.map(a => ({ agency_code: codeOf(AGENCY_CODES, a.agency), queries_today: a.inquiriesToday })),
    by_asset: q.byAssetKind.map(a => ({ asset_code: codeOf(ASSET_CODES, a.assetKind), hits_today: a.hitsToday })),
    // Event times keep their milliseconds (epoch ms): the list is ordered by them.
    recent: q.ticker.map(e => ({
      event_id: e.id,
      event_ms: e.at,
      region_code: regionCode(e.unitId),
      agency_code: codeOf(AGENCY_CODES, e.agency),
      asset_code: codeOf(ASSET_CODES, e.assetKind),
      action_code: codeOf(ACTION_CODES, e.action),
      amount_wan: e.amount === null ? null : wan(e.amount),
    })),
  })),
  '/api/v1/credit/summary': fromTopic('credit.stats', c => ({
    listed_now: c.listedNow,
    added_ytd: c.addedYtd,
    removed_ytd: c.removedYtd,
    restored_ytd: c.restoredYtd,
    flight_bans_total: c.flightBansCumulative,
    rail_bans_total: c.railBansCumulative,
    history: c.history.map(h => ({ month: h.date, listed_total: h.listedCumulative, is_simulated: h.simulated ? 1 : 0 })),
    by_region: c.byUnit.map(u => ({ region_code: regionCode(u.unitId), listed_now: u.listedNow, added_ytd: u.addedYtd })),
  })),
  '/api/v1/delegation/summary': fromTopic('delegation.stats', d => ({
    today: d.today,
    total: d.cumulative,
    trips_saved: d.personTripsSaved,
    cost_saved_wan: wan(d.costSaved),
    flows: d.flows.map(x => ({ from_region: regionCode(x.from), to_region: regionCode(x.to), cnt: x.count })),
  })),
  '/api/v1/auction/summary': fromTopic('auction.stats', a => ({
    today: a.today,
    ytd: a.ytd,
    success_pct: a.successRate,
    premium_pct: a.premiumRate,
    turnover_wan: wan(a.turnoverYtd),
    by_class: a.byClass.map(c => ({ class_code: codeOf(AUCTION_CLASS_CODES, c.assetClass), ytd: c.ytd, turnover_wan: wan(c.turnoverYtd) })),
    by_region: a.byUnit.map(u => ({ region_code: regionCode(u.unitId), ytd: u.ytd, turnover_wan: wan(u.turnoverYtd) })),
  })),
  '/api/v1/termination/summary': fromTopic('termination.stats', t => ({
    pool_size: t.poolSize,
    added_ytd: t.addedYtd,
    restarted_ytd: t.restartedYtd,
    round: {
      started_at: chinaTimeText(t.cycle.startedAt),
      next_at: chinaTimeText(t.cycle.nextAt),
      pool_at_start: t.cycle.poolAtStart,
      queried: t.cycle.queried,
      property_found: t.cycle.propertyFound,
      restarted: t.cycle.restarted,
    },
    by_region: t.byUnit.map(u => ({ region_code: regionCode(u.unitId), pool_size: u.poolSize, restarted_ytd: u.restartedYtd })),
  })),
  '/api/v1/rollcall/current': fromTopic('rollcall.courts', r => ({
    draw_id: r.drawId,
    drawn_at: chinaTimeText(r.drawnAt),
    courts: r.courts.map(c => ({
      court_id: c.courtId,
      region_code: regionCode(c.unitId),
      level: codeOf(COURT_LEVEL_CODES, c.level),
      ordinal: c.ordinal,
      court_name: c.name,
      received: c.casesReceivedYtd,
      closed: c.casesConcludedYtd,
      closure_pct: c.actualClosureRate,
      video_url: c.videoUrl,
    })),
  })),
}

export const API_PATHS = Object.keys(ROUTES)

/** Answer one GET. */
export function answer(path: string, query: URLSearchParams, figures: Figures): Answer {
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined
  return route ? route(figures, query) : error(404, 40400, `no such interface: ${path.slice(0, 100)}`)
}
