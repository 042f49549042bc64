/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine,
 * which is what makes the simulated feed reproducible in tests and demos.
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

/** Uniform in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random()
}

/** Standard normal (Box–Muller); one draw costs two uniforms, none is cached so sequences stay simple. */
export function normal(random: Random): number {
  const u = 1 - random() // (0, 1]: log(0) would be -Infinity
  const w = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w)
}
