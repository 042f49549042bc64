/**
 * Feed topics and their payload schemas: the single source of truth for what the wall may be sent.
 * Adding a topic: add its schema to TOPIC_SCHEMAS, document it in docs/protocol.md.
 */
import * as v from 'valibot'
import { amount, bilingual, count, epochMs, isoDateOrMonth, rate, uniqueUnits, unitId } from './schema-parts'
import { wallStateSchema } from './control'
import { FUNCTION_TOPIC_SCHEMAS } from './topics-functions'

/** The four core indicators (三个90%、一个80%). */
export const INDICATOR_IDS = [
  /** 有财产可供执行案件法定期限内实际执结率, target ≥ 90 */
  'actualClosureRate',
  /** 无财产可供执行案件终本合格率, target ≥ 90 */
  'terminationComplianceRate',
  /** 执行信访案件办结率, target ≥ 90 */
  'petitionCompletionRate',
  /** 近三年执行案件整体执结率, target ≥ 80 */
  'threeYearClosureRate',
] as const
export type IndicatorId = typeof INDICATOR_IDS[number]

const indicatorValues = {
  actualClosureRate: rate,
  terminationComplianceRate: rate,
  petitionCompletionRate: rate,
  threeYearClosureRate: rate,
}

/** The case counters of the country and of each unit (the units' add up to the country's). */
const caseCounters = {
  /** 受理执行案件 (件), this year */
  casesReceivedYtd: count,
  /** 执结 (件), this year */
  casesConcludedYtd: count,
  /** 未结 (件), open now */
  casesPending: count,
  /** 执行到位金额 (元), this year */
  amountRecoveredYtd: amount,
  /** 失信被执行人名单 size now (人) */
  dishonestDebtorsListed: count,
  /** 网络查控 queries today (次) */
  networkInquiriesToday: count,
}

/** National KPI counters for the current year (年初至今) and today. */
export const nationalKpiSchema = v.strictObject({
  asOf: epochMs,
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  ...caseCounters,
  /** 网络司法拍卖 auctions this year (次) */
  onlineAuctionsYtd: count,
  /** 网络司法拍卖 turnover this year (元) */
  auctionTurnoverYtd: amount,
})

/** The core indicators, each with its target, nationally. */
export const nationalIndicatorsSchema = v.strictObject({
  asOf: epochMs,
  values: v.strictObject(indicatorValues),
  targets: v.strictObject(indicatorValues),
})

/** One unit's figures; the 32 rows add up to the national counters. */
export const unitStatsSchema = v.strictObject({
  unitId,
  ...caseCounters,
  ...indicatorValues,
})

export const provinceStatsSchema = v.strictObject({
  asOf: epochMs,
  units: v.pipe(
    v.array(unitStatsSchema),
    v.maxLength(64),
    v.check(uniqueUnits, 'a unit appears twice'),
  ),
})

export const MILESTONE_STATUSES = ['done', 'inProgress', 'upcoming', 'overdue'] as const
export type MilestoneStatus = typeof MILESTONE_STATUSES[number]

/** One node of the 挂图作战 battle-plan timeline. */
export const milestoneSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/, 'bad milestone id')),
  /** when it happens or is due */
  date: isoDateOrMonth,
  title: bilingual,
  /** the task target of the node, e.g. 四个90%、一个80% */
  target: bilingual,
  status: v.picklist(MILESTONE_STATUSES),
  /** 0–100 */
  progress: rate,
  /** true where the node is simulated rather than a dated public fact */
  simulated: v.boolean(),
})

export const battlePlanSchema = v.strictObject({
  asOf: epochMs,
  milestones: v.pipe(v.array(milestoneSchema), v.maxLength(200)),
})

/** Every topic the feed may carry, with its payload schema. */
export const TOPIC_SCHEMAS = {
  'national.kpi': nationalKpiSchema,
  'national.indicators': nationalIndicatorsSchema,
  'province.stats': provinceStatsSchema,
  'battleplan.milestones': battlePlanSchema,
  'wall.state': wallStateSchema,
  ...FUNCTION_TOPIC_SCHEMAS,
} as const

export type Topic = keyof typeof TOPIC_SCHEMAS
export const TOPICS = Object.keys(TOPIC_SCHEMAS) as Topic[]
export type TopicPayload<T extends Topic> = v.InferOutput<typeof TOPIC_SCHEMAS[T]>
export type TopicPayloads = { [T in Topic]: TopicPayload<T> }

export type NationalKpi = TopicPayload<'national.kpi'>
export type NationalIndicators = TopicPayload<'national.indicators'>
export type UnitStats = v.InferOutput<typeof unitStatsSchema>
export type ProvinceStats = TopicPayload<'province.stats'>
export type Milestone = v.InferOutput<typeof milestoneSchema>
export type BattlePlan = TopicPayload<'battleplan.milestones'>
export type InquiryStats = TopicPayload<'inquiry.stats'>
export type CreditStats = TopicPayload<'credit.stats'>
export type DelegationStats = TopicPayload<'delegation.stats'>
export type AuctionStats = TopicPayload<'auction.stats'>
export type TerminationStats = TopicPayload<'termination.stats'>
export type RollCall = TopicPayload<'rollcall.courts'>

export function isTopic(name: unknown): name is Topic {
  return typeof name === 'string' && Object.hasOwn(TOPIC_SCHEMAS, name)
}
