/**
 * The function pages' generators behind one object, for the simulator to wire in a few lines:
 *
 *   const functions = createFunctionSimulators(rng, startMs)
 *   functions.tick(now, activity)                  // with the simulator's own tick
 *   Object.assign(topics, functions.payloads(now)) // the six function topics
 *   functions.drawRollCall(count, seed, now)       // on an operator's re-draw
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

/** The function pages' generators as the simulator drives them. */
export interface FunctionSimulators {
  /** Move every function page on to `nowMs`; `activity` (0–1) is the working-day rhythm factor. */
  tick: (nowMs: number, activity: number) => void
  /** The six function topics as of the last tick (reads only: calling it twice changes nothing). */
  payloads: (nowMs: number) => Pick<TopicPayloads, FunctionTopic>
  /** A new random roll call of `count` courts (1–30), the same courts for the same `drawSeed`; it stays the payload until the next draw. */
  drawRollCall: (count: number, drawSeed: number, nowMs: number, drawId?: string) => RollCall
  /** Figures national.kpi shares with the function pages, so the overview and the pages agree. */
  kpiFigures: () => { networkInquiriesToday: number, dishonestDebtorsListed: number, onlineAuctionsYtd: number, auctionTurnoverYtd: number }
}

/** Optional links to the simulator's other figures (a unit's closure rate for the drawn courts). */
export type FunctionSimulatorOptions = RollCallOptions

export function createFunctionSimulators(rng: Random, startMs: number, options: FunctionSimulatorOptions = {}): FunctionSimulators {
  const stream = () => mulberry32(childSeed(rng))
  const inquiry = new InquiryGenerator(stream(), startMs)
  const credit = new CreditGenerator(stream(), startMs)
  const delegation = new DelegationGenerator(stream(), startMs)
  const auction = new AuctionGenerator(stream(), startMs)
  const termination = new TerminationGenerator(stream(), startMs)
  const rollCall = new RollCallGenerator(stream(), startMs, options)
  const generators = [inquiry, credit, delegation, auction, termination, rollCall]
  return {
    tick: (nowMs, activity) => {
      for (const generator of generators)
        generator.tick(nowMs, activity)
    },
    payloads: nowMs => ({
      'inquiry.stats': inquiry.payload(nowMs),
      'credit.stats': credit.payload(nowMs),
      'delegation.stats': delegation.payload(nowMs),
      'auction.stats': auction.payload(nowMs),
      'termination.stats': termination.payload(nowMs),
      'rollcall.courts': rollCall.payload(nowMs),
    }),
    drawRollCall: (count, drawSeed, nowMs, drawId) => rollCall.draw(count, drawSeed, nowMs, drawId),
    kpiFigures: () => {
      const { ytd, turnoverYtd } = auction.totals()
      return {
        networkInquiriesToday: inquiry.inquiriesTodayTotal(),
        dishonestDebtorsListed: credit.listedNow(),
        onlineAuctionsYtd: ytd,
        auctionTurnoverYtd: turnoverYtd,
      }
    },
  }
}
