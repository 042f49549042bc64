/**
 * The simulator's one source of randomness: a small seeded PRNG (mulberry32) and the draws built
 * on it. The same seed gives the same sequence on every machine, which is what makes the simulated
 * feed reproducible in tests and demos. Everything takes the PRNG as an argument; nothing here
 * reads Math.random or the clock.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number

export function mulberry32(seed: number): Random {
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
export function childSeed(random: Random): number {
  return Math.floor(random() * 4294967296) >>> 0
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

/** Uniform in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random()
}

/** Standard normal (Box–Muller); one draw costs two uniforms, none is cached so sequences stay simple. */
export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12) // (0, 1): log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** A log-normal variate with mean 1: sizes of things (a frozen sum, a sale price) are heavy-tailed. */
export function lognormalUnitMean(random: Random, sigma: number): number {
  return Math.exp(sigma * normal(random) - sigma * sigma / 2)
}

/**
 * How many events happen when `expected` are due: Poisson for small numbers (a quiet tick often
 * has none), its normal approximation for large ones.
 */
export function drawCount(random: Random, expected: number): number {
  if (!(expected > 0))
    return 0
  if (expected < 30) {
    const limit = Math.exp(-expected)
    let k = 0
    let p = random()
    while (p > limit) {
      k++
      p *= random()
    }
    return k
  }
  return Math.max(0, Math.round(expected + Math.sqrt(expected) * normal(random)))
}

/** A picker over fixed weights: binary search on the cumulative weights. */
export function weightedPicker(weights: readonly number[]): (random: Random) => number {
  const cumulative: number[] = []
  let sum = 0
  for (const w of weights) {
    sum += Math.max(0, w)
    cumulative.push(sum)
  }
  if (!(sum > 0))
    throw new Error('weightedPicker: weights must have a positive sum')
  return (random) => {
    const target = random() * sum
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
export function jitterWeights(random: Random, weights: readonly number[], spread: number): number[] {
  return normalize(weights.map(w => w * (1 + spread * (2 * random() - 1))))
}
