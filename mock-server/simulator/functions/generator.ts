/** What every function-page generator offers the simulator. */
import type { Topic, TopicPayload } from '#protocol'

export interface FunctionGenerator<T extends Topic> {
  /**
   * Move the figures on to `nowMs`. `activity` (0–1) is the working-day rhythm: at 1 through office
   * hours a working day's share of each yearly volume arrives. Calls with a time not after the
   * previous one change nothing.
   */
  tick: (nowMs: number, activity: number) => void
  /** The topic's payload from the figures as of the last tick; reads only, draws nothing. */
  payload: (nowMs: number) => TopicPayload<T>
}
