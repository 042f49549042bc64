/**
 * What a one-topic function page (网络查控, 失信惩戒, 事项委托) needs from the wall: its CSS grid for
 * the wall's profile (src/layout/areas.ts), the type size for its charts, and its topic's age and
 * staleness, which every panel of the page shows.
 */
import { computed, type ComputedRef } from 'vue'
import { areasCss, arrangementFor } from '~/layout/areas'
import { injectWallLayout } from '~/layout/useWallLayout'
import type { Topic } from '~/protocol'
import { useFeedStore } from '~/stores/feed'

export interface FunctionPage {
  /** style for the page root: grid-template-areas, columns, rows */
  grid: ComputedRef<Record<string, string>>
  /** body type size in px, for chart builders */
  fontPx: ComputedRef<number>
  /** v-bind for every panel: `stale` and `ageMs` of the page's topic */
  age: ComputedRef<{ stale: boolean, ageMs: number | null }>
}

export function useFunctionPage(pageId: string, topic: Topic): FunctionPage {
  const layout = injectWallLayout()
  const feed = useFeedStore()
  const grid = computed((): Record<string, string> => {
    const arrangement = arrangementFor(pageId, layout.profile.value)
    if (!arrangement)
      return {}
    const columns = arrangement.areas[0]?.split(' ').length ?? layout.profile.value.columns
    return {
      gridTemplateAreas: areasCss(arrangement),
      gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
      gridTemplateRows: arrangement.rows ?? `repeat(${arrangement.areas.length}, minmax(0, 1fr))`,
    }
  })
  return {
    grid,
    fontPx: computed(() => layout.scale.value.base),
    age: computed(() => ({ stale: feed.isStale(topic), ageMs: feed.ageOf(topic) })),
  }
}
