/**
 * Figures as the feed carries them: integer splits of national figures over units (or classes)
 * whose parts add up exactly, so a wall that sums the 32 rows always finds the national number;
 * sums, bounds and rates to two decimals.
 */

/** Largest-remainder split of a whole `total` by `weights`; ties go to the earlier index. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + Math.max(0, w), 0)
  if (total <= 0 || !(sum > 0))
    return weights.map(() => 0)
  const exact = weights.map(w => total * Math.max(0, w) / sum)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((s, p) => s + p, 0)
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i
    parts[i] = parts[i]! + 1
  }
  return parts
}

/**
 * Split an increment of a counter kept per unit without taking anything back: the parts go to the
 * units furthest below their share of the new total. Every unit's counter only grows, and the
 * counters stay near their shares however small the increments are (a plain split of 1 would
 * always land on the biggest unit).
 */
export function allocateIncrement(current: readonly number[], weights: readonly number[], delta: number): number[] {
  if (delta <= 0)
    return current.map(() => 0)
  const weightSum = weights.reduce((s, w) => s + Math.max(0, w), 0)
  const newTotal = current.reduce((s, c) => s + c, 0) + delta
  const deficits = current.map((c, i) => Math.max(0, Math.max(0, weights[i] ?? 0) / weightSum * newTotal - c))
  return deficits.some(d => d > 0) ? apportion(delta, deficits) : apportion(delta, weights)
}

/** Add `delta` to a per-unit counter in place (see allocateIncrement). */
export function addAllocated(counters: number[], weights: readonly number[], delta: number): void {
  const parts = allocateIncrement(counters, weights, delta)
  for (let i = 0; i < counters.length; i++)
    counters[i] = counters[i]! + parts[i]!
}

export function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0)
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x))
}

/** A rate (percent) to two decimals, as the topics carry rates. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100
}
