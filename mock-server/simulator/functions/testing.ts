/** Shared by this folder's tests: seeded streams, Beijing clock times, tick loops at the simulator's rhythm. */
import { mulberry32, type Random } from '../random.ts'
import { chinaTime, rhythmFactor } from '../calendar.ts'

export { mulberry32 }

export const MINUTE_MS = 60_000

/** A seeded PRNG, as the simulator passes one. */
export function seeded(seed: number): Random {
  return mulberry32(seed)
}

/** An instant given in Beijing time (month 1–12). */
export function beijing(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return chinaTime(year, month, day, hour, minute)
}

/**
 * Tick from `fromMs` (exclusive) to `toMs` (inclusive) every `stepMs` at the simulator's rhythm, as
 * model.ts ticks the pages, calling `each` after every tick.
 */
export function runTicks(
  target: { tick: (nowMs: number, activity: number) => void },
  fromMs: number,
  toMs: number,
  stepMs: number,
  each?: (nowMs: number) => void,
): void {
  for (let now = fromMs + stepMs; now <= toMs; now += stepMs) {
    target.tick(now, rhythmFactor(now))
    each?.(now)
  }
}
