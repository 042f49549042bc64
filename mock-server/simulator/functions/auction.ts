/** 网拍监管: online judicial auctions this year, by asset class and by unit. */
import { AUCTION_CLASSES, type AuctionStats } from '#protocol'
import { apportion, clamp, round2, sum } from './apportion.ts'
import { FunctionGenerator } from './generator.ts'
import {
  AUCTION_CLASS_MIX, AUCTION_SUCCESS_RATE, AUCTION_TURNOVER_PER_YEAR, AUCTIONS_PER_YEAR, DEFAULT_PRICE_LEVEL,
  MEAN_CONTESTED_PREMIUM, SALE_PRICE_SIGMA, SOLD_AT_RESERVE_SHARE, UNIT_PRICE_LEVEL,
} from '../magnitudes.ts'
import { drawCount, jitterWeights, lognormalUnitMean, weightedPicker, type Random } from '../random.ts'
import { CASELOAD_SHARES, UNIT_IDS_IN_ORDER } from './shares.ts'
import { accrued, chinaDayStart, isYearStart, tickVolume, yearStartOf } from '../calendar.ts'

const auctionsPerYear = () => AUCTIONS_PER_YEAR
const classShares = AUCTION_CLASSES.map(c => AUCTION_CLASS_MIX[c].share)
const classPrices = AUCTION_CLASSES.map(c => AUCTION_CLASS_MIX[c].relativePrice)
const unitPriceLevels = UNIT_IDS_IN_ORDER.map(id => UNIT_PRICE_LEVEL[id] ?? DEFAULT_PRICE_LEVEL)
const MEAN_PREMIUM = (1 - SOLD_AT_RESERVE_SHARE) * MEAN_CONTESTED_PREMIUM
/** Turnover per auction held, sold or not (2.94万亿 / 973万 ≈ 30万). */
const TURNOVER_PER_AUCTION = AUCTION_TURNOVER_PER_YEAR / AUCTIONS_PER_YEAR
/** Units differ from their caseload share by up to this much in auction volume (浙江 auctions more than its caseload, …). */
const UNIT_SPREAD = 0.2

export class AuctionGenerator extends FunctionGenerator<'auction.stats'> {
  private readonly unitWeights: number[]
  private readonly pickUnit: (rng: Random) => number
  private readonly pickClass = weightedPicker(classShares)
  /** yuan of a sale at relative price 1 and price level 1, so the yearly turnover comes out as published */
  private readonly basePrice: number
  private readonly unitYtd: number[]
  private readonly unitTurnover: number[]
  private readonly classYtd: number[]
  private readonly classTurnover: number[]
  private soldYtd: number
  private reserveYtd: number
  private today: number

  constructor(private readonly rng: Random, startMs: number) {
    super(startMs)
    this.unitWeights = jitterWeights(rng, CASELOAD_SHARES, UNIT_SPREAD)
    this.pickUnit = weightedPicker(this.unitWeights)
    const meanClassPrice = sum(classShares.map((s, i) => s * classPrices[i]!)) / sum(classShares)
    const meanUnitLevel = sum(this.unitWeights.map((w, i) => w * unitPriceLevels[i]!))
    this.basePrice = TURNOVER_PER_AUCTION / AUCTION_SUCCESS_RATE / (meanClassPrice * meanUnitLevel)
    const dayStart = chinaDayStart(startMs)
    const yearStart = yearStartOf(startMs)
    const ytd = Math.round(accrued(auctionsPerYear, yearStart, startMs))
    const turnover = Math.round(ytd * TURNOVER_PER_AUCTION)
    this.today = Math.min(ytd, Math.round(accrued(auctionsPerYear, dayStart, startMs)))
    this.soldYtd = Math.round(ytd * AUCTION_SUCCESS_RATE)
    this.reserveYtd = Math.round(turnover / (1 + MEAN_PREMIUM))
    this.unitYtd = apportion(ytd, this.unitWeights)
    this.unitTurnover = apportion(turnover, this.unitWeights.map((w, i) => w * unitPriceLevels[i]!))
    this.classYtd = apportion(ytd, classShares)
    this.classTurnover = apportion(turnover, classShares.map((s, i) => s * classPrices[i]!))
  }

  protected advance(fromMs: number, toMs: number, activity: number): void {
    this.auction(drawCount(this.rng, tickVolume(auctionsPerYear, fromMs, toMs, activity)))
  }

  protected dayBegins(midnightMs: number): void {
    this.today = 0
    if (isYearStart(midnightMs)) {
      for (const counters of [this.unitYtd, this.unitTurnover, this.classYtd, this.classTurnover])
        counters.fill(0)
      this.soldYtd = 0
      this.reserveYtd = 0
    }
  }

  payload(nowMs: number): AuctionStats {
    const ytd = sum(this.unitYtd)
    const turnoverYtd = sum(this.unitTurnover)
    const successRate = ytd > 0 ? this.soldYtd / ytd * 100 : AUCTION_SUCCESS_RATE * 100
    const premiumRate = this.reserveYtd > 0 ? (turnoverYtd / this.reserveYtd - 1) * 100 : MEAN_PREMIUM * 100
    return {
      asOf: Math.floor(nowMs),
      today: this.today,
      ytd,
      successRate: round2(clamp(successRate, 0, 100)),
      premiumRate: round2(clamp(premiumRate, 0, 1000)),
      turnoverYtd,
      byClass: AUCTION_CLASSES.map((assetClass, i) => ({ assetClass, ytd: this.classYtd[i]!, turnoverYtd: this.classTurnover[i]! })),
      byUnit: UNIT_IDS_IN_ORDER.map((unitId, i) => ({ unitId, ytd: this.unitYtd[i]!, turnoverYtd: this.unitTurnover[i]! })),
    }
  }

  /** Auctions this year: auctionTurnoverYtd / onlineAuctionsYtd of national.kpi can read these. */
  totals(): { ytd: number, turnoverYtd: number } {
    return { ytd: sum(this.unitYtd), turnoverYtd: sum(this.unitTurnover) }
  }

  /** Each auction closes on its own: class, unit, sold or not, price and premium drawn one by one. */
  private auction(count: number): void {
    for (let n = 0; n < count; n++) {
      const c = this.pickClass(this.rng)
      const u = this.pickUnit(this.rng)
      this.today++
      this.unitYtd[u] = this.unitYtd[u]! + 1
      this.classYtd[c] = this.classYtd[c]! + 1
      if (this.rng() >= AUCTION_SUCCESS_RATE)
        continue
      // Whole yuan, so per-unit and per-class turnover add up to the national figure exactly.
      const price = Math.max(1, Math.round(this.basePrice * classPrices[c]! * unitPriceLevels[u]! * lognormalUnitMean(this.rng, SALE_PRICE_SIGMA)))
      const premium = this.rng() < SOLD_AT_RESERVE_SHARE ? 0 : -Math.log(1 - this.rng()) * MEAN_CONTESTED_PREMIUM
      this.soldYtd++
      this.reserveYtd += Math.round(price / (1 + premium))
      this.unitTurnover[u] = this.unitTurnover[u]! + price
      this.classTurnover[c] = this.classTurnover[c]! + price
    }
  }
}
