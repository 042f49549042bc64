/** The one shape of a function-page generator: it owns `tick`, each page fills in a day's work. */
import type { Topic, TopicPayload } from '#protocol'
import { clampActivity, walkChinaDays } from '../calendar.ts'

export abstract class FunctionGenerator<T extends Topic> {
  /** the instant the figures describe */
  protected lastMs: number

  constructor(startMs: number) {
    this.lastMs = startMs
  }

  /**
   * Move the figures on to `nowMs`. `activity` (0–1) is the rhythm factor (calendar.ts
   * `rhythmFactor`): ticked at it, a day adds what the start-up backfill gives that day. Calls with
   * a time not after the previous one change nothing. The span is cut at every Beijing midnight, so
   * "today" counters restart exactly there.
   */
  tick(nowMs: number, activity: number): void {
    const rhythm = clampActivity(activity)
    this.lastMs = walkChinaDays(this.lastMs, nowMs, (from, to) => this.advance(from, to, rhythm), midnight => this.dayBegins(midnight))
  }

  /** The topic's payload from the figures as of the last tick; reads only, draws nothing. */
  abstract payload(nowMs: number): TopicPayload<T>

  /** The work of a span within one Beijing day, at the (clamped) rhythm factor. */
  protected abstract advance(fromMs: number, toMs: number, activity: number): void

  /** A Beijing midnight: today's counters restart (and on 1 January the year's). */
  protected abstract dayBegins(midnightMs: number): void
}
