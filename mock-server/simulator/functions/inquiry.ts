/** 网络查控: agency requests, hits, freezes and a ticker of the newest anonymous events. */
import { ASSET_KINDS, INQUIRY_AGENCIES, type InquiryStats } from '#protocol'
import { addAllocated, apportion, sum } from './apportion.ts'
import { FunctionGenerator } from './generator.ts'
import {
  AGENCY_WEIGHTS, ASSET_HIT_WEIGHTS, ASSET_HOLDERS, FREEZABLE_KINDS, FREEZE_CAP, FREEZE_SIGMA, FREEZES_PER_YEAR,
  FROZEN_PER_YEAR, HIT_SHARE, INQUIRIES_PER_YEAR, INQUIRY_REACH,
} from '../magnitudes.ts'
import { drawCount, lognormalUnitMean, weightedPicker, type Random } from '../random.ts'
import { CASELOAD_SHARES, UNIT_IDS_IN_ORDER } from './shares.ts'
import { accrued, chinaDayStart, isYearStart, tickVolume, yearStartOf } from '../calendar.ts'

type TickerEvent = InquiryStats['ticker'][number]

const TICKER_LENGTH = 30
/** Hits put on the ticker per tick at most: at peak several arrive each second, more would only scroll past unread. */
const QUERY_EVENTS_PER_TICK = 4
/** Freezes drawn one by one per tick at most; beyond this (a long gap between ticks) they count at the mean sum. */
const FREEZES_DRAWN_PER_TICK = 500
/** Events put on the ticker at start, spread over the minute before, so the ticker never opens empty. */
const OPENING_EVENTS = 10

const MEAN_FREEZE = FROZEN_PER_YEAR / FREEZES_PER_YEAR
const inquiriesPerYear = () => INQUIRIES_PER_YEAR
const freezesPerYear = () => FREEZES_PER_YEAR
const agencyWeights = INQUIRY_AGENCIES.map(a => AGENCY_WEIGHTS[a])
const hitWeights = ASSET_KINDS.map(k => ASSET_HIT_WEIGHTS[k])
const pickUnit = weightedPicker(CASELOAD_SHARES)
const pickHitKind = weightedPicker(hitWeights)
const pickFreezableKind = weightedPicker(FREEZABLE_KINDS.map(k => ASSET_HIT_WEIGHTS[k]))

function serialOf(event: TickerEvent): number {
  return Number.parseInt(event.id.slice('inq-'.length), 36)
}

export class InquiryGenerator extends FunctionGenerator<'inquiry.stats'> {
  /** today's agency requests by agency, and the same requests by unit (protocol order) */
  private readonly inquiriesToday: number[]
  private readonly inquiriesTodayOfUnit: number[]
  private readonly hitsToday: number[]
  private inquiriesYtd: number
  private freezesToday: number
  private freezesYtd: number
  private frozenToday: number
  private frozenYtd: number
  /** newest first */
  private ticker: TickerEvent[] = []
  private serial = 0

  constructor(private readonly rng: Random, startMs: number) {
    super(startMs)
    const dayStart = chinaDayStart(startMs)
    const yearStart = yearStartOf(startMs)
    // Counters open where a feed running since the new year would have them.
    const today = Math.round(accrued(inquiriesPerYear, dayStart, startMs))
    this.inquiriesToday = apportion(today, agencyWeights)
    this.inquiriesTodayOfUnit = apportion(today, CASELOAD_SHARES)
    this.hitsToday = apportion(Math.round(today * HIT_SHARE), hitWeights)
    this.inquiriesYtd = Math.round(accrued(inquiriesPerYear, yearStart, dayStart)) + today
    this.freezesToday = Math.round(accrued(freezesPerYear, dayStart, startMs))
    this.frozenToday = Math.round(this.freezesToday * MEAN_FREEZE)
    const freezesBefore = Math.round(accrued(freezesPerYear, yearStart, dayStart))
    this.freezesYtd = freezesBefore + this.freezesToday
    this.frozenYtd = Math.round(freezesBefore * MEAN_FREEZE) + this.frozenToday
    const openingFrom = Math.max(dayStart, startMs - 60_000)
    for (let i = 0; i < OPENING_EVENTS; i++) {
      const at = openingFrom + Math.floor(this.rng() * (startMs - openingFrom))
      this.record(i % 3 === 0 ? this.freezeEvent(at) : this.queryEvent(at))
    }
    this.sortTicker()
  }


  payload(nowMs: number): InquiryStats {
    return {
      asOf: Math.floor(nowMs),
      reach: { ...INQUIRY_REACH },
      inquiriesToday: sum(this.inquiriesToday),
      inquiriesYtd: this.inquiriesYtd,
      freezesToday: this.freezesToday,
      freezesYtd: this.freezesYtd,
      frozenAmountToday: this.frozenToday,
      frozenAmountYtd: this.frozenYtd,
      byAgency: INQUIRY_AGENCIES.map((agency, i) => ({ agency, inquiriesToday: this.inquiriesToday[i]! })),
      byAssetKind: ASSET_KINDS.map((assetKind, i) => ({ assetKind, hitsToday: this.hitsToday[i]! })),
      ticker: this.ticker.map(e => ({ ...e })),
    }
  }

  /** Agency requests today by unit, for province.stats; they add up to the payload's inquiriesToday. */
  inquiriesTodayByUnit(): number[] {
    return [...this.inquiriesTodayOfUnit]
  }

  protected advance(fromMs: number, toMs: number, activity: number): void {
    const inquiries = tickVolume(inquiriesPerYear, fromMs, toMs, activity)
    let added = 0
    agencyWeights.forEach((w, i) => {
      const n = drawCount(this.rng, inquiries * w)
      this.inquiriesToday[i] = this.inquiriesToday[i]! + n
      added += n
    })
    this.inquiriesYtd += added
    // Split by allocation, so no unit's count goes back within a day however small the tick.
    addAllocated(this.inquiriesTodayOfUnit, CASELOAD_SHARES, added)
    let hits = 0
    hitWeights.forEach((w, i) => {
      const n = drawCount(this.rng, added * HIT_SHARE * w)
      this.hitsToday[i] = this.hitsToday[i]! + n
      hits += n
    })
    const events: TickerEvent[] = []
    const at = () => fromMs + Math.floor(this.rng() * (toMs - fromMs))
    for (let i = 0; i < Math.min(hits, QUERY_EVENTS_PER_TICK); i++)
      events.push(this.queryEvent(at()))
    const freezes = drawCount(this.rng, tickVolume(freezesPerYear, fromMs, toMs, activity))
    const drawn = Math.min(freezes, FREEZES_DRAWN_PER_TICK)
    for (let i = 0; i < drawn; i++)
      events.push(this.freezeEvent(at()))
    const undrawn = Math.round((freezes - drawn) * MEAN_FREEZE)
    this.freezesToday += freezes - drawn
    this.freezesYtd += freezes - drawn
    this.frozenToday += undrawn
    this.frozenYtd += undrawn
    // Only the newest can show; the older freezes of a burst still count in the totals via freezeEvent.
    events.sort((a, b) => a.at - b.at)
    for (const e of events.slice(-TICKER_LENGTH))
      this.record(e)
    this.sortTicker()
  }

  protected dayBegins(midnightMs: number): void {
    this.inquiriesToday.fill(0)
    this.inquiriesTodayOfUnit.fill(0)
    this.hitsToday.fill(0)
    this.freezesToday = 0
    this.frozenToday = 0
    if (isYearStart(midnightMs)) {
      this.inquiriesYtd = 0
      this.freezesYtd = 0
      this.frozenYtd = 0
    }
  }

  private queryEvent(at: number): TickerEvent {
    const assetKind = ASSET_KINDS[pickHitKind(this.rng)]!
    return this.event(at, assetKind, 'query', null)
  }

  /** A freeze with its sum; counted in the totals here, so the ticker's sums are part of them. */
  private freezeEvent(at: number): TickerEvent {
    const assetKind = FREEZABLE_KINDS[pickFreezableKind(this.rng)]!
    const amount = Math.max(1, Math.round(Math.min(FREEZE_CAP, MEAN_FREEZE * lognormalUnitMean(this.rng, FREEZE_SIGMA))))
    this.freezesToday++
    this.freezesYtd++
    this.frozenToday += amount
    this.frozenYtd += amount
    return this.event(at, assetKind, 'freeze', amount)
  }

  private event(at: number, assetKind: TickerEvent['assetKind'], action: TickerEvent['action'], amount: number | null): TickerEvent {
    const holders = ASSET_HOLDERS[assetKind]
    const agency = holders[Math.floor(this.rng() * holders.length)] ?? holders[0]!
    const unitId = UNIT_IDS_IN_ORDER[pickUnit(this.rng)]!
    this.serial++
    return { id: `inq-${this.serial.toString(36)}`, at, unitId, agency, assetKind, action, amount }
  }

  private record(event: TickerEvent): void {
    this.ticker.push(event)
  }

  private sortTicker(): void {
    this.ticker.sort((a, b) => b.at - a.at || serialOf(b) - serialOf(a))
    if (this.ticker.length > TICKER_LENGTH)
      this.ticker.length = TICKER_LENGTH
  }
}
