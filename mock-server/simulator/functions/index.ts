/**
 * The function pages' generators behind one object of the generators' own shape:
 *
 *   const pages = new FunctionPages(rng, startMs)
 *   pages.tick(now, activity)                  // with the simulator's own tick
 *   Object.assign(topics, pages.payloads(now)) // the six function topics
 *   pages.drawRollCall(count, seed, now)       // on an operator's re-draw
 *
 * Each generator draws from a stream seeded once from `rng`, so how often the simulator ticks or
 * what it draws for its own topics never changes these figures' sequence for a given seed.
 */
import type { RollCall, TopicPayloads } from '#protocol'
import { AuctionGenerator } from './auction.ts'
import { CreditGenerator } from './credit.ts'
import { DelegationGenerator } from './delegation.ts'
import { InquiryGenerator } from './inquiry.ts'
import { childSeed, mulberry32, type Random } from '../random.ts'
import { RollCallGenerator, type RollCallOptions } from './rollcall.ts'
import { TerminationGenerator } from './termination.ts'

/** The topics of the function pages (topics-functions.ts). */
export type FunctionTopic = 'inquiry.stats' | 'credit.stats' | 'delegation.stats' | 'auction.stats' | 'termination.stats' | 'rollcall.courts'

/**
 * The function pages' figures the overview shows too (national.kpi, province.stats). The pages'
 * generators own them; the overview only reads them here, so the two never disagree.
 */
export interface OverviewFigures {
  /** per unit, in protocol order; they add up to inquiry.stats' inquiriesToday */
  networkInquiriesToday: readonly number[]
  /** per unit, in protocol order: credit.stats' byUnit listedNow */
  dishonestDebtorsListed: readonly number[]
  /** auction.stats' ytd */
  onlineAuctionsYtd: number
  /** auction.stats' turnoverYtd */
  auctionTurnoverYtd: number
}

export class FunctionPages {
  private readonly inquiry: InquiryGenerator
  private readonly credit: CreditGenerator
  private readonly delegation: DelegationGenerator
  private readonly auction: AuctionGenerator
  private readonly termination: TerminationGenerator
  private readonly rollCall: RollCallGenerator

  /** `options` link the drawn courts to the simulator's other figures (a unit's closure rate). */
  constructor(rng: Random, startMs: number, options: RollCallOptions = {}) {
    const stream = () => mulberry32(childSeed(rng))
    this.inquiry = new InquiryGenerator(stream(), startMs)
    this.credit = new CreditGenerator(stream(), startMs)
    this.delegation = new DelegationGenerator(stream(), startMs)
    this.auction = new AuctionGenerator(stream(), startMs)
    this.termination = new TerminationGenerator(stream(), startMs)
    this.rollCall = new RollCallGenerator(stream(), startMs, options)
  }

  /** Move every function page on to `nowMs`; `activity` (0–1) is the working-day rhythm factor. */
  tick(nowMs: number, activity: number): void {
    for (const generator of [this.inquiry, this.credit, this.delegation, this.auction, this.termination, this.rollCall])
      generator.tick(nowMs, activity)
  }

  /** The six function topics as of the last tick (reads only: calling it twice changes nothing). */
  payloads(nowMs: number): Pick<TopicPayloads, FunctionTopic> {
    return {
      'inquiry.stats': this.inquiry.payload(nowMs),
      'credit.stats': this.credit.payload(nowMs),
      'delegation.stats': this.delegation.payload(nowMs),
      'auction.stats': this.auction.payload(nowMs),
      'termination.stats': this.termination.payload(nowMs),
      'rollcall.courts': this.rollCall.payload(nowMs),
    }
  }

  /** A new random roll call of `count` courts (1–30), the same courts for the same `drawSeed`; it stays the payload until the next draw. */
  drawRollCall(count: number, drawSeed: number, nowMs: number, drawId?: string): RollCall {
    return this.rollCall.draw(count, drawSeed, nowMs, drawId)
  }

  /** The figures the overview shows too, as of the last tick (reads only). */
  overviewFigures(): OverviewFigures {
    const { ytd, turnoverYtd } = this.auction.totals()
    return {
      networkInquiriesToday: this.inquiry.inquiriesTodayByUnit(),
      dishonestDebtorsListed: this.credit.listedByUnit(),
      onlineAuctionsYtd: ytd,
      auctionTurnoverYtd: turnoverYtd,
    }
  }
}
