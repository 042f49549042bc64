/** Shared by this folder's tests: seeded streams, Beijing clock times, an office-hours rhythm, tick loops. */
import { mulberry32, type Random } from '../random.ts'
import { chinaDate, chinaHourOfDay, chinaTime } from '../../../src/domain/chinaTime.ts'

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

/** A working-day rhythm like the simulator's: 1 in office hours on weekdays, a trickle otherwise. */
export function officeRhythm(ms: number): number {
  const { weekday } = chinaDate(ms)
  const hour = chinaHourOfDay(ms)
  if (weekday === 0 || weekday === 6)
    return 0.05
  return hour >= 8.5 && hour < 17.5 ? 1 : 0.05
}

/** Tick from `fromMs` (exclusive) to `toMs` (inclusive) every `stepMs`, calling `each` after every tick. */
export function runTicks(
  target: { tick: (nowMs: number, activity: number) => void },
  fromMs: number,
  toMs: number,
  stepMs: number,
  each?: (nowMs: number) => void,
): void {
  for (let now = fromMs + stepMs; now <= toMs; now += stepMs) {
    target.tick(now, officeRhythm(now))
    each?.(now)
  }
}
