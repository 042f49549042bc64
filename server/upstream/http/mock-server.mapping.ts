/**
 * The http adapter's mapping for mock-server's statistics API (npm run mock-server): the worked
 * example of plugging in a real system. Copy this file, point each request at your system's
 * interface, and map its fields onto the topic schemas (docs/protocol.md). Whatever it builds is
 * validated against those schemas before it reaches a wall; what fails is counted and logged.
 *
 * Poll intervals: every topic at least every 5 s. The wall marks a topic stale 10 s after it last
 * heard of it (config: staleAfterMs), changed or not, so a slower poll would show stale marks on
 * a healthy system; one failed poll (backed off to 10 s) is then just within the limit.
 *
 * Reading a field spec:
 *   'summary.cases_received'                      the value at that path of the answer named `summary`
 *   { path: 'summary.recovered_wan', convert: 'wanToYuan' }   converted (chinaTime, wanToYuan, regionCode, flag, number)
 *   { path: 'agency_code', codes: AGENCIES }      looked up in a code table (the system's code → the wall's id)
 *   { each: 'units.rows', fields: { … } }        a list; paths inside are relative to each element
 *   { fields: { … } }                             a nested object
 *   { const: 16 }                                 a fixed value
 */
import type { SystemMapping } from './mapping.ts'

// ── The system's code tables (from its interface document), reversed onto the wall's ids ──

/** 联网单位 */
const AGENCIES = {
  YH: 'bank', GA: 'publicSecurity', JT: 'transport', MZ: 'civilAffairs', ZR: 'naturalResources',
  SJ: 'marketRegulation', ZQ: 'securities', BX: 'insurance', RH: 'pbc', ZF: 'onlinePayment',
}
/** 财产形式 */
const ASSETS = {
  CK: 'deposit', LC: 'wealthProduct', CL: 'vehicle', CB: 'ship', ZQ: 'securities',
  WZ: 'onlineFunds', BDC: 'realEstate', GQ: 'equity', GJJ: 'housingFund',
}
/** 拍品类别 */
const AUCTION_CLASSES = { ZZ: 'residential', SY: 'commercial', TD: 'land', JDC: 'vehicle', GQ: 'equity', JQ: 'machinery', QT: 'other' }
/** 法院层级 */
const COURT_LEVELS = { GY: 'high', ZY: 'intermediate', JC: 'basic' }
/** 节点状态 */
const MILESTONE_STATES = { WC: 'done', JX: 'inProgress', WKS: 'upcoming', YQ: 'overdue' }
/** 查控动作 */
const ACTIONS = { CX: 'query', DJ: 'freeze' }

const region = (path: string) => ({ path, convert: 'regionCode' as const })
const yuan = (path: string) => ({ path, convert: 'wanToYuan' as const })
const time = (path: string) => ({ path, convert: 'chinaTime' as const })

export const mockServerMapping: SystemMapping = {
  name: 'mock-server',
  // Every answer is { code: 0, message: 'ok', data: … }; a code other than 0 is a failure.
  envelope: { data: 'data', ok: { path: 'code', equals: 0 }, message: 'message' },
  topics: [
    {
      topic: 'national.kpi',
      // The counters move every second in office hours; the wall's counters roll between polls.
      intervalMs: 2_000,
      requests: { summary: { path: '/api/v1/national/summary' } },
      fields: {
        asOf: time('summary.stat_time'),
        year: 'summary.stat_year',
        casesReceivedYtd: 'summary.cases_received',
        casesConcludedYtd: 'summary.cases_closed',
        casesPending: 'summary.cases_open',
        amountRecoveredYtd: yuan('summary.recovered_wan'),
        dishonestDebtorsListed: 'summary.dishonest_persons',
        networkInquiriesToday: 'summary.inquiries_today',
        onlineAuctionsYtd: 'summary.auctions_count',
        auctionTurnoverYtd: yuan('summary.auction_turnover_wan'),
      },
    },
    {
      topic: 'national.indicators',
      // Recomputed by the system once a minute, but polled well within the wall's 10 s staleness
      // limit: a topic not heard of for 10 s is marked stale, whether or not it changed.
      intervalMs: 5_000,
      requests: { ind: { path: '/api/v1/national/indicators' } },
      fields: {
        asOf: time('ind.stat_time'),
        values: {
          fields: {
            actualClosureRate: 'ind.actual_closure_pct',
            terminationComplianceRate: 'ind.termination_compliance_pct',
            petitionCompletionRate: 'ind.petition_completion_pct',
            threeYearClosureRate: 'ind.three_year_closure_pct',
          },
        },
        targets: {
          fields: {
            actualClosureRate: 'ind.actual_closure_target_pct',
            terminationComplianceRate: 'ind.termination_compliance_target_pct',
            petitionCompletionRate: 'ind.petition_completion_target_pct',
            threeYearClosureRate: 'ind.three_year_closure_target_pct',
          },
        },
      },
    },
    {
      topic: 'province.stats',
      intervalMs: 5_000,
      // 32 rows in pages of 10: four requests, joined before mapping.
      requests: {
        regions: {
          path: '/api/v1/regions/summary',
          paging: { pageParam: 'page', sizeParam: 'page_size', size: 10, rows: 'rows', total: 'total' },
        },
      },
      fields: {
        asOf: time('regions.stat_time'),
        units: {
          each: 'regions.rows',
          fields: {
            unitId: region('region_code'),
            casesReceivedYtd: 'cases_received',
            casesConcludedYtd: 'cases_closed',
            casesPending: 'cases_open',
            amountRecoveredYtd: yuan('recovered_wan'),
            dishonestDebtorsListed: 'dishonest_persons',
            networkInquiriesToday: 'inquiries_today',
            actualClosureRate: 'actual_closure_pct',
            terminationComplianceRate: 'termination_compliance_pct',
            petitionCompletionRate: 'petition_completion_pct',
            threeYearClosureRate: 'three_year_closure_pct',
          },
        },
      },
    },
    {
      topic: 'battleplan.milestones',
      intervalMs: 5_000,
      requests: { plan: { path: '/api/v1/battle-plan' } },
      fields: {
        asOf: time('plan.stat_time'),
        milestones: {
          each: 'plan.nodes',
          fields: {
            id: 'node_id',
            date: 'node_date',
            title: { fields: { zh: 'title_zh', en: 'title_en' } },
            target: { fields: { zh: 'target_zh', en: 'target_en' } },
            status: { path: 'state', codes: MILESTONE_STATES },
            progress: 'progress_pct',
            simulated: { path: 'is_simulated', convert: 'flag' },
          },
        },
      },
    },
    {
      topic: 'inquiry.stats',
      intervalMs: 5_000,
      requests: { inq: { path: '/api/v1/inquiry/summary' } },
      fields: {
        asOf: time('inq.stat_time'),
        reach: { fields: { agencies: 'inq.linked_agencies', banks: 'inq.linked_banks', infoKinds: 'inq.info_kinds' } },
        inquiriesToday: 'inq.queries_today',
        inquiriesYtd: 'inq.queries_ytd',
        freezesToday: 'inq.freezes_today',
        freezesYtd: 'inq.freezes_ytd',
        frozenAmountToday: yuan('inq.frozen_today_wan'),
        frozenAmountYtd: yuan('inq.frozen_ytd_wan'),
        byAgency: { each: 'inq.by_agency', fields: { agency: { path: 'agency_code', codes: AGENCIES }, inquiriesToday: 'queries_today' } },
        byAssetKind: { each: 'inq.by_asset', fields: { assetKind: { path: 'asset_code', codes: ASSETS }, hitsToday: 'hits_today' } },
        ticker: {
          each: 'inq.recent',
          fields: {
            id: 'event_id',
            at: 'event_ms',
            unitId: region('region_code'),
            agency: { path: 'agency_code', codes: AGENCIES },
            assetKind: { path: 'asset_code', codes: ASSETS },
            action: { path: 'action_code', codes: ACTIONS },
            // null for a query (no sum); a freeze's sum in 万元
            amount: yuan('amount_wan'),
          },
        },
      },
    },
    {
      topic: 'credit.stats',
      intervalMs: 5_000,
      requests: { credit: { path: '/api/v1/credit/summary' } },
      fields: {
        asOf: time('credit.stat_time'),
        listedNow: 'credit.listed_now',
        addedYtd: 'credit.added_ytd',
        removedYtd: 'credit.removed_ytd',
        restoredYtd: 'credit.restored_ytd',
        flightBansCumulative: 'credit.flight_bans_total',
        railBansCumulative: 'credit.rail_bans_total',
        history: { each: 'credit.history', fields: { date: 'month', listedCumulative: 'listed_total', simulated: { path: 'is_simulated', convert: 'flag' } } },
        byUnit: { each: 'credit.by_region', fields: { unitId: region('region_code'), listedNow: 'listed_now', addedYtd: 'added_ytd' } },
      },
    },
    {
      topic: 'delegation.stats',
      intervalMs: 5_000,
      requests: { del: { path: '/api/v1/delegation/summary' } },
      fields: {
        asOf: time('del.stat_time'),
        today: 'del.today',
        cumulative: 'del.total',
        personTripsSaved: 'del.trips_saved',
        costSaved: yuan('del.cost_saved_wan'),
        flows: { each: 'del.flows', fields: { from: region('from_region'), to: region('to_region'), count: 'cnt' } },
      },
    },
    {
      topic: 'auction.stats',
      intervalMs: 5_000,
      requests: { auc: { path: '/api/v1/auction/summary' } },
      fields: {
        asOf: time('auc.stat_time'),
        today: 'auc.today',
        ytd: 'auc.ytd',
        successRate: 'auc.success_pct',
        premiumRate: 'auc.premium_pct',
        turnoverYtd: yuan('auc.turnover_wan'),
        byClass: { each: 'auc.by_class', fields: { assetClass: { path: 'class_code', codes: AUCTION_CLASSES }, ytd: 'ytd', turnoverYtd: yuan('turnover_wan') } },
        byUnit: { each: 'auc.by_region', fields: { unitId: region('region_code'), ytd: 'ytd', turnoverYtd: yuan('turnover_wan') } },
      },
    },
    {
      topic: 'termination.stats',
      intervalMs: 5_000,
      requests: { term: { path: '/api/v1/termination/summary' } },
      fields: {
        asOf: time('term.stat_time'),
        poolSize: 'term.pool_size',
        addedYtd: 'term.added_ytd',
        restartedYtd: 'term.restarted_ytd',
        cycle: {
          fields: {
            startedAt: time('term.round.started_at'),
            nextAt: time('term.round.next_at'),
            poolAtStart: 'term.round.pool_at_start',
            queried: 'term.round.queried',
            propertyFound: 'term.round.property_found',
            restarted: 'term.round.restarted',
          },
        },
        byUnit: { each: 'term.by_region', fields: { unitId: region('region_code'), poolSize: 'pool_size', restartedYtd: 'restarted_ytd' } },
      },
    },
    {
      topic: 'rollcall.courts',
      intervalMs: 5_000,
      requests: { draw: { path: '/api/v1/rollcall/current' } },
      fields: {
        asOf: time('draw.stat_time'),
        drawId: 'draw.draw_id',
        drawnAt: time('draw.drawn_at'),
        courts: {
          each: 'draw.courts',
          fields: {
            courtId: 'court_id',
            unitId: region('region_code'),
            level: { path: 'level', codes: COURT_LEVELS },
            ordinal: 'ordinal',
            name: 'court_name',
            casesReceivedYtd: 'received',
            casesConcludedYtd: 'closed',
            actualClosureRate: 'closure_pct',
            videoUrl: 'video_url',
          },
        },
      },
    },
  ],
}
