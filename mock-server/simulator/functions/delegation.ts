/** 事项委托: delegations between units today, cumulative since the article's 260,000, and what they saved. */
import type { DelegationStats } from '#protocol'
import { FunctionGenerator } from './generator.ts'
import {
  DELEGATION_ANCHOR, DELEGATIONS_PER_YEAR, DIRECTED_LINKS, LINKED_UNITS, MAX_FLOWS, TRIPS_PER_DELEGATION, YUAN_SAVED_PER_DELEGATION,
} from '../magnitudes.ts'
import { drawCount, weightedPicker, type Random } from '../random.ts'
import { CASELOAD_SHARES, UNIT_IDS_IN_ORDER } from './shares.ts'
import { accrued, chinaDayStart, chinaMonthStart, tickVolume } from '../calendar.ts'

const UNIT_COUNT = UNIT_IDS_IN_ORDER.length
const ANCHOR_MS = chinaMonthStart(DELEGATION_ANCHOR.year, DELEGATION_ANCHOR.month)

/**
 * Weight of each directed pair (index from × UNIT_COUNT + to): both caseloads, times the link
 * factors of neighbours and economic belts, times the migrant-labour corridors one way.
 */
function pairWeights(): number[] {
  const index = new Map(UNIT_IDS_IN_ORDER.map((id, i) => [id, i]))
  const link = Array.from({ length: UNIT_COUNT * UNIT_COUNT }, () => 1)
  const boost = (a: string, b: string, factor: number) => {
    const i = index.get(a)
    const j = index.get(b)
    if (i === undefined || j === undefined)
      throw new Error(`unknown unit in a delegation link: ${a}, ${b}`)
    link[i * UNIT_COUNT + j] = link[i * UNIT_COUNT + j]! * factor
  }
  for (const [a, b, factor] of LINKED_UNITS) {
    boost(a, b, factor)
    boost(b, a, factor)
  }
  for (const [a, b, factor] of DIRECTED_LINKS)
    boost(a, b, factor)
  return link.map((factor, k) => {
    const from = Math.floor(k / UNIT_COUNT)
    const to = k % UNIT_COUNT
    return from === to ? 0 : CASELOAD_SHARES[from]! * CASELOAD_SHARES[to]! * factor
  })
}

const pickPair = weightedPicker(pairWeights())

export class DelegationGenerator extends FunctionGenerator<'delegation.stats'> {
  private cumulative: number
  /** today's delegations per directed pair */
  private readonly pairsToday = Array.from({ length: UNIT_COUNT * UNIT_COUNT }, () => 0)
  private today = 0

  constructor(private readonly rng: Random, startMs: number) {
    super(startMs)
    const dayStart = chinaDayStart(startMs)
    this.cumulative = DELEGATION_ANCHOR.cumulative + Math.round(accrued(DELEGATIONS_PER_YEAR, ANCHOR_MS, dayStart))
    this.delegate(Math.round(accrued(DELEGATIONS_PER_YEAR, dayStart, startMs)))
  }

  protected advance(fromMs: number, toMs: number, activity: number): void {
    this.delegate(drawCount(this.rng, tickVolume(DELEGATIONS_PER_YEAR, fromMs, toMs, activity)))
  }

  protected dayBegins(): void {
    this.pairsToday.fill(0)
    this.today = 0
  }

  /**
   * `flows` are the biggest pairs of today, at most MAX_FLOWS: they hold most of the day's
   * delegations, and their sum is at most `today` (a quiet day's flows may hold all of it).
   */
  payload(nowMs: number): DelegationStats {
    const flows: DelegationStats['flows'] = []
    this.pairsToday.forEach((count, k) => {
      if (count > 0)
        flows.push({ from: UNIT_IDS_IN_ORDER[Math.floor(k / UNIT_COUNT)]!, to: UNIT_IDS_IN_ORDER[k % UNIT_COUNT]!, count })
    })
    // Array.sort is stable, so equal counts keep the fixed pair order: the same state gives the same list.
    flows.sort((a, b) => b.count - a.count)
    return {
      asOf: Math.floor(nowMs),
      today: this.today,
      cumulative: this.cumulative,
      personTripsSaved: Math.round(this.cumulative * TRIPS_PER_DELEGATION),
      costSaved: Math.round(this.cumulative * YUAN_SAVED_PER_DELEGATION),
      flows: flows.slice(0, MAX_FLOWS),
    }
  }

  private delegate(count: number): void {
    for (let i = 0; i < count; i++) {
      const k = pickPair(this.rng)
      this.pairsToday[k] = this.pairsToday[k]! + 1
    }
    this.today += count
    this.cumulative += count
  }
}
