/**
 * Topics of the command centre's function pages (网络查控, 失信惩戒, 事项委托, 网拍监管, 终本监管, 随机抽查).
 * Registered in TOPIC_SCHEMAS (topics.ts); documented in docs/protocol.md.
 */
import * as v from 'valibot'
import { amount, count, epochMs, isoDateOrMonth, rate, uniqueUnits, unitId } from './schema-parts'

/** Agencies linked to network inquiry and control (网络查控 联网单位), as the wall names them. */
export const INQUIRY_AGENCIES = ['bank', 'publicSecurity', 'transport', 'civilAffairs', 'naturalResources', 'marketRegulation', 'securities', 'insurance', 'pbc', 'onlinePayment'] as const
/** Asset kinds an inquiry can hit (查询的财产形式). */
export const ASSET_KINDS = ['deposit', 'wealthProduct', 'vehicle', 'ship', 'securities', 'onlineFunds', 'realEstate', 'equity', 'housingFund'] as const
/** Asset classes of online judicial auctions. */
export const AUCTION_CLASSES = ['residential', 'commercial', 'land', 'vehicle', 'equity', 'machinery', 'other'] as const
export const COURT_LEVELS = ['high', 'intermediate', 'basic'] as const

const perUnit = <T extends v.ObjectEntries>(entries: T) => v.pipe(
  v.array(v.strictObject({ unitId, ...entries })),
  v.maxLength(64),
  v.check(rows => uniqueUnits(rows as { unitId: string }[]), 'a unit appears twice'),
)

/** 网络查控: reach of the system, today's and this year's activity, a live ticker (no personal data). */
export const inquirySchema = v.strictObject({
  asOf: epochMs,
  /** the system's reach (article, 2018): 16 agencies, 3,800+ banks, 1,625 kinds of information */
  reach: v.strictObject({ agencies: count, banks: count, infoKinds: count }),
  inquiriesToday: count,
  inquiriesYtd: count,
  freezesToday: count,
  freezesYtd: count,
  /** yuan frozen today / this year */
  frozenAmountToday: amount,
  frozenAmountYtd: amount,
  byAgency: v.pipe(v.array(v.strictObject({ agency: v.picklist(INQUIRY_AGENCIES), inquiriesToday: count })), v.maxLength(INQUIRY_AGENCIES.length)),
  byAssetKind: v.pipe(v.array(v.strictObject({ assetKind: v.picklist(ASSET_KINDS), hitsToday: count })), v.maxLength(ASSET_KINDS.length)),
  /** newest first; anonymous: unit, agency, asset kind, action */
  ticker: v.pipe(v.array(v.strictObject({
    id: v.pipe(v.string(), v.maxLength(40)),
    at: epochMs,
    unitId,
    agency: v.picklist(INQUIRY_AGENCIES),
    assetKind: v.picklist(ASSET_KINDS),
    action: v.picklist(['query', 'freeze'] as const),
    amount: v.nullable(amount),
  })), v.maxLength(40)),
})

/** 失信惩戒: the dishonest-debtor list and the bans that go with it. */
export const creditSchema = v.strictObject({
  asOf: epochMs,
  /** people on the list now */
  listedNow: count,
  addedYtd: count,
  removedYtd: count,
  /** 信用修复 this year */
  restoredYtd: count,
  /** cumulative person-times, since 2013 */
  flightBansCumulative: count,
  railBansCumulative: count,
  /** month points; `simulated: false` for published figures (DOMAIN.md), true for the simulator's continuation */
  history: v.pipe(v.array(v.strictObject({ date: isoDateOrMonth, listedCumulative: count, simulated: v.boolean() })), v.maxLength(400)),
  byUnit: perUnit({ listedNow: count, addedYtd: count }),
})

/** 事项委托: cross-region delegation of enforcement matters. */
export const delegationSchema = v.strictObject({
  asOf: epochMs,
  today: count,
  cumulative: count,
  /** 节省运力 person-trips saved, cumulative */
  personTripsSaved: count,
  /** 节约成本 yuan, cumulative */
  costSaved: amount,
  /** today's flows between units, biggest first */
  flows: v.pipe(v.array(v.strictObject({ from: unitId, to: unitId, count })), v.maxLength(80)),
})

/** 网拍监管: online judicial auctions. */
export const auctionSchema = v.strictObject({
  asOf: epochMs,
  today: count,
  ytd: count,
  /** 成交率, % of auctions that sold */
  successRate: rate,
  /** 溢价率, % premium of sale price over reserve (can exceed 100 in a hot market; capped at 1000) */
  premiumRate: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1000)),
  /** yuan, this year */
  turnoverYtd: amount,
  byClass: v.pipe(v.array(v.strictObject({ assetClass: v.picklist(AUCTION_CLASSES), ytd: count, turnoverYtd: amount })), v.maxLength(AUCTION_CLASSES.length)),
  byUnit: perUnit({ ytd: count, turnoverYtd: amount }),
})

/** 终本监管: the pool of cases closed "for now", and its half-yearly automatic re-query. */
export const terminationSchema = v.strictObject({
  asOf: epochMs,
  /** cases in the 终本 database now */
  poolSize: count,
  /** closed into the pool this year */
  addedYtd: count,
  /** restarted because the re-query found property, this year */
  restartedYtd: count,
  /**
   * The current half-yearly re-query round. Each count is a part of the one before it, so a round
   * that breaks the order is rejected: the wall would show more than 100 % done or found.
   */
  cycle: v.pipe(
    v.strictObject({
      startedAt: epochMs,
      nextAt: epochMs,
      /** cases in the pool when this round started; the round re-queries those */
      poolAtStart: count,
      /** cases queried so far in this round */
      queried: count,
      /** of those, with property found */
      propertyFound: count,
      /** of those, enforcement restarted */
      restarted: count,
    }),
    v.check(c => c.queried <= c.poolAtStart, 'queried exceeds poolAtStart'),
    v.check(c => c.propertyFound <= c.queried, 'propertyFound exceeds queried'),
    v.check(c => c.restarted <= c.propertyFound, 'restarted exceeds propertyFound'),
  ),
  byUnit: perUnit({ poolSize: count, restartedYtd: count }),
})

/** 随机抽查: courts drawn at random to report live; figures per drawn court. */
export const rollCallSchema = v.strictObject({
  asOf: epochMs,
  /** the draw this list belongs to (changes on every re-draw) */
  drawId: v.pipe(v.string(), v.maxLength(40)),
  drawnAt: epochMs,
  courts: v.pipe(v.array(v.strictObject({
    /** stable id, e.g. 320000-basic-37 */
    courtId: v.pipe(v.string(), v.maxLength(60)),
    unitId,
    level: v.picklist(COURT_LEVELS),
    /** 1-based number of the court within its unit and level */
    ordinal: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** a real court name where a court list is configured, else null (the wall names it by unit and level) */
    name: v.nullable(v.pipe(v.string(), v.maxLength(60))),
    casesReceivedYtd: count,
    casesConcludedYtd: count,
    actualClosureRate: rate,
    /** a video stream URL where configured; null = the slot shows a placeholder */
    videoUrl: v.nullable(v.pipe(v.string(), v.maxLength(500))),
  })), v.maxLength(30)),
})

export const FUNCTION_TOPIC_SCHEMAS = {
  'inquiry.stats': inquirySchema,
  'credit.stats': creditSchema,
  'delegation.stats': delegationSchema,
  'auction.stats': auctionSchema,
  'termination.stats': terminationSchema,
  'rollcall.courts': rollCallSchema,
} as const
