/**
 * How fresh the data behind a panel is: stale or not, and how old, for the panel's stale mark.
 *
 * The age is given only while the data is stale: that is the only time a panel shows it. A figure
 * that moved every second would make every panel of a page render again every second, on a wall
 * where each of those renders is a frame of 7680×2160. The value keeps its identity while it
 * means the same, so nothing downstream runs for a clock tick that changes nothing.
 */
import { computed, type ComputedRef } from 'vue'
import type { PanelFreshness } from '~/panels/panelProps'
import type { Topic } from '~/protocol'
import { useFeedStore } from '~/stores/feed'

/** A panel's `stale` and `ageMs`; the age is the oldest topic's, while stale. */
export type Freshness = Required<PanelFreshness>

/** Stale when any of `topics` is; the age shown is the oldest. */
export function useFreshness(...topics: Topic[]): ComputedRef<Freshness> {
  const feed = useFeedStore()
  return computed((previous) => {
    const stale = topics.some(topic => feed.isStale(topic))
    let ageMs: number | null = null
    if (stale) {
      const ages = topics.map(topic => feed.ageOf(topic))
      ageMs = ages.includes(null) ? null : Math.max(...(ages as number[]))
    }
    return previous && previous.stale === stale && previous.ageMs === ageMs ? previous : { stale, ageMs }
  })
}
