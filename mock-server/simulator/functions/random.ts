/**
 * Draws for the function-page generators. Everything takes the PRNG as an argument so a seed
 * replays the same feed; nothing here reads Math.random or the clock.
 */

export type Rng = () => number

/** A small seeded PRNG (mulberry32): for draws that must depend on a given seed only, e.g. a roll call's drawSeed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A 32-bit seed taken from another PRNG, so each generator gets a stream of its own. */
export function childSeed(rng: Rng): number {
  return Math.floor(rng() * 4294967296) >>> 0
}

/** FNV-1a: a stable 32-bit hash of a text, for figures tied to a name (a court keeps its size across draws). */
export function hashText(text: string): number {
  let h = 0x811C9DC5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A standard normal variate (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng())
}

/** A log-normal variate with mean 1: sizes of things (a frozen sum, a sale price) are heavy-tailed. */
export function lognormalUnitMean(rng: Rng, sigma: number): number {
  return Math.exp(sigma * gaussian(rng) - sigma * sigma / 2)
}

/**
 * How many events happen when `expected` are due: Poisson for small numbers (a quiet tick often
 * has none), its normal approximation for large ones.
 */
export function drawCount(rng: Rng, expected: number): number {
  if (!(expected > 0))
    return 0
  if (expected < 30) {
    const limit = Math.exp(-expected)
    let k = 0
    let p = rng()
    while (p > limit) {
      k++
      p *= rng()
    }
    return k
  }
  return Math.max(0, Math.round(expected + Math.sqrt(expected) * gaussian(rng)))
}

/** A picker over fixed weights: binary search on the cumulative weights. */
export function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cumulative: number[] = []
  let sum = 0
  for (const w of weights) {
    sum += Math.max(0, w)
    cumulative.push(sum)
  }
  if (!(sum > 0))
    throw new Error('weightedPicker: weights must have a positive sum')
  return (rng) => {
    const target = rng() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] ?? 0) > target)
        hi = mid
      else
        lo = mid + 1
    }
    return lo
  }
}

/** Weights scaled to sum to 1. */
export function normalize(weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  return weights.map(w => w / sum)
}

/** Each weight moved by up to ±spread (fixed per generator), then normalised: units differ a little page to page. */
export function jitterWeights(rng: Rng, weights: readonly number[], spread: number): number[] {
  return normalize(weights.map(w => w * (1 + spread * (2 * rng() - 1))))
}
